"""TestPipeline + assert_that for the read, decode, parse, clean and write transforms."""
from __future__ import annotations

import datetime as dt
import gzip

import apache_beam as beam
import pyarrow.parquet as pq
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to, is_not_empty

from schemas import ARTICLE_FILE_SCHEMA, Article
from transforms.clean import Clean
from transforms.decode import Decode
from transforms.parse import Parse
from transforms.read import ReadRawFiles
from transforms.write import WriteParquet, article_partition

from tests.conftest import SEEDS

ZH = "平安银行与微医集团签署战略合作协议，双方将建立战略合作伙伴关系。"


def _reasons(rejects):
    return sorted((r["stage"], r["reason"]) for r in rejects)


def test_read_and_decode(tmp_path):
    (tmp_path / "a.txt").write_bytes((ZH * 3).encode("gbk"))
    (tmp_path / "b.txt.gz").write_bytes(gzip.compress((ZH * 3).encode("utf-8")))
    (tmp_path / "c.txt").write_bytes(b"")
    with TestPipeline() as p:
        files = p | ReadRawFiles([str(tmp_path / "*"), str(tmp_path / "nothing-*.md")])
        decoded = files["files"] | Decode()
        assert_that(decoded["decoded"] | beam.Map(lambda d: (d["name"].rsplit("/", 1)[-1], d["text"])),
                    equal_to([("a.txt", ZH * 3), ("b.txt", ZH * 3)]), label="decoded")
        assert_that(decoded["rejects"] | beam.Map(lambda r: r["reason"]), equal_to(["empty_input"]), label="decode_rejects")
        assert_that(files["rejects"] | beam.Map(lambda r: r["reason"]), equal_to(["no_match"]), label="read_rejects")


def test_parse_transform_counts_records_and_rejects():
    lines = '{"id": 1, "title": "a", "body_text": "正文一"}\n{oops\n{"id": 2, "title": "b", "body_html": "<p>正文二</p>"}'
    with TestPipeline() as p:
        parsed = p | beam.Create([{"source_path": "f.jsonl", "name": "f.jsonl", "text": lines, "encoding": "utf-8"}]) | Parse()
        assert_that(parsed["docs"] | beam.Map(lambda d: (d["record_index"], d["title"], d["body_format"])),
                    equal_to([(0, "a", "text"), (2, "b", "html")]), label="docs")
        assert_that(parsed["rejects"] | beam.Map(lambda r: (r["record_index"], r["stage"], r["reason"])),
                    equal_to([(1, "parse", "bad_json")]), label="rejects")


def _doc(i, body, fmt="html", source="site"):
    return {"id": f"id{i}", "source": source, "url": None, "source_path": f"p{i}", "record_index": 0, "title": f"标题{i}",
            "author": None, "published_at": None, "date": None, "date_source": "none", "raw_categories": ["金融"],
            "encoding": "utf-8", "body": body, "body_format": fmt}


def test_clean_transform_extracts_dates_and_rejects_empty():
    docs = [_doc(1, f"<html><body><nav>首页 新闻 财经</nav><article><p>新华社北京2021年5月28日电 {ZH}</p><p>{ZH}</p></article></body></html>"),
            _doc(2, "<html><body><nav><a href='/'>首页</a></nav></body></html>")]
    with TestPipeline() as p:
        cleaned = p | beam.Create(docs) | Clean()
        assert_that(cleaned["docs"] | beam.Map(lambda d: (d["id"], "首页" in d["text"], str(d["date"]), d["date_source"], d["category"])),
                    equal_to([("id1", False, "2021-05-28", "dateline", "finance")]), label="docs")
        assert_that(cleaned["rejects"] | beam.Map(lambda r: (r["source_path"], r["stage"], r["reason"])),
                    equal_to([("p2", "clean", "empty_text")]), label="rejects")


def _article(i, date):
    return {"id": f"a{i}", "source": "s", "url": None, "source_path": "x", "record_index": i, "title": "t", "author": None,
            "published_at": dt.datetime(2021, 5, 28, tzinfo=dt.timezone.utc) if date else None, "date": date,
            "date_source": "metadata", "category": "../../etc", "category_label": "其他", "raw_categories": [], "text": ZH,
            "tokens": ["平安银行"], "entities": [], "content_hash": "h", "dup_cluster_id": f"a{i}", "encoding": "utf-8",
            "ingested_at": dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc), "pipeline_version": "t"}


def test_write_transform_partitions_safely_and_is_idempotent(tmp_path):
    rows = [_article(0, dt.date(2021, 5, 28)), _article(1, dt.date(2021, 5, 28)), _article(2, None)]
    for attempt in range(2):
        with TestPipeline() as p:
            out = p | beam.Create(rows) | WriteParquet(str(tmp_path), "articles", Article, ARTICLE_FILE_SCHEMA,
                                                       article_partition, key_fn=lambda r: r["id"], key_columns=["id"])
            assert_that(out["written"], equal_to([("date=2021-05-28/category=etc", 2),
                                                  ("date=__HIVE_DEFAULT_PARTITION__/category=etc", 1)]))
    files = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.parquet"))
    assert len(files) == 2 and all(f.startswith("articles/date=") and "/category=etc/" in f for f in files)
    table = pq.read_table(tmp_path / files[0])
    assert table.num_rows == 2 and str(table.schema.field("published_at").type) == "timestamp[us, tz=UTC]"
    assert "date" not in table.schema.names  # partition keys live in the path only


def test_write_transform_rejects_invalid_rows_but_writes_the_rest(tmp_path):
    bad = _article(5, dt.date(2021, 5, 28))
    del bad["text"]
    with TestPipeline() as p:
        out = p | beam.Create([_article(0, dt.date(2021, 5, 28)), bad]) | WriteParquet(
            str(tmp_path), "articles", Article, ARTICLE_FILE_SCHEMA, article_partition, key_fn=lambda r: r["id"], key_columns=["id"])
        assert_that(out["rejects"] | beam.Map(lambda r: (r["stage"], r["reason"])), equal_to([("write", "schema_violation")]), label="rej")
        assert_that(out["written"], is_not_empty(), label="written")
    assert sum(pq.read_table(f).num_rows for f in tmp_path.rglob("*.parquet")) == 1


def test_read_seeds_directory():
    with TestPipeline() as p:
        files = p | ReadRawFiles([str(SEEDS / "*")])
        assert_that(files["files"] | beam.Map(lambda f: f[0].rsplit("/", 1)[-1][:4]), equal_to(["000_", "002_"]))
