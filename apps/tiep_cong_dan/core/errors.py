"""The desk's answer to a request refused as malformed (HTTP 400): the reason, when
the refusal gives one the user can act on, in the site's own page."""

from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string

from .params import BadParameter


def bad_request(request, exception=None):
    message = exception.message if isinstance(exception, BadParameter) else ""
    return HttpResponseBadRequest(render_to_string("400.html", {"message": message}, request))
