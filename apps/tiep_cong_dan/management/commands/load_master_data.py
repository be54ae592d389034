from django.core.management.base import BaseCommand

from tiep_cong_dan.access.roles import ensure_role_groups
from tiep_cong_dan.doctype.admin_unit.services import load_admin_units
from tiep_cong_dan.doctype.agency.services import follow_agency_successions, load_agencies
from tiep_cong_dan.doctype.bridge_point.services import load_bridge_points
from tiep_cong_dan.doctype.legal_basis.services import load_legal_bases
from tiep_cong_dan.doctype.public_page.services import seed_public_pages
from tiep_cong_dan.jobs.schedules import load_schedules
from tiep_cong_dan.print_format.loader import load_print_formats
from tiep_cong_dan.workflow.loader import load_workflows


class Command(BaseCommand):
    help = (
        "Load Lạng Sơn's administrative units, agencies, bridge points, role groups, the legal "
        "bases documents cite, the public site's information pages and the "
        "shipped workflows and print formats (edits made in the desk are kept unless reset); "
        "hand the open tasks of merged agencies to their successors."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-workflows",
            action="store_true",
            help="Replace the workflows in the database with the shipped YAML files.",
        )
        parser.add_argument(
            "--reset-print-formats",
            action="store_true",
            help="Replace the print formats in the database with the shipped templates.",
        )

    def handle(self, *args, **options):
        ensure_role_groups()
        units = load_admin_units()
        self.stdout.write(
            f"Administrative units: {units['ended_2024']} communes ended on 2024-12-01; "
            f"{units['districts']} districts and {units['old_communes']} communes before "
            f"2025-07-01; {units['new_communes']} communes from 2025-07-01; "
            f"{units['successions_2024']} successions on 2024-12-01 and "
            f"{units['successions']} on 2025-07-01"
        )
        agencies = load_agencies()
        self.stdout.write(
            f"Agencies: {agencies['total']} ({agencies['departments']} "
            f"departments, {agencies['successions']} merged into a successor, "
            f"{agencies['committees']} People's Committees)"
        )
        points = load_bridge_points()
        self.stdout.write("Bridge points: " + ", ".join(f"{k} {v}" for k, v in points.items()))
        bases = load_legal_bases()
        self.stdout.write(f"Legal bases and forms added: {bases}")
        pages = seed_public_pages()
        self.stdout.write(f"Public information pages added: {pages} (the Board's edits kept)")
        written = load_workflows(reset=options["reset_workflows"])
        self.stdout.write(
            "Workflows loaded: " + (", ".join(written) if written else "none (already present)")
        )
        formats = load_print_formats(reset=options["reset_print_formats"])
        self.stdout.write(
            "Print formats loaded: " + (", ".join(formats) if formats else "none (already present)")
        )
        schedules = load_schedules()
        self.stdout.write(
            "Job schedules loaded: "
            + (", ".join(schedules) if schedules else "none (already present)")
        )
        moved = follow_agency_successions()
        self.stdout.write(f"Open tasks handed to the successors of merged agencies: {moved}")
