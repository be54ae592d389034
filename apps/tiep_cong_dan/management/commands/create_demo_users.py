from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from tiep_cong_dan.demo.users import create_demo_users


class Command(BaseCommand):
    help = "Create one demo user per role (password from TCD_DEMO_PASSWORD, else random)."

    def handle(self, *args, **options):
        try:
            password, rows = create_demo_users()
        except ValidationError as error:
            # TCD_DEMO_PASSWORD is held to the same policy as every other password.
            raise CommandError("TCD_DEMO_PASSWORD: " + " ".join(error.messages)) from error
        self.stdout.write(f"Demo users (password for all: {password})")
        self.stdout.write(
            "  Roles written directly as system set-up, without the desk's confirmation of "
            "cleared roles (see the account and role log)."
        )
        for username, role in rows:
            self.stdout.write(f"  {username:<15} {role}")
