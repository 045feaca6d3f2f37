import datetime as dt

import pyarrow.parquet as pq

from schemas import ARTICLE_FILE_SCHEMA, ARTICLE_SCHEMA, Article
from transforms.write import NULL_PARTITION, article_partition, file_name, write_rows


def test_file_names_are_deterministic_and_order_free():
    assert file_name(["b", "a"]) == file_name(["a", "b"]) != file_name(["a"])


def test_article_partition():
    assert article_partition({"date": dt.date(2021, 5, 28), "category": "finance"}) == "date=2021-05-28/category=finance"
    assert article_partition({"date": None, "category": "a/b=c%d"}) == f"date={NULL_PARTITION}/category=a-b-c-d"


def test_file_schema_is_derived_from_model():
    assert set(ARTICLE_SCHEMA.names) == set(Article.model_fields)
    assert set(ARTICLE_FILE_SCHEMA.names) == set(Article.model_fields) - {"date", "category"}


def test_write_rows_skips_rows_already_present(tmp_path):
    row = {"id": "x1", "source_path": "p", "record_index": 0, "date_source": "none", "category": "other",
           "category_label": "其他", "text": "正文", "content_hash": "h", "dup_cluster_id": "x1", "encoding": "utf-8",
           "ingested_at": dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc), "pipeline_version": "t"}
    d = str(tmp_path / "part")
    assert write_rows(d, [row], Article, ARTICLE_FILE_SCHEMA, lambda r: r["id"], ["id"]) == (1, 0)
    assert write_rows(d, [row, {**row, "id": "x2"}], Article, ARTICLE_FILE_SCHEMA, lambda r: r["id"], ["id"]) == (1, 1)
    files = list(tmp_path.rglob("*.parquet"))
    assert len(files) == 2 and sum(pq.read_table(f).num_rows for f in files) == 2
    assert not [p for p in tmp_path.rglob("*") if p.name.startswith(".tmp")]
