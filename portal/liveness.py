"""/livez: the process answers. Unlike /healthz it asks nothing of the
database, so it is also the benchmark's ceiling: the cheapest request the
stack can serve."""

from django.db import transaction
from django.http import HttpResponse
from django.views.decorators.cache import never_cache


@transaction.non_atomic_requests
@never_cache
def livez(request):
    return HttpResponse("ok", content_type="text/plain")
