"""A print format is code an administrator writes: through the real renderer it can
load nothing but the print formats' own assets, embed no attachment, send nothing out,
and it renders within a budget of characters and seconds."""

import io
import struct
import threading
import time
import zipfile
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse
from pypdf import PdfReader
from tiep_cong_dan.print_format import assets
from tiep_cong_dan.print_format.models import PrintFormat
from tiep_cong_dan.print_format.render import PrintFormatError, render_html

from ..print_format.conftest import COMPLAINANT, pdf_text

ALLOWED = "TAI-NGUYEN-DUOC-PHEP"
SECRET = "NOI-DUNG-BI-MAT"
FROM_OUTSIDE = "TAI-VE-TU-MAY-NGOAI"


def tiny_png() -> bytes:
    """A 1×1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        assets.PNG_SIGNATURE + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.fixture
def outside_server():
    """A web server on this machine counting every request a document makes to it."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            body = f'body::after {{ content: "{FROM_OUTSIDE}" }}'.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


@pytest.fixture
def secrets(tmp_path, monkeypatch):
    """Files outside the assets (a stylesheet that would print a marker, a text file, an
    image) and an assets folder holding one stylesheet, one image and symbolic links
    pointing out of it."""
    (tmp_path / "secret.css").write_text(f'body::after {{ content: "{SECRET}-CSS" }}')
    (tmp_path / "secret.txt").write_text(f"{SECRET}-TXT")
    (tmp_path / "secret.png").write_bytes(tiny_png())
    folder = tmp_path / "assets"
    folder.mkdir()
    (folder / "allowed.css").write_text(f'body::before {{ content: "{ALLOWED}" }}')
    (folder / "allowed.png").write_bytes(tiny_png())
    (folder / "escape.css").symlink_to(tmp_path / "secret.css")
    (folder / "escape.png").symlink_to(tmp_path / "secret.png")
    monkeypatch.setattr(assets, "ASSETS_DIR", folder)
    return tmp_path


def _escaping_template(base: str, tmp) -> str:
    far = "../" * 12 + str(tmp / "secret.css").lstrip("/")
    svg = (
        "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' "
        f"xmlns:xlink='http://www.w3.org/1999/xlink'><image href='{base}/svg.png'/></svg>"
    )
    return f"""{{% extends "base.html" %}}
{{% block body %}}
<link rel="attachment" href="file://{tmp}/secret.txt" title="passwd">
<link rel="attachment" href="{base}/attachment.txt">
<link rel="attachment" href="allowed.css">
<a rel="attachment" href="file://{tmp}/secret.txt">tệp đính kèm</a>
<a rel="attachment" href="allowed.png">ảnh đính kèm</a>
<link rel="stylesheet" href="file://{tmp}/secret.css">
<link rel="stylesheet" href="../secret.css">
<link rel="stylesheet" href="{far}">
<link rel="stylesheet" href="%2e%2e/secret.css">
<link rel="stylesheet" href="escape.css">
<link rel="stylesheet" href="file://localhost/proc/self/environ">
<link rel="stylesheet" href="data:text/css,body::after{{content:'{SECRET}-DATA'}}">
<link rel="stylesheet" href="{base}/style.css">
<link rel="stylesheet" href="allowed.css">
<style>
  @import url("{base}/import.css");
  @font-face {{ font-family: Ngoai; src: url("{base}/font.woff2"); }}
  p.body {{ background: url("{base}/background.png"); }}
</style>
<img src="{base}/pixel.png?x={{{{ addressee|urlencode }}}}">
<img src="file://{tmp}/secret.png">
<img src="../secret.png">
<img src="escape.png">
<img src="/etc/passwd">
<img src="{svg}">
<object data="{base}/object.png"></object>
<img src="allowed.png">
{{% for p in paragraphs %}}<p class="body">{{{{ p }}}}</p>{{% endfor %}}
{{% endblock %}}"""


def _attachments(data: bytes) -> list:
    reader = PdfReader(io.BytesIO(data))
    annotations = [
        a.get_object().get("/Subtype") for page in reader.pages for a in (page.get("/Annots") or [])
    ]
    return [*reader.attachments, *[a for a in annotations if a == "/FileAttachment"]]


def _images(data: bytes) -> int:
    return sum(len(page.images) for page in PdfReader(io.BytesIO(data)).pages)


def test_a_template_reaches_nothing_outside_its_assets(
    login, letters, secrets, outside_server, tmp_path
):
    """Given an administrator saving a reply letter that names the system's files,
    links out of the assets folder, a web server and attachments, when the letter is
    printed (PDF, DOCX) and previewed, then only the bundled stylesheet and image are
    in it: no attachment, no file's content, and not one request reached the server."""
    base, hits = outside_server
    fmt = PrintFormat.objects.get(code="reply_letter")
    change = reverse("admin:tiep_cong_dan_printformat_change", args=[fmt.pk])
    template = _escaping_template(base, secrets)
    saved = login("quantri").post(
        change, {"name": fmt.name, "description": fmt.description, "template": template}
    )
    assert saved.status_code == 302  # valid Jinja: the editor keeps it
    preview = login("quantri").get(
        reverse("admin:tiep_cong_dan_printformat_preview", args=[fmt.pk])
    )
    document = reverse(
        "admin:tiep_cong_dan_document", args=["reply_letter", letters["answered"].pk, "pdf"]
    )
    printed = login("canbo").get(document)
    for response in (preview, printed):
        assert response["Content-Type"] == "application/pdf"
        data = response.content
        assert _attachments(data) == []
        assert _images(data) == 1  # allowed.png, and nothing else
        text = pdf_text(data, tmp_path)
        assert ALLOWED in text and COMPLAINANT in text
        assert SECRET not in text and FROM_OUTSIDE not in text
    docx = login("canbo").get(document.replace("/pdf/", "/docx/"))
    assert docx.content[:2] == b"PK"
    names = zipfile.ZipFile(io.BytesIO(docx.content)).namelist()
    assert not [n for n in names if n.startswith("word/media/") or "embeddings" in n]
    assert hits == []


def test_the_fetcher_serves_only_bundled_files(secrets):
    png = "data:image/png;base64," + __import__("base64").b64encode(tiny_png()).decode()
    fetch = assets.fetcher()
    served = fetch(assets.base_url() + "allowed.css")
    assert served.read().decode().startswith("body::before")
    assert fetch(png).read() == tiny_png()
    refused = [
        assets.base_url() + "escape.css",  # a symbolic link out of the folder
        assets.base_url() + "../secret.css",
        assets.base_url() + "%2e%2e/secret.css",
        assets.base_url() + "allowed.css%00.png",
        f"file://{secrets}/secret.css",
        "file:///proc/self/environ",
        "file://otherhost/share/x.css",
        "http://127.0.0.1:9/x.css",
        "https://example.org/x.png",
        "ftp://example.org/x.png",
        "data:text/css,body{}",
        "data:image/svg+xml,<svg/>",
        "data:image/png;base64,bm90IGEgcG5n",  # base64, but not a PNG
    ]
    for url in refused:
        with pytest.raises(assets.ResourceRefused):
            fetch(url)


# -- output and time ---------------------------------------------------------------
BOUNDED = [
    ("{{ 'a' * 100000000 }}", "dài quá"),
    ("{{ ['x' * 1000] * 100000 }}", "dài quá"),
    ("{{ 2 ** 10000000 }}", "số nguyên quá lớn"),
    (
        "{% set ns = namespace(s='ab') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}"
        "{% endfor %}",
        "dài quá",
    ),
    (
        "{% set ns = namespace(s='ab') %}{% for i in range(60) %}{% set ns.s = ns.s + ns.s %}"
        "{% endfor %}",
        "dài quá",
    ),
    ("{{ 'a'.center(1000000000) }}", "dài quá"),
    ("{{ 'a' | center(1000000000) }}", "dài quá"),
    ("{{ '{:>1000000000}'.format(1) }}", "độ rộng định dạng"),
    ("{{ '%1000000000s' % 1 }}", "độ rộng định dạng"),
    ("{{ '%s' | format(1) ~ '%*s' | format(1000000000, 'x') }}", "độ rộng định dạng"),
    ("{{ ('a' * 1000000).replace('a', 'b' * 1000) }}", "dài quá"),
    ("{{ ('x' * 100000).join(range(100000) | map('string')) }}", "dài quá"),
    ("{{ range(100000) | join('x' * 1000) }}", "dài quá"),
    ("{{ [1] | batch(1000000000, 'x') | list }}", "bộ lọc batch"),
    (
        "{% set x %}{% for i in range(100000) %}{{ 'a' * 1000 }}{% endfor %}{% endset %}{{ x }}",
        "dài quá",
    ),
    ("{% set items = [] %}{{ items.append(1) }}", "không được phép"),
    ("{{ lipsum(100000) }}", "không có trong dữ liệu"),
]


@pytest.mark.parametrize("source, kind", BOUNDED)
def test_a_template_cannot_make_an_unbounded_value(source, kind):
    started = time.monotonic()
    with pytest.raises(PrintFormatError) as exc:
        render_html("x.html", {}, sources={"x.html": source})
    assert str(exc.value).startswith("x.html, dòng 1: ") and kind in str(exc.value)
    assert time.monotonic() - started < 10


def test_the_document_is_streamed_within_its_size(settings):
    settings.TCD_PRINT_MAX_CHARS = 1000
    source = "{% for i in range(100) %}<p>{{ 'x' * 50 }}</p>{% endfor %}"
    with pytest.raises(PrintFormatError) as exc:
        render_html("x.html", {}, sources={"x.html": source})
    assert "dài quá 1.000 ký tự" in str(exc.value)
    fits = render_html("x.html", {}, sources={"x.html": source.replace("100", "10")})
    assert len(fits) == 10 * len("<p>" + "x" * 50 + "</p>")


@pytest.mark.parametrize(
    "source",
    [
        # A macro calling itself twice per level: 2**60 calls, no loop, no output.
        "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}"
        "{{ f(60) }}",
        # Loops nested over one list, no call inside: only the loop's own count stops it.
        "{% set r = range(100000) | list %}{% for i in r %}{% for j in r %}{% for k in r %}"
        "{% endfor %}{% endfor %}{% endfor %}",
    ],
)
def test_a_template_renders_within_its_time(settings, source):
    settings.TCD_PRINT_MAX_SECONDS = 1
    started = time.monotonic()
    with pytest.raises(PrintFormatError) as exc:
        render_html("x.html", {}, sources={"x.html": source})
    assert "quá 1 giây" in str(exc.value) or "quá 5.000.000 lượt" in str(exc.value)
    assert time.monotonic() - started < 6


def test_an_unbounded_template_is_refused_by_the_editor_and_the_desk(login, letters):
    fmt = PrintFormat.objects.get(code="receipt")
    change = reverse("admin:tiep_cong_dan_printformat_change", args=[fmt.pk])
    huge = '{% extends "base.html" %}{% block body %}{{ "a" * 100000000 }}{% endblock %}'
    response = login("quantri").post(
        change, {"name": fmt.name, "description": "", "template": huge}
    )
    assert response.status_code == 200 and "dài quá 20.000.000 ký tự" in response.content.decode()
    too_long = fmt.template + "<!--" + "x" * 100_001 + "-->"
    response = login("quantri").post(
        change, {"name": fmt.name, "description": "", "template": too_long}
    )
    assert "100.000" in response.content.decode()
    PrintFormat.objects.filter(pk=fmt.pk).update(template=huge)  # stored some other way
    client = login("canbo")
    address = reverse(
        "admin:tiep_cong_dan_document", args=["receipt", letters["answered"].pk, "pdf"]
    )
    response = client.get(address)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Không in được văn bản" in page and "receipt.html, dòng 1" in page
