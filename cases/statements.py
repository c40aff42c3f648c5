"""ORM statements built once per process with stand-in values, then run with
real ones: building a statement took the ORM a millisecond or more on pages
whose own queries run in less (a case by its slug, the cards of a page of
search results). Their rows are read through a plain cursor and converted as
the ORM converts them (select_columns, rows_as_python)."""

from django.db import connection


def with_stand_ins(queryset, stand_ins):
    """The queryset's SQL, its parameters, and for each parameter the name of
    the stand-in it carries, or None for a value the ORM put there itself
    (kept as it is). A string stand-in may sit inside a parameter, as in the
    pattern of a LIKE."""
    sql, params = queryset.query.sql_with_params()

    def carried(param):
        for name, value in stand_ins.items():
            if param == value or (
                isinstance(value, str) and isinstance(param, str) and value in param
            ):
                return name
        return None

    return sql, params, [carried(param) for param in params]


def bind(params, names, values):
    """The parameters with each stand-in replaced by its value in values."""
    return [
        param if name is None else values[name] for param, name in zip(params, names, strict=True)
    ]


def select_columns(queryset):
    """The columns (Col expressions) the queryset's statement selects, in order."""
    compiler = queryset.query.get_compiler(queryset.db)
    compiler.setup_query()
    return [column for column, _sql, _alias in compiler.select]


def rows_as_python(rows, columns):
    """The rows' values as the ORM gives them (SQLite, for one, returns
    dates as text), for the statement's select_columns()."""
    compiler = connection.ops.compiler("SQLCompiler")(None, connection, connection.alias)
    converters = compiler.get_converters(columns)
    return list(compiler.apply_converters(rows, converters)) if converters else rows
