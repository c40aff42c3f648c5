"""Case cards: the few columns a card, a search result and its excerpt read,
with the agency, stage, locale and themes attached, for the listing, the home
page, related cases, the search page and /api/search/. A card is a plain
object read from rows, not a page: building 20 pages and asking Wagtail for
their URLs cost a search a quarter of its time."""

import functools
from dataclasses import dataclass, field
from urllib.parse import quote

from django.db import connection
from django.urls import reverse
from django.utils import translation
from django.utils.http import RFC3986_SUBDELIMS
from wagtail.models import Locale, Site

from cases.models import CaseLesson, CaseStatus, CaseStudyPage
from cases.snippets import Agency, DigitalisationStage
from cases.statements import bind, rows_as_python, select_columns, with_stand_ins
from portal.page_cache import current_request
from portal.process_memo import memo, restricted_paths

# The columns a case card, a search result and its excerpt read (the API's
# too), not every column of the page's two tables; annotate_cards adds the
# agency, stage and locale from snippets_by_pk(). A card template that needs
# another field needs it here and in CaseCard: Django's templates show a
# missing attribute as nothing.
CARD_FIELDS = (
    "pk",
    "title",
    "url_path",
    "exchange_id",
    "summary",
    "challenge",
    "approach",
    "results",
    "status",
    "started",
    "first_published_at",
    "agency_id",
    "stage_id",
    "locale_id",
)


@dataclass(eq=False)
class CaseCard:
    pk: int
    title: str
    url_path: str
    exchange_id: str
    summary: str
    challenge: str
    approach: str
    results: str
    status: str
    started: object
    first_published_at: object
    agency_id: int
    stage_id: int
    locale_id: int
    # Attached by annotate_cards (and case_cards' lesson_texts).
    agency: Agency = None
    stage: DigitalisationStage = None
    locale: Locale = None
    theme_slugs: list = field(default_factory=list)
    theme_labels: list = field(default_factory=list)
    stage_label: str = ""
    lesson_texts: list = field(default_factory=list)

    @property
    def url(self):
        return card_url(self.url_path)

    def is_stopped(self):
        return self.status == CaseStatus.STOPPED

    def get_status_display(self):
        return CaseStatus(self.status).label


def _url_roots():
    """(root path, site id, root URL, the path Wagtail's wagtail_serve gives
    the root in the root's language) for every site root path, in
    Site.get_site_root_paths() order, once per content change."""

    def read():
        roots = []
        # The same memo as KnownSiteMiddleware's.
        for site_id, root_path, root_url, language in memo(
            None, "site-root-paths", Site.get_site_root_paths
        ):
            with translation.override(language):
                roots.append((root_path, site_id, root_url, reverse("wagtail_serve", args=("",))))
        return roots

    return memo(None, "card-url-roots", read)


def card_url(url_path):
    """What Wagtail's Page.get_url(request) gives a page with this url_path
    (tests/cases/test_cards.py compares them for every case): the first site
    root path it lies under, the request's site if several hold it, and a
    path without the host if that is the request's site or the only one."""
    every_root = _url_roots()
    roots = [root for root in every_root if url_path.startswith(root[0])]
    if not roots:
        return None
    site_ids = {root[1] for root in every_root}
    current = getattr(current_request.get(), "_wagtail_site", None)
    if current is not None and len({root[1] for root in roots}) > 1:
        roots = [root for root in roots if root[1] == current.pk] or roots
    root_path, site_id, root_url, prefix = roots[0]
    # As Django's reverse() quotes the path it is given.
    path = prefix + quote(url_path[len(root_path) :], safe=RFC3986_SUBDELIMS + "/~:@")
    if len(site_ids) == 1 or (current is not None and current.pk == site_id):
        return path
    return root_url + path


SNIPPET_MODELS = {"agency": Agency, "stage": DigitalisationStage, "locale": Locale}


def snippets_by_pk():
    """Every agency, stage and locale by pk, once per content change in this
    worker (a few hundred rows): case cards and case pages take theirs from
    here instead of three joined tables in each query, which cost a case page
    a seventh of its time."""
    return memo(
        None,
        "case-snippets",
        lambda: {name: model.objects.in_bulk() for name, model in SNIPPET_MODELS.items()},
    )


def attach_snippets(case, snippets=None):
    """Give a case or card its agency, stage and locale from snippets_by_pk()."""
    for name, by_pk in (snippets or snippets_by_pk()).items():
        pk = getattr(case, f"{name}_id")
        if pk is not None:  # None in a preview's unsaved form
            # One newer than the memo (saved without signals) is read on its own.
            setattr(case, name, by_pk.get(pk) or SNIPPET_MODELS[name].objects.get(pk=pk))
    return case


def theme_labels(slugs, taxonomy):
    """(slug, localized name) pairs in name order."""
    return sorted(
        ((slug, taxonomy.theme_label(slug)) for slug in slugs), key=lambda item: item[1].lower()
    )


def annotate_cards(cards, taxonomy, theme_ids):
    """Attach the agency, stage and locale, theme slugs and localized theme
    and stage labels to each card. theme_ids: {case pk: [theme pk]}."""
    slug_of = taxonomy.slug_by_pk["theme"]
    snippets = snippets_by_pk()
    for card in cards:
        attach_snippets(card, snippets)
        card.theme_slugs = sorted(slug_of[pk] for pk in theme_ids[card.pk] if pk in slug_of)
        card.theme_labels = theme_labels(card.theme_slugs, taxonomy)
        card.stage_label = taxonomy.stage_label(card.stage.slug)
    return cards


# Ids no case has, standing in for real ones while a statement is built.
STAND_IN = 2_000_000_000


@functools.lru_cache(maxsize=256)
def _cards_statement(count, restricted):
    """The ORM's statement for the CARD_FIELDS of `count` published cases
    (cases.statements) and its columns, once per count and set of view
    restrictions (which public() writes into it): building it took the ORM a
    millisecond a search, and running it 0.4 ms."""
    from cases.listing import published_cases  # which imports this module

    stand_ins = {position: STAND_IN + position for position in range(count)}
    queryset = (
        published_cases()
        .filter(pk__in=list(stand_ins.values()))
        .order_by()
        .values_list(*CARD_FIELDS)
    )
    return (*with_stand_ins(queryset, stand_ins), select_columns(queryset))


@functools.lru_cache(maxsize=256)
def _card_rows_statement(count, lessons):
    """The cards' theme ids and, with lessons, their lessons' texts: rows of
    (kind, case id, id, position, text). Only table and column names from the
    models' metadata are interpolated; the ids are parameters."""
    marks = ", ".join(["%s"] * count)
    themes = CaseStudyPage._meta.get_field("themes")
    case_column = themes.m2m_column_name()
    sql = (
        f"SELECT 'theme', {case_column}, {themes.m2m_reverse_name()}, "  # noqa: S608
        f"CAST(NULL AS INTEGER), CAST(NULL AS TEXT) FROM {themes.m2m_db_table()} "
        f"WHERE {case_column} IN ({marks})"
    )
    if lessons:
        sql += (
            f" UNION ALL SELECT 'lesson', page_id, id, sort_order, text "  # noqa: S608
            f"FROM {CaseLesson._meta.db_table} WHERE page_id IN ({marks})"
        )
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
    sql, params, names, columns = _cards_statement(len(pks), restricted_paths())
    with connection.cursor() as cursor:
        cursor.execute(sql, bind(params, names, dict(enumerate(pks))))
        found = {
            card.pk: card
            for card in (CaseCard(*row) for row in rows_as_python(cursor.fetchall(), columns))
        }
        cursor.execute(_card_rows_statement(len(pks), lessons), pks * (2 if lessons else 1))
        rows = cursor.fetchall()
    theme_ids = {pk: [] for pk in found}
    texts = {pk: [] for pk in found}
    for kind, case_id, ref, _sort_order, text in sorted(
        rows, key=lambda row: orderable_key(row[3], row[2])
    ):
        if case_id not in found:
            continue
        if kind == "theme":
            theme_ids[case_id].append(ref)
        else:
            texts[case_id].append(text)
    cards = [found[pk] for pk in pks if pk in found]
    if lessons:
        for card in cards:
            card.lesson_texts = texts[card.pk]
    return annotate_cards(cards, taxonomy, theme_ids)
