"""modelsearch entry point: elasticsearch8 with Swedish and English sub-fields (engines.py)."""

from modelsearch.backends.elasticsearch8 import Elasticsearch8SearchBackend

from .engines import bilingual

SearchBackend = bilingual(Elasticsearch8SearchBackend)
