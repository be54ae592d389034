"""Theme of the staff desk (django-unfold): Vietnamese first, English selectable."""

from django.templatetags.static import static
from django.urls import reverse_lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .base_site import TCD_SITE_PROFILE


def _nav(title: str, items: list[tuple[str, str, str]], extra=()) -> dict:
    return {
        "title": title,
        "separator": True,
        "collapsible": False,
        "items": [
            {
                "title": label,
                "icon": icon,
                "link": reverse_lazy(f"admin:{model.replace('.', '_')}_changelist"),
                # One callable per model: the sidebar asks the same rule as the list.
                "permission": f"tiep_cong_dan.access.desk.may_open_{model.split('.')[1]}",
            }
            for label, icon, model in items
        ]
        + [
            {
                "title": label,
                "icon": icon,
                "link": reverse_lazy(url_name),
                "permission": f"tiep_cong_dan.access.desk.may_open_{model}",
            }
            for label, icon, url_name, model in extra
        ],
    }


UNFOLD = {
    "SITE_TITLE": _("Online citizen reception"),
    "SITE_HEADER": _("Online citizen reception"),
    "SITE_SUBHEADER": format_lazy(
        _("{province} Provincial People's Committee"),
        province=(TCD_SITE_PROFILE.get("province") or {}).get("name", ""),
    ),
    "SITE_SYMBOL": "account_balance",
    # Our few rules beside the theme's (compact list cells: access/list_rendering.py).
    "STYLES": [lambda request: static("tiep_cong_dan/css/desk.css")],
    # Every list's bulk action asks before it runs; the command palette (Ctrl+K) of the
    # global search is on every desk page.
    "SCRIPTS": [
        lambda request: static("tiep_cong_dan/js/bulk_confirm.js"),
        lambda request: static("tiep_cong_dan/js/palette.js"),
    ],
    "SITE_FAVICONS": [
        {"rel": "icon", "sizes": "any", "type": "image/x-icon", "href": "/favicon.ico"}
    ],
    "SHOW_LANGUAGES": True,
    "SHOW_HISTORY": True,
    # The user menu: each user's own second factor beside the password.
    "ACCOUNT": {
        "navigation": [
            {"title": _("Two-step verification"), "link": reverse_lazy("tcd_two_factor:device")},
            {"title": _("Change password"), "link": reverse_lazy("admin:password_change")},
        ]
    },
    "DASHBOARD_CALLBACK": "tiep_cong_dan.reporting.dashboard.dashboard_callback",
    "LANGUAGES": {
        "navigation": [
            # The theme's menu shows `name_local` (each language in its own words).
            {"bidi": False, "code": "vi", "name": "Tiếng Việt", "name_local": "Tiếng Việt"},
            {"bidi": False, "code": "en", "name": "English", "name_local": "English"},
        ]
    },
    "SIDEBAR": {
        "show_search": True,
        "show_all_applications": False,
        "navigation": [
            _nav(
                _("Reception"),
                [
                    (_("Petitions"), "description", "tiep_cong_dan.petition"),
                    (_("Citizens"), "person", "tiep_cong_dan.citizen"),
                    (_("Reception sessions"), "event", "tiep_cong_dan.receptionsession"),
                    (_("Proposals from communes"), "campaign", "tiep_cong_dan.caseproposal"),
                    (_("Public site pages"), "public", "tiep_cong_dan.publicpage"),
                    (_("Online requests"), "move_to_inbox", "tiep_cong_dan.receptionrequest"),
                ],
                extra=[
                    (
                        _("The Chairman's queue"),
                        "format_list_numbered",
                        "admin:tiep_cong_dan_petition_queue",
                        "petition",
                    ),
                    (
                        _("Reception calendar"),
                        "calendar_month",
                        "admin:tiep_cong_dan_receptionsession_calendar",
                        "receptionsession",
                    ),
                    (
                        _("Import an Excel register"),
                        "upload_file",
                        "admin:tiep_cong_dan_petition_import",
                        "petition_import",
                    ),
                    (
                        _("Export for the national database"),
                        "cloud_download",
                        "admin:tiep_cong_dan_petition_national_export",
                        "petition",
                    ),
                ],
            ),
            _nav(
                _("Results and follow-up"),
                [
                    (_("Result notices"), "gavel", "tiep_cong_dan.resultnotice"),
                    (_("Assignments"), "assignment_turned_in", "tiep_cong_dan.assignment"),
                    (_("Notifications"), "notifications", "tiep_cong_dan.notification"),
                    (
                        _("How I am notified"),
                        "tune",
                        "tiep_cong_dan.notificationpreference",
                    ),
                    (_("Reports"), "summarize", "tiep_cong_dan.monthlyreport"),
                ],
                extra=[
                    (
                        _("Reception register (03/TCD)"),
                        "menu_book",
                        "admin:tiep_cong_dan_register",
                        "petition",
                    ),
                    (
                        _("Verify a signed document"),
                        "verified",
                        "admin:tiep_cong_dan_signature_check",
                        "signature_check",
                    ),
                ],
            ),
            _nav(
                _("Bridge points"),
                [
                    (_("Bridge points"), "videocam", "tiep_cong_dan.bridgepoint"),
                    (_("Connection tests"), "network_check", "tiep_cong_dan.connectiontest"),
                ],
            ),
            _nav(
                _("Master data"),
                [
                    (_("Agencies"), "apartment", "tiep_cong_dan.agency"),
                    (_("Administrative units"), "map", "tiep_cong_dan.administrativeunit"),
                    (_("Calendar days"), "calendar_month", "tiep_cong_dan.calendarday"),
                    (_("Legal bases"), "gavel", "tiep_cong_dan.legalbasis"),
                ],
            ),
            _nav(
                _("Administration"),
                [
                    (_("Users"), "group", "auth.user"),
                    (_("Role grant requests"), "verified_user", "tiep_cong_dan.rolegrant"),
                    (_("Account and role log"), "manage_accounts", "tiep_cong_dan.accountchange"),
                    (_("Workflows"), "account_tree", "tiep_cong_dan.workflow"),
                    (_("Print formats"), "print", "tiep_cong_dan.printformat"),
                    (_("Signature images"), "draw", "tiep_cong_dan.signatureimage"),
                    (_("Seal images"), "approval", "tiep_cong_dan.sealimage"),
                    (_("API tokens"), "key", "tiep_cong_dan.apitoken"),
                    (_("Sign-in lockouts"), "lock_clock", "axes.accessattempt"),
                    (_("Failed sign-ins"), "gpp_maybe", "axes.accessfailurelog"),
                    (_("Sign-in log"), "login", "axes.accesslog"),
                    (
                        _("Two-step verification devices"),
                        "phonelink_lock",
                        "otp_totp.totpdevice",
                    ),
                    (_("Job schedules"), "schedule", "django_celery_beat.periodictask"),
                    (_("Job runs"), "task_alt", "django_celery_results.taskresult"),
                    (_("Queued tasks"), "pending_actions", "tiep_cong_dan.outboxentry"),
                    (_("Deliveries"), "outgoing_mail", "tiep_cong_dan.delivery"),
                    (_("Letters to agencies"), "forward_to_inbox", "tiep_cong_dan.agencymail"),
                    (_("Workflow events"), "history", "tiep_cong_dan.workflowevent"),
                    (
                        _("Confidential access log"),
                        "visibility",
                        "tiep_cong_dan.confidentialaccess",
                    ),
                ],
            ),
        ],
    },
}
