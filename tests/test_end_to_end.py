"""End to end: the real `newsbeam run` on real files, output read back with DuckDB."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from pipelines.query import connect

from tests.conftest import CORPUS, ROOT, SEEDS, need_shared
from tests.hostile import write_hostile

CORPUS_GLOBS = ["rsshub_md/**/*.md", "zfe_html/p/*.html", "feed_messages.jsonl", "sogoucs/*/*.dat"]


def run_cli(inputs: list[str], output, *extra) -> tuple[int, dict | None, str]:
    args = [sys.executable, "-m", "pipelines.cli", "run", "--output", str(output)]
    for i in inputs:
        args += ["--input", i]
    proc = subprocess.run(args + list(extra), cwd=ROOT, capture_output=True, text=True, timeout=900)
    runs = sorted((output / "_runs").glob("*.json"), key=lambda p: p.stat().st_mtime) if (output / "_runs").exists() else []
    summary = json.loads(runs[-1].read_text()) if runs else None
    return proc.returncode, summary, proc.stdout + proc.stderr


def q(output, sql):
    return connect(str(output)).sql(sql).fetchall()


@pytest.fixture(scope="module")
def seeds_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("seeds_out")
    code, summary, log = run_cli([str(SEEDS / "*")], out)
    assert code == 0, log
    return out, summary, log


@pytest.fixture(scope="module")
def corpus_out(tmp_path_factory):
    need_shared()
    out = tmp_path_factory.mktemp("corpus_out")
    hostile = tmp_path_factory.mktemp("hostile")
    expected = write_hostile(hostile)
    code, summary, log = run_cli([str(CORPUS / g) for g in CORPUS_GLOBS] + [str(hostile / "*")], out)
    assert code == 0, log
    return out, summary, hostile, expected


def test_seed_rows_and_types(seeds_out):
    out, summary, log = seeds_out
    assert "articles written" in log and summary["articles_written"] == 2
    types = dict(q(out, "SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM articles)"))
    assert types["date"] == "DATE" and types["published_at"] == "TIMESTAMP WITH TIME ZONE"
    assert types["tokens"] == "VARCHAR[]" and types["entities"].startswith("STRUCT(")
    assert types["ingested_at"] == "TIMESTAMP WITH TIME ZONE" and types["record_index"] == "BIGINT"


def test_seed_000_facts(seeds_out):
    out, _, _ = seeds_out
    [(title, date, category, text, names, stock_ids)] = q(out, """
        SELECT title, date, category, text, list_transform(entities, lambda e: e.text),
               list_transform(list_filter(entities, lambda e: e.type = 'STOCK'), lambda e: e.canonical_id)
        FROM articles WHERE source_path LIKE '%000_%'""")
    assert title == "平安与上海市皮肤病医院达成战略合作"
    assert str(date) == "2021-05-28" and category == "finance"
    assert not re.search(r"<[a-zA-Z/!][^>]*>", text) and "<!--" not in text and "当没有勾选" not in text
    assert "平安银行" in names and "01833.HK" in names and "01833.HK" in stock_ids
    assert text.startswith("5月24日，平安健康医疗科技有限公司")


def test_seed_002_has_no_recommended_items_and_no_wrong_date(seeds_out):
    out, _, _ = seeds_out
    [(text, date, source)] = q(out, "SELECT text, date, source FROM articles WHERE source_path LIKE '%002_%'")
    assert "为你推荐" not in text and "HPV" not in text and "2025-12" not in text and "来源" not in text
    assert text.rstrip().endswith("重要进展。")
    assert date is None  # the article states no year; it is never dated from the 2025-12 list
    assert source == "健康社"


def test_entity_offsets_match_text(seeds_out):
    out, _, _ = seeds_out
    rows = q(out, "SELECT text, entities FROM articles")
    assert rows
    for text, entities in rows:
        assert entities
        for e in entities:
            assert text[e["start"]:e["end"]] == e["text"]


def test_rerun_is_idempotent(seeds_out, tmp_path):
    out, _, _ = seeds_out
    before = sorted(q(out, "SELECT id, text, ingested_at FROM articles"))
    code, summary, log = run_cli([str(SEEDS / "*")], out)
    assert code == 0, log
    assert sorted(q(out, "SELECT id, text, ingested_at FROM articles")) == before
    assert summary["articles_already_present"] == 2 and summary["articles_new"] == 0


def test_no_temp_files_left(seeds_out):
    out, _, _ = seeds_out
    leftovers = [p for p in out.rglob("*") if p.name.startswith((".tmp", ".temp", "beam-temp"))]
    assert not leftovers


def test_corpus_accounting_equation(corpus_out):
    out, summary, hostile, _ = corpus_out
    [(articles,)] = q(out, "SELECT count(*) FROM articles")
    [(dups,)] = q(out, "SELECT count(*) FROM duplicates")
    [(record_rejects,)] = q(out, "SELECT count(*) FROM rejects WHERE stage NOT IN ('read', 'decode', 'parse')")
    assert summary["records_parsed"] == articles + dups + record_rejects
    assert summary["articles_written"] == articles and summary["exact_duplicates"] + summary["near_duplicates"] == dups
    # every input file shows up somewhere
    seen = {r[0] for r in q(out, "SELECT source_path FROM articles UNION SELECT source_path FROM duplicates UNION SELECT source_path FROM rejects")}
    inputs = {str(p) for g in CORPUS_GLOBS for p in CORPUS.glob(g)} | {str(p) for p in hostile.iterdir()}
    assert inputs - seen == set()
    # the corpus has 874 documents (9 md + 326 html + 139 messages + 2 x 200 SogouCS) plus one good hostile message
    assert summary["records_parsed"] + sum(n for k, n in summary["rejected"].items() if k.startswith("parse:")) >= 875


def test_hostile_inputs_rejected_with_reasons(corpus_out):
    out, _, hostile, expected = corpus_out
    rows = q(out, f"SELECT source_path, stage, reason FROM rejects WHERE source_path LIKE '{hostile}%'")
    by_file: dict[str, set[str]] = {}
    for path, stage, reason in rows:
        assert stage and reason
        by_file.setdefault(path.rsplit("/", 1)[-1], set()).add(reason)
    for name, reasons in expected.items():
        assert by_file.get(name, set()) & reasons, (name, by_file.get(name))
    # the good line of mixed.jsonl is written despite its bad neighbours
    assert q(out, "SELECT count(*) FROM articles WHERE source_path LIKE '%mixed.jsonl'")[0][0] == 1


def test_known_duplicate_groups_collapse(corpus_out):
    out, _, _, _ = corpus_out
    rcep = q(out, "SELECT count(*) FROM articles WHERE title LIKE '商务部：中国已经完成RCEP核准%'")[0][0]
    assert rcep == 1
    board = q(out, "SELECT count(*) FROM articles WHERE title LIKE '10分钟上演地天板%'")[0][0]
    assert board == 1
    # SogouCS: the same 200 docs in GBK and UTF-8 -> each written once
    gbk = q(out, "SELECT count(*) FROM articles WHERE source_path LIKE '%liaozp1-textsum%'")[0][0]
    utf8 = q(out, "SELECT count(*) FROM articles WHERE source_path LIKE '%NICE-FUTURE%'")[0][0]
    assert gbk + utf8 == q(out, "SELECT count(DISTINCT content_hash) FROM articles WHERE source_path LIKE '%sogoucs%'")[0][0]
    assert min(gbk, utf8) == 0 or gbk + utf8 <= 200
    # every duplicate points at a written article
    orphans = q(out, "SELECT count(*) FROM duplicates d ANTI JOIN articles a ON d.duplicate_of = a.id")[0][0]
    assert orphans == 0


def test_partitions_are_safe_and_readable_by_pyarrow(corpus_out):
    import pyarrow.dataset as ds

    out, _, _, _ = corpus_out
    for p in (out / "articles").iterdir():
        assert re.fullmatch(r"date=(\d{4}-\d{2}-\d{2}|__HIVE_DEFAULT_PARTITION__)", p.name)
        for c in p.iterdir():
            assert re.fullmatch(r"category=[a-z0-9_-]+", c.name)
    import pyarrow as pa

    partitioning = ds.partitioning(pa.schema([("date", pa.date32()), ("category", pa.string())]), flavor="hive")
    table = ds.dataset(out / "articles", format="parquet", partitioning=partitioning).to_table(columns=["id", "date", "category"])
    assert table.schema.field("date").type == pa.date32() and table.column("date").null_count > 0
    assert table.num_rows == q(out, "SELECT count(*) FROM articles")[0][0]


def test_missing_options_exit_2(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "pipelines.cli", "run", "--output", str(tmp_path)], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 2 and "--input" in proc.stderr


def test_chunked_run_matches_one_run(tmp_path):
    """--chunk_mb splits a large local batch into runs; the two SogouCS copies land in different chunks, so
    their exact copies are caught through the dedupe index, and the totals equal those of one run."""
    need_shared()
    inputs = [str(CORPUS / "sogoucs/*/*.dat"), str(CORPUS / "rsshub_md/**/*.md")]
    code, one, log = run_cli(inputs, tmp_path / "one", "--chunk_mb", "0")
    assert code == 0, log
    code, chunked, log = run_cli(inputs, tmp_path / "chunked", "--chunk_mb", "0.1")
    assert code == 0, log
    assert chunked["chunks"] >= 3 and one["chunks"] == 1 and "chunk 2/" in log
    for key in ("inputs_read", "records_parsed", "rejected_total", "articles_written", "exact_duplicates", "near_duplicates"):
        assert chunked[key] == one[key], key
    out = tmp_path / "chunked"
    [(articles,)] = q(out, "SELECT count(*) FROM articles")
    assert articles == chunked["articles_written"] > 0
    # every dropped copy names an article that was written (in its own or an earlier chunk)
    assert q(out, "SELECT count(*) FROM duplicates d ANTI JOIN articles a ON d.duplicate_of = a.id") == [(0,)]
    assert q(out, "SELECT count(*) FROM duplicates WHERE method = 'exact'")[0][0] >= 150
