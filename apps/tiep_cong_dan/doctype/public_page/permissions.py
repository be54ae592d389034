from ...access.roles import BOARD
from ...access.rules import DocRule
from .models import PublicPage


class PublicPageRule(DocRule):
    """The public pages are the Board's words to citizens: the Board officers and head
    write them; nobody else opens them in the desk (citizens read them on the public
    site). Never deleted: a page is unpublished, so that what was published stays in
    its history and no shipped page comes back by itself."""

    model = PublicPage
    view_roles = add_roles = change_roles = unscoped_roles = BOARD
    delete_roles = frozenset()
