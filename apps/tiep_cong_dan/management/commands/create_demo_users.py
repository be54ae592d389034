from django.core.management.base import BaseCommand

from tiep_cong_dan.demo.users import create_demo_users


class Command(BaseCommand):
    help = "Create one demo user per role (password from TCD_DEMO_PASSWORD, else random)."

    def handle(self, *args, **options):
        password, rows = create_demo_users()
        self.stdout.write(f"Demo users (password for all: {password})")
        for username, role in rows:
            self.stdout.write(f"  {username:<15} {role}")
