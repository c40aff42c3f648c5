"""What every request used to look up in the database (the site for the host
name, the view restrictions, the active locale) is read once per content
change, and a change in the admin shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def tables_read(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return " ".join(q["sql"] for q in queries.captured_queries)


def test_a_second_case_view_reads_no_site_restriction_or_locale_rows(client, make_case):
    case = make_case(title="Chattbot i kundtjänsten")
    first = tables_read(client, case.url)
    assert '"wagtailcore_site"' in first
    again = tables_read(client, case.url)
    for table in ("wagtailcore_site", "wagtailcore_pageviewrestriction"):
        assert f'"{table}"' not in again, table
    client.get("/api/search/?q=chattbot")
    search = tables_read(client, "/api/search/?q=chattbot")
    assert 'FROM "wagtailcore_locale"' not in search  # joined in the search, not looked up
    assert '"wagtailcore_pageviewrestriction"' not in search


def test_a_new_view_restriction_applies_at_once(client, make_case):
    from wagtail.models import PageViewRestriction

    case = make_case(title="Chattbot bakom lösenord")
    assert "Chattbot bakom lösenord" in client.get(case.url).content.decode()
    assert client.get("/api/search/?q=chattbot").json()["total"] == 1
    restriction = PageViewRestriction.objects.create(
        page=case, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )
    assert 'type="password"' in client.get(case.url).content.decode()
    assert client.get("/api/search/?q=chattbot").json()["total"] == 0
    restriction.delete()
    assert "Chattbot bakom lösenord" in client.get(case.url).content.decode()
    assert client.get("/api/search/?q=chattbot").json()["total"] == 1


def test_a_changed_site_root_applies_at_once(client, site):
    from wagtail.models import Page, Site

    home = client.get("/")
    default = Site.objects.get(is_default_site=True)
    statement = Page.objects.get(slug="tillganglighet")
    default.root_page = statement
    default.save()
    moved = client.get("/")
    assert moved.status_code == 200 and moved.content != home.content
    assert "Tillgänglighetsredogörelse" in moved.content.decode()


def test_a_flushed_cache_never_brings_back_an_older_lookup(client, site):
    """After a cache flush (a restarted Redis) the content generation starts
    from a number no earlier generation reached."""
    from django.core.cache import cache

    from portal.page_cache import current_generation, purge

    before = current_generation()
    purge()
    purge()
    cache.clear()
    assert current_generation() > before + 2


def test_a_page_published_where_there_was_none_is_found_at_once(client, site):
    from portal.models import HomePage, StandardPage

    assert client.get("/nyheter/").status_code == 404
    home = HomePage.objects.get(locale__language_code="sv")
    page = home.add_child(
        instance=StandardPage(
            title="Nyheter", slug="nyheter", body="<p>Nytt om banken.</p>", live=False
        )
    )
    assert client.get("/nyheter/").status_code == 404  # a draft
    page.save_revision().publish()
    assert "Nyheter" in client.get("/nyheter/").content.decode()
    page.refresh_from_db()
    page.unpublish()
    assert client.get("/nyheter/").status_code == 404


def test_liveness_and_health_checks_ask_neither_the_cache_nor_the_site(client, site, monkeypatch):
    """/livez is the benchmarks' ceiling and /healthz a load balancer's probe:
    neither looks up the site."""
    from portal import process_memo

    def fail(*args):
        raise AssertionError("memo used")

    monkeypatch.setattr(process_memo, "memo", fail)
    assert client.get("/livez").status_code == 200
    assert client.get("/healthz").status_code == 200


def test_a_case_page_reads_each_shared_value_from_the_cache_once(client, make_case, settings):
    from unittest import mock

    from django.core.cache import cache

    from portal.page_cache import GENERATION_KEY

    settings.FRAGMENT_CACHE_SECONDS = 3600
    case = make_case(title="Chattbot i kundtjänsten")
    client.get(case.url)
    with mock.patch.object(cache, "get", wraps=cache.get) as get:
        assert client.get(case.url).status_code == 200
    keys = [call.args[0] for call in get.call_args_list]
    assert keys.count(GENERATION_KEY) == 1
    assert len(keys) == len(set(keys)), keys  # menus, translations: once each


def test_a_change_made_during_a_request_is_seen_by_the_rest_of_it(rf, site):
    from portal.fragments import content_generation
    from portal.page_cache import current_request, purge

    token = current_request.set(rf.get("/"))
    try:
        before = content_generation(None)
        assert content_generation(None) == before
        purge()  # what publishing a page does
        assert content_generation(None) != before
    finally:
        current_request.reset(token)
