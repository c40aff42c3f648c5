import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.base")

application = get_wsgi_application()

# Load the URL configuration now, then move everything loaded so far (about
# 160,000 objects: Django, Wagtail and their modules, which live as long as
# the process) out of the garbage collector's sight. Without this, every full
# collection walked them all and paused a request for about 230 ms on a
# 2-core machine, which made the slowest 1 % of searches ten times the median.
from django.urls import get_resolver  # noqa: E402

get_resolver().url_patterns  # noqa: B018 (imports the views)
gc.freeze()
