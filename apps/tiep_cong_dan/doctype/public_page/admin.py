from django.contrib import admin

from ...access.desk import RuleAdmin
from .models import PublicPage
from .services import create_public_page, edit_public_page


@admin.register(PublicPage)
class PublicPageAdmin(RuleAdmin):
    list_display = ["title", "slug", "position", "published", "updated_at"]
    list_filter = ["published"]
    search_fields = ["title", "slug"]
    fields = ["title", "slug", "summary", "body", ("position", "published"), "updated_at"]
    readonly_fields = ["updated_at"]

    def save_model(self, request, obj, form, change):
        if change:
            changes = {name: getattr(obj, name) for name in form.changed_data}
            edit_public_page(obj, changes, by=request.user)
            return
        create_public_page(obj, by=request.user)
