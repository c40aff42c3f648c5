"""modelsearch entry point: elasticsearch9 with Swedish and English sub-fields (engines.py)."""

from modelsearch.backends.elasticsearch9 import Elasticsearch9SearchBackend

from .engines import bilingual

SearchBackend = bilingual(Elasticsearch9SearchBackend)
