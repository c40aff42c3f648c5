"""The case collection's description as an open dataset: /api/dcat.rdf, in
DCAT-AP-SE (RDF/XML), the profile Sweden's data portal harvests. It names
the two exports (search.exports) as distributions, the organisation that
runs the portal as publisher and its open-data licence (core.models)."""

from django.db.models import Max, Min
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cases.models import CaseIndexPage
from cases.queries import published_cases
from cases.snippets import Theme
from core.languages import language_codes
from core.models import Organisation

# The EU vocabularies DCAT-AP-SE draws on.
EU_AUTHORITY = "http://publications.europa.eu/resource/authority/"
DATA_THEME = EU_AUTHORITY + "data-theme/GOVE"  # government and public sector
LANGUAGES = {"sv": "SWE", "en": "ENG"}


def _texts():
    """The dataset's title and description in every language: [(code, title, description)]."""
    texts = []
    for code in language_codes():
        with translation.override(code):
            texts.append(
                (
                    code,
                    _("Cases from Swedish government agencies"),
                    _(
                        "Swedish government agencies share what they did, what happened "
                        "and what they learnt in their innovation and digitalisation "
                        "projects. Each case has its agency, themes, stage, status, "
                        "dates and lessons. Contact e-mail addresses are not included."
                    ),
                )
            )
    return texts


def _local_date(moment):
    return timezone.localtime(moment).date().isoformat() if moment else None


@require_GET
def dcat(request):
    organisation = Organisation.load(request_or_site=request)
    dates = published_cases().aggregate(
        issued=Min("first_published_at"), modified=Max("last_published_at")
    )
    listings = CaseIndexPage.objects.live().public().select_related("locale")
    themes = Theme.objects.filter(cases__in=published_cases()).select_related("locale")
    keywords = sorted({(theme.name, theme.locale.language_code) for theme in themes})
    names = [(organisation.display_name(code), code) for code in language_codes()]
    names = [(name, code) for name, code in names if name] or [("Erfarenhetsbanken", "")]
    context = {
        "about": request.build_absolute_uri(reverse("dcat")),
        "texts": _texts(),
        "organisation": organisation,
        "publisher_names": list(dict.fromkeys(names)),
        "issued": _local_date(dates["issued"]),
        "modified": _local_date(dates["modified"]),
        "landing_pages": [page.get_full_url(request) for page in listings],
        "keywords": keywords,
        "languages": [
            EU_AUTHORITY + "language/" + LANGUAGES[code]
            for code in language_codes()
            if code in LANGUAGES
        ],
        "theme": DATA_THEME,
        "eu": EU_AUTHORITY,
        "csv_url": request.build_absolute_uri(reverse("api-cases-csv")),
        "jsonl_url": request.build_absolute_uri(reverse("api-cases-jsonl")),
    }
    return render(
        request, "portal/dcat.rdf", context, content_type="application/rdf+xml; charset=utf-8"
    )
