from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import SynonymGroup
from search.reports import may_read_search_log, search_terms_view


class SearchLogMenuItem(MenuItem):
    def is_shown(self, request):
        return may_read_search_log(request.user)


@hooks.register("register_admin_urls")
def register_search_terms_url():
    return [path("reports/search-log/", search_terms_view, name="search_log_report")]


@hooks.register("register_reports_menu_item")
def register_search_terms_menu_item():
    return SearchLogMenuItem(
        _("Search terms"), reverse("search_log_report"), icon_name="search", order=900
    )


class SynonymGroupViewSet(SnippetViewSet):
    """Editors' synonyms (search/synonyms.py); a change applies to the next search."""

    model = SynonymGroup
    icon = "search"
    menu_label = _("Synonyms")
    add_to_admin_menu = False
    list_display = ["terms", "language"]
    list_filter = ["language"]
    search_fields = ["terms"]
    ordering = ["language", "terms"]


register_snippet(SynonymGroupViewSet)


@hooks.register("case_content_neighbours")
def case_content_neighbours(page):
    """The cases most like a case by content, for its related cases (cases.models)."""
    from search.related import content_neighbours

    return content_neighbours(page)
