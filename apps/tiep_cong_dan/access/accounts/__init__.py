"""The desk's accounts and how they sign in: lockout after repeated failures
(django-axes), a second factor by TOTP (django-otp) for the roles that need it, the
password policy, password resets and one-time passwords, and the administrators' pages
for users. It asks the roles and the account log (access/roles.py, access/grants/),
so it lives beside them; the security headers every response carries are core's
(core/headers.py)."""
