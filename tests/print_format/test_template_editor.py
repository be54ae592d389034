"""The template editor's check and preview render the outside reader's copy (denouncers
masked, whoever edits), and an error names the template, the line and the kind of
error, never a value the template rendered."""

import pytest
from django.urls import reverse
from tiep_cong_dan.access.models import AccessKind, ConfidentialAccess
from tiep_cong_dan.print_format.models import PrintFormat

from .conftest import COMPLAINANT, DENOUNCER, pdf_text


def _change(code: str) -> tuple[PrintFormat, str]:
    fmt = PrintFormat.objects.get(code=code)
    return fmt, reverse("admin:tiep_cong_dan_printformat_change", args=[fmt.pk])


# Each makes an error whose own text would quote every name the copy holds.
LEAKING = [
    ("register", "{{ {}[rows|map(attribute='person')|join(' | ')] }}", "register.html, dòng 1"),
    (
        "register",
        '{% extends "base.html" %}{% block body %}\n'
        "{{ ('{' ~ rows|map(attribute='person')|join(' ') ~ '}').format() }}\n{% endblock %}",
        "register.html, dòng 2",
    ),
    (
        "refusal_notice",
        "{{ {}[person.name ~ ' ' ~ person.id_number] }}",
        "refusal_notice.html, dòng 1",
    ),
    ("base", "<p>\n{{ {}[addressee ~ subject] }}</p>", "base.html, dòng 2"),
]


@pytest.mark.parametrize("code, template, where", LEAKING)
def test_an_error_in_an_edited_template_quotes_no_value(login, letters, code, template, where):
    """Given a complaint and a denunciation of the same month, when an administrator
    saves a template whose error would carry the rows' names, then the page names the
    template, its line and the kind of error, and no petitioner at all."""
    fmt, change = _change(code)
    response = login("quantri").post(
        change, {"name": fmt.name, "description": fmt.description, "template": template}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert where in page
    for name in (COMPLAINANT, DENOUNCER, "020090000011", "020080000013", "Hoàng", "Lương"):
        assert name not in page, name
    fmt.refresh_from_db()
    assert fmt.template != template  # nothing saved


def test_the_preview_is_the_outside_readers_copy_and_logged_as_such(
    login, letters, role_users, tmp_path
):
    """The Board is cleared for denouncers, yet its preview of the register masks them
    and its access log names only the complainant."""
    fmt, _change_url = _change("register")
    preview = login("canbo").get(reverse("admin:tiep_cong_dan_printformat_preview", args=[fmt.pk]))
    assert preview["Content-Type"] == "application/pdf"
    text = pdf_text(preview.content, tmp_path)
    assert COMPLAINANT in text and "thông tin được bảo mật" in text
    assert DENOUNCER not in text and "020080000013" not in text
    entries = ConfidentialAccess.objects.filter(user=role_users["canbo"])
    assert [(e.kind, e.object_ids) for e in entries] == [
        (AccessKind.PERSONAL, str(letters["answered"].citizen_id))
    ]
    refusal, _ = _change("refusal_notice")  # a denouncer's own letter: masked too
    text = pdf_text(
        login("chutich")
        .get(reverse("admin:tiep_cong_dan_printformat_preview", args=[refusal.pk]))
        .content,
        tmp_path,
    )
    assert DENOUNCER not in text and "thông tin được bảo mật" in text
    assert not ConfidentialAccess.objects.filter(user=role_users["chutich"]).exists()


def test_a_template_rendering_without_error_is_checked_on_the_outside_copy(login, letters):
    """A check that passes on the masked copy saves; the masked copy is what it saw (a
    test on the denouncer's name would have failed on the Board's copy)."""
    fmt, change = _change("register")
    probe = fmt.template.replace(
        "{% block body %}",
        "{% block body %}{% for r in rows %}"
        f"{{% if '{DENOUNCER}' in r.person %}}{{{{ 1 / 0 }}}}{{% endif %}}{{% endfor %}}",
        1,
    )
    assert probe != fmt.template
    response = login("quantri").post(
        change, {"name": fmt.name, "description": fmt.description, "template": probe}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
