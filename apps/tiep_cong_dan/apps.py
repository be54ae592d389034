from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TiepCongDanConfig(AppConfig):
    name = "tiep_cong_dan"
    verbose_name = _("Citizen reception")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .access import list_rendering
        from .access.names import use_vietnamese_name_order
        from .core import site_profile, site_url  # noqa: F401  (their system checks)
        from .core.discovery import discover
        from .core.history_speed import install as install_history_speed
        from .doctype.notification.mentions import install as install_mentions
        from .jobs.outbox import install as install_outbox
        from .jobs.queue import install as install_queue
        from .reporting.cube import install as install_figures

        # What each folder declares: its workflow's model and states, its rule, its
        # workflow's conditions and effects, the stored files it answers for, what the
        # global search finds of it (access/finders.py). No list
        # names the folders.
        for declaration in ("binding", "permissions", "workflow_rules", "files", "global_search"):
            discover(declaration)
        use_vietnamese_name_order()
        list_rendering.install()
        install_outbox()  # what runs each outbox entry, and the queue it goes to
        install_queue()  # the jobs a page may ask for by name (core/background.py)
        install_history_speed()  # one history manager class per model, not per record
        install_figures()  # the monthly figures move with each petition's step
        install_mentions()  # a comment's @mentions told through the notifications
