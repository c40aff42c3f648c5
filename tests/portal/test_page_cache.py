"""The anonymous page cache serves readers fast and never serves stale content
or one person's page to another."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


def test_second_anonymous_view_is_served_from_the_cache(client, make_case):
    case = make_case(title="Cachad erfarenhet")
    assert client.get(case.url)["X-Page-Cache"] == "miss"
    again = client.get(case.url)
    assert again["X-Page-Cache"] == "hit"
    assert "Cachad erfarenhet" in again.content.decode()
    assert again["Content-Type"].startswith("text/html")


def test_publishing_purges_the_listing_and_the_page(client, make_case):
    case = make_case(title="Första versionen")
    client.get("/erfarenheter/")
    client.get(case.url)
    case.title = "Andra versionen"
    case.save_revision().publish()
    assert "Andra versionen" in client.get(case.url).content.decode()
    assert "Andra versionen" in client.get("/erfarenheter/").content.decode()

    make_case(title="Helt ny erfarenhet")
    assert "Helt ny erfarenhet" in client.get("/erfarenheter/").content.decode()


def test_unpublish_and_snippet_edit_purge(client, make_case):
    case = make_case(title="Snart borta", agency={"name": "Gamla namnet"})
    assert "Gamla namnet" in client.get(case.url).content.decode()
    agency = case.agency
    agency.name = "Nya namnet"
    agency.save()
    assert "Nya namnet" in client.get(case.url).content.decode()
    client.get("/erfarenheter/")
    case.unpublish()
    assert "Snart borta" not in client.get("/erfarenheter/").content.decode()
    assert client.get(case.url).status_code == 404


def test_a_new_view_restriction_takes_the_page_and_its_listing_out_of_the_cache(client, make_case):
    from wagtail.models import PageViewRestriction

    case = make_case(title="Snart bakom lösenord")
    assert client.get(case.url).status_code == 200
    assert "Snart bakom lösenord" in client.get("/erfarenheter/").content.decode()
    PageViewRestriction.objects.create(
        page=case, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )
    page = client.get(case.url)
    assert page.get("X-Page-Cache") != "hit"
    assert 'type="password"' in page.content.decode()  # the password form, not the case
    assert "Snart bakom lösenord" not in client.get("/erfarenheter/").content.decode()


def test_logged_in_users_are_never_served_from_the_cache(client, make_case):
    case = make_case()
    client.get(case.url)
    user = get_user_model().objects.create_user("anna", "anna@example.org", "pw-123456789")
    client.force_login(user)
    response = client.get(case.url)
    assert "X-Page-Cache" not in response


def test_health_check_is_never_cached(client, site):
    client.get("/healthz")
    assert "X-Page-Cache" not in client.get("/healthz")


def test_searches_are_not_cached_so_each_reaches_the_query_log(client, make_case):
    from search.models import LoggedQuery

    make_case(title="Chattbot")
    for path in ("/sok/", "/sok/", "/api/search/"):
        response = client.get(path, {"q": "chattbot"})
        assert "X-Page-Cache" not in response
    assert LoggedQuery.objects.filter(query="chattbot").count() == 3


def test_http_and_https_copies_from_a_trusted_proxy_are_kept_apart(settings, make_case):
    from django.test import Client

    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    case = make_case(title="Via proxyn")
    # nginx passes the Host header as the browser sent it, whatever the scheme.
    client = Client(HTTP_HOST="testserver", HTTP_X_FORWARDED_FOR="198.51.100.7")
    https = {"HTTP_X_FORWARDED_PROTO": "https"}
    plain = {}
    client.get(case.url, **plain)
    assert client.get(case.url, **plain)["X-Page-Cache"] == "hit"
    assert client.get(case.url, **https)["X-Page-Cache"] == "miss"  # not the http copy
    assert client.get(case.url, **https)["X-Page-Cache"] == "hit"
    assert client.get(case.url, **plain)["X-Page-Cache"] == "hit"
