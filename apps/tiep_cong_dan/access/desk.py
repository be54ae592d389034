"""Desk plumbing shared by every document type's admin: the permission rule in
every admin path, capped counting on large lists, the sidebar callbacks."""

import hashlib
from collections.abc import Callable
from contextlib import nullcontext

from django.conf import settings
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import flatten, unquote
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.views.main import ORDER_VAR, ChangeList
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet, FieldDoesNotExist, FullResultSet
from django.core.paginator import InvalidPage, Paginator
from django.db import models
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin
from unfold.admin import ModelAdmin

from ..core.params import BadParameter
from ..core.plans import exists_looked_up
from . import attach
from .attachments.desk import AttachmentsPanelMixin
from .branches import Branches
from .held_files import HeldFileInput, hold_refused_uploads, release_saved
from .history import WordedHistoryMixin
from .list_modes import ListModesMixin
from .list_views import columns as list_columns
from .list_views import desk as list_views_desk
from .rules import rule_for, rule_or_none
from .scope_count import whole_scope_counter
from .search import WordSearchMixin, has_own_search, searched_count_cap


class CappedCountPaginator(Paginator):
    """Counts at most `cap` + 1 rows (TCD_LIST_COUNT_CAP unless told): a bounded COUNT
    over a LIMITed subquery, so a page of a million-row table costs the same as a small
    one."""

    def __init__(self, *args, cap: int | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.cap = settings.TCD_LIST_COUNT_CAP if cap is None else cap

    @property
    def count_exact(self) -> bool:
        return self.count <= self.cap

    @cached_property
    def count(self) -> int:
        try:
            return self.object_list.order_by()[: self.cap + 1].count()
        except (AttributeError, TypeError):
            return len(self.object_list)


# How long a list once found longer than the cap is taken to be so without counting
# again: a list of more than TCD_LIST_COUNT_CAP rows does not fall under it in minutes.
OVER_CAP_SECONDS = 300


class RememberedCapPaginator(CappedCountPaginator):
    """The capped count, remembered (in the cache, per query: the reader's scope and
    filters are in its SQL) when the list is longer than the cap: its answer, "more
    than the cap", would cost the same ten thousand index entries (or a department's
    cases looked up by key, 107 ms) on every page otherwise. A shorter list is
    counted exactly each time. The desk's lists and the API's alike."""

    def __init__(self, *args, counter: Callable[[], int] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.counter = counter  # another way to the capped count (the scope's branches)

    @cached_property
    def count(self) -> int:
        cap = self.cap
        key = None
        try:
            sql, params = self.object_list.order_by().query.sql_with_params()
            text = f"{self.object_list.db}:{cap}:{sql}:{params!r}"
            key = "tcd-over-cap:" + hashlib.sha256(text.encode()).hexdigest()
        except (AttributeError, TypeError, EmptyResultSet, FullResultSet):
            pass  # not a queryset, or one whose SQL says no rows: counted as it is
        if key is not None and cache.get(key):
            return cap + 1
        count = self.counter() if self.counter is not None else super().count
        if key is not None and count > cap:
            cache.set(key, True, OVER_CAP_SECONDS)
        return count


# From this many rows skipped on, a page's keys are found before its rows are read.
DEEP_PAGE_FROM = 1000


class RuleChangeList(ChangeList):
    """A list that never sorts by a field masked from its viewer: the rule's neutral
    ordering (the masked rows together) replaces it, or the column is not sorted."""

    one_pass_rows = True  # its rows written by access/list_rows.py

    def __init__(self, request, *args, **kwargs):
        self.viewer = request.user  # before the parent sorts the rows
        super().__init__(request, *args, **kwargs)

    def get_results(self, request):
        parts = self._scope_parts()
        if parts is not None:
            with exists_looked_up():
                self._results_counted_by(request, parts)
            return
        branches = self._scope_branches(request)
        own_search = has_own_search(getattr(self.model_admin, "rule", None))
        if branches is None and self.query and own_search:
            # A type searching by its own rule (the petition) counts as far as
            # `searched_count_cap` says: a common name is checked case by case.
            cap = searched_count_cap(self.page_num, self.list_per_page)
            with self._searched_plan():
                self._page_counted(request, lambda rows: rows.order_by()[: cap + 1].count())
            return
        whole = None
        if branches is None:  # the whole scope, counted by the rule's own means?
            whole = whole_scope_counter(self.queryset, self.viewer, settings.TCD_LIST_COUNT_CAP)
        if whole is not None:
            with self._searched_plan():
                self._page_counted(
                    request,
                    lambda rows: (
                        RememberedCapPaginator(rows, self.list_per_page, counter=whole).count
                    ),
                )
            return
        if branches is None:
            super().get_results(request)  # counted by MariaDB's own plan
            with self._searched_plan():  # the page read by the rule's, if it has one
                self._deep_page_by_keys()
                len(self.result_list)  # evaluated here (a queryset still)
            return
        rows = self._unscoped_rows(request)
        paginator = self.model_admin.get_paginator(request, self.queryset, self.list_per_page)
        cap = settings.TCD_LIST_COUNT_CAP
        if self.query:  # counted as far as any list searched by its rule
            cap = searched_count_cap(self.page_num, self.list_per_page)
        paginator.count = branches.capped_count(rows, cap)
        try:
            number = paginator.validate_number(self.page_num)
        except InvalidPage as exc:
            raise IncorrectLookupParameters from exc
        offset = (number - 1) * self.list_per_page
        ids = branches.page_ids(rows, offset, self.list_per_page, paginator.count)
        # The page's rows read by key through the rule's own query: the branches choose
        # which rows, the rule still decides what may be shown.
        found = {obj.pk: obj for obj in self.queryset.filter(pk__in=ids)}
        self.result_count = paginator.count
        self.show_full_result_count = False
        self.show_admin_actions = True
        self.full_result_count = None
        self.result_list = [found[pk] for pk in ids if pk in found]
        self.can_show_all = paginator.count <= self.list_max_show_all
        self.multi_page = paginator.count > self.list_per_page
        self.paginator = paginator

    def _searched_plan(self):
        """The plan the rule reads this list with, searched or not (the petition: a
        district's cases searched by a common name along the list's order, an agency's
        cases along it too), else MariaDB's own."""
        search_plan = getattr(self.model_admin.rule, "search_plan", None)
        return search_plan(self.viewer, self.query) if search_plan else nullcontext()

    def _scope_parts(self):
        """The rule's scope as parts each served by an index (rules with
        `scope_parts`: a unit officer's citizens), or None."""
        scope_parts = getattr(self.model_admin.rule, "scope_parts", None)
        if scope_parts is None or type(self.model_admin).get_queryset is not RuleMixin.get_queryset:
            return None
        return scope_parts(self.viewer)

    def _results_counted_by(self, request, parts) -> None:
        """Django's page, counted as the union of the scope's parts (each capped, read
        from its own index): counted whole, MariaDB read every row of the table and
        asked the scope of each (a commune's 20,000 citizens among a million: 0.66 s).
        The page is read here, inside the caller's plan settings."""
        counting = Branches(pages=(), counts=tuple(parts), order=())
        self._page_counted(
            request, lambda rows: counting.capped_count(rows, settings.TCD_LIST_COUNT_CAP)
        )

    def _page_counted(self, request, count) -> None:
        """Django's page, with its rows counted by `count(queryset)`."""
        paginator = self.model_admin.get_paginator(request, self.queryset, self.list_per_page)
        paginator.count = count(self.queryset)
        self.result_count = paginator.count
        self.show_full_result_count = False
        self.show_admin_actions = True
        self.full_result_count = None
        self.can_show_all = paginator.count <= self.list_max_show_all
        self.multi_page = paginator.count > self.list_per_page
        self.paginator = paginator
        if (self.show_all and self.can_show_all) or not self.multi_page:
            self.result_list = self.queryset._clone()
        else:
            try:
                self.result_list = paginator.page(self.page_num).object_list
            except InvalidPage as exc:
                raise IncorrectLookupParameters from exc
        self._deep_page_by_keys()
        self.result_list = list(self.result_list)

    def _deep_page_by_keys(self) -> None:
        """A deep page (page 200: 9,950 rows skipped) finds its keys from the order's
        index alone, then reads its fifty rows by key: skipped by OFFSET, each row would
        be read whole first. So does a filtered page: the rows a filter's own index
        finds (a month's 4,000 cases by their date) are sorted into the list's order
        from an index holding the order's columns, where sorting the whole rows read
        each of them first (26 ms for a month of a million cases, 2 ms by keys)."""
        page = self.result_list
        query = getattr(page, "query", None)
        if query is None:
            return
        deep = query.low_mark and query.low_mark >= DEEP_PAGE_FROM
        if not deep and not self.get_filters_params():
            return
        order = self._filtered_by_own_index() and _not_by_index(
            self.model, self.queryset.query.order_by
        )
        if order:
            keys = self.queryset.order_by(*order).values_list("pk", flat=True)
            ids = list(keys[query.low_mark : query.high_mark])
        else:
            ids = list(page.values_list("pk", flat=True))
        found = {obj.pk: obj for obj in self.queryset.order_by().filter(pk__in=ids)}
        self.result_list = [found[pk] for pk in ids if pk in found]

    def _filtered_by_own_index(self) -> bool:
        """Whether the list is filtered on a field the admin names in
        `keys_by_filter_index` (a date range: a few thousand rows of an index of their
        own). Scoped as well (a district's month), MariaDB walked the order's index from
        the newest row, expecting the month's rows spread evenly along it: 140,000 rows
        read for a month three years back. Its keys are then sorted by the order's
        values rather than read along the order's index."""
        fields = getattr(self.model_admin, "keys_by_filter_index", ())
        return any(p.split("__")[0] in fields for p in self.get_filters_params())

    def _scope_branches(self, request):
        """The rule's scope as index branches, when they answer this list: the rule's
        order, no search (unless the rule reads this search along its branches,
        `searched_branches`) and only the filters the branches' indexes serve (others,
        such as a date range, narrow the rows through an index of their own), an admin
        that narrows nothing beyond the rule."""
        admin = self.model_admin
        if self.query:
            offered = getattr(admin.rule, "searched_branches", None)
        else:
            offered = getattr(admin.rule, "scope_branches", None)
        if offered is None or self.show_all:
            return None
        if type(admin).get_queryset is not RuleMixin.get_queryset:
            return None
        branches = offered(self.viewer, self.query) if self.query else offered(self.viewer)
        if branches is None or list(self.queryset.query.order_by) != list(branches.order):
            return None
        if not set(self.get_filters_params()) <= branches.filters:
            return None
        return branches

    def _unscoped_rows(self, request):
        """The list's rows with its filters and before the rule's scope, for the
        branches to narrow (never shown as such)."""
        scoped, kept = self.root_queryset, self.__dict__.copy()
        self.root_queryset = self.model_admin.unscoped_queryset(request)
        try:
            return self.get_queryset(request)
        finally:
            self.__dict__.update(kept)
            self.root_queryset = scoped

    def get_ordering(self, request, queryset):
        # Searched, the best matches come first unless the user sorts by a column.
        ordering = super().get_ordering(request, queryset)
        if "search_rank" in queryset.query.annotations and ORDER_VAR not in self.params:
            ordering = ["search_rank", *ordering]
        return ordering

    def apply_select_related(self, qs):
        """A page's related rows fetched by key (one query per relation), not joined:
        joined to a small table (units, agencies), a million-row table is read from
        the small side and sorted whole; alone, it is read in its index's order and
        stops at the page's last row."""
        related = self.list_select_related
        if isinstance(related, list | tuple) and related:
            return qs.prefetch_related(*related)
        return super().apply_select_related(qs)

    def _get_deterministic_ordering(self, ordering):
        # Django ends an order that is not total with "-pk". After an ascending column
        # (citizens by name) the column's index holds the key ascending, so "-pk" made
        # MariaDB sort the whole table; "pk" lets the index serve the page.
        ordering = super()._get_deterministic_ordering(ordering)
        if len(ordering) >= 2 and ordering[-1] == "-pk":
            before = ordering[-2]
            if isinstance(before, str) and not before.startswith("-"):
                ordering[-1] = "pk"
        return ordering

    def get_ordering_field(self, field_name):
        order = super().get_ordering_field(field_name)
        if isinstance(order, str):
            rule, user = self.model_admin.rule, self.viewer
            if rule.reveals_masked(user, order):
                return rule.neutral_ordering(user, order.lstrip("-"))
        return order


def _not_by_index(model, order) -> list | None:
    """The same order written so that no index serves it (each integer column plus
    zero): the rows are found by the filter's index, then sorted. None when the order
    is not of the model's own integer columns alone (a column the user sorts by)."""
    exprs = []
    for name in order:
        if not isinstance(name, str):
            return None
        field_name = name.lstrip("-")
        if field_name == "pk":
            field_name = model._meta.pk.name
        try:
            field = model._meta.get_field(field_name)
        except FieldDoesNotExist:
            return None
        if not isinstance(field, models.IntegerField | models.AutoField):
            return None
        column = models.F(field_name) + 0
        exprs.append(column.desc() if name.startswith("-") else column.asc())
    return exprs or None


class LoggedAutocompleteView(AutocompleteJsonView):
    """The pickers' search (a citizen field's suggestions): what it names is asked of
    the picked type's admin, so a denouncer suggested to a cleared officer is logged
    like on any other page."""

    def serialize_result(self, obj, to_field_name):
        # A type may word its suggestions itself (a unit not in force on the form's
        # date shows its dates).
        result = super().serialize_result(obj, to_field_name)
        label = getattr(self.model_admin, "picker_label", None)
        if label is not None:
            result["text"] = label(self.request, obj)
        return result

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        log_shown = getattr(self.model_admin, "log_suggestions_shown", None)
        if log_shown is not None:
            log_shown(self.request, list(context["object_list"]))
        return context


def autocomplete_view(admin_site):
    """The admin site's picker endpoint, logged (installed on the site in admin.py)."""

    def view(request):
        return LoggedAutocompleteView.as_view(admin_site=admin_site)(request)

    return view


class BoundedDatesMixin:
    """A list filtered on a date the database cannot hold in UTC (year 1, from the
    address or a filter's form) answers 400 with the reason, not a server error: the
    province's time is UTC+7, so 0001-01-01 00:00 falls before the first year."""

    def get_changelist_instance(self, request):
        try:
            return super().get_changelist_instance(request)
        except OverflowError as exc:
            raise BadParameter(_("Choose dates between 2000 and 2100.")) from exc


class RuleMixin(ListModesMixin, WordSearchMixin, BoundedDatesMixin):
    """Every admin path asks the document type's rule, never Django's model perms."""

    paginator = RememberedCapPaginator  # the API's lists count the same way
    show_full_result_count = False
    list_per_page = 50
    compressed_fields = True
    warn_unsaved_form = True
    # Every list offers its columns and saved filters (access/list_views): a list may
    # declare more columns a user can add (`list_display_optional`).
    list_views = True
    list_display_optional: tuple[str, ...] = ()

    @property
    def rule(self):
        return rule_for(self.model)

    def get_queryset(self, request):
        return self.rule.queryset(request.user, super().get_queryset(request))

    def unscoped_queryset(self, request):
        """The rows before the rule narrows them: only for a list that reads its page
        through the rule's scope branches (RuleChangeList.get_results)."""
        return super().get_queryset(request)

    # -- the viewer's columns and saved filters (access/list_views) ---------------
    def get_urls(self):
        return list_views_desk.urls(self) + super().get_urls()

    def get_list_display(self, request):
        return list_columns.shown(self, request, super().get_list_display(request))

    def get_list_display_links(self, request, list_display):
        # The declared link column hidden by the viewer: the first one shown links.
        links = super().get_list_display_links(request, list_display)
        if links and list_display and not any(c in links for c in list_display):
            return list(list_display)[:1]
        return links

    # -- sorting and filtering never reveal what is masked ----------------------
    def get_changelist(self, request, **kwargs):
        return RuleChangeList

    def lookup_allowed(self, lookup, value, request=None) -> bool:
        # Django allows any lookup on a local field from the address bar
        # (?citizen=12, ?content__icontains=…): on a masked field it would tell whose
        # case it is. The refusal is the admin's 400 (DisallowedModelAdminLookup).
        if request is None or self.rule.reveals_masked(request.user, lookup):
            return False
        return super().lookup_allowed(lookup, value, request)

    def get_sortable_by(self, request):
        sortable = []
        for name in self.get_list_display(request):
            field = name if callable(name) else getattr(self, name, None)
            order = getattr(field, "admin_order_field", None) if field is not None else name
            if isinstance(order, str) and self.rule.reveals_masked(request.user, order):
                if self.rule.neutral_ordering(request.user, order.lstrip("-")) is None:
                    continue
            sortable.append(name)
        return sortable

    def get_fieldsets(self, request, obj=None):
        # A field the rule masks on this record is not on the form at all (neither
        # shown nor posted): the session's room PINs for those who do not run it.
        fieldsets = super().get_fieldsets(request, obj)
        masked = self.rule.masked_fields(request.user, obj) if obj is not None else frozenset()
        return without_fields(fieldsets, masked) if masked else fieldsets

    def has_module_permission(self, request) -> bool:
        return self.rule.can_view(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return self.rule.can_view(request.user, obj)

    def has_add_permission(self, request, *args) -> bool:
        return self.rule.can_add(request.user)

    def has_change_permission(self, request, obj=None) -> bool:
        return self.rule.can_change(request.user, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self.rule.can_delete(request.user, obj)

    # -- one answer for "no such record" and "not yours" -------------------------------
    # Every page of one record (form, history, an earlier version, delete, and the
    # custom pages that look the record up through get_object) answers 404 for a record
    # outside the user's rule exactly as for one that does not exist, as the API does: a
    # different answer would tell that the record exists.
    def get_object(self, request, object_id, from_field=None):
        # A form's page asks for its record five times (the action panel, the history
        # button, the attachments, the admin's view, the access log): on a read the
        # first answer serves them all. A post reads afresh (the form changes the record).
        reads = request.method in ("GET", "HEAD")
        key = (self.model, str(object_id), from_field)
        seen = request.__dict__.setdefault("_tcd_objects", {}) if reads else {}
        if key in seen:
            return seen[key]
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and not self.has_view_or_change_permission(request, obj):
            obj = None
        if reads:
            seen[key] = obj
        return obj

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        raise Http404

    def history_view(self, request, object_id, extra_context=None):
        # django-simple-history would look a record outside the rule up in its history
        # and refuse it (403), where a missing one is 404.
        if self.get_object(request, unquote(object_id)) is None:
            raise Http404
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if self.get_object(request, unquote(object_id)) is None:
            raise Http404
        return super().history_form_view(request, object_id, version_id, extra_context)


def without_fields(fieldsets, masked: frozenset[str]) -> list:
    """The fieldsets less the named fields; a row or fieldset left empty goes too."""
    kept = []
    for title, options in fieldsets:
        fields = []
        for entry in options.get("fields", ()):
            if isinstance(entry, list | tuple):
                row = tuple(f for f in entry if f not in masked)
                if row:
                    fields.append(row)
            elif entry not in masked:
                fields.append(entry)
        if fields:
            kept.append((title, {**options, "fields": fields}))
    return kept


class ReadOnlyMixin:
    """A page of records nobody adds, edits or deletes in the desk: logs, and records
    that only their services write. Put it before the admin class it narrows."""

    def has_add_permission(self, request, *args) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class HeldFilesMixin:
    """File inputs that keep their file when the form is refused for another reason
    (access/held_files.py), on the form and on its inlines."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.FileField) and db_field.editable:
            kwargs["widget"] = HeldFileInput(owner_id=request.user.pk)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


# The comments under every record's form (its box and @mention suggestions): the
# comments' owner, a layer above (workflow/comments_desk.py), installs the panel at
# start-up: `urls(model_admin)` its addresses, `context(model_admin, request, obj)` what
# the page shows this viewer ({}: nothing).
_comments_panel = None


def show_comments_with(panel) -> None:
    global _comments_panel
    _comments_panel = panel


class RuleAdmin(
    RuleMixin,
    AttachmentsPanelMixin,
    HeldFilesMixin,
    WordedHistoryMixin,
    SimpleHistoryAdmin,
    ModelAdmin,
):
    """A document type's desk pages, with its change history (django-simple-history),
    its attached files when its rule takes them (access/attachments), and the pages and
    list buttons features attach to it (access/attach.py)."""

    # Below the form: the attachments panel and the comments (a type with a workflow
    # shows both in its own order, the comments among its steps, workflow/desk.py).
    change_form_outer_after_template = "tiep_cong_dan/record_after_form.html"

    def __init__(self, model, admin_site) -> None:
        super().__init__(model, admin_site)
        self.actions_list = attach.ActionNames(type(self).actions_list, model._meta.label)

    def __getattr__(self, name: str):
        # Only reached when normal lookup fails: an attached button's method.
        if name.startswith("__") or "model" not in self.__dict__:
            raise AttributeError(name)
        member = attach.attached_member(self, name)
        if member is None:
            raise AttributeError(name)
        return member

    def get_urls(self):
        comments = _comments_panel.urls(self) if _comments_panel is not None else []
        return attach.attached_urls(self) + comments + super().get_urls()

    def has_view_history_or_change_history_permission(self, request, obj=None):
        # Earlier versions show every field: not where the rule masks some of them.
        if obj is not None and self.rule.masked_fields(request.user, obj):
            return False
        return super().has_view_history_or_change_history_permission(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # The form's "history" button only where the history opens for this reader.
        obj = self.get_object(request, unquote(object_id))
        extra = dict(extra_context or {})
        if obj is not None:
            extra.setdefault(
                "show_history", self.has_view_history_or_change_history_permission(request, obj)
            )
            if "wf_entries" not in extra and _comments_panel is not None:
                # A record without a workflow: its comments alone (one with a workflow
                # has put them in its timeline already).
                extra.update(_comments_panel.context(self, request, obj))
        return super().change_view(request, object_id, form_url, extra)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        response = super().changeform_view(request, object_id, form_url, extra_context)
        if request.method == "POST" and response.status_code in (301, 302):
            release_saved(request.POST, request.user.pk)  # saved: nothing to keep
        return response

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if request.method == "POST":  # refused: keep the files chosen, for this user
            forms = [context["adminform"].form] if "adminform" in context else []
            for inline in context.get("inline_admin_formsets", ()):
                forms += list(inline.formset.forms)
            hold_refused_uploads(forms, request.user.pk)
        return super().render_change_form(request, context, add, change, form_url, obj)


class RuleLogAdmin(RuleMixin, ModelAdmin):
    """Desk pages of a record that is itself a log and has no history of its own."""


class LabelledAutocompleteSelect(AutocompleteSelect):
    """Django's picker, which asks the database for the label of its current value on
    every row of an inline; given the labels of the whole formset (`known_labels`,
    one query per field) it asks nothing."""

    known_labels: dict[str, str] | None = None

    def optgroups(self, name, value, attr=None):
        empty = self.choices.field.empty_values
        selected = {str(v) for v in value if str(v) not in empty}
        labels = self.known_labels
        if labels is None or not selected <= labels.keys():
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required and not self.allow_multiple_selected:
            options.append(self.create_option(name, "", "", False, 0))
        for pk in sorted(selected):
            options.append(self.create_option(name, pk, labels[pk], selected, len(options)))
        return [(None, options, 0)]


def _picker(field):
    widget = getattr(field.widget, "widget", field.widget)  # inside the related wrapper
    return widget if isinstance(widget, LabelledAutocompleteSelect) else None


class PrefetchedLabelsMixin:
    """A formset whose pickers label every row from one query per field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.forms:
            return
        for name, field in self.forms[0].fields.items():
            if _picker(field) is None:
                continue
            ids = {str(f[name].value()) for f in self.forms if f[name].value() not in (None, "")}
            found = field.queryset.filter(pk__in=ids) if ids else []
            labels = {str(obj.pk): field.label_from_instance(obj) for obj in found}
            for form in self.forms:
                _picker(form.fields[name]).known_labels = labels


class RuleInlineMixin(HeldFilesMixin):
    """Inline rows follow the parent form: editable only when the parent is. The rows
    shown are those the rule of their own type lets the viewer see (a session's
    hearings by the petition rule, one by one), and a column masked from the viewer
    on some rows is not shown at all."""

    def _own_rule(self):
        return rule_or_none(self.model)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        widget = getattr(formfield.widget, "widget", formfield.widget) if formfield else None
        if type(widget) is AutocompleteSelect:
            widget.__class__ = LabelledAutocompleteSelect  # same widget, labels shared
        return formfield

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (PrefetchedLabelsMixin, formset), {})

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        # The records a row links to, read with it: a read-only row shows each by name.
        shown = set(flatten(self.fields or ())) | set(self.readonly_fields or ())
        linked = [
            f.name
            for f in self.model._meta.concrete_fields
            if f.many_to_one and f.name in shown and f.name != self.fk_name
        ]
        linked += list(getattr(self, "row_select_related", ()))  # what a row's title reads
        qs = qs.select_related(*linked) if linked else qs
        rule = self._own_rule()
        return rule.queryset(request.user, qs) if rule is not None else qs

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        rule = self._own_rule()
        if rule is None:
            return fields
        masked = rule.masked_paths(request.user)
        return [f for f in fields if f not in masked]

    def _parent_allows(self, request, obj) -> bool:
        # Asked for every row of every inline: answered once per request and record.
        key = (self.parent_model, getattr(obj, "pk", None))
        answers = request.__dict__.setdefault("_tcd_parent_allows", {})
        if key not in answers:
            answers[key] = rule_for(self.parent_model).can_change(request.user, obj)
        return answers[key]

    def has_add_permission(self, request, obj=None) -> bool:
        return self._parent_allows(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._parent_allows(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._parent_allows(request, obj)

    def has_view_permission(self, request, obj=None) -> bool:
        return rule_for(self.parent_model).can_view(request.user, obj)


def _may_open(model_path: str):
    def check(request) -> bool:
        from django.apps import apps

        return rule_for(apps.get_model(model_path)).can_view(request.user)

    return check


def _may_manage_users(request) -> bool:
    from .roles import Role, has_any

    return has_any(request.user, {Role.ADMINISTRATOR})


may_open_petition = _may_open("tiep_cong_dan.Petition")
may_open_citizen = _may_open("tiep_cong_dan.Citizen")
may_open_receptionsession = _may_open("tiep_cong_dan.ReceptionSession")
may_open_resultnotice = _may_open("tiep_cong_dan.ResultNotice")
may_open_bridgepoint = _may_open("tiep_cong_dan.BridgePoint")
may_open_connectiontest = _may_open("tiep_cong_dan.ConnectionTest")
may_open_agency = _may_open("tiep_cong_dan.Agency")
may_open_administrativeunit = _may_open("tiep_cong_dan.AdministrativeUnit")
may_open_calendarday = _may_open("tiep_cong_dan.CalendarDay")
may_open_legalbasis = _may_open("tiep_cong_dan.LegalBasis")
may_open_publicpage = _may_open("tiep_cong_dan.PublicPage")
may_open_confidentialaccess = _may_open("tiep_cong_dan.ConfidentialAccess")
may_open_assignment = _may_open("tiep_cong_dan.Assignment")
may_open_notification = _may_open("tiep_cong_dan.Notification")
may_open_workflow = _may_open("tiep_cong_dan.Workflow")
may_open_workflowevent = _may_open("tiep_cong_dan.WorkflowEvent")
may_open_user = _may_manage_users
may_open_printformat = _may_open("tiep_cong_dan.PrintFormat")
may_open_signatureimage = _may_open("tiep_cong_dan.SignatureImage")
may_open_sealimage = _may_open("tiep_cong_dan.SealImage")


def may_open_signature_check(request) -> bool:
    # Every officer verifies signed documents (print_format/signing/verify_desk.py).
    return bool(request.user.is_active and request.user.is_staff)


may_open_monthlyreport = _may_open("tiep_cong_dan.MonthlyReport")
may_open_caseproposal = _may_open("tiep_cong_dan.CaseProposal")
may_open_receptionrequest = _may_open("tiep_cong_dan.ReceptionRequest")
may_open_notificationpreference = _may_open("tiep_cong_dan.NotificationPreference")
may_open_delivery = _may_open("tiep_cong_dan.Delivery")
may_open_agencymail = _may_open("tiep_cong_dan.AgencyMail")
may_open_apitoken = _may_open("tiep_cong_dan.ApiToken")
may_open_rolegrant = _may_open("tiep_cong_dan.RoleGrant")
may_open_accountchange = _may_open("tiep_cong_dan.AccountChange")
may_open_periodictask = _may_open("django_celery_beat.PeriodicTask")
may_open_taskresult = _may_open("django_celery_results.TaskResult")
may_open_outboxentry = _may_open("tiep_cong_dan.OutboxEntry")
# Sign-ins: lockouts, the sign-in log and second-factor devices are the administrators'.
may_open_accessattempt = _may_manage_users
may_open_accesslog = _may_manage_users
may_open_accessfailurelog = _may_manage_users
may_open_totpdevice = _may_manage_users


def may_open_petition_import(request) -> bool:
    """Registering is the Board's: so is importing its registers."""
    from django.apps import apps

    return rule_for(apps.get_model("tiep_cong_dan.Petition")).can_add(request.user)
