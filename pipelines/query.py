"""DuckDB views over an output folder (used by `newsbeam sql`, `make run` and the tests)."""
from __future__ import annotations

import os

DEFAULT_QUERY = """
SELECT date, category, count(*) AS articles,
       round(avg(length(text))) AS avg_chars,
       count(*) FILTER (WHERE len(entities) > 0) AS with_entities
FROM articles GROUP BY ALL ORDER BY date NULLS LAST, category
"""


def connect(output: str):
    import duckdb

    con = duckdb.connect()
    for kind in ("articles", "duplicates", "rejects"):
        pattern = os.path.join(output, kind, "**", "*.parquet")
        if any(f.endswith(".parquet") for _, _, fs in os.walk(os.path.join(output, kind)) for f in fs):
            con.sql(f"CREATE VIEW {kind} AS SELECT * FROM read_parquet('{pattern}', hive_partitioning=true, union_by_name=true)")
    return con
