"""404 and 500 pages in the reader's language that need neither the
database nor the session: the language comes from the path (/en/… is
English), and the page is rendered without context processors."""

from django.http import HttpResponse, HttpResponseNotFound, HttpResponseServerError
from django.template.loader import render_to_string
from django.utils import translation

from core.languages import current_language


def _language(request):
    return "en" if request.path == "/en" or request.path.startswith("/en/") else "sv"


def _render(request, template, language=None):
    language = language or _language(request)
    with translation.override(language):
        return render_to_string(
            template,
            {
                "language": language,
                "home": "/en/" if language == "en" else "/",
                "search": "/en/search/" if language == "en" else "/sok/",
            },
        )


def page_not_found(request, exception=None):
    return HttpResponseNotFound(_render(request, "404.html"))


def server_error(request):
    return HttpResponseServerError(_render(request, "500.html"))


def storage_full(request):
    """507 in the language the request is being served in (the admin's own)."""
    language = current_language()
    return HttpResponse(_render(request, "storage_full.html", language), status=507)
