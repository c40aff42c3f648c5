from django.db import connection, transaction
from django.http import FileResponse, JsonResponse
from django.views.decorators.cache import cache_control, never_cache

from portal.settings.base import BASE_DIR
from search.health import search_health


# Outside the request transaction: opening one needs the database this reports on.
@transaction.non_atomic_requests
@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except Exception:  # any driver error means the database does not answer
        database = "down"
    search, backend = search_health()
    return JsonResponse(
        {"database": database, "search": search, "backend": backend},
        status=200 if database == "ok" else 503,
    )


@cache_control(max_age=86400, public=True)
def favicon(request):
    return FileResponse(
        open(BASE_DIR / "static" / "img" / "favicon.ico", "rb"), content_type="image/x-icon"
    )
