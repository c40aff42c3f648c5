"""modelsearch backends tuned for a bilingual (Swedish/English) case library."""
