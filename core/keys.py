"""A list of keys as a subquery for `pk__in=`, sent as one parameter."""

import json

from django.db.models import Expression, IntegerField


class Keys(Expression):
    """Keys (an engine's matches, a ranking's) as a subquery that takes them
    as one parameter: a list of thousands of keys would otherwise become as
    many placeholders, each one parsed and bound."""

    def __init__(self, keys):
        super().__init__(output_field=IntegerField())
        self.keys = [int(key) for key in keys]

    def __len__(self):
        return len(self.keys)

    def as_sql(self, compiler, connection):
        return "(SELECT value FROM json_each(%s))", [json.dumps(self.keys)]

    def as_postgresql(self, compiler, connection):
        # As the array's text: psycopg adapts a list of ints one by one.
        return "(SELECT unnest(%s::text::bigint[]))", ["{" + ",".join(map(str, self.keys)) + "}"]
