"""What a case page shows from rows of its own (themes, partner agencies,
tags, lessons, links, attachments with their documents), read in one
statement and put where the page's related managers look first: Django's
prefetch cache. The template and get_context read `page.lessons.all()` and
the like unchanged; without this they cost six queries, each of which the
ORM took about half a millisecond to build. The lists are modelcluster's
FakeQuerySets, the same kind a preview's unsaved children come in. The
case's agency, stage and locale come from the worker's memo of them all
(cases.cards.snippets_by_pk)."""

import functools

from django.db import connection
from modelcluster.queryset import FakeQuerySet
from taggit.models import Tag
from wagtail.documents import get_document_model

from cases.cards import attach_snippets, orderable_key
from cases.models import CaseAttachment, CaseLesson, CaseLink, CaseStudyPage, CaseTag
from cases.snippets import Agency, Theme
from cases.statements import bind, rows_as_python, select_columns, with_stand_ins


@functools.cache
def _statement():
    """UNION ALL of one branch per relation, each row (relation, id, position,
    reference, text a, text b). Only table and column names from the models'
    metadata are interpolated; the page id is a parameter."""

    def m2m(name, target, a, b):
        field = CaseStudyPage._meta.get_field(name)
        return (
            f"SELECT '{name}', t.id, CAST(NULL AS INTEGER), CAST(NULL AS INTEGER), {a}, {b} "  # noqa: S608
            f"FROM {field.m2m_db_table()} m JOIN {target._meta.db_table} t "
            f"ON t.id = m.{field.m2m_reverse_name()} WHERE m.{field.m2m_column_name()} = %s"
        )

    def child(name, model, a, b):
        return (
            f"SELECT '{name}', id, sort_order, CAST(NULL AS INTEGER), {a}, {b} "  # noqa: S608
            f"FROM {model._meta.db_table} WHERE page_id = %s"
        )

    document = get_document_model()._meta.db_table
    branches = [
        m2m("themes", Theme, "t.name", "t.slug"),
        m2m("partner_agencies", Agency, "t.name", "NULL"),
        child("lessons", CaseLesson, "kind", "text"),
        child("links", CaseLink, "title", "url"),
        # The document's title and file name: what its link shows and needs.
        f"SELECT 'attachments', a.id, a.sort_order, a.document_id, d.title, d.file "  # noqa: S608
        f"FROM {CaseAttachment._meta.db_table} a JOIN {document} d ON d.id = a.document_id "
        f"WHERE a.page_id = %s",
        # The tagged item's id keeps the tags in the order they were added.
        f"SELECT 'tags', t.id, i.id, CAST(NULL AS INTEGER), t.name, t.slug "  # noqa: S608
        f"FROM {CaseTag._meta.db_table} i JOIN {Tag._meta.db_table} t ON t.id = i.tag_id "
        f"WHERE i.content_object_id = %s",
    ]
    return " UNION ALL ".join(branches), len(branches)


@functools.cache
def _case_by_slug_statement():
    """The ORM's own statement for a child case by slug (cases.statements)
    and its columns: building it took the ORM 1.3-1.7 ms a page and running
    it 0.6 ms; a RawQuerySet then took 0.3 ms to map the columns to fields."""
    stand_ins = {"depth": 97531, "path": "\x01path", "slug": "\x01slug"}
    queryset = CaseStudyPage.objects.filter(
        depth=stand_ins["depth"], path__startswith=stand_ins["path"], slug=stand_ins["slug"]
    ).order_by()[:1]
    columns = select_columns(queryset)
    return (
        *with_stand_ins(queryset, stand_ins),
        columns,
        [column.target.attname for column in columns],
    )


def case_by_slug(parent, slug):
    """The live or draft case with this slug under parent, or None; its slug
    is unique among the children, so the query needs no ORDER BY."""
    sql, params, names, columns, attnames = _case_by_slug_statement()
    values = {
        "depth": parent.depth + 1,
        "slug": slug,
        # What the ORM makes of path__startswith: LIKE with the prefix escaped.
        "path": connection.ops.prep_for_like_query(parent.path) + "%",
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, bind(params, names, values))
        rows = cursor.fetchall()
    rows = rows_as_python(rows, columns)
    return CaseStudyPage.from_db(connection.alias, attnames, rows[0]) if rows else None


def _instance(model, **values):
    """A model instance with only these fields loaded, as QuerySet.only() gives."""
    names = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    return model.from_db(connection.alias, names, [values[name] for name in names])


def read_page_rows(case):
    """Give the case its agency, stage and locale from the memo, and fill its
    prefetch cache with its child rows, in one query."""
    attach_snippets(case)
    sql, branches = _statement()
    with connection.cursor() as cursor:
        cursor.execute(sql, [case.pk] * branches)
        rows = cursor.fetchall()
    by_relation = {}
    for row in sorted(rows, key=lambda row: orderable_key(row[2], row[1])):
        by_relation.setdefault(row[0], []).append(row)
    document_model = get_document_model()

    def attachment(_id, position, document_id, title, file):
        item = _instance(
            CaseAttachment, id=_id, sort_order=position, page_id=case.pk, document_id=document_id
        )
        item.document = _instance(document_model, id=document_id, title=title, file=file)
        return item

    builders = {
        "themes": (
            Theme,
            lambda _id, _p, _r, name, slug: _instance(Theme, id=_id, name=name, slug=slug),
        ),
        "partner_agencies": (
            Agency,
            lambda _id, _p, _r, name, _b: _instance(Agency, id=_id, name=name),
        ),
        "lessons": (
            CaseLesson,
            lambda _id, position, _r, kind, text: _instance(
                CaseLesson, id=_id, sort_order=position, page_id=case.pk, kind=kind, text=text
            ),
        ),
        "links": (
            CaseLink,
            lambda _id, position, _r, title, url: _instance(
                CaseLink, id=_id, sort_order=position, page_id=case.pk, title=title, url=url
            ),
        ),
        "attachments": (CaseAttachment, attachment),
        "tags": (Tag, lambda _id, _p, _r, name, slug: _instance(Tag, id=_id, name=name, slug=slug)),
    }
    cache = case.__dict__.setdefault("_prefetched_objects_cache", {})
    for name, (model, build) in builders.items():
        items = [build(*row[1:]) for row in by_relation.get(name, [])]
        if model in (Theme, Agency):  # their Meta.ordering: by name
            items.sort(key=lambda item: item.name.casefold())
        cache[name] = FakeQuerySet(model, items)
    return case
