"""modelsearch's own rebuild command, under its own name (contracts section 1).

Wagtail installs modelsearch as `wagtail.search`, which ships only
`update_index`; this makes the contract's command available too."""

from modelsearch.management.commands.rebuild_modelsearch_index import Command  # noqa: F401
