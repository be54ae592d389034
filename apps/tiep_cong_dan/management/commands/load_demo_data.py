from django.core.management.base import BaseCommand

from tiep_cong_dan.demo.generate import load_demo_data


class Command(BaseCommand):
    help = "Generate demo registrations, sessions and result notices, 2023 to today (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2023)

    def handle(self, *args, **options):
        counts = load_demo_data(seed=options["seed"])
        self.stdout.write("Demo data: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
