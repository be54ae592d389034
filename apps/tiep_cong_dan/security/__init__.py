"""Login hardening of the desk: lockout after repeated failures (django-axes), a second
factor by TOTP (django-otp) for the roles that need it, the password policy and the
security headers."""
