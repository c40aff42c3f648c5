from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

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


@hooks.register("case_content_neighbours")
def case_content_neighbours(page):
    """The cases most like a case by content, for its related cases (cases.models)."""
    from search.related import content_neighbours

    return content_neighbours(page)
