from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TiepCongDanConfig(AppConfig):
    name = "tiep_cong_dan"
    verbose_name = _("Citizen reception")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .access.names import use_vietnamese_name_order
        from .core.discovery import discover
        from .jobs.outbox import install as install_outbox

        # What each folder declares: its workflow's model and states, its rule, its
        # workflow's conditions and effects, the stored files it answers for. No list
        # names the folders.
        for declaration in ("binding", "permissions", "workflow_rules", "files"):
            discover(declaration)
        use_vietnamese_name_order()
        install_outbox()  # what runs each outbox entry, and the queue it goes to
