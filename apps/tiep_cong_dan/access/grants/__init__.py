"""Who holds which role, and how it changes: a role that clears a user to see a
denouncer's identity (Law on Denunciation 2018 Art. 8(3), 47) takes effect only when a
second cleared person confirms it; nobody changes their own roles; every change to an
account (roles, desk access, e-mail, passwords, second factor) is logged."""
