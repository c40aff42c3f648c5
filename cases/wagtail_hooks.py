"""Admin: the taxonomy and the agencies, grouped under one menu item."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cases.snippets import Agency, DigitalisationStage, Theme


class AgencyViewSet(SnippetViewSet):
    model = Agency
    icon = "site"
    list_display = ["name", "short_name", "org_number", "email_domains"]
    search_fields = ["name", "short_name", "org_number"]
    ordering = ["name"]


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "slug"]


class StageViewSet(SnippetViewSet):
    model = DigitalisationStage
    icon = "list-ol"
    list_display = ["order", "name", "slug"]
    ordering = ["order"]


class CaseLibraryGroup(SnippetViewSetGroup):
    items = (AgencyViewSet, ThemeViewSet, StageViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Case library")
    menu_name = "case-library"


register_snippet(CaseLibraryGroup)
