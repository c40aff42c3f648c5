"""Case cards: the few columns a card, a search result and its excerpt read,
with the agency, stage, locale and themes attached, for the listing, the home
page, related cases, the search page and /api/search/."""

import functools

from django.db import connection
from wagtail.models import Locale

from cases.models import CaseLesson, CaseStudyPage
from cases.snippets import Agency, DigitalisationStage
from cases.statements import bind, with_stand_ins
from portal.process_memo import memo, restricted_paths

# The columns a case card, a search result and its excerpt read (the API's
# too), not every column of the page's two tables; annotate_cards adds the
# agency, stage and locale from snippets_by_pk(). A template that reads
# another field would cost a query per card: the listing, home, search and
# API tests count their queries.
CARD_FIELDS = ("title", "url_path", "exchange_id", "summary", "challenge", "approach",
               "results", "status", "started", "first_published_at",
               "agency", "stage", "locale")


def with_card_data(queryset):
    """The columns a case card shows; annotate_cards adds the rest."""
    return queryset.only(*CARD_FIELDS)


def snippets_by_pk():
    """Every agency, stage and locale by pk, once per content change in this
    worker (a few hundred rows): case cards and case pages take theirs from
    here instead of three joined tables in each query, which cost a case page
    a seventh of its time."""
    return memo(None, "case-snippets", lambda: {
        "agency": Agency.objects.in_bulk(), "stage": DigitalisationStage.objects.in_bulk(),
        "locale": Locale.objects.in_bulk()})


def attach_snippets(case):
    """Give a case its agency, stage and locale from snippets_by_pk()."""
    for name, by_pk in snippets_by_pk().items():
        found = by_pk.get(getattr(case, f"{name}_id"))
        if found is not None:  # else read when used, as without the memo
            setattr(case, name, found)
    return case


def theme_labels(slugs, taxonomy):
    """(slug, localized name) pairs in name order."""
    return sorted(((slug, taxonomy.theme_label(slug)) for slug in slugs),
                  key=lambda item: item[1].lower())


def annotate_cards(cases, taxonomy, theme_ids=None):
    """Attach the agency, stage and locale, theme slugs and localized theme
    and stage labels to each case of a page of results. theme_ids: {case pk:
    [theme pk]} if read already, else one query reads them for all the cases
    (as ids: the taxonomy knows their slugs), cheaper than a prefetch of rows."""
    if theme_ids is None:
        theme_ids = {case.pk: [] for case in cases}
        rows = CaseStudyPage.themes.through.objects.filter(casestudypage_id__in=theme_ids)
        for case_id, theme_id in rows.values_list("casestudypage_id", "theme_id"):
            theme_ids[case_id].append(theme_id)
    slug_of = taxonomy.slug_by_pk["theme"]
    for case in cases:
        attach_snippets(case)
        case.theme_slugs = sorted(slug_of[pk] for pk in theme_ids[case.pk] if pk in slug_of)
        case.theme_labels = theme_labels(case.theme_slugs, taxonomy)
        case.stage_label = taxonomy.stage_label(case.stage.slug)
    return cases


# Ids no case has, standing in for real ones while a statement is built.
STAND_IN = 2_000_000_000


@functools.lru_cache(maxsize=256)
def _cards_statement(count, restricted):
    """The ORM's statement for the cards of `count` published cases
    (cases.statements), once per count and set of view restrictions (which
    public() writes into it): building it took the ORM a millisecond a
    search, and running it 0.4 ms."""
    from cases.listing import published_cases  # which imports this module

    stand_ins = {position: STAND_IN + position for position in range(count)}
    return with_stand_ins(with_card_data(
        published_cases().filter(pk__in=list(stand_ins.values())).order_by()), stand_ins)


@functools.lru_cache(maxsize=256)
def _card_rows_statement(count, lessons):
    """The cards' theme ids and, with lessons, their lessons' texts: rows of
    (kind, case id, id, position, text). Only table and column names from the
    models' metadata are interpolated; the ids are parameters."""
    marks = ", ".join(["%s"] * count)
    themes = CaseStudyPage._meta.get_field("themes")
    case_column = themes.m2m_column_name()
    sql = (f"SELECT 'theme', {case_column}, {themes.m2m_reverse_name()}, "  # noqa: S608
           f"CAST(NULL AS INTEGER), CAST(NULL AS TEXT) FROM {themes.m2m_db_table()} "
           f"WHERE {case_column} IN ({marks})")
    if lessons:
        sql += (f" UNION ALL SELECT 'lesson', page_id, id, sort_order, text "  # noqa: S608
                f"FROM {CaseLesson._meta.db_table} WHERE page_id IN ({marks})")
    return sql


def orderable_key(sort_order, pk):
    """Rows of an Orderable in order: sort_order may be empty, and the id keeps
    such rows in a stable order."""
    return (sort_order is None, sort_order or 0, pk)


def case_cards(pks, taxonomy, lessons=False):
    """The published cases among pks, in that order, ready for their cards,
    in two statements that are built once per process. With lessons, each
    case also gets its lessons' texts in order (case.lesson_texts), which a
    search result's excerpt reads."""
    pks = list(dict.fromkeys(pks))
    if not pks:
        return []
    sql, params, names = _cards_statement(len(pks), restricted_paths())
    found = {case.pk: case for case in CaseStudyPage.objects.raw(
        sql, bind(params, names, dict(enumerate(pks))))}
    with connection.cursor() as cursor:
        cursor.execute(_card_rows_statement(len(pks), lessons), pks * (2 if lessons else 1))
        rows = cursor.fetchall()
    theme_ids = {pk: [] for pk in found}
    texts = {pk: [] for pk in found}
    for kind, case_id, ref, _sort_order, text in sorted(
            rows, key=lambda row: orderable_key(row[3], row[2])):
        if case_id not in found:
            continue
        if kind == "theme":
            theme_ids[case_id].append(ref)
        else:
            texts[case_id].append(text)
    cases = [found[pk] for pk in pks if pk in found]
    if lessons:
        for case in cases:
            case.lesson_texts = texts[case.pk]
    return annotate_cards(cases, taxonomy, theme_ids)
