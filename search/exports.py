"""The case collection as open data: /api/cases.csv and /api/cases.jsonl.

Both take the parameters of /api/search/ (q, lang, the filters; a bad one is
a 400 naming it) and give every case that search finds, not paged, newest
first. The JSON Lines are the case-exchange format (docs/exchange.md); the
CSV is a subset of its fields for spreadsheets. Neither holds an e-mail
address: the contact's address is left out. Each reads every match, so a
client address gets EXPORT_RATE_LIMIT of them per EXPORT_RATE_WINDOW
seconds."""

import csv
import io
import json

from django.conf import settings
from django.db import transaction
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cases.exchange import exchange_records
from core.languages import language_codes
from core.ratelimit import over_limit
from search.service import ParameterError, all_matches, parse_params
from search.views import parameter_error

CSV_COLUMNS = (
    "id",
    "language",
    "translation_of",
    "title",
    "url",
    "summary",
    "agency",
    "agency_org_number",
    "partner_agencies",
    "themes",
    "stage",
    "status",
    "started",
    "ended",
    "published",
    "updated",
    "evidence_level",
    "lessons",
    "tags",
)
# Excel reads a file with a byte order mark as UTF-8 (and `;` as the
# separator where the decimal comma is the custom, as in Sweden).
BOM = "\ufeff"


def public_record(record):
    """An exchange record without the contact's e-mail address."""
    contact = record.get("contact") or {}
    contact = {key: contact.get(key, "") for key in ("name", "role")}
    return {**record, "contact": contact if any(contact.values()) else None}


def csv_row(page, record, request):
    return {
        "id": record["id"],
        "language": record["language"],
        "translation_of": record["translation_of"] or "",
        "title": record["title"],
        "url": page.get_full_url(request),
        "summary": record["summary"],
        "agency": record["agency"]["name"],
        "agency_org_number": record["agency"]["org_number"] or "",
        "partner_agencies": ", ".join(agency["name"] for agency in record["partner_agencies"]),
        "themes": ", ".join(sorted(theme.name for theme in page.themes.all())),
        "stage": page.stage.name,
        "status": record["status"],
        "started": record["started"] or "",
        "ended": record["ended"] or "",
        "published": record["published"] or "",
        "updated": page.updated.isoformat() if page.updated else "",
        "evidence_level": record["evidence_level"] or "",
        "lessons": len(record["lessons"]),
        "tags": ", ".join(record["tags"]),
    }


def csv_lines(pages, request):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, CSV_COLUMNS, delimiter=";", lineterminator="\r\n")

    def flush():
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writeheader()
    yield BOM + flush()
    for page, record in exchange_records(pages):
        writer.writerow(csv_row(page, record, request))
        yield flush()


def jsonl_lines(pages):
    for _page, record in exchange_records(pages):
        yield json.dumps(public_record(record), ensure_ascii=False) + "\n"


def _download(lines, content_type, extension):
    response = StreamingHttpResponse(lines, content_type=content_type)
    filename = f"erfarenhetsbanken-{timezone.localdate().isoformat()}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _too_many(request):
    """The 429 answer, in the language asked for (`lang`), else the site's."""
    lang = request.GET.get("lang", "")
    with translation.override(lang if lang in language_codes() else translation.get_language()):
        message = _(
            "Many downloads have come from your network in a short time. "
            "Wait a few minutes and try again."
        )
    response = HttpResponse(
        message,
        status=429,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(settings.EXPORT_RATE_WINDOW)
    return response


def _export(request, build):
    limit, window = settings.EXPORT_RATE_LIMIT, settings.EXPORT_RATE_WINDOW
    if over_limit("export", request, limit=limit, window=window):
        return _too_many(request)
    try:
        params = parse_params(request.GET)
    except ParameterError as exc:
        return parameter_error(exc)
    return build(all_matches(params))


# Streamed: no transaction held open for the whole response.
@transaction.non_atomic_requests
@require_GET
def cases_csv(request):
    return _export(
        request,
        lambda pages: _download(csv_lines(pages, request), "text/csv; charset=utf-8", "csv"),
    )


@transaction.non_atomic_requests
@require_GET
def cases_jsonl(request):
    return _export(
        request,
        lambda pages: _download(jsonl_lines(pages), "application/jsonl; charset=utf-8", "jsonl"),
    )
