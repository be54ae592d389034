from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import translation

from tiep_cong_dan.print_format.catalog import CATALOG
from tiep_cong_dan.print_format.documents import DOCUMENTS
from tiep_cong_dan.print_format.render import render_html
from tiep_cong_dan.print_format.samples import sample_context, sample_record
from tiep_cong_dan.print_format.service import document_file, to_format

# File names of the samples under docs/samples/, by print format.
SAMPLE_NAMES = {
    "result_notice": "thong-bao-ket-qua-tiep-cong-dan",
    "reply_letter": "van-ban-tra-loi-huong-dan",
    "refusal_notice": "thong-bao-tu-choi-mau-01-tcd",
    "receipt": "giay-bien-nhan-mau-02-tcd",
    "register": "so-tiep-cong-dan-mau-03-tcd",
    "invitation_citizen": "giay-moi-cong-dan",
    "invitation_commune": "giay-moi-ubnd-xa",
    "invitation_agency": "giay-moi-co-quan",
    "agenda": "chuong-trinh-phien-tiep",
    "monthly_report": "bao-cao-thang",
    "briefing_pack": "tai-lieu-phuc-vu-chu-tich",
}


class Command(BaseCommand):
    help = (
        "Render one PDF of every print format from the site's own records (the demo data "
        "after `make setup`) into a folder, docs/samples/ by default."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", default="docs/samples")
        parser.add_argument("--docx", action="store_true", help="Also write the DOCX files.")

    def handle(self, *args, **options):
        out = Path(options["out"])
        out.mkdir(parents=True, exist_ok=True)
        formats = ["pdf", "docx"] if options["docx"] else ["pdf"]
        with translation.override("vi"):
            for code in CATALOG:
                if code == "base":
                    continue
                found = sample_context(code)
                if found is None:
                    self.stderr.write(f"{code}: no record to show it with")
                    continue
                html = render_html(*found)
                for fmt in formats:
                    path = out / f"{SAMPLE_NAMES[code]}.{fmt}"
                    path.write_bytes(to_format(html, fmt))
                    self.stdout.write(f"{path}")
            # The monthly report in all three of its forms, as the Chairman receives it.
            report = sample_record("monthly_report")
            if report is not None:
                for fmt in ("docx", "xlsx"):
                    path = out / f"{SAMPLE_NAMES['monthly_report']}.{fmt}"
                    path.write_bytes(document_file(DOCUMENTS["monthly_report"], report, None, fmt))
                    self.stdout.write(f"{path}")
