from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")
    # The indexing signals are connected by search.wagtail_search_app, once
    # modelsearch has connected its own.

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from search.engine_synonyms import synonyms_changed
        from search.engine_version import check_elasticsearch
        from search.models import SynonymGroup

        check_elasticsearch()
        post_save.connect(synonyms_changed, sender=SynonymGroup, dispatch_uid="synonyms_saved")
        post_delete.connect(synonyms_changed, sender=SynonymGroup, dispatch_uid="synonyms_deleted")
