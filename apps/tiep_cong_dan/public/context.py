"""What every public page's frame needs (the province's names). Public views build
their context with `frame(...)` rather than through the desk's context processors."""

from tiep_cong_dan.core.site_profile import site_profile


def frame(extra: dict | None = None) -> dict:
    context: dict = {"profile": site_profile()}
    if extra:
        context.update(extra)
    return context
