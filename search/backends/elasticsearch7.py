"""modelsearch entry point: elasticsearch7 with Swedish and English sub-fields (engines.py)."""

from modelsearch.backends.elasticsearch7 import Elasticsearch7SearchBackend

from .engines import bilingual

SearchBackend = bilingual(Elasticsearch7SearchBackend)
