from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")
    # The indexing signals are connected by search.wagtail_search_app, once
    # modelsearch has connected its own.

    def ready(self):
        from search.engine_version import check_elasticsearch

        check_elasticsearch()
