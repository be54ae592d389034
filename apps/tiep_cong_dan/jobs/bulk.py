"""A workflow step taken on many documents at once (a list's bulk action), in the
background: each document is checked and stepped on its own, as if one by one."""

from django.contrib.auth import get_user_model

REPORT_LIMIT = 50


def apply_bulk(doctype: str, action: str, ids: list[int], user_id: int, back: str, progress):
    from ..workflow import engine
    from ..workflow.bindings import binding_for
    from ..workflow.desk import refusal_text

    user = get_user_model().objects.get(pk=user_id)
    model = binding_for(doctype).model
    done, refused = 0, []
    for n, obj in enumerate(model._default_manager.filter(pk__in=ids).order_by("pk"), start=1):
        try:
            engine.apply(obj, action, by=user)
            done += 1
        except engine.TransitionRefused as exc:
            refused.append([str(obj), str(refusal_text(exc))])
        progress(n, len(ids))
    return {
        "kind": "bulk",
        "user_id": user_id,
        "total": len(ids),
        "done": done,
        "refused_count": len(refused),
        "refused": refused[:REPORT_LIMIT],
        "back": back,
    }
