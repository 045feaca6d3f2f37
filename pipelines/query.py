"""DuckDB views over an output folder, one per catalogue table that has files (used by `newsbeam sql`,
`make run` and the tests)."""
from __future__ import annotations

import os

from schemas.article import arrow_schema
from schemas.tables import TABLES

DEFAULT_QUERY = """
SELECT date, category, count(*) AS articles,
       round(avg(length(text))) AS avg_chars,
       count(*) FILTER (WHERE len(entities) > 0) AS with_entities
FROM articles GROUP BY ALL ORDER BY date NULLS LAST, category
"""


def connect(output: str):
    """A DuckDB connection with a view per table; a table without files yet is an empty view with its
    columns, so that queries over a fresh output work (e.g. no rejects)."""
    import duckdb

    con = duckdb.connect()
    for kind, table in TABLES.items():
        pattern = os.path.join(output, kind, "**", "*.parquet")
        if any(f.endswith(".parquet") for _, _, fs in os.walk(os.path.join(output, kind)) for f in fs):
            con.sql(f"CREATE VIEW {kind} AS SELECT * FROM read_parquet('{pattern}', hive_partitioning=true, union_by_name=true)")
        else:
            con.register(kind, arrow_schema(table.model).empty_table())
    return con
