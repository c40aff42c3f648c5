"""Every page type the browser suite visits, in both languages.

Each entry: (name, Swedish path, English path). A path may name a key of
`seeded_site.paths` in braces; other apps add their pages here (and what the
pages need to `seeded_site` in conftest.py)."""

PAGES = [
    ("home", "/", "/en/"),
    ("case listing", "/erfarenheter/", "/en/cases/"),
    (
        "filtered listing",
        "/erfarenheter/?theme=ai-automation&status=stopped",
        "/en/cases/?theme=ai-automation&status=stopped",
    ),
    ("listing, bad filter", "/erfarenheter/?stage=nope", "/en/cases/?stage=nope"),
    ("listing, no results", "/erfarenheter/?status=completed", "/en/cases/?status=completed"),
    ("case page", "{case_sv}", "{case_en}"),
    ("case contact form", "{case_sv}contact/", "{case_en}contact/"),
    ("case contact, sent", "{case_sv}contact/sent/", "{case_en}contact/sent/"),
    (
        "listing, most tried first, tried only",
        "/erfarenheter/?sort=reused&reused=1",
        "/en/cases/?sort=reused&reused=1",
    ),
    ("standard page", "/om/", "/en/about/"),
    ("accessibility statement", "/tillganglighet/", "/en/accessibility/"),
    ("privacy notice", "/personuppgifter/", "/en/privacy/"),
    ("contact page", "/kontakt/", "/en/contact/"),
    ("search, results", "/sok/?q=r%C3%B6strobot", "/en/search/?q=voice+robot"),
    ("search, no results", "/sok/?q=xyzzyplugh", "/en/search/?q=xyzzyplugh"),
    ("lessons", "/lardomar/", "/en/lessons/"),
    ("plan your project", "/planera/", "/en/plan/"),
    ("activity index", "{activities_sv}", "{activities_en}"),
    ("activity page with registration form", "{activity_sv}", "{activity_en}"),
    ("registrant's page (signed link)", "{my_registration_sv}", "{my_registration_en}"),
    ("contributor sign-up", "/konto/registrera/", "/en/account/sign-up/"),
    ("contributor log-in", "/konto/logga-in/", "/en/account/log-in/"),
    ("follow-up form (signed link)", "{follow_up_sv}", "{follow_up_en}"),
]

# Pages that need a logged-in contributor (see the `contributor` fixture).
CONTRIBUTOR_PAGES = [
    ("case form", "/dela/", "/en/share/"),
    ("my contributions", "/mina-bidrag/", "/en/my-contributions/"),
]


def pages_for(language, seeded_paths, pages=PAGES):
    column = 1 if language == "sv" else 2
    return [(entry[0], entry[column].format(**seeded_paths)) for entry in pages]
