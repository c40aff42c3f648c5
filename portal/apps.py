from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from django.db.models.signals import post_migrate

        from portal import signals
        from portal.site_setup import update_existing_site

        signals.connect()
        post_migrate.connect(update_existing_site, sender=self)
