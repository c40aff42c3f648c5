from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app needs and that knows no domain: the client's address,
    rate limits, request ids and logs, mail through tasks, the request
    transaction, security headers, languages, input and image limits."""

    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from core import control_characters, images

        images.bound_decoding()
        control_characters.connect()
