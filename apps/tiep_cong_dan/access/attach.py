"""Pages and list buttons a feature adds to a document type's desk: the queue and the
register import on the petitions, the console, the video room and the calendar on the
sessions. Each feature attaches its own from its admin.py (discovered at start-up), so
the type's desk page, a layer below, never imports the features above it.

Attached pages and buttons are read when the desk builds its URLs and its lists, after
every folder has registered, whatever the order the folders were found in.
"""

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from types import MethodType

from django.urls import URLPattern, path
from unfold.decorators import action as unfold_action


@dataclass(frozen=True)
class Page:
    """`view(model_admin, request, **url_kwargs)` at `route` under the type's URLs."""

    route: str
    view: Callable
    name: str  # the URL's name under "admin:"


@dataclass(frozen=True)
class ListButton:
    """A button above the type's list: `view(model_admin, request)` at `url_path`, shown
    to whom `allowed(model_admin, request)` says."""

    name: str  # unique among the type's actions; its URL is named after it
    label: str
    icon: str
    url_path: str
    view: Callable
    allowed: Callable


_PAGES: dict[str, list[Page]] = defaultdict(list)
_BUTTONS: dict[str, dict[str, ListButton]] = defaultdict(dict)


def attach_pages(model_label: str, *pages: Page) -> None:
    _PAGES[model_label].extend(pages)


def attach_list_button(model_label: str, button: ListButton) -> None:
    _BUTTONS[model_label][button.name] = button


def attached_urls(model_admin) -> list[URLPattern]:
    wrap = model_admin.admin_site.admin_view
    return [
        path(page.route, wrap(partial(page.view, model_admin)), name=page.name)
        for page in _PAGES[model_admin.model._meta.label]
    ]


class ActionNames(Sequence):
    """A type's own list buttons, then those attached to it, read when used."""

    def __init__(self, own: Sequence, model_label: str) -> None:
        self.own, self.model_label = list(own or []), model_label

    def _all(self) -> list:
        return [*self.own, *_BUTTONS[self.model_label]]

    def __getitem__(self, index):
        return self._all()[index]

    def __len__(self) -> int:
        return len(self._all())

    def __iter__(self) -> Iterator:
        return iter(self._all())


def attached_member(model_admin, name: str):
    """The method an attached button needs on its admin (its view, its permission
    check), or None when `name` is not one of them."""
    buttons = _BUTTONS[model_admin.model._meta.label]
    for button in buttons.values():
        if name == button.name:
            label = str(button.label)  # in the language of the request being served
            decorated = unfold_action(
                description=button.label,
                url_path=button.url_path,
                icon=button.icon,
                permissions=[button.name],
                # desk.css shows the icon alone where the header is narrow: the name
                # stays the button's tooltip and accessible name.
                attrs={"title": label, "aria-label": label, "data-tcd-list-button": True},
            )(lambda admin, request, _view=button.view: _view(admin, request))
            return MethodType(decorated, model_admin)
        if name == f"has_{button.name}_permission":
            return lambda request, *args, _allowed=button.allowed: _allowed(model_admin, request)
    return None
