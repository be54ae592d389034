from django.core.management.base import BaseCommand

from tiep_cong_dan.access.roles import ensure_role_groups
from tiep_cong_dan.doctype.admin_unit.services import load_admin_units
from tiep_cong_dan.doctype.agency.services import load_agencies
from tiep_cong_dan.doctype.bridge_point.services import load_bridge_points
from tiep_cong_dan.workflow.loader import load_workflows


class Command(BaseCommand):
    help = (
        "Load Lạng Sơn's administrative units, agencies, bridge points, role groups and the "
        "shipped workflows (a workflow edited in the desk is kept unless --reset-workflows)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-workflows",
            action="store_true",
            help="Replace the workflows in the database with the shipped YAML files.",
        )

    def handle(self, *args, **options):
        ensure_role_groups()
        units = load_admin_units()
        self.stdout.write(
            f"Administrative units: {units['districts']} districts and {units['old_communes']} "
            f"communes before 2025-07-01; {units['new_communes']} communes from 2025-07-01; "
            f"{units['successions']} old->new successions"
        )
        agencies = load_agencies()
        self.stdout.write(
            f"Agencies: {agencies['total']} ({agencies['departments']} "
            f"departments, {agencies['committees']} People's Committees)"
        )
        points = load_bridge_points()
        self.stdout.write("Bridge points: " + ", ".join(f"{k} {v}" for k, v in points.items()))
        written = load_workflows(reset=options["reset_workflows"])
        self.stdout.write(
            "Workflows loaded: " + (", ".join(written) if written else "none (already present)")
        )
