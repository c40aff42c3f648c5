"""The case-exchange format (docs/exchange.md): JSON Lines in and out.

Import is line by line: each line is checked against the format's declared
fields first (`CaseLine`), then written through `cases.writing` inside its own
transaction, so a bad line is reported (line number and field path) and never
half-imported while the good lines land."""

import datetime
import json
import re
from dataclasses import dataclass, field
from itertools import islice

from django.core import validators
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from rest_framework import serializers
from rest_framework.fields import empty
from rest_framework.settings import api_settings
from wagtail.models import Locale

from cases.choices import EvidenceLevel, FollowUpStatus, StoppedReason
from cases.models import CaseStatus, CaseStudyPage, LessonKind
from cases.snippets import DigitalisationStage, Theme
from cases.writing import (
    YEARS,
    CaseContent,
    NoCaseIndex,
    agency_named,
    richtext_to_text,
    send_for_review,
    text_to_richtext,
    write_case,
)
from core.control_characters import first_control_character
from core.languages import language_codes

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$")
MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$", re.ASCII)
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
ORG_NUMBER_PATTERN = re.compile(r"^\d{6}-\d{4}$")

# Size limits (docs/exchange.md): a line beyond them is reported, not imported.
MAX_LINE_CHARACTERS = 1_000_000
MAX_TEXT_CHARACTERS = 50_000  # challenge, approach, results, joint_work
MAX_SHORT_CHARACTERS = 2_000  # every other string
MAX_EMAIL_CHARACTERS = 254
MAX_ITEMS = 30  # lessons, links, tags (the case form's limit for lessons and links)
MAX_NAMES = 20  # themes, partner_agencies
MAX_FOLLOW_UPS = 50
MAX_FOLLOW_UP_CHARACTERS = 4_000


class LineError(Exception):
    """What is wrong with a line: (field path, message) pairs."""

    def __init__(self, *errors):
        super().__init__("; ".join(f"{path}: {message}" for path, message in errors))
        self.errors = errors


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)  # (line number, field path, message)

    @property
    def ok(self):
        return not self.errors

    @property
    def failed(self):
        """How many lines were not imported."""
        return len({number for number, _path, _message in self.errors})


# --- the format's fields ------------------------------------------------------


class Text(serializers.Field):
    """A string within `limit` characters and free of control characters and
    lone surrogates (core.control_characters), stripped unless strip=False and
    cut to `keep` characters. Missing, null (with allow_null) or blank is ""
    unless the field is required."""

    default_error_messages = {
        "required": "is required",
        "null": "must be a string",
        "invalid": "must be a string",
        "too_long": "is longer than {limit} characters",
        "control": "contains {kind} (U+{code:04X})",
    }

    def __init__(self, limit=MAX_SHORT_CHARACTERS, *, keep=None, strip=True, **kwargs):
        self.limit, self.keep, self.strip = limit, keep, strip
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def validate_empty_values(self, data):
        if data is empty or (data is None and self.allow_null):
            data = ""
        return False, data

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        if len(data) > self.limit:
            self.fail("too_long", limit=self.limit)
        bad = first_control_character(data)
        if bad is not None:
            kind = "a lone surrogate" if 0xD800 <= ord(bad) <= 0xDFFF else "a control character"
            self.fail("control", kind=kind, code=ord(bad))
        if self.required and not data.strip():
            self.fail("required")
        value = data.strip() if self.strip else data
        return value[: self.keep] if self.keep else value

    def to_representation(self, value):
        return value


class Month(serializers.Field):
    """YYYY-MM in YEARS, as the month's first day; missing, null or "" is None."""

    default_error_messages = {
        "invalid": "must be a month as YYYY-MM, not {value!r}",
        "year": f"must be a year from {YEARS[0]} to {YEARS[-1]}, not {{year}}",
    }

    def validate_empty_values(self, data):
        return (True, None) if data is empty or data in (None, "") else (False, data)

    def to_internal_value(self, data):
        match = MONTH_PATTERN.match(data) if isinstance(data, str) else None
        if not match or not 1 <= int(match[2]) <= 12:
            self.fail("invalid", value=str(data)[:20])
        if int(match[1]) not in YEARS:
            self.fail("year", year=match[1])
        return datetime.date(int(match[1]), int(match[2]), 1)


class Day(Month):
    """YYYY-MM-DD; missing, null or "" is None."""

    default_error_messages = {"invalid": "must be a date as YYYY-MM-DD, not {value!r}"}

    def to_internal_value(self, data):
        try:
            if not isinstance(data, str) or not DATE_PATTERN.match(data):
                raise ValueError
            return datetime.date.fromisoformat(data)
        except ValueError:
            self.fail("invalid", value=str(data)[:20])


class Level(serializers.Field):
    """An evidence level, a whole number from 1 to 5; missing or null is None."""

    default_error_messages = {"invalid": "must be a whole number from 1 to 5, not {value!r}"}

    def validate_empty_values(self, data):
        return (True, None) if data is empty or data is None else (False, data)

    def to_internal_value(self, data):
        # bool is an int in Python, but true is no level.
        if isinstance(data, bool) or not isinstance(data, int) or data not in EvidenceLevel.values:
            self.fail("invalid", value=data if isinstance(data, int | float) else str(data)[:20])
        return data

    def to_representation(self, value):
        return value


class List(serializers.ListField):
    """A list of at most `max_length` items, counted before any is checked;
    missing or null is []."""

    default_error_messages = {
        "not_a_list": "must be a list",
        "empty": "is required",
        "max_length": "has more than {max_length} items",
    }

    def validate_empty_values(self, data):
        return False, [] if data is empty or data is None else data

    def to_internal_value(self, data):
        if isinstance(data, list) and len(data) > self.max_length:
            self.fail("max_length", max_length=self.max_length)
        return super().to_internal_value(data)


class Object(serializers.Serializer):
    """An object of the format; missing or null is {} (its fields' defaults).
    Keys the format does not name are left out."""

    default_error_messages = {"invalid": "must be an object"}

    def validate_empty_values(self, data):
        return False, {} if data is empty or data is None else data


class AgencyLine(Object):
    default_error_messages = {"invalid": "must be an object with name and org_number"}
    name = Text(required=True, keep=200)
    org_number = Text(strip=False)

    def validate_empty_values(self, data):
        # "agency": "Skatteverket" names the agency alone.
        return super().validate_empty_values({"name": data} if isinstance(data, str) else data)

    def validate_org_number(self, value):
        if value and not ORG_NUMBER_PATTERN.match(value):
            raise serializers.ValidationError(f"must be NNNNNN-NNNN, not {value!r}")
        return value


class LessonLine(Object):
    default_error_messages = {"invalid": "must be an object with kind and text"}
    kind = Text(required=True, strip=False)
    text = Text(required=True)

    def validate_kind(self, value):
        if value not in LessonKind.values:
            raise serializers.ValidationError(f"must be one of {', '.join(LessonKind.values)}")
        return value


class LinkLine(Object):
    default_error_messages = {"invalid": "must be an object with title and url"}
    title = Text()
    url = Text(required=True, strip=False)

    def validate_url(self, value):
        try:
            validators.URLValidator(schemes=["http", "https"])(value)
        except ValidationError:
            raise serializers.ValidationError(f"is not a web address: {value!r}") from None
        return value

    def validate(self, attrs):
        return {"title": (attrs["title"] or attrs["url"])[:200], "url": attrs["url"]}


class ContactLine(Object):
    default_error_messages = {"invalid": "must be an object with name, role and email"}
    name = Text(keep=200, strip=False)
    role = Text(keep=200, strip=False)
    email = Text(strip=False)

    def validate_email(self, value):
        if not value:
            return value
        try:
            if len(value) > MAX_EMAIL_CHARACTERS:
                raise ValidationError("too long")
            validators.validate_email(value)
        except ValidationError:
            raise serializers.ValidationError(f"is not an e-mail address: {value!r}") from None
        return value


class StoppedReasonLine(Object):
    default_error_messages = {"invalid": "must be an object with kind and text"}
    kind = Text(strip=False)
    text = Text()

    def validate_kind(self, value):
        if value and value not in StoppedReason.values:
            choices = ", ".join(StoppedReason.values)
            raise serializers.ValidationError(f"must be one of {choices}, not {value!r}")
        return value

    def validate(self, attrs):
        if attrs["text"] and not attrs["kind"]:
            raise serializers.ValidationError({"kind": "is required with a text"})
        return attrs


class FollowUpLine(Object):
    default_error_messages = {"invalid": "must be an object with date, text and status"}
    date = Day()
    text = Text(required=True, limit=MAX_FOLLOW_UP_CHARACTERS)
    status = Text(strip=False)

    def validate_date(self, value):
        if value is None:
            raise serializers.ValidationError("is required")
        if value > timezone.localdate():
            raise serializers.ValidationError("is in the future")
        return value

    def validate_status(self, value):
        if value and value not in FollowUpStatus.values:
            choices = ", ".join(FollowUpStatus.values)
            raise serializers.ValidationError(f"must be null or one of {choices}, not {value!r}")
        return value or None


class CaseLine(serializers.Serializer):
    """One line of the format, field by field. The context holds the slugs of
    the themes and stages the site knows."""

    id = Text(required=True)
    language = Text(required=True, strip=False)
    translation_of = Text()
    title = Text(required=True, limit=255)
    summary = Text(required=True, limit=400)
    agency = AgencyLine()
    partner_agencies = List(child=AgencyLine(), max_length=MAX_NAMES)
    themes = List(child=Text(allow_null=False), max_length=MAX_NAMES, allow_empty=False)
    stage = Text(required=True, strip=False)
    status = Text(required=True, strip=False)
    started = Month()
    ended = Month()
    challenge = Text(required=True, limit=MAX_TEXT_CHARACTERS)
    approach = Text(required=True, limit=MAX_TEXT_CHARACTERS)
    results = Text(limit=MAX_TEXT_CHARACTERS)
    lessons = List(child=LessonLine(), max_length=MAX_ITEMS)
    joint_work = Text(limit=MAX_TEXT_CHARACTERS)
    tags = List(child=Text(keep=100, allow_null=False), max_length=MAX_ITEMS)
    contact = ContactLine()
    links = List(child=LinkLine(), max_length=MAX_ITEMS)
    published = Day()
    evidence_level = Level()
    stopped_reason = StoppedReasonLine()
    follow_ups = List(child=FollowUpLine(), max_length=MAX_FOLLOW_UPS)
    inspired_by = List(child=Text(allow_null=False), max_length=MAX_NAMES)

    def validate_id(self, value):
        if not ID_PATTERN.match(value):
            raise serializers.ValidationError(
                "may contain only letters, digits, '.', '-' and '_' (120 at most)"
            )
        return value

    def validate_language(self, value):
        if value not in language_codes():
            known = " or ".join(repr(code) for code in language_codes())
            raise serializers.ValidationError(f"must be {known}, not {value!r}")
        return value

    def validate_themes(self, value):
        themes = [theme for theme in value if theme]
        if not themes:
            raise serializers.ValidationError("needs at least one theme")
        unknown = [theme for theme in themes if theme not in self.context["themes"]]
        if unknown:
            raise serializers.ValidationError(f"unknown theme {unknown[0]!r}")
        return themes

    def validate_stage(self, value):
        if value not in self.context["stages"]:
            raise serializers.ValidationError(f"unknown stage {value!r}")
        return value

    def validate_status(self, value):
        if value not in CaseStatus.values:
            choices = ", ".join(CaseStatus.values)
            raise serializers.ValidationError(f"must be one of {choices}, not {value!r}")
        return value

    def validate_tags(self, value):
        return [tag for tag in value if tag]

    def validate_inspired_by(self, value):
        ids = list(dict.fromkeys(case_id for case_id in value if case_id))
        bad = [case_id for case_id in ids if not ID_PATTERN.match(case_id)]
        if bad:
            raise serializers.ValidationError(f"is not a case id: {bad[0]!r}")
        return ids

    def validate(self, attrs):
        attrs["translation_of"] = attrs["translation_of"] or None
        if attrs["translation_of"] == attrs["id"]:
            raise serializers.ValidationError(
                {"translation_of": "must name the id of another case"}
            )
        if attrs["id"] in attrs["inspired_by"]:
            raise serializers.ValidationError({"inspired_by": "names the case itself"})
        if attrs["started"] and attrs["ended"] and attrs["ended"] < attrs["started"]:
            raise serializers.ValidationError({"ended": "is before started"})
        # A stopped case says why (optional, so that older files still load);
        # a case that is not stopped has no reason to give.
        if attrs["stopped_reason"].get("kind") and attrs["status"] != CaseStatus.STOPPED:
            raise serializers.ValidationError(
                {"stopped_reason": "is given only when status is stopped"}
            )
        return attrs


def field_errors(detail, path=""):
    """(field path, message) for every message of a serializer's errors,
    the path as the line writes it: `agency.name`, `lessons[1].text`."""
    if isinstance(detail, dict):
        for key, value in detail.items():
            if key == api_settings.NON_FIELD_ERRORS_KEY:
                yield from field_errors(value, path)
            elif isinstance(key, int):
                yield from field_errors(value, f"{path}[{key}]")
            else:
                yield from field_errors(value, f"{path}.{key}" if path else key)
    elif isinstance(detail, list):
        for item in detail:
            yield from field_errors(item, path)
    else:
        yield path or "line", str(detail)


def read_line(raw, themes, stages):
    """Decode and check one line: its clean values, or raise LineError."""
    if len(raw) > MAX_LINE_CHARACTERS:
        raise LineError(("line", f"is longer than {MAX_LINE_CHARACTERS} characters"))
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise LineError(("line", f"is not UTF-8 (byte {exc.start + 1})")) from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise LineError(("json", f"malformed JSON ({exc.msg} at column {exc.colno})")) from None
    except RecursionError:
        raise LineError(("json", "is nested too deeply")) from None
    if not isinstance(data, dict):
        raise LineError(("line", "must be a JSON object"))
    line = CaseLine(data=data, context={"themes": themes, "stages": stages})
    if not line.is_valid():
        raise LineError(*field_errors(line.errors))
    return line.validated_data


# --- writing -------------------------------------------------------------------


def _translation_key(values, locale, page):
    """The translation key of the case this line translates, if it names one."""
    if not values["translation_of"]:
        return None
    source = CaseStudyPage.objects.filter(exchange_id=values["translation_of"]).first()
    if source is None:
        raise LineError(("translation_of", f"no case with id {values['translation_of']!r}"))
    if source.locale_id == locale.pk:
        raise LineError(("translation_of", "names a case in the same language"))
    other = source.get_translation_or_none(locale)
    if other is not None and other.pk != getattr(page, "pk", None):
        raise LineError(
            (
                "translation_of",
                f"that case already has a translation in this language ({other.exchange_id})",
            )
        )
    return source.translation_key


def _content(values):
    contact = values["contact"]
    return CaseContent(
        title=values["title"],
        summary=values["summary"],
        agency=agency_named(**values["agency"]),
        partner_agencies=[agency_named(**p) for p in values["partner_agencies"]],
        themes=values["themes"],
        stage=values["stage"],
        status=values["status"],
        started=values["started"] or values["published"] or timezone.localdate(),
        ended=values["ended"],
        challenge=values["challenge"],
        approach=values["approach"],
        results=values["results"],
        joint_work=values["joint_work"],
        lessons=values["lessons"],
        links=values["links"],
        tags=values["tags"],
        contact_name=contact["name"],
        contact_role=contact["role"],
        contact_email=contact["email"],
        stopped_reason_kind=values["stopped_reason"].get("kind", ""),
        stopped_reason_text=values["stopped_reason"].get("text", ""),
        evidence_level=values["evidence_level"],
        follow_ups=values["follow_ups"],
        inspired_by=list(CaseStudyPage.objects.filter(exchange_id__in=values["inspired_by"])),
    )


def store_line(values, draft=False):
    """Create or update one case from a checked line. Returns "created",
    "updated" or "unchanged". The cases it built on (`inspired_by`) that are
    not in the site yet are linked later by link_inspirations()."""
    locale = Locale.objects.get(language_code=values["language"])
    page = CaseStudyPage.objects.filter(exchange_id=values["id"]).first()
    translation_key = _translation_key(values, locale, page)
    if page is not None and page.locale_id != locale.pk:
        raise LineError(("language", "differs from the existing case with this id"))
    created = page is None
    if created:
        page = CaseStudyPage(exchange_id=values["id"], locale=locale)
    elif exchange_record(page) == exchange_record_from_values(values):
        return "unchanged"
    if translation_key:
        page.translation_key = translation_key
    if values["published"]:
        page.first_published_at = timezone.make_aware(
            datetime.datetime.combine(values["published"], datetime.time(12, 0))
        )
    write_case(page, _content(values), publish=not draft)
    if draft:
        send_for_review(page)
    return "created" if created else "updated"


def import_stream(lines, draft=False):
    """Import an iterable of text lines; return an ImportReport."""
    report = ImportReport()
    themes = set(Theme.objects.values_list("slug", flat=True))
    stages = set(DigitalisationStage.objects.values_list("slug", flat=True))
    pending = []  # (line number, values)
    seen = {}
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            values = read_line(raw, themes, stages)
            if values["id"] in seen:
                raise LineError(("id", f"repeats the id of line {seen[values['id']]}"))
        except LineError as exc:
            report.errors.extend((number, path, message) for path, message in exc.errors)
            continue
        seen[values["id"]] = number
        pending.append((number, values))

    # Sources before their translations, and cases before those that built
    # on them, whatever the order in the file.
    file_ids = {values["id"] for _n, values in pending}
    named = [v["translation_of"] for _n, v in pending if v["translation_of"]]
    named += [case_id for _n, v in pending for case_id in v["inspired_by"]]
    known = file_ids | set(
        CaseStudyPage.objects.filter(exchange_id__in=named).values_list("exchange_id", flat=True)
    )
    failed = set()
    stored = []
    for number, values in storing_order(pending):
        source = values["translation_of"]
        if source and source not in known:
            report.errors.append(
                (number, "translation_of", f"no case with id {source!r} in the file or the site")
            )
            failed.add(values["id"])
            continue
        if source and source in failed:
            report.errors.append(
                (number, "translation_of", f"the case {source!r} it translates was not imported")
            )
            failed.add(values["id"])
            continue
        unknown = [case_id for case_id in values["inspired_by"] if case_id not in known]
        if unknown:
            report.errors.append(
                (number, "inspired_by", f"no case with id {unknown[0]!r} in the file or the site")
            )
            failed.add(values["id"])
            continue
        not_imported = [case_id for case_id in values["inspired_by"] if case_id in failed]
        if not_imported:
            report.errors.append(
                (
                    number,
                    "inspired_by",
                    f"the case {not_imported[0]!r} it built on was not imported",
                )
            )
            failed.add(values["id"])
            continue
        try:
            with transaction.atomic():
                outcome = store_line(values, draft=draft)
        except LineError as exc:
            report.errors.extend((number, path, message) for path, message in exc.errors)
        except ValidationError as exc:
            field_name, messages = next(iter(exc.message_dict.items()))
            report.errors.append((number, field_name, " ".join(messages)))
        except NoCaseIndex as exc:
            report.errors.append((number, "language", str(exc)))
        except DatabaseError as exc:  # the line's transaction is rolled back
            report.errors.append((number, "line", f"could not be stored: {exc}"[:300]))
        else:
            setattr(report, outcome, getattr(report, outcome) + 1)
            stored.append((values, outcome))
            continue
        failed.add(values["id"])
    # Cases that name one another round a circle: linked once all are stored.
    for values, outcome in stored:
        if values["inspired_by"] and link_inspirations(values, draft=draft):
            if outcome == "unchanged":
                report.unchanged -= 1
                report.updated += 1
    report.errors.sort(key=lambda error: error[0])  # by line, each line's in field order
    return report


def link_inspirations(values, draft=False):
    """Link a stored case to the cases it built on, once all are stored (a
    case may name one later in the file). False when there was nothing new."""
    page = CaseStudyPage.objects.get(exchange_id=values["id"])
    wanted = set(values["inspired_by"])
    have = set(page.inspired_by.values_list("exchange_id", flat=True))
    if wanted <= have:
        return False
    page = page.get_latest_revision_as_object() if draft else page
    page.inspired_by = list(CaseStudyPage.objects.filter(exchange_id__in=wanted))
    revision = page.save_revision(clean=False)
    if not draft:
        revision.publish()
    return True


def storing_order(pending):
    """The checked lines in the order they are stored: each after the cases
    it translates or built on that are in the same file (when they name one
    another round a circle, in file order), otherwise in file order."""
    by_id = {values["id"]: (number, values) for number, values in pending}
    ordered, placed, visiting = [], set(), set()

    def place(case_id):
        if case_id in placed or case_id in visiting or case_id not in by_id:
            return
        visiting.add(case_id)
        values = by_id[case_id][1]
        for needed in [values["translation_of"], *values["inspired_by"]]:
            if needed:
                place(needed)
        visiting.discard(case_id)
        placed.add(case_id)
        ordered.append(by_id[case_id])

    for _number, values in pending:
        place(values["id"])
    return ordered


# --- export --------------------------------------------------------------------


def _agency_record(agency):
    return {"name": agency.name, "org_number": agency.org_number or None}


# What exchange_record() reads besides the page's own columns.
EXPORT_RELATIONS = ("agency", "stage", "locale")
EXPORT_PREFETCH = (
    "partner_agencies",
    "themes",
    "lessons",
    "links",
    "tags",
    "follow_ups",
    "inspired_by",
)


def _translated(page):
    return page.locale.language_code != language_codes()[0]


def translation_sources(pages):
    """{translation key: exchange id} of the default language's cases that
    these pages translate, in one query: for exchange_record(sources=...)."""
    keys = {page.translation_key for page in pages if _translated(page)}
    if not keys:
        return {}
    found = CaseStudyPage.objects.filter(
        translation_key__in=keys, locale__language_code=language_codes()[0]
    )
    return dict(found.values_list("translation_key", "exchange_id"))


def exchange_record(page, sources=None):
    """One case as a dict in the exchange format (published or not).
    `sources` (translation_sources()) saves a query per translated case."""
    if sources is None:
        sources = translation_sources([page])
    translation_of = sources.get(page.translation_key) if _translated(page) else None
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
        "evidence_level": page.evidence_level,
        "stopped_reason": _stopped_reason(
            page.status, page.stopped_reason_kind, page.stopped_reason_text
        ),
        "follow_ups": [
            {"date": f.date.isoformat(), "text": f.text, "status": f.status or None}
            for f in page.follow_ups.all()
        ],
        # The published cases it built on: what an import of this export can link.
        "inspired_by": sorted(case.exchange_id for case in page.inspired_by.all() if case.live),
    }


def _stopped_reason(status, kind, text):
    if status != CaseStatus.STOPPED or not kind:
        return None
    return {"kind": kind, "text": text}


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
        "evidence_level": values["evidence_level"],
        "stopped_reason": _stopped_reason(
            values["status"],
            values["stopped_reason"].get("kind", ""),
            values["stopped_reason"].get("text", ""),
        ),
        "follow_ups": [
            {"date": f["date"].isoformat(), "text": f["text"], "status": f["status"]}
            for f in values["follow_ups"]
        ],
        "inspired_by": sorted(values["inspired_by"]),
    }


def exchange_records(queryset, chunk_size=500):
    """(page, record) for each case of the queryset, in its order, read a
    chunk at a time with what the records need: a few queries a chunk."""
    pages = (
        queryset.select_related(*EXPORT_RELATIONS)
        .prefetch_related(*EXPORT_PREFETCH)
        .iterator(chunk_size=chunk_size)
    )
    while chunk := list(islice(pages, chunk_size)):
        sources = translation_sources(chunk)
        for page in chunk:
            yield page, exchange_record(page, sources)


def export_lines():
    """Every published case, one JSON document per line, in a stable order."""
    pages = CaseStudyPage.objects.live().order_by("exchange_id")
    for _page, record in exchange_records(pages):
        yield json.dumps(record, ensure_ascii=False)
