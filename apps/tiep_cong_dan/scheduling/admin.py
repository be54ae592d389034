"""This feature's pages on the document types' desks (access/attach.py): the queue and
an ad hoc session for one case on the petitions; the month calendar and the agenda
board on the sessions."""

from ..access.attach import Page, attach_pages
from . import desk

attach_pages(
    "tiep_cong_dan.Petition",
    Page("queue/", desk.queue_view, "tiep_cong_dan_petition_queue"),
    Page(
        "<path:object_id>/special-session/",
        desk.special_session_view,
        "tiep_cong_dan_petition_special_session",
    ),
)
attach_pages(
    "tiep_cong_dan.ReceptionSession",
    Page("calendar/", desk.calendar_view, "tiep_cong_dan_receptionsession_calendar"),
    Page("<path:object_id>/agenda/", desk.agenda_view, "tiep_cong_dan_receptionsession_agenda"),
)
