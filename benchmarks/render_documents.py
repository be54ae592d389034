"""Rendering speed of official documents.

Renders N Result Notices (default 200, cycling through the issued notices of the
site's database; run `make setup` first for the demo ones) to PDF and to DOCX through
the same path the desk uses (context, print format from the database, WeasyPrint or
the DOCX writer; the frozen copy is bypassed so every render is real work), and prints
the median and 95th-percentile time per document. Then each other document type
(--others renders each) and the register 03/TCD of the busiest month.

    .venv/bin/python benchmarks/render_documents.py [--count 200] [--others 20]
"""

import argparse
import sys
import time
from itertools import cycle, islice

import common  # noqa: I001  (first: the paths and settings Django needs)


def line(name: str, samples: list[float]) -> str:
    median, p95 = common.median_p95(samples)
    return f"{name}: median {median:.3f} s, p95 {p95:.3f} s ({len(samples)})"


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--others", type=int, default=20)
    args = parser.parse_args()
    common.start()
    from django.db.models import Count
    from django.db.models.functions import TruncMonth
    from tiep_cong_dan.doctype.petition.models import Petition
    from tiep_cong_dan.doctype.result_notice.models import ResultNotice
    from tiep_cong_dan.print_format.context import register_context
    from tiep_cong_dan.print_format.documents import DOCUMENTS
    from tiep_cong_dan.print_format.render import render_html
    from tiep_cong_dan.print_format.samples import sample_record
    from tiep_cong_dan.print_format.service import document_html, to_format

    notices = list(ResultNotice.objects.filter(state__in=["issued", "distributed"]))
    if not notices:
        sys.exit("No issued result notice: run `make setup` first.")
    spec = DOCUMENTS["result_notice"]
    pdf, docx = [], []
    for notice in islice(cycle(notices), args.count):
        pdf.append(timed(lambda n=notice: to_format(document_html(spec, n, None), "pdf")))
        docx.append(timed(lambda n=notice: to_format(document_html(spec, n, None), "docx")))
    hearings = sum(n.conclusions.count() for n in notices) / len(notices)
    print(f"{args.count} result notices ({len(notices)} distinct, {hearings:.1f} hearings each)")
    print(line("  PDF", pdf))
    print(line("  DOCX", docx))

    for code in (
        "reply_letter",
        "refusal_notice",
        "receipt",
        "agenda",
        "invitation_citizen",
        "invitation_commune",
        "invitation_agency",
    ):
        record = sample_record(code)
        if record is None:
            print(f"{code}: no record in this database")
            continue
        doc = DOCUMENTS["invitation" if code.startswith("invitation") else code]
        samples = [
            timed(lambda d=doc, r=record: to_format(document_html(d, r, None), "pdf"))
            for _ in range(args.others)
        ]
        print(line(f"{code} PDF", samples))

    busiest = (
        Petition.objects.annotate(month=TruncMonth("received_date"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    if busiest:
        import calendar

        start = busiest["month"]
        end = start.replace(day=calendar.monthrange(start.year, start.month)[1])
        html = render_html("register.html", register_context(None, start, end))
        seconds = timed(lambda: to_format(html, "pdf"))
        print(f"register 03/TCD {start:%m/%Y} ({busiest['n']} rows): PDF {seconds:.2f} s")


if __name__ == "__main__":
    main()
