"""ORM statements built once per process with stand-in values, then run with
real ones: building a statement took the ORM a millisecond or more on pages
whose own queries run in less (a case by its slug, the cards of a page of
search results)."""


def with_stand_ins(queryset, stand_ins):
    """The queryset's SQL, its parameters, and for each parameter the name of
    the stand-in it carries, or None for a value the ORM put there itself
    (kept as it is). A string stand-in may sit inside a parameter, as in the
    pattern of a LIKE."""
    sql, params = queryset.query.sql_with_params()

    def carried(param):
        for name, value in stand_ins.items():
            if param == value or (isinstance(value, str) and isinstance(param, str)
                                  and value in param):
                return name
        return None

    return sql, params, [carried(param) for param in params]


def bind(params, names, values):
    """The parameters with each stand-in replaced by its value in values."""
    return [param if name is None else values[name]
            for param, name in zip(params, names, strict=True)]
