"""A case card's link is the case page's own URL, as Wagtail gives it, on
every page and in the search API, and it answers."""

import re

import pytest
from django.test import RequestFactory

CARD_LINK = re.compile(r'class="case-card__title"><a href="([^"]+)">([^<]+)</a>')


def published_with_slug(page, slug):
    page.slug = slug
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.mark.django_db
def test_card_links_are_the_case_pages_urls_in_both_languages(client, make_case):
    cases = [
        make_case(title="Öppna data i kommunen"),
        # An editor may give a page a slug with Swedish letters (Wagtail allows it).
        published_with_slug(make_case(title="Åtgärder för e-tjänster"), "åtgärder-e-tjänst"),
        make_case(language="en", title="Open data in practice"),
    ]
    wagtail_url = {case.title: case.get_url(RequestFactory().get("/")) for case in cases}
    quoted = "/erfarenheter/%C3%A5tg%C3%A4rder-e-tj%C3%A4nst/"
    assert wagtail_url["Åtgärder för e-tjänster"] == quoted
    assert wagtail_url["Open data in practice"].startswith("/en/")

    links = {}
    for path in ("/erfarenheter/", "/en/cases/", "/", "/en/"):
        for url, title in CARD_LINK.findall(client.get(path).content.decode()):
            links.setdefault(title, set()).add(url)
    api = client.get("/api/search/?lang=all&page_size=100").json()["results"]
    for result in api:
        links[result["title"]].add(result["url"])
    # The same link on every page and in the API, whatever the page's language.
    assert links == {title: {url} for title, url in wagtail_url.items()}
    for url in wagtail_url.values():
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_with_a_second_site_card_links_follow_wagtail(client, make_case):
    """Each site's cards link within that site; a case outside it links with
    its own site's address (Wagtail's get_url)."""
    from wagtail.models import Page, Site

    case = make_case(title="Öppna data i kommunen")
    home = Site.objects.get(is_default_site=True).root_page
    other_root = (
        Page.objects.get(pk=home.pk)
        .get_parent()
        .add_child(instance=Page(title="Annan webbplats", slug="annan"))
    )
    Site.objects.create(hostname="annan.example", port=80, root_page=other_root)
    with_request = case.get_url(RequestFactory(HTTP_HOST="annan.example").get("/"))
    assert with_request.startswith("http://localhost")  # the case's own site

    def api_url(host):
        response = client.get("/api/search/?q=kommunen", HTTP_HOST=host)
        return response.json()["results"][0]["url"]

    assert api_url("localhost") == case.get_url(RequestFactory(HTTP_HOST="localhost").get("/"))
    assert api_url("annan.example") == with_request
