"""Small-file compaction (transforms/write/compact.py, `newsbeam compact`).

Real rows: one pipeline run per module over ../shared/corpus/feed_messages.jsonl and
../shared/corpus/sogoucs/*/*.dat; its part files are then split into one file per row (what many
streaming firings or hourly runs leave behind) with the writer's own naming and encoding.
"""
from __future__ import annotations

import collections
import json
import os
import shutil
import subprocess
import sys

import pyarrow.parquet as pq
import pytest

from schemas import ARTICLE_FILE_SCHEMA, Article
from transforms.write import compact as C
from transforms.write import NULL_PARTITION, file_name, table_bytes, write_rows

from tests.conftest import CORPUS, ROOT, need_shared

INPUTS = ["feed_messages.jsonl", "sogoucs/*/*.dat"]


@pytest.fixture(scope="module")
def run_out(tmp_path_factory):
    need_shared()
    out = tmp_path_factory.mktemp("compact_run")
    args = [sys.executable, "-m", "pipelines.cli", "run", "--output", str(out)]
    for i in INPUTS:
        args += ["--input", str(CORPUS / i)]
    proc = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


def part_files(root) -> list[str]:
    """Part files of the output tables below `root` (not of the _dedupe_index)."""
    return sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs
                  if C.is_part_file(f) and "_dedupe_index" not in d)


def rows_of(root) -> collections.Counter:
    """Multiset of every row below `root` (with its partition directory), as canonical JSON."""
    rows = collections.Counter()
    for path in part_files(root):
        part = os.path.relpath(os.path.dirname(path), root)
        for r in pq.read_table(path).to_pylist():
            rows[json.dumps({"_partition": part, **r}, sort_keys=True, default=str, ensure_ascii=False)] += 1
    return rows


def split_into_single_rows(root) -> int:
    """Rewrite every part file as one file per row, named and encoded as transforms.write does."""
    for path in part_files(root):
        table = pq.read_table(path)
        if table.num_rows < 2:
            continue
        kind = os.path.relpath(path, root).split(os.sep)[0]
        spec = C.KINDS[kind]
        keys = C.row_keys(table, spec.key_columns, spec.key)
        os.remove(path)
        for i, key in enumerate(keys):
            with open(os.path.join(os.path.dirname(path), file_name([key])), "wb") as f:
                f.write(table_bytes(table.slice(i, 1)))
    return len(part_files(root))


@pytest.fixture(scope="module")
def split_out(run_out, tmp_path_factory):
    out = tmp_path_factory.mktemp("split") / "out"
    shutil.copytree(run_out, out)
    before = rows_of(out)
    n_files = split_into_single_rows(out)
    assert rows_of(out) == before and n_files == sum(before.values())  # one row per file now
    return out, before


@pytest.fixture
def small_files(split_out, tmp_path):
    """A private copy of the whole split output."""
    out = tmp_path / "out"
    shutil.copytree(split_out[0], out)
    return out, split_out[1]


@pytest.fixture
def partition(split_out, tmp_path):
    """A private copy of the split output's biggest article partition (its directory)."""
    source = biggest_partition(split_out[0])
    directory = tmp_path / os.path.relpath(source, split_out[0])
    shutil.copytree(source, directory)
    return str(directory)


def biggest_partition(out) -> str:
    dirs = collections.Counter(os.path.dirname(p) for p in part_files(os.path.join(out, "articles")))
    directory, n = dirs.most_common(1)[0]
    assert n >= 3, "need a partition with several rows"
    return directory


# ---------------------------------------------------------------- pure functions

def test_chunk_sizes_spread_rows_over_as_few_files_as_the_target_allows():
    assert C.chunk_sizes(0, 0) == []
    assert C.chunk_sizes(10, 5_000, target_bytes=1_000_000) == [10]
    assert C.chunk_sizes(10, 3_000, target_bytes=1_000) == [4, 3, 3]
    assert C.chunk_sizes(2, 10_000, target_bytes=1) == [1, 1]  # never an empty file


def test_merge_tables_keeps_each_key_once_sorted(run_out):
    path = part_files(run_out / "articles")[0]  # a real part file of the run
    t = pq.read_table(path)
    merged, keys = C.merge_tables([t, t, t.slice(0, 1)], ["id"], lambda r: r["id"])
    assert merged.num_rows == t.num_rows and keys == sorted(t.column("id").to_pylist())
    assert merged.column("id").to_pylist() == keys and merged.schema == t.schema


def test_plan_outputs_names_files_like_the_writer():
    keys = [f"k{i}" for i in range(5)]
    plan = C.plan_outputs(keys, [3, 2])
    assert plan == [(0, 3, file_name(keys[:3])), (3, 5, file_name(keys[3:]))]


def test_manifest_round_trip_and_refuses_foreign_paths():
    outputs = [{"temp": ".compact-1.inprogress", "final": "part-aa.parquet", "rows": 3}]
    m = C.decode_manifest(C.encode_manifest(["part-b.parquet", "part-a.parquet"], outputs))
    assert m["inputs"] == ["part-a.parquet", "part-b.parquet"] and m["outputs"] == outputs
    with pytest.raises(ValueError):
        C.decode_manifest(C.encode_manifest(["../../articles/x/part-a.parquet"], outputs))


def test_check_date():
    assert C.check_date("2026-11-23") == "2026-11-23"
    assert C.check_date(NULL_PARTITION) == NULL_PARTITION
    for bad in ("2026-13-01", "2026-11-23*", "../x", "2026/11/23"):
        with pytest.raises(ValueError):
            C.check_date(bad)


# ---------------------------------------------------------------- compaction on disk

def test_compact_whole_output_many_small_files_to_one_per_partition(small_files):
    out, before = small_files
    n_before = len(part_files(out))
    results = C.compact(str(out))
    after = part_files(out)
    assert rows_of(out) == before  # same multiset of rows, partitions included
    dirs = collections.Counter(os.path.dirname(p) for p in after)
    assert set(dirs.values()) == {1} and len(after) < n_before
    assert {os.path.basename(os.path.dirname(os.path.dirname(r.directory))) for r in results} >= {"articles"}
    assert {r.directory.split(os.sep)[-2] for r in results} >= {"duplicates", "rejects"}
    assert {os.path.relpath(p, out).split(os.sep)[0] for p in after} <= set(C.KINDS)  # every table is known
    for path in after:  # named from the keys inside, as the writer names files
        kind = os.path.relpath(path, out).split(os.sep)[0]
        spec = C.KINDS[kind]
        assert os.path.basename(path) == file_name(C.row_keys(pq.read_table(path), spec.key_columns, spec.key))
    leftovers = [f for _, _, fs in os.walk(out) for f in fs if C.is_compaction_temp(f) or f == C.MANIFEST]
    assert leftovers == []
    assert C.compact(str(out)) == []  # nothing left to do


def test_writer_still_skips_rows_already_compacted(partition):
    directory = partition
    rows = [r for p in part_files(directory) for r in pq.read_table(p).to_pylist()]
    C.compact_partition(directory, "articles")
    date, category = (d.split("=", 1)[1] for d in directory.split(os.sep)[-2:])
    full = [{**r, "date": None if date == NULL_PARTITION else date, "category": category} for r in rows]
    assert write_rows(directory, full, Article, ARTICLE_FILE_SCHEMA, lambda r: r["id"], ["id"]) == (0, len(rows))
    assert len(part_files(directory)) == 1


def test_date_limits_compaction_to_that_days_articles(small_files):
    out, before = small_files
    directory = biggest_partition(out)
    date = directory.split(os.sep)[-2].split("=", 1)[1]
    untouched = {p for p in part_files(out) if f"date={date}" not in p}
    results = C.compact(str(out), date=date)
    assert results and all(f"date={date}" in r.directory for r in results)
    assert untouched <= set(part_files(out)) and rows_of(out) == before


def test_target_size_gives_several_files(partition):
    directory = partition
    before = rows_of(directory)
    total = sum(os.path.getsize(p) for p in part_files(directory))
    r = C.compact_partition(directory, "articles", target_bytes=total // 2 + 1)
    assert r.files_after == 2 and len(part_files(directory)) == 2 and rows_of(directory) == before


CRASH_POINTS = ["temps_written", "manifest_written", "renamed:0", "renamed:1", "deleted:0", "deleted:1", "manifest_removed"]


class Crash(Exception):
    pass


def crash_at(step_name):
    def checkpoint(step):
        if step == step_name:
            raise Crash(step)
    return checkpoint


@pytest.mark.parametrize("step", CRASH_POINTS)
def test_crash_at_any_step_then_rerun_gives_the_same_rows(partition, step):
    directory = partition
    before = rows_of(directory)
    total = sum(os.path.getsize(p) for p in part_files(directory))
    with pytest.raises(Crash):
        C.compact_partition(directory, "articles", target_bytes=total // 2 + 1, checkpoint=crash_at(step))
    on_disk = rows_of(directory)
    # Never a lost row; before the commit point, not even a visible change.
    assert set(on_disk) == set(before)
    if step == "temps_written":
        assert on_disk == before and C.MANIFEST not in os.listdir(directory)
    r = C.compact_partition(directory, "articles")  # the re-run
    assert rows_of(directory) == before
    if step not in ("temps_written", "manifest_removed"):  # a manifest was left: the re-run finished it
        assert r is not None and r.recovered
    assert not [f for f in os.listdir(directory) if C.is_compaction_temp(f) or f == C.MANIFEST]


def test_crash_during_recovery_still_converges(partition):
    directory = partition
    before = rows_of(directory)
    total = sum(os.path.getsize(p) for p in part_files(directory))
    with pytest.raises(Crash):
        C.compact_partition(directory, "articles", target_bytes=total // 2 + 1, checkpoint=crash_at("renamed:0"))
    with pytest.raises(Crash):
        C.compact_partition(directory, "articles", checkpoint=crash_at("deleted:0"))
    C.compact_partition(directory, "articles")
    assert rows_of(directory) == before
    assert not [f for f in os.listdir(directory) if C.is_compaction_temp(f) or f == C.MANIFEST]


def test_file_written_during_compaction_is_kept(partition):
    """A writer adding a file after the inputs were listed must not lose it."""
    directory = partition
    first = part_files(directory)[0]
    late_table = pq.read_table(first).set_column(0, "id", [["late-row-id"]])
    late_path = os.path.join(directory, file_name(["late-row-id"]))

    def writer_arrives(step):
        if step == "manifest_written":
            with open(late_path, "wb") as f:
                f.write(table_bytes(late_table))

    before = rows_of(directory)
    C.compact_partition(directory, "articles", checkpoint=writer_arrives)
    assert os.path.exists(late_path) and sum(rows_of(directory).values()) == sum(before.values()) + 1


def test_cli_compact(small_files, capsys):
    from pipelines.cli import main

    out, before = small_files
    assert main(["compact", "--output", str(out)]) == 0
    assert "partition(s) compacted" in capsys.readouterr().out and rows_of(out) == before
    assert main(["compact", "--output", str(out), "--date", "2026-02-30"]) == 2
