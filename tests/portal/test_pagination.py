"""The page links under a listing or search: the first and last page, two on
each side of the current one, and an ellipsis for each gap."""

import re

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.utils import translation


def shown(number, pages=50, query_string="q=chattbot"):
    page_obj = Paginator(range(pages * 20), 20).get_page(number)
    with translation.override("sv"):
        html = render_to_string(
            "components/pagination.html", {"page_obj": page_obj, "query_string": query_string}
        )
    items = re.findall(r"<li[^>]*>(.*?)</li>", html)
    return [re.sub(r"<[^>]+>", "", item).strip() for item in items], html


def test_a_middle_page_shows_its_neighbours_the_ends_and_the_gaps():
    items, html = shown(10)
    assert items == ["Föregående", "1", "…", "8", "9", "Sida 10", "11", "12", "…", "50", "Nästa"]
    assert 'aria-current="page" href="?q=chattbot&amp;page=10"' in html
    assert html.count('aria-hidden="true"') == 2


def test_pages_near_the_ends_leave_no_gap_of_one_page():
    assert shown(1)[0] == ["Sida 1", "2", "3", "…", "50", "Nästa"]
    assert shown(4)[0] == ["Föregående", "1", "2", "3", "Sida 4", "5", "6", "…", "50", "Nästa"]
    assert shown(50)[0] == ["Föregående", "1", "…", "48", "49", "Sida 50"]
    assert shown(3, pages=5)[0] == ["Föregående", "1", "2", "Sida 3", "4", "5", "Nästa"]


def test_a_single_page_has_no_page_links():
    assert shown(1, pages=1)[1].strip() == ""
