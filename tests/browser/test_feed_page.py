"""A feed opened in Chromium reads as a page in the feed's language that
explains how to subscribe and lists the cases (static/feeds/feed.xsl)."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "url, language, heading, title",
    [
        ("/feeds/cases.rss", "sv", "Det här är ett flöde", "Röstrobot i telefonkön som avbröts"),
        (
            "/en/feeds/cases.atom",
            "en",
            "This is a feed",
            "A voice robot in the phone queue that was stopped",
        ),
    ],
)
def test_a_feed_opens_as_a_page_that_explains_subscribing(
    seeded_site, new_page, url, language, heading, title
):
    page, _console = new_page()
    page.goto(url)
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    expect(page.get_by_role("link", name=title)).to_be_visible()
    assert page.evaluate("document.documentElement.lang") == language
    # Styled by the site's own stylesheet.
    assert page.evaluate("getComputedStyle(document.body).margin") == "0px"
