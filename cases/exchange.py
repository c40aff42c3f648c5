"""The case-exchange format (contracts section 4): JSON Lines in and out.

Import is line by line: each line is validated first, then written inside its
own transaction, so a bad line is reported (line number and field) and never
half-imported while the good lines land."""

import datetime
import html
import json
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.html import escape, strip_tags
from wagtail.models import Locale

from cases.models import CaseIndexPage, CaseLesson, CaseLink, CaseStatus, CaseStudyPage, LessonKind
from cases.snippets import Agency, DigitalisationStage, Theme
from core.control_characters import first_control_character
from core.languages import language_codes

REQUIRED = (
    "id",
    "language",
    "title",
    "summary",
    "agency",
    "themes",
    "stage",
    "status",
    "challenge",
    "approach",
)
LANGUAGES = language_codes()
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$")
MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$", re.ASCII)
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
# The years a case can start or end in (the case form uses them too).
YEARS = range(1900, 2101)


# Size limits (docs/exchange.md): a line beyond them is reported, not imported.
MAX_LINE_CHARACTERS = 1_000_000
MAX_TEXT_CHARACTERS = 50_000  # challenge, approach, results, joint_work
MAX_SHORT_CHARACTERS = 2_000  # a lesson, a tag, a link, a name, an e-mail address
MAX_ITEMS = {"lessons": 30, "links": 30, "tags": 30, "themes": 20, "partner_agencies": 20}
LONG_TEXTS = ("challenge", "approach", "results", "joint_work")
FIELDS = (
    *REQUIRED,
    "translation_of",
    "partner_agencies",
    "started",
    "ended",
    "results",
    "lessons",
    "joint_work",
    "tags",
    "contact",
    "links",
    "published",
)
MAX_DEPTH = 3  # lessons[0].text


class LineError(Exception):
    def __init__(self, field_name, message):
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)  # (line number, field, message)

    @property
    def ok(self):
        return not self.errors


# --- text <-> rich text -------------------------------------------------------


def text_to_richtext(text):
    """Paragraphs separated by a blank line become <p>; single newlines <br/>."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]
    return "".join(
        "<p>" + "<br/>".join(escape(line) for line in p.splitlines()) + "</p>" for p in paragraphs
    )


def richtext_to_text(value):
    """The inverse of text_to_richtext for what it makes; other markup is flattened."""
    value = re.sub(r"<br\s*/?>", "\n", value or "")
    blocks = re.split(r"</(?:p|h[1-6]|li|ul|ol|blockquote)>", value)
    paragraphs = [html.unescape(strip_tags(b)).strip() for b in blocks]
    return "\n\n".join(p for p in paragraphs if p)


# --- validation ----------------------------------------------------------------


def _text(data, key, required=False, max_length=None):
    value = data.get(key)
    if value is None or value == "":
        if required:
            raise LineError(key, "is required")
        return ""
    if not isinstance(value, str):
        raise LineError(key, "must be a string")
    if required and not value.strip():
        raise LineError(key, "is required")
    if max_length and len(value) > max_length:
        raise LineError(key, f"is longer than {max_length} characters")
    return value.strip()


def _month(data, key):
    value = data.get(key)
    if value in (None, ""):
        return None
    match = MONTH_PATTERN.match(value) if isinstance(value, str) else None
    if not match or not 1 <= int(match[2]) <= 12:
        raise LineError(key, f"must be a month as YYYY-MM, not {str(value)[:20]!r}")
    if int(match[1]) not in YEARS:
        raise LineError(key, f"must be a year from {YEARS[0]} to {YEARS[-1]}, not {match[1]}")
    return datetime.date(int(match[1]), int(match[2]), 1)


def _agency(value, key):
    if isinstance(value, str):
        value = {"name": value}
    if (
        not isinstance(value, dict)
        or not isinstance(value.get("name"), str)
        or not value["name"].strip()
    ):
        raise LineError(f"{key}.name", "is required")
    org = value.get("org_number") or ""
    if org and not re.match(r"^\d{6}-\d{4}$", str(org)):
        raise LineError(f"{key}.org_number", f"must be NNNNNN-NNNN, not {org!r}")
    return {"name": value["name"].strip()[:200], "org_number": str(org)}


def _string_list(data, key):
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LineError(key, "must be a list of strings")
    return [v.strip() for v in value if v.strip()]


def _check_strings(data):
    """Every string of the known fields within the size limits and free of
    control characters and lone surrogates (core.control_characters);
    lists within their item limits. The LineError names the field's path."""
    stack = [(key, data[key], 0) for key in dict.fromkeys(FIELDS) if key in data]
    while stack:
        path, value, depth = stack.pop()
        if isinstance(value, str):
            limit = MAX_TEXT_CHARACTERS if path in LONG_TEXTS else MAX_SHORT_CHARACTERS
            if len(value) > limit:
                raise LineError(path, f"is longer than {limit} characters")
            bad = first_control_character(value)
            if bad is not None:
                kind = "a lone surrogate" if 0xD800 <= ord(bad) <= 0xDFFF else "a control character"
                raise LineError(path, f"contains {kind} (U+{ord(bad):04X})")
        elif isinstance(value, list | dict):
            if depth >= MAX_DEPTH:
                raise LineError(path, "is nested too deeply")
            if isinstance(value, list):
                limit = MAX_ITEMS.get(path, MAX_ITEMS["lessons"])
                if len(value) > limit:
                    raise LineError(path, f"has more than {limit} items")
                stack.extend((f"{path}[{i}]", v, depth + 1) for i, v in enumerate(value))
            else:
                stack.extend(
                    (f"{path}.{k}", v, depth + 1)
                    for k, v in value.items()
                    if isinstance(k, str) and not first_control_character(k)
                )


def validate_line(data, theme_slugs, stage_slugs):
    """Check one decoded line; return the clean values or raise LineError."""
    if not isinstance(data, dict):
        raise LineError("line", "must be a JSON object")
    _check_strings(data)
    for key in REQUIRED:
        if data.get(key) in (None, "", []):
            raise LineError(key if key != "agency" else "agency.name", "is required")
    case_id = _text(data, "id", required=True)
    if not ID_PATTERN.match(case_id):
        raise LineError("id", "may contain only letters, digits, '.', '-' and '_' (120 at most)")
    language = data.get("language")
    if language not in LANGUAGES:
        raise LineError("language", f"must be 'sv' or 'en', not {language!r}")
    themes = _string_list(data, "themes")
    if not themes:
        raise LineError("themes", "needs at least one theme")
    unknown = [t for t in themes if t not in theme_slugs]
    if unknown:
        raise LineError("themes", f"unknown theme {unknown[0]!r}")
    stage = data.get("stage")
    if stage not in stage_slugs:
        raise LineError("stage", f"unknown stage {stage!r}")
    status = data.get("status")
    if status not in CaseStatus.values:
        raise LineError("status", f"must be one of {', '.join(CaseStatus.values)}, not {status!r}")
    started, ended = _month(data, "started"), _month(data, "ended")
    if started and ended and ended < started:
        raise LineError("ended", "is before started")
    published = data.get("published")
    if published not in (None, ""):
        try:
            if not isinstance(published, str) or not DATE_PATTERN.match(published):
                raise ValueError
            published = datetime.date.fromisoformat(published)
        except ValueError:
            raise LineError(
                "published", f"must be a date as YYYY-MM-DD, not {published!r}"
            ) from None
    else:
        published = None
    translation_of = data.get("translation_of") or None
    if translation_of is not None:
        if not isinstance(translation_of, str) or translation_of == case_id:
            raise LineError("translation_of", "must name the id of another case")
    partners = data.get("partner_agencies") or []
    if not isinstance(partners, list):
        raise LineError("partner_agencies", "must be a list")
    lessons = data.get("lessons") or []
    if not isinstance(lessons, list):
        raise LineError("lessons", "must be a list")
    clean_lessons = []
    for i, lesson in enumerate(lessons):
        if not isinstance(lesson, dict) or lesson.get("kind") not in LessonKind.values:
            raise LineError(f"lessons[{i}].kind", f"must be one of {', '.join(LessonKind.values)}")
        text = lesson.get("text")
        if not isinstance(text, str) or not text.strip():
            raise LineError(f"lessons[{i}].text", "is required")
        clean_lessons.append({"kind": lesson["kind"], "text": text.strip()})
    links = data.get("links") or []
    if not isinstance(links, list):
        raise LineError("links", "must be a list")
    clean_links = []
    for i, link in enumerate(links):
        if not isinstance(link, dict):
            raise LineError(f"links[{i}]", "must be an object with title and url")
        url = link.get("url")
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise LineError(f"links[{i}].url", f"is not a web address: {url!r}") from None
        title = link.get("title") if isinstance(link.get("title"), str) else ""
        clean_links.append({"title": (title.strip() or url)[:200], "url": url})
    contact = data.get("contact") or {}
    if not isinstance(contact, dict):
        raise LineError("contact", "must be an object with name, role and email")
    email = contact.get("email") or ""
    if email:
        try:
            if not isinstance(email, str) or len(email) > 254:
                raise ValidationError("too long")
            validate_email(email)
        except ValidationError:
            raise LineError("contact.email", f"is not an e-mail address: {email!r}") from None
    return {
        "id": case_id,
        "language": language,
        "translation_of": translation_of,
        "title": _text(data, "title", required=True, max_length=255),
        "summary": _text(data, "summary", required=True, max_length=400),
        "agency": _agency(data.get("agency"), "agency"),
        "partner_agencies": [_agency(p, f"partner_agencies[{i}]") for i, p in enumerate(partners)],
        "themes": themes,
        "stage": stage,
        "status": status,
        "started": started,
        "ended": ended,
        "challenge": _text(data, "challenge", required=True),
        "approach": _text(data, "approach", required=True),
        "results": _text(data, "results"),
        "lessons": clean_lessons,
        "joint_work": _text(data, "joint_work"),
        "tags": [t[:100] for t in _string_list(data, "tags")],
        "contact": {
            "name": str(contact.get("name") or "")[:200],
            "role": str(contact.get("role") or "")[:200],
            "email": email,
        },
        "links": clean_links,
        "published": published,
    }


# --- writing -------------------------------------------------------------------


def find_or_create_agency(values, locale):
    """Match by organisation number, else by exact name; create when missing.
    The agency is returned in the case's locale (translated when needed)."""
    match = None
    if values["org_number"]:
        match = Agency.objects.filter(org_number=values["org_number"]).first()
    if match is None:
        match = Agency.objects.filter(name=values["name"]).first()
    if match is None:
        default = Locale.get_default()
        match = Agency.objects.create(
            name=values["name"], org_number=values["org_number"], locale=default
        )
    elif values["org_number"] and not match.org_number:
        Agency.objects.filter(translation_key=match.translation_key).update(
            org_number=values["org_number"]
        )
        match.refresh_from_db()
    translated = match.get_translation_or_none(locale)
    if translated is None:
        translated = match.copy_for_translation(locale)
        translated.save()
    return translated


def case_index_for(locale):
    index = CaseIndexPage.objects.filter(locale=locale).first()
    if index is None:
        from portal.site_setup import ensure_site_structure

        ensure_site_structure()
        index = CaseIndexPage.objects.get(locale=locale)
    return index


def unique_slug(parent, title, exclude_pk=None):
    from django.utils.text import slugify

    base = slugify(title)[:70].strip("-") or "fall"
    slug, n = base, 2
    siblings = parent.get_children()
    if exclude_pk:
        siblings = siblings.exclude(pk=exclude_pk)
    while siblings.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def write_case(values, draft=False):
    """Create or update one case from validated values. Returns "created",
    "updated" or "unchanged"."""
    locale = Locale.objects.get(language_code=values["language"])
    page = CaseStudyPage.objects.filter(exchange_id=values["id"]).first()
    created = page is None
    translation_key = None
    if values["translation_of"]:
        source = CaseStudyPage.objects.filter(exchange_id=values["translation_of"]).first()
        if source is None:
            raise LineError("translation_of", f"no case with id {values['translation_of']!r}")
        if source.locale_id == locale.pk:
            raise LineError("translation_of", "names a case in the same language")
        other = source.get_translation_or_none(locale)
        if other is not None and other.pk != getattr(page, "pk", None):
            raise LineError(
                "translation_of",
                f"that case already has a translation in this language ({other.exchange_id})",
            )
        translation_key = source.translation_key
    if page is not None and page.locale_id != locale.pk:
        raise LineError("language", "differs from the existing case with this id")
    if page is None:
        page = CaseStudyPage(exchange_id=values["id"], locale=locale)
        if translation_key:
            page.translation_key = translation_key
    elif translation_key and page.translation_key != translation_key:
        page.translation_key = translation_key

    if not created and exchange_record(page) == exchange_record_from_values(values):
        return "unchanged"

    page.title = values["title"]
    page.draft_title = values["title"]
    page.summary = values["summary"]
    page.agency = find_or_create_agency(values["agency"], locale)
    page.stage = DigitalisationStage.objects.get(slug=values["stage"], locale=locale)
    page.status = values["status"]
    page.started = values["started"] or values["published"] or timezone.localdate()
    page.ended = values["ended"]
    page.challenge = text_to_richtext(values["challenge"])
    page.approach = text_to_richtext(values["approach"])
    page.results = text_to_richtext(values["results"])
    page.joint_work = text_to_richtext(values["joint_work"])
    page.contact_name = values["contact"]["name"]
    page.contact_role = values["contact"]["role"]
    page.contact_email = values["contact"]["email"]
    page.themes = list(Theme.objects.filter(slug__in=values["themes"], locale=locale))
    page.partner_agencies = [find_or_create_agency(p, locale) for p in values["partner_agencies"]]
    page.lessons = [
        CaseLesson(kind=lesson["kind"], text=lesson["text"]) for lesson in values["lessons"]
    ]
    page.links = [CaseLink(title=link["title"], url=link["url"]) for link in values["links"]]
    if values["published"]:
        page.first_published_at = timezone.make_aware(
            datetime.datetime.combine(values["published"], datetime.time(12, 0))
        )

    if created:
        parent = case_index_for(locale)
        page.slug = unique_slug(parent, values["title"])
        page.live = not draft
        parent.add_child(instance=page)
    page.tags.set(values["tags"])
    page.full_clean()
    revision = page.save_revision(clean=False)
    if draft:
        workflow = page.get_workflow()
        if workflow is not None and not page.workflow_in_progress:
            workflow.start(page, None)
    else:
        revision.publish()
    return "created" if created else "updated"


def import_stream(lines, draft=False):
    """Import an iterable of text lines; return an ImportReport."""
    report = ImportReport()
    theme_slugs = set(Theme.objects.values_list("slug", flat=True))
    stage_slugs = set(DigitalisationStage.objects.values_list("slug", flat=True))
    pending = []  # (line number, values)
    seen = {}
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            if len(raw) > MAX_LINE_CHARACTERS:
                raise LineError("line", f"is longer than {MAX_LINE_CHARACTERS} characters")
            if isinstance(raw, bytes):
                try:
                    raw = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise LineError("line", f"is not UTF-8 (byte {exc.start + 1})") from None
            try:
                data = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise LineError(
                    "json", f"malformed JSON ({exc.msg} at column {exc.colno})"
                ) from None
            except RecursionError:
                raise LineError("json", "is nested too deeply") from None
            values = validate_line(data, theme_slugs, stage_slugs)
            if values["id"] in seen:
                raise LineError("id", f"repeats the id of line {seen[values['id']]}")
        except LineError as exc:
            report.errors.append((number, exc.field, exc.message))
            continue
        seen[values["id"]] = number
        pending.append((number, values))

    # Sources before their translations, whatever the order in the file.
    file_ids = {values["id"] for _n, values in pending}
    known = file_ids | set(
        CaseStudyPage.objects.filter(
            exchange_id__in=[v["translation_of"] for _n, v in pending if v["translation_of"]]
        ).values_list("exchange_id", flat=True)
    )
    ordered = sorted(pending, key=lambda item: (item[1]["translation_of"] is not None, item[0]))
    failed = set()
    for number, values in ordered:
        source = values["translation_of"]
        if source and source not in known:
            report.errors.append(
                (number, "translation_of", f"no case with id {source!r} in the file or the site")
            )
            continue
        if source and source in failed:
            report.errors.append(
                (number, "translation_of", f"the case {source!r} it translates was not imported")
            )
            continue
        try:
            with transaction.atomic():
                outcome = write_case(values, draft=draft)
        except LineError as exc:
            report.errors.append((number, exc.field, exc.message))
            failed.add(values["id"])
            continue
        except ValidationError as exc:
            field_name, messages = next(iter(exc.message_dict.items()))
            report.errors.append((number, field_name, " ".join(messages)))
            failed.add(values["id"])
            continue
        except DatabaseError as exc:  # the line's transaction is rolled back
            report.errors.append((number, "line", f"could not be stored: {exc}"[:300]))
            failed.add(values["id"])
            continue
        setattr(report, outcome, getattr(report, outcome) + 1)
    report.errors.sort()
    return report


# --- export --------------------------------------------------------------------


def _agency_record(agency):
    return {"name": agency.name, "org_number": agency.org_number or None}


def exchange_record(page):
    """One case as a dict in the exchange format (published or not)."""
    translation_of = None
    default = Locale.get_default()
    if page.locale_id != default.pk:
        source = CaseStudyPage.objects.filter(
            translation_key=page.translation_key, locale=default
        ).first()
        translation_of = source.exchange_id if source else None
    contact = {"name": page.contact_name, "role": page.contact_role, "email": page.contact_email}
    published = (
        timezone.localtime(page.first_published_at).date().isoformat()
        if page.first_published_at
        else None
    )
    return {
        "id": page.exchange_id,
        "language": page.locale.language_code,
        "translation_of": translation_of,
        "title": page.title,
        "summary": page.summary,
        "agency": _agency_record(page.agency),
        "partner_agencies": sorted(
            (_agency_record(a) for a in page.partner_agencies.all()), key=lambda a: a["name"]
        ),
        "themes": sorted(t.slug for t in page.themes.all()),
        "stage": page.stage.slug,
        "status": page.status,
        "started": page.started.strftime("%Y-%m") if page.started else None,
        "ended": page.ended.strftime("%Y-%m") if page.ended else None,
        "challenge": richtext_to_text(page.challenge),
        "approach": richtext_to_text(page.approach),
        "results": richtext_to_text(page.results),
        "lessons": [{"kind": lesson.kind, "text": lesson.text} for lesson in page.lessons.all()],
        "joint_work": richtext_to_text(page.joint_work),
        "tags": sorted({t.name for t in page.tags.all()}, key=str.lower),
        "contact": contact if any(contact.values()) else None,
        "links": [{"title": link.title, "url": link.url} for link in page.links.all()],
        "published": published,
    }


def exchange_record_from_values(values):
    """What exchange_record would give once these validated values are stored."""
    contact = values["contact"]
    return {
        "id": values["id"],
        "language": values["language"],
        "translation_of": values["translation_of"] if values["language"] != "sv" else None,
        "title": values["title"],
        "summary": values["summary"],
        "agency": {
            "name": values["agency"]["name"],
            "org_number": values["agency"]["org_number"] or None,
        },
        "partner_agencies": sorted(
            (
                {"name": p["name"], "org_number": p["org_number"] or None}
                for p in values["partner_agencies"]
            ),
            key=lambda a: a["name"],
        ),
        "themes": sorted(set(values["themes"])),
        "stage": values["stage"],
        "status": values["status"],
        "started": values["started"].strftime("%Y-%m") if values["started"] else None,
        "ended": values["ended"].strftime("%Y-%m") if values["ended"] else None,
        "challenge": richtext_to_text(text_to_richtext(values["challenge"])),
        "approach": richtext_to_text(text_to_richtext(values["approach"])),
        "results": richtext_to_text(text_to_richtext(values["results"])),
        "lessons": values["lessons"],
        "joint_work": richtext_to_text(text_to_richtext(values["joint_work"])),
        "tags": sorted(set(values["tags"]), key=str.lower),
        "contact": contact if any(contact.values()) else None,
        "links": values["links"],
        "published": values["published"].isoformat() if values["published"] else None,
    }


def export_lines():
    """Every published case, one JSON document per line, in a stable order."""
    pages = (
        CaseStudyPage.objects.live()
        .select_related("agency", "stage", "locale")
        .prefetch_related("partner_agencies", "themes", "lessons", "links", "tags")
        .order_by("exchange_id")
    )
    for page in pages:
        yield json.dumps(exchange_record(page), ensure_ascii=False)
