from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TiepCongDanConfig(AppConfig):
    name = "tiep_cong_dan"
    verbose_name = _("Citizen reception")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .access import registry  # noqa: F401  (every permission rule registered)
        from .access.names import use_vietnamese_name_order
        from .conference import readiness  # noqa: F401  (the rule of Art. 23's connection)
        from .jobs.outbox import install as install_outbox

        use_vietnamese_name_order()
        install_outbox()  # what runs each outbox entry, and the queue it goes to
