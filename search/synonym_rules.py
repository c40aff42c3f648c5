"""The synonym rule format editors write (search.models.SynonymGroup)."""

from search.text import query_words


def parse_rule(text):
    """(sources, targets) of one rule, each term its words joined by one
    space: "a, b" -> ([a, b], [a, b]); "a => b, c" -> ([a], [a, b, c])."""
    left, arrow, right = text.partition("=>")

    def terms(part):
        found = []
        for term in part.split(","):
            words = " ".join(query_words(term))
            if words and words not in found:
                found.append(words)
        return found

    if not arrow:
        group = terms(left)
        return group, group
    sources = terms(left)
    return sources, list(dict.fromkeys([*sources, *terms(right)]))
