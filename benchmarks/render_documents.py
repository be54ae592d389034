"""Rendering speed of official documents.

Renders N Result Notices (default 200, cycling through the issued notices of the
site's database; run `make setup` first for the demo ones) to PDF and to DOCX, and
prints the median and 95th-percentile time per document.

    .venv/bin/python benchmarks/render_documents.py [--count 200]
"""

import argparse
import os
import statistics
import sys
import time
from itertools import cycle, islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "apps")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sites.settings.dev")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=200)
    args = parser.parse_args()
    import django

    django.setup()
    from tiep_cong_dan.doctype.result_notice.models import ResultNotice
    from tiep_cong_dan.print_format.context import result_notice_context
    from tiep_cong_dan.print_format.docx import result_notice_docx
    from tiep_cong_dan.print_format.render import render_html, render_pdf

    notices = list(ResultNotice.objects.filter(state__in=["issued", "distributed"]))
    if not notices:
        sys.exit("No issued result notice: run `make setup` first.")
    pdf, docx = [], []
    for notice in islice(cycle(notices), args.count):
        start = time.perf_counter()
        context = result_notice_context(notice)
        render_pdf(render_html("result_notice.html", context))
        pdf.append(time.perf_counter() - start)
        start = time.perf_counter()
        result_notice_docx(result_notice_context(notice))
        docx.append(time.perf_counter() - start)

    def line(name, samples):
        samples = sorted(samples)
        p95 = samples[int(len(samples) * 0.95) - 1]
        return f"{name}: median {statistics.median(samples):.3f} s, p95 {p95:.3f} s"

    hearings = sum(n.conclusions.count() for n in notices) / len(notices)
    print(f"{args.count} result notices ({len(notices)} distinct, {hearings:.1f} hearings each)")
    print(line("PDF", pdf))
    print(line("DOCX", docx))


if __name__ == "__main__":
    main()
