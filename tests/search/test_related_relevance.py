"""How relevant the case page's related cases are, on the demo cases: for
some cases, the cases a reader looking at them would want next (judged by
hand, by what they are about). Precision at four: the share of the shown
related cases that are such cases, against themes and stage alone."""

import pytest

import cases.models
from cases.demo import seed_cases
from cases.models import CaseStudyPage

pytestmark = pytest.mark.search

JUDGED = {
    "skv-chattbot-2021": {
        "pm-rostrobot-2019",
        "fk-sjukpenning-samtal-2025",
        "tvv-ai-ansokningar-2021",
        "fk-rpa-bostadsbidrag-2018",
        "kfm-skuldsanering-2022",
    },
    "fk-rpa-bostadsbidrag-2018": {
        "kfm-skuldsanering-2022",
        "ssc-kompetensvaxling-2019",
        "skv-chattbot-2021",
        "tvv-ai-ansokningar-2021",
        "pm-rostrobot-2019",
    },
    "trv-distansarbete-2020": {
        "pm-ledarskapsprogram-2022",
        "pol-aktivitetsbaserat-kontor-2018",
        "scb-arbetsmiljoenkat-2018",
        "af-omstallning-2019",
    },
    "ssc-informationssakerhet-2023": {
        "mig-molntjanster-2021",
        "ehm-api-lakemedel-2020",
        "pol-ai-transkribering-2024",
        "skv-e-legitimation-2024",
    },
    "nv-e-arkiv-2018": {
        "mig-e-ansokan-arbetstillstand-2017",
        "digg-ena-samverkan-2022",
        "kfm-digital-brevlada-2019",
        "mig-molntjanster-2021",
    },
    "ts-energieffektivisering-2022": {"ehm-hallbar-it-2024", "kfm-digital-brevlada-2019"},
    "lm-oppna-data-2020": {
        "tvv-datadelning-foretagsstod-2023",
        "digg-ena-samverkan-2022",
        "ehm-api-lakemedel-2020",
        "lm-blockkedja-2017",
    },
    "pol-aktivitetsbaserat-kontor-2018": {
        "trv-distansarbete-2020",
        "pm-ledarskapsprogram-2022",
        "scb-arbetsmiljoenkat-2018",
    },
    "skv-chattbot-2021-en": {"fk-rpa-bostadsbidrag-2018-en", "tvv-ai-ansokningar-2021-en"},
    "lm-blockkedja-2017-en": {"lm-oppna-data-2020-en"},
}


def precision(related_of):
    shares = []
    for exchange_id, wanted in JUDGED.items():
        page = CaseStudyPage.objects.get(exchange_id=exchange_id)
        shown = [case.exchange_id for case in related_of(page)]
        shares.append(sum(1 for shown_id in shown if shown_id in wanted) / max(len(shown), 1))
    return sum(shares) / len(shares)


def test_related_cases_by_content_are_more_relevant(site, isolated_search_index, monkeypatch):
    seed_cases()
    if isolated_search_index is not None:
        isolated_search_index.refresh()
    by_content = precision(lambda page: page.related_cases())
    monkeypatch.setattr(cases.models, "content_likeness", lambda page: {})
    by_themes = precision(lambda page: page.related_cases())
    print(f"related cases, precision at 4: themes {by_themes:.2f}, content {by_content:.2f}")
    assert by_content >= by_themes
