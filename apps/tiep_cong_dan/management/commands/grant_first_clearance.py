from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from tiep_cong_dan.access.grants.constants import CONFIRMERS
from tiep_cong_dan.access.grants.services import log_system_setup
from tiep_cong_dan.access.roles import IDENTITY_CLEARED


class Command(BaseCommand):
    help = (
        "System set-up: give a cleared role (chairman, board_head, board_officer) to a user "
        "while nobody can confirm one in the desk yet (no active Chairman or Board head). "
        "It bypasses the desk's confirmation and the account log says so; once a "
        "Chairman or Board head exists, grant roles in the desk."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("role", choices=sorted(IDENTITY_CLEARED))

    @transaction.atomic
    def handle(self, *args, username, role, **options):
        confirmers = User.objects.filter(is_active=True, groups__name__in=CONFIRMERS)
        if confirmers.exists():
            names = ", ".join(sorted(set(confirmers.values_list("username", flat=True))))
            raise CommandError(
                f"A Chairman or Board head can already confirm roles ({names}): ask for the "
                "role on the user's page in the desk."
            )
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username}.")
        user.groups.add(Group.objects.get(name=role))
        log_system_setup(user, [role], command="grant_first_clearance")
        self.stdout.write(
            f"{username} now holds {role}: system set-up, without the desk's confirmation "
            "(written to the account and role log)."
        )
