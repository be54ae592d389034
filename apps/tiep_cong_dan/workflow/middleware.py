"""Each request reads the workflows' revisions once (workflow/loader.py)."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .loader import revisions_read_once


class WorkflowRevisionsMiddleware:
    """A page asks the engine about its documents many times (the action panel, the
    editable rows, every permission check): one query for the revisions serves them
    all, and the next request reads them afresh, so a desk edit is never missed."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with revisions_read_once():
            return self.get_response(request)
