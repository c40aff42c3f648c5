"""Related cases on the case page by content ("more like this") on every
backend: the case most like it first, the same language first, the cases an
editor pinned before all, in a bounded number of queries."""

import re

import pytest

from cases.models import CaseStudyPage, PinnedRelatedCase

pytestmark = pytest.mark.search


def about(title, text, lessons, **overrides):
    """A case whose every text is its own (the test data's defaults are shared)."""
    return {
        "title": title,
        "summary": text,
        "challenge": text,
        "approach": text,
        "results": text,
        "joint_work": "",
        "tags": [],
        "lessons": [{"kind": "worked", "text": lesson} for lesson in lessons],
        **overrides,
    }


CHATBOT = about(
    "Chatbot som svarar på frågor om deklarationen",
    "En chatbot svarar på vanliga frågor om deklarationen dygnet runt.",
    ["Låt handläggarna skriva chatbotens svar.", "Mät vilka frågor chatboten inte kan."],
    themes=["ai-automation"],
    stage="implementation",
)
OTHER_CHATBOT = about(
    "En chatbot för frågor om bygglov",
    "Kommunens chatbot svarar på frågor om bygglov och ritningar.",
    ["Chatboten behöver svar som handläggarna granskat."],
    themes=["digital-services"],
    stage="pilot",
)
# Shares the first case's theme and stage, but not what it is about.
DESKS = about(
    "Nya skrivbord i kontorslandskapet",
    "Höj- och sänkbara skrivbord köptes in till alla medarbetare på kontoret.",
    ["Prova möblerna innan inköpet."],
    themes=["ai-automation"],
    stage="implementation",
)
ENGLISH_CHATBOT = about(
    "A chatbot answering questions about tax returns",
    "A chatbot answers common questions about the tax return day and night.",
    ["Let the case officers write the chatbot's answers."],
    themes=["digital-services"],
    stage="pilot",
)


def related(page, case):
    body = re.sub(r"\s+", " ", page(case.url).content.decode())
    if 'id="h-related"' not in body:
        return []
    aside = body[body.index('id="h-related"') :]
    return re.findall(r"<h3[^>]*>\s*<a[^>]*>([^<]+)</a>", aside)


def test_a_chatbot_case_gets_the_other_chatbot_case_first(make_case, page):
    case = make_case(id="chatbot", **CHATBOT)
    make_case(id="desks", **DESKS)
    make_case(id="other-chatbot", **OTHER_CHATBOT)
    titles = related(page, case)
    assert titles[0] == OTHER_CHATBOT["title"]
    assert titles.index(DESKS["title"]) > 0


def test_the_same_language_comes_first(make_case, page):
    case = make_case(id="chatbot", **CHATBOT)
    make_case(id="en-chatbot", language="en", **ENGLISH_CHATBOT)
    make_case(id="desks", **DESKS)
    make_case(id="other-chatbot", **OTHER_CHATBOT)
    titles = related(page, case)
    # Below both Swedish cases, though they share less of its words.
    assert titles == [OTHER_CHATBOT["title"], DESKS["title"], ENGLISH_CHATBOT["title"]]
    english = CaseStudyPage.objects.get(exchange_id="en-chatbot")
    # With no other English case, the Swedish ones like it.
    assert set(related(page, english)[:2]) == {CHATBOT["title"], OTHER_CHATBOT["title"]}


def test_pinned_cases_come_first_in_the_editor_s_order(make_case, page):
    case = make_case(id="chatbot", **CHATBOT)
    desks = make_case(id="desks", **DESKS)
    make_case(id="other-chatbot", **OTHER_CHATBOT)
    english = make_case(id="en-chatbot", language="en", **ENGLISH_CHATBOT)
    draft = CaseStudyPage.objects.get(pk=case.pk)
    draft.pinned_related = [PinnedRelatedCase(case=english), PinnedRelatedCase(case=desks)]
    draft.save_revision().publish()
    titles = related(page, case)
    assert titles[:3] == [ENGLISH_CHATBOT["title"], DESKS["title"], OTHER_CHATBOT["title"]]
    # A pinned case that is no longer published is not shown.
    english.unpublish()
    assert ENGLISH_CHATBOT["title"] not in related(page, case)


def test_the_related_list_costs_a_few_queries(
    make_case, isolated_search_index, django_assert_max_num_queries
):
    case = make_case(id="chatbot", **CHATBOT)
    for n in range(6):
        make_case(id=f"other-{n}", **{**DESKS, "title": f"Skrivbord nummer {n}"})
    if isolated_search_index is not None:
        isolated_search_index.refresh()
    page = CaseStudyPage.objects.get(pk=case.pk)
    page.related_cases()  # the vocabulary is read once per process and publication
    page = CaseStudyPage.objects.get(pk=case.pk)
    with django_assert_max_num_queries(11):
        cases = page.related_cases()
    assert len(cases) == 4
