"""Database expressions that Django lacks and both supported databases can run.

- `SecondsBetween(end, start)`: elapsed seconds between two datetimes as a float (NULL if either is).
- `Median(expression)`: the median of the non-null values in a group, as PostgreSQL's
  `percentile_cont(0.5)` computes it (the mean of the two middle values for an even count). PostgreSQL
  runs its own ordered-set aggregate; SQLite has none, so the same aggregate is registered on the SQLite
  connection as a small Python function the first time a query uses it.

So a dashboard's medians stay one grouped query on either database instead of a fetch of every row.
"""

from __future__ import annotations

import statistics

from django.db.models import Aggregate, FloatField, Func


class SecondsBetween(Func):
    """`end - start` in seconds (float)."""

    output_field = FloatField()

    def __init__(self, end, start, **extra):
        super().__init__(end, start, **extra)

    def as_sql(self, compiler, connection, **extra_context):  # pragma: no cover - per vendor
        raise NotImplementedError(f"SecondsBetween is not available on {connection.vendor}.")

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler,
            connection,
            template="CAST(EXTRACT(EPOCH FROM (%(expressions)s)) AS double precision)",
            arg_joiner=" - ",
            **extra_context,
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        end, start = self.get_source_expressions()
        end_sql, end_params = compiler.compile(end)
        start_sql, start_params = compiler.compile(start)
        return (
            f"((julianday({end_sql}) - julianday({start_sql})) * 86400.0)",
            (*end_params, *start_params),
        )


class _SqliteMedian:
    """The SQLite side of `Median`: collects the group's values and returns their median."""

    def __init__(self):
        self.values: list[float] = []

    def step(self, value):
        if value is not None:
            self.values.append(float(value))

    def finalize(self):
        return statistics.median(self.values) if self.values else None


SQLITE_MEDIAN = "tanggap_median"


class Median(Aggregate):
    """The median of the group's non-null values (percentile_cont(0.5))."""

    function = "percentile_cont"
    name = "Median"
    output_field = FloatField()
    allow_distinct = False
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"

    def as_sqlite(self, compiler, connection, **extra_context):
        connection.ensure_connection()
        # Registering again is harmless; a new connection (after a reconnect) needs it anyway.
        connection.connection.create_aggregate(SQLITE_MEDIAN, 1, _SqliteMedian)
        return super().as_sql(
            compiler,
            connection,
            function=SQLITE_MEDIAN,
            template="%(function)s(%(expressions)s)",
            **extra_context,
        )
