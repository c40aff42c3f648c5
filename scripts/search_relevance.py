"""Mean nDCG@10 of the search over graded Swedish and English queries on the
demo content (`manage.py seed_demo`), on whichever backend the settings name.

    python manage.py migrate && python manage.py seed_demo
    python manage.py rebuild_modelsearch_index   # with SEARCH_URL set
    python scripts/search_relevance.py [-v]

Grades: 2 the case is about it, 1 it touches on it. Gains 2^grade - 1."""

import math
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402

django.setup()

from django.http import QueryDict  # noqa: E402
from django.utils import translation  # noqa: E402

from search.service import parse_params, run_search  # noqa: E402

STOPPED_SV = [
    "mig-molntjanster-2021",
    "tvv-ai-ansokningar-2021",
    "pol-aktivitetsbaserat-kontor-2018",
    "lm-blockkedja-2017",
    "pm-rostrobot-2019",
    "nv-e-arkiv-2018",
]
STOPPED_EN = [
    "mig-molntjanster-2021-en",
    "tvv-ai-ansokningar-2021-en",
    "pol-aktivitetsbaserat-kontor-2018-en",
    "lm-blockkedja-2017-en",
]
QUERIES = [
    ("sv", "chattbot", {"skv-chattbot-2021": 2, "pm-rostrobot-2019": 1}),
    ("sv", "chatbott", {"skv-chattbot-2021": 2}),
    ("sv", "virtuell assistent", {"skv-chattbot-2021": 2, "pm-rostrobot-2019": 1}),
    ("sv", "misslyckades", dict.fromkeys(STOPPED_SV, 2)),
    ("sv", "avbrutet", dict.fromkeys(STOPPED_SV, 2)),
    (
        "sv",
        "informationssäkrhet",
        {
            "ssc-informationssakerhet-2023": 2,
            "mig-molntjanster-2021": 1,
            "pol-ai-transkribering-2024": 1,
        },
    ),
    (
        "sv",
        "e-legitimation",
        {
            "skv-e-legitimation-2024": 2,
            "digg-designsprint-2019": 1,
            "bv-starta-aktiebolag-2017": 1,
            "af-digital-inskrivning-2017": 1,
        },
    ),
    ("sv", "bankid", {"skv-e-legitimation-2024": 2}),
    ("sv", "distansarbete", {"trv-distansarbete-2020": 2, "pm-ledarskapsprogram-2022": 1}),
    ("sv", "hemarbete", {"trv-distansarbete-2020": 2, "pm-ledarskapsprogram-2022": 1}),
    (
        "sv",
        "artificiell intelligens",
        {"pol-ai-transkribering-2024": 2, "tvv-ai-ansokningar-2021": 2, "skv-chattbot-2021": 1},
    ),
    ("sv", "mjukvarurobot", {"fk-rpa-bostadsbidrag-2018": 2, "ssc-kompetensvaxling-2019": 1}),
    ("sv", "blockchain", {"lm-blockkedja-2017": 2}),
    ("sv", "molntjänster", {"mig-molntjanster-2021": 2}),
    ("sv", "öppna data", {"lm-oppna-data-2020": 2}),
    ("sv", "digital brevlåda", {"kfm-digital-brevlada-2019": 2}),
    ("sv", "transkribrering", {"pol-ai-transkribering-2024": 2}),
    ("en", "chatbot", {"skv-chattbot-2021-en": 2}),
    ("en", "virtual assistant", {"skv-chattbot-2021-en": 2}),
    ("en", "failed", dict.fromkeys(STOPPED_EN, 2)),
    ("en", "e-identification", {"af-digital-inskrivning-2017-en": 1}),
    (
        "en",
        "artificial intelligence",
        {
            "pol-ai-transkribering-2024-en": 2,
            "tvv-ai-ansokningar-2021-en": 2,
            "skv-chattbot-2021-en": 1,
        },
    ),
    ("en", "transcripton", {"pol-ai-transkribering-2024-en": 2}),
    ("en", "remote work", {"pm-ledarskapsprogram-2022-en": 2}),
    ("en", "blockchian", {"lm-blockkedja-2017-en": 2}),
    (
        "en",
        "software robot",
        {"fk-rpa-bostadsbidrag-2018-en": 2, "ssc-kompetensvaxling-2019-en": 1},
    ),
    ("en", "cloud computing", {"mig-molntjanster-2021-en": 2}),
    # Questions as readers ask them, in whole phrases.
    ("sv", "lärdomar om chattbot", {"skv-chattbot-2021": 2, "pm-rostrobot-2019": 1}),
    ("sv", "vad gick fel med molntjänster", {"mig-molntjanster-2021": 2}),
    (
        "sv",
        "erfarenheter av AI",
        {
            "pol-ai-transkribering-2024": 2,
            "tvv-ai-ansokningar-2021": 2,
            "skv-chattbot-2021": 1,
            "kfm-skuldsanering-2022": 1,
            "fk-rpa-bostadsbidrag-2018": 1,
        },
    ),
    (
        "sv",
        "arbeta på distans under pandemin",
        {"trv-distansarbete-2020": 2, "pm-ledarskapsprogram-2022": 1},
    ),
    ("sv", "misstag med chattbot", {"skv-chattbot-2021": 2, "pm-rostrobot-2019": 1}),
    ("en", "what went wrong with cloud services", {"mig-molntjanster-2021-en": 2}),
    ("en", "lessons from chatbot projects", {"skv-chattbot-2021-en": 2}),
    ("en", "mistakes with the chatbot", {"skv-chattbot-2021-en": 2}),
]


def ndcg(ranked, grades, k=10):
    dcg = sum((2 ** grades.get(i, 0) - 1) / math.log2(n + 2) for n, i in enumerate(ranked[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    best = sum((2**g - 1) / math.log2(n + 2) for n, g in enumerate(ideal))
    return dcg / best


def main(verbose=False):
    scores, backend = [], ""
    for language, query, grades in QUERIES:
        with translation.override(language):
            outcome = run_search(parse_params(QueryDict(f"q={query}&lang={language}")))
        backend = outcome.backend
        ranked = [case.exchange_id for case in outcome.results]
        scores.append(ndcg(ranked, grades))
        if verbose:
            print(f"{scores[-1]:.3f}  {language}  {query!r:28} {ranked[:5]}")
    print(f"{backend}: mean nDCG@10 over {len(scores)} queries = {sum(scores) / len(scores):.3f}")


if __name__ == "__main__":
    main("-v" in sys.argv)
