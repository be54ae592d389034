"""Time signing adds to issuing a 4-page Result Notice with a software key.

Takes the 4-page sample notice (docs/samples/thong-bao-ket-qua-tiep-cong-dan.pdf, as
rendered by the samples), and signs it as the issue step does: the Chairman's
signature (its box found on the page, the certificate checked against the trusted
root, PAdES with the demo TSA's timestamp and the CA's CRL embedded: B-LT, then the
result validated for the record), then the People's Committee's signature over it as
an incremental update. Prints the median and 95th percentile of each; the goal is a
median under 150 ms for the first. Needs no database: the keys are a demo PKI made in
a temporary folder.

    .venv/bin/python benchmarks/signing.py [--rounds 30] [--sample docs/samples/x.pdf]
"""

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import common  # noqa: I001  (first: the paths and settings Django needs)

SAMPLE = common.ROOT / "docs" / "samples" / "thong-bao-ket-qua-tiep-cong-dan.pdf"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--sample", type=Path, help="write the twice-signed notice here")
    args = parser.parse_args()

    import django
    from django.conf import settings

    django.setup()
    folder = Path(tempfile.mkdtemp(prefix="tcd-bench-pki-"))
    settings.TCD_SIGNING_PKI_DIR = folder
    settings.TCD_SIGNING_TRUST_ROOTS = [str(folder / "root-ca.cert.pem")]
    settings.TCD_SIGNING_DEMO_PKI = True
    settings.TCD_SIGNING_TSA_URL = ""

    from tiep_cong_dan.print_format.signing import appearance
    from tiep_cong_dan.print_format.signing.backends import SoftwareBackend
    from tiep_cong_dan.print_format.signing.demo import seal_png, signature_png
    from tiep_cong_dan.print_format.signing.pades import sign_pdf
    from tiep_cong_dan.print_format.signing.pki import ensure_demo_pki

    ensure_demo_pki(folder)
    data = SAMPLE.read_bytes()
    signature, seal = signature_png("chutich"), seal_png("Ủy ban nhân dân tỉnh Lạng Sơn")
    backend = SoftwareBackend()

    def chairman(pdf: bytes):
        page, box = appearance.signer_box(pdf, "Hồ Tiến Thiệu")
        signed = sign_pdf(
            pdf,
            backend=backend,
            key_name="chutich",
            pin=None,
            holder="Hồ Tiến Thiệu",
            field_name="ChuKyNguoiKy",
            page=page,
            box=box,
            style_for=lambda at: appearance.signer_style(signature),
        )
        return signed, page, box

    def committee(pdf: bytes, page: int, box):
        return sign_pdf(
            pdf,
            backend=backend,
            key_name="org-committee",
            pin=None,
            holder="Ủy ban nhân dân tỉnh Lạng Sơn",
            field_name="ChuKyCoQuan",
            page=page,
            box=appearance.seal_box(box),
            style_for=lambda at: appearance.seal_style(seal, "Ủy ban nhân dân tỉnh Lạng Sơn", at),
        )

    first, page, box = chairman(data)  # warm-up: fonts, imports
    committee(first.data, page, box)
    # Wall time, and this process's CPU time beside it: on a machine busy with other
    # work the wall time says more about the neighbours than about signing.
    wall_signer, cpu_signer, wall_body, cpu_body = [], [], [], []
    for _ in range(args.rounds):
        start, cpu = time.perf_counter(), time.process_time()
        first, page, box = chairman(data)
        wall_signer.append(time.perf_counter() - start)
        cpu_signer.append(time.process_time() - cpu)
        start, cpu = time.perf_counter(), time.process_time()
        second = committee(first.data, page, box)
        wall_body.append(time.perf_counter() - start)
        cpu_body.append(time.process_time() - cpu)

    for name, wall, cpu in (
        ("Chairman's signature on issue (4-page notice, B-LT)", wall_signer, cpu_signer),
        ("People's Committee's signature (incremental update)", wall_body, cpu_body),
    ):
        median = statistics.median(wall) * 1000
        p95 = sorted(wall)[int(0.95 * (len(wall) - 1))] * 1000
        print(
            f"{name}: median {median:.0f} ms, p95 {p95:.0f} ms, median CPU "
            f"{statistics.median(cpu) * 1000:.0f} ms ({len(wall)} rounds)"
        )
    print(f"Levels: {first.level}, {second.level}; validation: {second.validation}")
    if args.sample:
        args.sample.write_bytes(second.data)
        # The root it chains to, beside it: a reader checks the sample against it
        # (the demo root of each set-up is its own).
        root = args.sample.with_name("demo-root-ca.cert.pem")
        root.write_bytes((folder / "root-ca.cert.pem").read_bytes())
        print(f"Signed sample written to {args.sample}, its root to {root}")


if __name__ == "__main__":
    main()
