"""Rendering speed of official documents.

Renders N Result Notices (default 200, cycling through the issued notices of the
site's database; run `make setup` first for the demo ones) to PDF and to DOCX through
the same path the desk uses (context, print format from the database, WeasyPrint or
the DOCX writer; the frozen copy is bypassed so every render is real work), and prints
the median and 95th-percentile time per document. Then each other document type
(--others renders each) and the register 03/TCD of the busiest month.

Then the goal's case: a Result Notice of 4 pages as PDF, taking turns with plain
WeasyPrint rendering a minimal 4-page HTML in the same font (--baseline rounds each),
so that both meet the same load from the machine's other work; the notice's time is
also given as a multiple of the baseline's.

    .venv/bin/python benchmarks/render_documents.py [--count 200] [--others 20]
        [--baseline 40]
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


# Plain WeasyPrint's share: A4, the documents' font and size, four pages of paragraphs.
MINIMAL_4_PAGES = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><style>"
    "@page { size: A4; margin: 20mm 15mm 20mm 30mm }"
    "body { font: 13pt 'Liberation Serif', serif }</style></head><body>"
    + "".join(
        f"<p>{n}. Công dân trình bày nội dung đơn, cơ quan chức năng báo cáo kết quả "
        "kiểm tra, xác minh và đề xuất hướng giải quyết theo quy định của pháp luật.</p>"
        for n in range(1, 61)
    )
    + "</body></html>"
)


def pages(html: str) -> int:
    from tiep_cong_dan.print_format import assets
    from weasyprint import HTML

    return len(HTML(string=html, base_url=assets.base_url()).render().pages)


def four_pages_against_plain(notices, rounds: int) -> None:
    """The goal's comparison: a 4-page Result Notice and plain WeasyPrint on a minimal
    4-page HTML in the same font, one after the other, `rounds` times."""
    from tiep_cong_dan.print_format.documents import DOCUMENTS
    from tiep_cong_dan.print_format.service import document_html, to_format
    from weasyprint import HTML

    spec = DOCUMENTS["result_notice"]
    html = next(
        (h for h in (document_html(spec, n, None) for n in notices[:40])
         if pages(h) == 4),
        None,
    )
    if html is None:
        print("no result notice of 4 pages in this database")
        return
    if pages(MINIMAL_4_PAGES) != 4:
        sys.exit("the minimal HTML is not 4 pages long")
    ours, plain, ours_cpu, plain_cpu = [], [], [], []
    for _ in range(rounds):
        cpu = time.process_time()
        ours.append(timed(lambda: to_format(html, "pdf")))
        ours_cpu.append(time.process_time() - cpu)
        cpu = time.process_time()
        plain.append(timed(lambda: HTML(string=MINIMAL_4_PAGES).write_pdf()))
        plain_cpu.append(time.process_time() - cpu)
    print(f"Result Notice of 4 pages against plain WeasyPrint, {rounds} rounds taking turns")
    print(line("  Result Notice, 4 pages, PDF", ours))
    print(line("  plain WeasyPrint, minimal 4 pages", plain))
    ratio = common.median_p95(ours)[0] / common.median_p95(plain)[0]
    print(f"  ratio of the medians: {ratio:.2f}")
    # On a machine shared with other work the wall clock also counts the waits for a
    # core; the process's CPU time does not.
    print(line("  CPU time, Result Notice", ours_cpu))
    print(line("  CPU time, plain WeasyPrint", plain_cpu))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--others", type=int, default=20)
    parser.add_argument("--baseline", type=int, default=40)
    parser.add_argument("--only-baseline", action="store_true",
                        help="only the 4-page comparison with plain WeasyPrint")
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
    four_pages_against_plain(notices, args.baseline)
    if args.only_baseline:
        return
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
