"""modelsearch entry point: opensearch2 with Swedish and English sub-fields (engines.py)."""

from modelsearch.backends.opensearch2 import OpenSearch2SearchBackend

from .engines import bilingual

SearchBackend = bilingual(OpenSearch2SearchBackend)
