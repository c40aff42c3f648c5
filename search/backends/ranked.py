"""Search results that give every match's values, best first."""

from core.keys import Keys


class RankedValues:
    """For modelsearch's results classes that give their matches' keys best
    first (`ranked()`): the values of those matches that are in the searched
    queryset, read in one query by key."""

    def ranked_values(self, **expressions):
        """[(pk, *values of the expressions)] of every match in the searched
        queryset, best first (or in the queryset's order)."""
        keys = self.ranked()
        position = {key: i for i, key in enumerate(keys)}
        rows = (
            self.query_compiler.queryset.filter(pk__in=Keys(keys))
            .order_by()
            .annotate(**expressions)
            .values_list("pk", *expressions)
        )
        return sorted(rows, key=lambda row: position[row[0]])
