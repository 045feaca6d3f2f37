"""docs/sql.md runs as written, and the Parquet is friendly to other engines.

One pipeline run per module over the shared corpus (../shared/corpus: rsshub_md/**/*.md,
zfe_html/p/*.html, feed_messages.jsonl, sogoucs/*/*.dat) plus one small run over seeds/* (a second
run, to compare schemas across runs).  Every ```sql duckdb block of docs/sql.md is executed against
the corpus output; pyarrow.dataset reads the same files as a second, independent reader.
"""
from __future__ import annotations

import collections
import math
import os
import re
import subprocess
import sys

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from schemas.tables import TABLES
from transforms.write import NULL_PARTITION, ROW_GROUP_ROWS

from tests.conftest import CORPUS, ROOT, SEEDS, SHARED, need_shared

CORPUS_GLOBS = ["rsshub_md/**/*.md", "zfe_html/p/*.html", "feed_messages.jsonl", "sogoucs/*/*.dat"]
DOC = ROOT / "docs" / "sql.md"
# the tables the test corpus fills (relations need a digest that quotes other stories)
TABLE_SCHEMAS = {name: TABLES[name].file_schema for name in ("articles", "duplicates", "rejects")}


def run_cli(inputs, output):
    args = [sys.executable, "-m", "pipelines.cli", "run", "--output", str(output)]
    for i in inputs:
        args += ["--input", str(i)]
    proc = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    """A folder laid out like the docs assume: ./out is the output, ../shared the shared data."""
    need_shared()
    base = tmp_path_factory.mktemp("sqldocs")
    (base / "shared").symlink_to(SHARED, target_is_directory=True)
    work = base / "repo"
    work.mkdir()
    run_cli([CORPUS / g for g in CORPUS_GLOBS], work / "out")
    return work


@pytest.fixture(scope="module")
def second_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("seeds_run") / "out"
    run_cli([SEEDS / "*"], out)
    return out


def parquet_files(root):
    return sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if f.endswith(".parquet"))


def sql_blocks(engine: str) -> list[str]:
    return re.findall(rf"```sql {engine}\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


DUCKDB_BLOCKS = sql_blocks("duckdb")


def test_doc_has_every_engine():
    assert len(DUCKDB_BLOCKS) >= 6
    for engine in ("bigquery", "spark", "trino", "athena"):
        assert sql_blocks(engine), engine
    bq = "\n".join(sql_blocks("bigquery"))
    for needed in ("hive_partition_uri_prefix", "enable_list_inference", "date DATE", "category STRING"):
        assert needed in bq
    assert "source_uri_prefix" in DOC.read_text(encoding="utf-8")


@pytest.mark.parametrize("index", range(len(DUCKDB_BLOCKS)))
def test_duckdb_example_runs_and_is_sane(workdir, monkeypatch, index):
    block = DUCKDB_BLOCKS[index]
    expect = re.search(r"^-- expect: (.+)$", block, re.M)
    assert expect, "every DuckDB example states its columns and types"
    wanted = [tuple(c.strip().split(" ", 1)) for c in expect.group(1).split(",")]
    monkeypatch.chdir(workdir)
    rel = duckdb.connect().sql(block)
    assert list(zip(rel.columns, map(str, rel.types))) == wanted
    rows = rel.fetchall()
    assert rows, "an example that returns nothing on the shared corpus teaches nothing"
    for j, (name, typ) in enumerate(wanted):
        values = [r[j] for r in rows]
        if typ == "BIGINT":
            assert all(isinstance(v, int) and v > 0 for v in values), name  # counts
        elif typ in ("VARCHAR", "DATE", "DOUBLE") and name not in ("kept_title",):
            assert any(v is not None for v in values), name


def test_pyarrow_dataset_reads_the_same_rows_as_duckdb(workdir):
    out = workdir / "out"
    partitioning = ds.partitioning(pa.schema([("date", pa.date32()), ("category", pa.string())]), flavor="hive")
    table = ds.dataset(out / "articles", format="parquet", partitioning=partitioning).to_table()
    assert table.schema.field("date").type == pa.date32()
    assert table.schema.field("published_at").type == pa.timestamp("us", tz="UTC")
    counts = collections.Counter(zip(table.column("date").to_pylist(), table.column("category").to_pylist()))
    con = duckdb.connect()
    duck = con.sql(f"""SELECT date, category, count(*) FROM read_parquet('{out}/articles/**/*.parquet',
                       hive_partitioning = true, hive_types = {{'date': DATE, 'category': VARCHAR}}) GROUP BY ALL""").fetchall()
    assert counts == collections.Counter({(d, c): n for d, c, n in duck})
    assert sum(n for (d, _), n in counts.items() if d is None) > 0  # the undated partition reads as NULL
    ids = con.sql(f"SELECT id FROM read_parquet('{out}/articles/**/*.parquet')").fetchall()
    assert sorted(table.column("id").to_pylist()) == sorted(i for (i,) in ids)
    assert len(set(table.column("id").to_pylist())) == table.num_rows
    for kind in ("duplicates", "rejects"):
        t = ds.dataset(out / kind, format="parquet", partitioning="hive").to_table()
        assert t.num_rows == con.execute(f"SELECT count(*) FROM read_parquet('{out}/{kind}/**/*.parquet')").fetchall()[0][0] > 0


# ---------------------------------------------------------------- engine-friendly Parquet

def test_timestamps_are_utc_microseconds_int64(workdir):
    for kind in TABLE_SCHEMAS:
        paths = parquet_files(workdir / "out" / kind)
        assert paths, kind
        for path in paths:
            f = pq.ParquetFile(path)
            for i, field in enumerate(f.schema_arrow):
                if pa.types.is_timestamp(field.type):
                    assert field.type == pa.timestamp("us", tz="UTC"), (path, field)
                    col = f.schema.column(f.schema.names.index(field.name))
                    assert col.physical_type == "INT64", (path, field.name)  # not INT96
                    assert "isAdjustedToUTC=true" in str(col.logical_type) and "timeUnit=microseconds" in str(col.logical_type)


PARTITION_DIR = re.compile(rf"^(date=(\d{{4}}-\d{{2}}-\d{{2}}|{NULL_PARTITION})|category=[a-z0-9_-]+|shard=\d+)$")


def test_partition_values_are_ascii_hive_names(workdir):
    out = workdir / "out"
    seen = set()
    for kind in TABLE_SCHEMAS:
        for path in parquet_files(out / kind):
            for part in os.path.relpath(os.path.dirname(path), out / kind).split(os.sep):
                assert part.isascii() and PARTITION_DIR.match(part), part
                seen.add(part.split("=")[0])
    assert seen == {"date", "category", "shard"}


# Parquet writers drop min/max of values over the statistics size limit (long texts); useless for pruning anyway.
FREE_TEXT = {"text", "detail", "excerpt"}


def test_statistics_codec_and_row_groups(workdir):
    for kind in TABLE_SCHEMAS:
        files = parquet_files(workdir / "out" / kind)
        assert files
        for path in files:
            md = pq.ParquetFile(path).metadata
            assert md.num_row_groups == math.ceil(md.num_rows / ROW_GROUP_ROWS), path  # full row groups, none empty
            for g in range(md.num_row_groups):
                rg = md.row_group(g)
                assert 0 < rg.num_rows <= ROW_GROUP_ROWS
                for c in range(rg.num_columns):
                    col = rg.column(c)
                    assert col.compression == "ZSTD" and col.statistics is not None, (path, col.path_in_schema)
                    if "." not in col.path_in_schema and col.path_in_schema not in FREE_TEXT and col.statistics.null_count < rg.num_rows:
                        assert col.statistics.has_min_max, (path, col.path_in_schema)


def test_schema_stable_across_runs(workdir, second_run):
    for kind, expected in TABLE_SCHEMAS.items():
        schemas = {pq.read_schema(p).remove_metadata() for out in (workdir / "out", second_run)
                   for p in parquet_files(out / kind)}
        assert schemas, kind
        for s in schemas:  # same names, order, types and nullability in every file of both runs
            assert s.equals(expected.remove_metadata(), check_metadata=False), (kind, s)
    assert parquet_files(second_run / "articles")


# ---------------------------------------------------------------- DDL columns vs the files

def split_top(s: str) -> list[str]:
    parts, depth, cur = [], 0, ""
    for ch in s:
        depth += ch in "(<"
        depth -= ch in ")>"
        if ch == "," and depth == 0:
            parts.append(cur.strip())
            cur = ""
        else:
            cur += ch
    return [p for p in parts + [cur.strip()] if p]


FAMILY = {"varchar": "string", "string": "string", "bigint": "int64", "double": "double", "date": "date",
          "timestamp": "timestamp", "array": "list", "row": "struct", "struct": "struct"}


def arrow_family(t: pa.DataType) -> str:
    if pa.types.is_string(t):
        return "string"
    if pa.types.is_list(t):
        return "list"
    return {"int64": "int64", "double": "double", "date32[day]": "date"}.get(str(t), "timestamp" if pa.types.is_timestamp(t) else str(t))


@pytest.mark.parametrize("engine", ["trino", "athena"])
def test_ddl_columns_match_the_files(engine):
    ddl = sql_blocks(engine)[0]
    body = ddl[ddl.index("(") + 1:]
    depth, end = 1, 0
    for end, ch in enumerate(body):
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0:
            break
    columns = {}
    for col in split_top(body[:end]):
        name, typ = col.split(None, 1)
        columns[name.strip('`"')] = FAMILY[re.match(r"[a-z]+", typ.strip().lower()).group(0)]
    partitions = re.search(r"PARTITIONED BY \((.*?)\)\n", ddl)
    if partitions:  # Athena declares partition keys apart
        for col in split_top(partitions.group(1)):
            name, typ = col.split(None, 1)
            columns[name.strip('`')] = FAMILY[typ.strip().lower()]
    expected = {f.name: arrow_family(f.type) for f in TABLES["articles"].file_schema}
    expected.update(date="date", category="string")
    assert columns == expected
