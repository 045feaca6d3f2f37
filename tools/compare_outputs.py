"""Compare two newsbeam output folders row by row: the check that a refactor changed no output.

    python -m tools.compare_outputs OUT_BEFORE OUT_AFTER

For each table of the catalogue (schemas/tables.py) the rows' identifying and derived columns are
compared as sets (ids, partitions, hashes, dates, entities, tokens; run ids and ingest times differ by
nature and are left out). Exit 0 when every table is identical, 1 otherwise.
"""
from __future__ import annotations

import argparse
import os
import sys

import duckdb

from schemas.tables import TABLES

COLUMNS = {
    "articles": "id, CAST(date AS VARCHAR), category, content_hash, dup_cluster_id, date_source, "
                "CAST(published_at AS VARCHAR), md5(CAST(entities AS VARCHAR)), md5(array_to_string(tokens, chr(31)))",
    "duplicates": "id, duplicate_of, method, similarity",
    "rejects": "source_path, record_index, stage, reason",
    "relations": "id, contained_in",
}


def rows(output: str, table: str) -> list[tuple]:
    folder = os.path.join(output, table)
    if not any(f.endswith(".parquet") for _, _, fs in os.walk(folder) for f in fs):
        return []
    sql = f"SELECT {COLUMNS[table]} FROM read_parquet('{folder}/**/*.parquet', hive_partitioning=true)"
    return sorted(duckdb.sql(sql).fetchall(), key=repr)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("before")
    ap.add_argument("after")
    args = ap.parse_args(argv)
    same = True
    for table in TABLES:
        a, b = rows(args.before, table), rows(args.after, table)
        identical = a == b
        same &= identical
        print(f"{table:11} before {len(a):6}  after {len(b):6}  {'identical' if identical else 'DIFFERENT'}")
        if not identical:
            sa, sb = set(a), set(b)
            print(f"            only before: {len(sa - sb)}, only after: {len(sb - sa)}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
