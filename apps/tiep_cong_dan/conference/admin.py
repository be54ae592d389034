"""This feature's pages on a session's desk (access/attach.py): the session console,
the video meeting page and the recordings page."""

from ..access.attach import Page, attach_pages
from .desk import conference_view, console_view
from .recordings_desk import recordings_view

attach_pages(
    "tiep_cong_dan.ReceptionSession",
    Page("<path:object_id>/console/", console_view, "tiep_cong_dan_receptionsession_console"),
    Page(
        "<path:object_id>/conference/",
        conference_view,
        "tiep_cong_dan_receptionsession_conference",
    ),
    Page(
        "<path:object_id>/recordings/",
        recordings_view,
        "tiep_cong_dan_receptionsession_recordings",
    ),
)
