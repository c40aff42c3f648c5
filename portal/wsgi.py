import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.base")

application = get_wsgi_application()

# Production (these settings used directly) refuses to start without the public
# address that e-mails and calendar files link to (core/links.py).
if os.environ["DJANGO_SETTINGS_MODULE"] == "portal.settings.base":
    from core.links import require_base_url

    require_base_url()
