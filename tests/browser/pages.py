"""Every page type the browser suite visits, in both languages.

Each entry: (name, Swedish path, English path). A path may name a key of
`seeded_site.paths` in braces; other apps add their pages here (and what the
pages need to `seeded_site` in conftest.py)."""

PAGES = [
    ("home", "/", "/en/"),
    ("case listing", "/erfarenheter/", "/en/cases/"),
    ("filtered listing", "/erfarenheter/?theme=ai-automation&status=stopped",
     "/en/cases/?theme=ai-automation&status=stopped"),
    ("listing, bad filter", "/erfarenheter/?stage=nope", "/en/cases/?stage=nope"),
    ("listing, no results", "/erfarenheter/?status=completed", "/en/cases/?status=completed"),
    ("case page", "{case_sv}", "{case_en}"),
    ("standard page", "/om/", "/en/about/"),
    ("accessibility statement", "/tillganglighet/", "/en/accessibility/"),
]


def pages_for(language, seeded_paths):
    column = 1 if language == "sv" else 2
    return [(entry[0], entry[column].format(**seeded_paths)) for entry in PAGES]
