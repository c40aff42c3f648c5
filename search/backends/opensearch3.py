"""modelsearch entry point: opensearch3 with Swedish and English sub-fields (engines.py)."""

from modelsearch.backends.opensearch3 import OpenSearch3SearchBackend

from .engines import bilingual

SearchBackend = bilingual(OpenSearch3SearchBackend)
