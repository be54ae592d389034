"""The API's JSON written by orjson (drf-orjson-renderer): the same JSON as DRF's own
renderer (UTF-8, compact), several times faster on a page of fifty records.

What orjson does not write itself (lazy translations, decimals, and dates and times,
passed through so that they keep DRF's format: "Z" for UTC, milliseconds) goes to DRF's
own encoder, which raises on anything it does not know instead of writing null."""

import orjson
from drf_orjson_renderer.renderers import ORJSONRenderer
from rest_framework.utils.encoders import JSONEncoder

_drf_default = JSONEncoder().default


class JSONRenderer(ORJSONRenderer):
    # Keys that are numbers (a figure per year) written as strings, as json.dumps does.
    options = orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME

    def render(self, data, media_type=None, renderer_context=None) -> bytes:
        context = {**(renderer_context or {}), "default_function": _drf_default}
        return super().render(data, media_type, context)
