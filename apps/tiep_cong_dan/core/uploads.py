"""Checks on uploaded files: size, what the content really is, and that it is the
kind of file it claims to be all the way through, with nothing a browser or a viewer
would run.

1. The type is identified from the content by `filetype` (signatures of the format,
   not only the first bytes: a Word package is told from an Excel one) and must be
   the one the extension declares.
2. Markup a browser would sniff and run (`<script`, `<html`, `<svg`, `<iframe`,
   `javascript:` …) is refused anywhere in the bytes: a JPEG header followed by a
   page is a page.
3. The format is checked structurally: an image decodes completely with Pillow; a PDF
   parses with pypdf and holds no JavaScript, automatic or launch action, or
   embedded file; a Word or Excel file is a bounded zip package whose content types
   name its main part, with no macros or ActiveX; an old Word file has no macros.

Stored files are then served only as downloads (core/files.py)."""

import io
import re
import warnings
import zipfile
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

# Extension -> the type `filetype` must find in the content.
ACCEPTED: dict[str, str] = {
    ".pdf": "pdf",
    ".jpg": "jpg",
    ".jpeg": "jpg",
    ".png": "png",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".doc": "doc",
}
# Markup that makes a browser treat bytes as a page, wherever it sits in the file.
ACTIVE_MARKUP = re.compile(
    rb"<\s*(?:script|html|svg|iframe|frame|object|embed|applet|body)\b|javascript:|vbscript:"
    rb"|<\?php",
    re.IGNORECASE,
)
# Names that make a PDF act by itself (ISO 32000-1 12.6: actions; 7.11.4: embedded
# files; 12.7.8: XFA forms), as keys or as values.
PDF_ACTIVE_NAMES = frozenset(
    {
        "/JavaScript",
        "/JS",
        "/OpenAction",
        "/AA",
        "/Launch",
        "/EmbeddedFile",
        "/EmbeddedFiles",
        "/RichMedia",
        "/RichMediaExecute",
        "/XFA",
        "/ImportData",
        "/GoToE",
    }
)
_PDF_ACTIVE_RAW = re.compile(
    rb"/(?:JavaScript|JS|OpenAction|AA|Launch|EmbeddedFiles?|RichMedia|XFA|ImportData|GoToE)"
    rb"(?![A-Za-z0-9#])"
)
PDF_MAX_OBJECTS = 200_000
# The main part of each Office package (ECMA-376 Part 2: [Content_Types].xml).
OFFICE_MAIN_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
# Bounds of any zip package read here: members, their total uncompressed size and
# each member's compression ratio (ordinary Office XML compresses 5-30 times).
ZIP_MAX_MEMBERS = 2_000
ZIP_MAX_UNCOMPRESSED = 100 * 1024 * 1024
ZIP_MAX_RATIO = 200


def _refuse(message: str, code: str, **params) -> ValidationError:
    return ValidationError(message, code=code, params=params or None)


def validate_attachment(file) -> None:
    name = PurePath(getattr(file, "name", "") or "").name
    suffix = PurePath(name).suffix.lower()
    if suffix not in ACCEPTED:
        raise _refuse(
            _("File type %(suffix)s is not accepted: send PDF, JPG, PNG, DOC, DOCX or XLSX."),
            "file_type",
            suffix=suffix or "?",
        )
    size = getattr(file, "size", 0) or 0
    if size > settings.TCD_MAX_ATTACHMENT_BYTES:
        raise _refuse(
            _("The file is %(size)s MB; the limit is %(limit)s MB."),
            "file_too_large",
            size=number_format(size / 1048576, 1, use_l10n=True),  # "30,5 MB"
            limit=settings.TCD_MAX_ATTACHMENT_BYTES // 1048576,
        )
    if size == 0:
        raise _refuse(_("The file is empty."), "file_empty")
    data = _read_all(file)
    kind = filetype.guess(data)
    if kind is None or kind.extension != ACCEPTED[suffix]:
        raise _refuse(
            _("The content of %(name)s is not a %(suffix)s file."),
            "file_content",
            name=name,
            suffix=suffix,
        )
    refuse_active_markup(data, name)
    STRUCTURE[ACCEPTED[suffix]](data, name)


def _read_all(file) -> bytes:
    pos = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    data = file.read()
    file.seek(pos)
    return data


def refuse_active_markup(data: bytes, name: str) -> None:
    if ACTIVE_MARKUP.search(data):
        raise _refuse(
            _(
                "%(name)s contains web page code (script or markup) and was refused: send "
                "the document saved again or scanned again."
            ),
            "file_active_content",
            name=name,
        )


def _damaged(name: str) -> ValidationError:
    return _refuse(
        _("%(name)s is damaged or not a genuine file of its type: open it, save it again."),
        "file_damaged",
        name=name,
    )


# -- images ------------------------------------------------------------------------
def _image(expected: str):
    def check(data: bytes, name: str) -> None:
        from PIL import Image

        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                with Image.open(io.BytesIO(data)) as image:
                    if image.format != expected:
                        raise _damaged(name)
                    image.verify()
                with Image.open(io.BytesIO(data)) as image:
                    image.load()  # every pixel decoded: a truncated or forged body fails
        except ValidationError:
            raise
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
            raise _refuse(
                _("%(name)s is an image too large to open."), "file_too_large_image", name=name
            ) from exc
        except Exception as exc:  # noqa: BLE001 - Pillow raises many kinds for bad data
            raise _damaged(name) from exc

    return check


# -- PDF -----------------------------------------------------------------------------
def _pdf(data: bytes, name: str) -> None:
    from pypdf import PdfReader

    if _PDF_ACTIVE_RAW.search(data):
        raise _pdf_active(name)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise _refuse(
                _(
                    "%(name)s is a password-protected PDF, which cannot be checked: send it "
                    "without the password."
                ),
                "file_encrypted",
                name=name,
            )
        if len(reader.pages) == 0:
            raise _damaged(name)
        _walk_pdf(reader.trailer, name)
    except ValidationError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds for bad data
        raise _damaged(name) from exc


def _pdf_active(name: str) -> ValidationError:
    return _refuse(
        _(
            "%(name)s contains actions, scripts or embedded files, which are not accepted "
            "in a PDF: print it to PDF again or scan it."
        ),
        "file_active_content",
        name=name,
    )


def _walk_pdf(root, name: str) -> None:
    """Every object reachable from the trailer, compressed object streams included
    (pypdf decodes them and the `#xx` escapes of names)."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            key = (obj.idnum, obj.generation)
            if key in seen:
                continue
            seen.add(key)
            if len(seen) > PDF_MAX_OBJECTS:
                raise _damaged(name)
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):
            for key, value in obj.items():
                if key in PDF_ACTIVE_NAMES:
                    raise _pdf_active(name)
                stack.append(value)
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
        elif isinstance(obj, NameObject) and obj in PDF_ACTIVE_NAMES:
            raise _pdf_active(name)


# -- Office packages -------------------------------------------------------------------
def check_zip_bounds(archive: zipfile.ZipFile, name: str, *, max_uncompressed: int) -> None:
    """Refuse a zip whose members would inflate beyond the bounds, from the sizes its
    directory declares (zipfile never inflates a member past its declared size)."""
    members = archive.infolist()
    if len(members) > ZIP_MAX_MEMBERS:
        raise _zip_bomb(name)
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if total > max_uncompressed or (member.file_size > 1_000_000 and ratio > ZIP_MAX_RATIO):
            raise _zip_bomb(name)


def _zip_bomb(name: str) -> ValidationError:
    return _refuse(
        _(
            '%(name)s would unpack to far more data than such a file holds (a "zip bomb") '
            "and was refused."
        ),
        "zip_bomb",
        name=name,
    )


def xml_declares_entities(archive: zipfile.ZipFile, member: str) -> bool:
    """Whether an XML part carries a document type (entities): Office files never do,
    and an entity is how XML bombs and file reads are built."""
    with archive.open(member) as fh:
        head = fh.read(65536)
    return b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper()


def _office(kind: str):
    def check(data: bytes, name: str) -> None:
        from defusedxml import ElementTree

        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile as exc:
            raise _damaged(name) from exc
        with archive:
            check_zip_bounds(archive, name, max_uncompressed=ZIP_MAX_UNCOMPRESSED)
            names = set(archive.namelist())
            if "[Content_Types].xml" not in names:
                raise _damaged(name)
            try:
                types = ElementTree.fromstring(archive.read("[Content_Types].xml"))
            except Exception as exc:  # noqa: BLE001 - malformed or entity-laden XML
                raise _damaged(name) from exc
            declared = {el.get("ContentType", "") for el in types}
            if OFFICE_MAIN_TYPES[kind] not in declared:
                raise _damaged(name)
            active = ("macroenabled", "vbaproject", "activex")
            if any(word in t.lower() for t in declared | names for word in active):
                raise _refuse(
                    _("%(name)s contains macros or ActiveX controls, which are not accepted."),
                    "file_active_content",
                    name=name,
                )
            for member in names:
                if member.endswith((".xml", ".rels")) and xml_declares_entities(archive, member):
                    raise _damaged(name)
                if member.endswith(".rels") and re.search(
                    rb"javascript:|vbscript:", archive.read(member), re.IGNORECASE
                ):
                    raise _refuse(
                        _("%(name)s links to script code and was refused."),
                        "file_active_content",
                        name=name,
                    )

    return check


def _doc(data: bytes, name: str) -> None:
    # Word 97-2003 keeps macros in storages named so (MS-OVBA 2.2.1), UTF-16 in the
    # compound file's directory.
    for marker in ("_VBA_PROJECT", "Macros"):
        if marker.encode("utf-16-le") in data:
            raise _refuse(
                _("%(name)s contains macros or ActiveX controls, which are not accepted."),
                "file_active_content",
                name=name,
            )


STRUCTURE = {
    "pdf": _pdf,
    "jpg": _image("JPEG"),
    "png": _image("PNG"),
    "docx": _office("docx"),
    "xlsx": _office("xlsx"),
    "doc": _doc,
}
