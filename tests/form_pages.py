"""Reading a form page as a reader sees it: the error summary's links, the
page title, the labels' optional and required marks."""

from bs4 import BeautifulSoup

OPTIONAL = {"sv": "(valfritt)", "en": "(optional)"}
SUMMARY_TITLE = {"sv": "Det finns fel i formuläret", "en": "There is a problem"}
TITLE_PREFIX = {"sv": "Fel: ", "en": "Error: "}


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def summary(response):
    """(heading, [link targets], [texts]) of the error summary, or None."""
    box = soup(response).select_one("[data-error-summary]")
    if box is None:
        return None
    links = box.select("li a")
    return (
        box.find("h2").get_text(strip=True),
        [a["href"] for a in links],
        [li.get_text(" ", strip=True) for li in box.select("li")],
    )


def title(response):
    return soup(response).title.get_text()


def labels(response):
    """{input id: label or legend text} for every field of the page's forms."""
    page = soup(response)
    found = {label["for"]: label.get_text(" ", strip=True) for label in page.select("label[for]")}
    for legend in page.select(".field fieldset > legend"):
        first = legend.find_parent("fieldset").select_one("input")
        if first is not None:
            found[first["id"]] = legend.get_text(" ", strip=True)
    return found


def marked_optional(response, language):
    return sorted(i for i, text in labels(response).items() if OPTIONAL[language] in text)
