"""HTTP caching: anonymous readers get Wagtail pages that browsers and caches
may keep, served again from the application's cache; nothing made for one
person, no preview, form or search is ever kept; a publish shows on the next
request where the change is purged, and within PAGE_CACHE_SECONDS elsewhere."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils.cache import cc_delim_re

pytestmark = pytest.mark.django_db


@pytest.fixture
def caching(settings):
    settings.PAGE_CACHE_SECONDS = 60
    settings.PAGE_CACHE_SHARED_SECONDS = 600
    settings.FRAGMENT_CACHE_SECONDS = 3600
    return settings


def control(response):
    return {d.strip() for d in cc_delim_re.split(response.get("Cache-Control", "")) if d.strip()}


def rename(page, title):
    """Change the title in the database only: no publish, so no purge."""
    type(page).objects.filter(pk=page.pk).update(title=title)


def test_an_anonymous_page_is_public_and_served_again_from_the_cache(caching, client, make_case):
    case = make_case(title="Cachad erfarenhet")
    first = client.get(case.url)
    assert control(first) == {"public", "max-age=60", "s-maxage=600"}
    assert "Accept-Language" not in first["Vary"]  # one copy per page, whatever the browser
    rename(case, "Ändrad i databasen")
    again = client.get(case.url)
    assert "Cachad erfarenhet" in again.content.decode()  # the kept copy
    assert again["Content-Type"].startswith("text/html")
    assert control(again) >= {"public"}
    # The kept copy is as protected as the page it copies.
    for header in ("X-Frame-Options", "Content-Security-Policy", "X-Content-Type-Options"):
        assert again[header] == first[header], header


def test_the_kept_copy_expires_after_max_age(caching, client, make_case):
    caching.PAGE_CACHE_SECONDS = 1
    case = make_case(title="Första versionen")
    client.get(case.url)
    case.title = "Andra versionen"
    case.save_revision().publish()
    time.sleep(2.1)
    assert "Andra versionen" in client.get(case.url).content.decode()


def test_listings_and_home_pages_are_public_too(caching, client, make_case):
    make_case(title="I listan")
    for path in ("/", "/en/", "/erfarenheter/"):
        response = client.get(path)
        assert response.status_code == 200
        assert "public" in control(response), path


def test_a_publish_shows_at_once_in_the_menus_and_footer(caching, client, site):
    """The menu and footer fragments are cleared by a publish, on every page."""
    from portal.models import HomePage, StandardPage

    caching.PAGE_CACHE_SECONDS = 0  # the fragments alone
    assert "Nyheter" not in client.get("/erfarenheter/").content.decode()
    home = HomePage.objects.get(locale__language_code="sv")
    news = home.add_child(
        instance=StandardPage(
            title="Nyheter", slug="nyheter", body="<p>Nytt.</p>", show_in_menus=True, live=False
        )
    )
    news.save_revision().publish()
    html = client.get("/erfarenheter/").content.decode()
    assert 'href="/nyheter/"' in html
    news.refresh_from_db()
    news.title = "Aktuellt"
    news.save_revision().publish()
    assert ">Aktuellt<" in client.get("/erfarenheter/").content.decode()
    news.refresh_from_db()
    news.unpublish()
    assert 'href="/nyheter/"' not in client.get("/erfarenheter/").content.decode()


def test_the_current_menu_link_is_marked(caching, client, make_case):
    case = make_case()
    html = client.get(case.url).content.decode()
    assert 'href="/erfarenheter/" aria-current="page"' in html
    html = client.get("/sok/").content.decode()
    assert 'href="/erfarenheter/" aria-current="page"' not in html
    assert 'href="/sok/" aria-current="page"' in html


def test_signed_in_readers_are_never_served_a_kept_copy_nor_kept(caching, client, make_case):
    case = make_case(title="Som alla ser den")
    client.get(case.url)
    rename(case, "Som den är nu")
    user = get_user_model().objects.create_user("anna", "anna@example.org", "pw-123456789")
    client.force_login(user)
    response = client.get(case.url)
    assert "Som den är nu" in response.content.decode()
    assert {"private", "no-store"} <= control(response)
    assert "public" not in control(response)


def test_a_preview_is_never_kept(caching, admin_client, make_case):
    case = make_case(title="Publicerad titel")
    case.title = "Utkastets titel"
    case.save_revision()
    response = admin_client.get(f"/admin/pages/{case.pk}/view_draft/")
    assert "Utkastets titel" in response.content.decode()
    assert {"private", "no-store"} <= control(response)
    assert "Publicerad titel" in Client().get(case.url).content.decode()


def test_a_page_with_a_form_is_never_kept(caching, client, make_activity):
    activity = make_activity()
    response = client.get(activity.url)
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()
    assert "public" not in control(response)


def test_searches_and_health_checks_are_never_kept(caching, client, make_case):
    from search.models import LoggedQuery

    make_case(title="Chattbot")
    for path in ("/sok/", "/sok/", "/api/search/", "/api/search/"):
        response = client.get(path, {"q": "chattbot"})
        assert "public" not in control(response), path
    assert LoggedQuery.objects.filter(query="chattbot").count() == 4
    health = client.get("/healthz")
    assert "public" not in control(health) and "max-age=0" in control(health)


def test_http_and_https_copies_from_a_trusted_proxy_never_mix(caching, make_case):
    caching.TRUSTED_PROXIES = ["127.0.0.1"]
    case = make_case(title="Via proxyn")
    # nginx passes the Host header as the browser sent it, whatever the scheme.
    proxy = Client(HTTP_HOST="testserver", HTTP_X_FORWARDED_FOR="198.51.100.7")
    https = {"HTTP_X_FORWARDED_PROTO": "https"}
    proxy.get(case.url)  # the http copy
    rename(case, "Nu via https")
    assert "Nu via https" in proxy.get(case.url, **https).content.decode()  # not the http copy
    rename(case, "Tredje titeln")
    assert "Nu via https" in proxy.get(case.url, **https).content.decode()  # its own copy
    assert "Via proxyn" in proxy.get(case.url).content.decode()


def test_a_forged_scheme_from_an_untrusted_client_gets_the_http_copy(caching, make_case):
    caching.TRUSTED_PROXIES = []
    case = make_case(title="Vanlig http")
    client = Client()
    client.get(case.url)
    rename(case, "Ändrad")
    forged = client.get(case.url, HTTP_X_FORWARDED_PROTO="https")
    assert "Vanlig http" in forged.content.decode()


def test_a_new_view_restriction_applies_at_once_without_the_cache(client, make_case):
    from wagtail.models import PageViewRestriction

    case = make_case(title="Chattbot bakom lösenord")
    assert "Chattbot bakom lösenord" in client.get(case.url).content.decode()
    assert client.get("/api/search/?q=chattbot").json()["total"] == 1
    restriction = PageViewRestriction.objects.create(
        page=case, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )
    page = client.get(case.url)
    assert 'type="password"' in page.content.decode()
    assert "public" not in control(page)
    assert client.get("/api/search/?q=chattbot").json()["total"] == 0
    restriction.delete()
    assert "Chattbot bakom lösenord" in client.get(case.url).content.decode()


def test_a_changed_site_root_applies_at_once(client, site):
    from wagtail.models import Page, Site

    home = client.get("/")
    default = Site.objects.get(is_default_site=True)
    default.root_page = Page.objects.get(slug="tillganglighet")
    default.save()
    moved = client.get("/")
    assert moved.status_code == 200 and moved.content != home.content
    assert "Tillgänglighetsredogörelse" in moved.content.decode()


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
