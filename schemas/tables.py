"""The output tables, listed once: each table's model, file schema, partitioning, key and glob,
and the folder names newsbeam reserves inside an output folder.

The batch and streaming writers, `newsbeam compact`, the DuckDB views of `newsbeam sql`, the reader
(which never takes our own folders as input) and the tests all read this catalogue.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Callable

import pyarrow as pa
from pydantic import BaseModel

from schemas.article import (ARTICLE_FILE_SCHEMA, DUPLICATE_SCHEMA, REJECT_SCHEMA, RELATION_SCHEMA, Article,
                             DuplicateRecord, RejectRecord, RelationRecord)

NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"  # Hive's name for a NULL partition value (DuckDB/Spark read it as NULL)
SHARDS = 4
_SAFE_VALUE = re.compile(r"[^a-z0-9_-]+")

# Folders of an output that are newsbeam's bookkeeping, never tables and never input.
RUNS_DIR = "_runs"            # one JSON summary per run
WATCH_DIR = "_watch"          # `newsbeam watch`: manifest and feed inbox
INDEX_DIR = "_dedupe_index"   # signatures for dedupe across runs
TMP_DIR = "_tmp"
# The reader never takes files of these as input (the watch inbox, _watch/inbox/, is an input).
NOT_INPUT_DIRS = (RUNS_DIR, INDEX_DIR, TMP_DIR)


def safe_partition_value(value) -> str:
    """ASCII, lower-case, no '/', '=', '%' or '..': a document can never choose a path."""
    if value is None:
        return NULL_PARTITION
    cleaned = _SAFE_VALUE.sub("-", str(value).lower()).strip("-")[:64]
    return cleaned or "other"


def article_partition(row: dict) -> str:
    date = row.get("date")
    return f"date={date.isoformat() if date else NULL_PARTITION}/category={safe_partition_value(row.get('category') or 'other')}"


def shard_partition(row: dict, shards: int = SHARDS) -> str:
    """Side outputs (duplicates, rejects) go to a few shard groups so no single worker holds them all."""
    h = int(hashlib.sha1(str(row.get("source_path")).encode("utf-8")).hexdigest()[:8], 16)
    return f"shard={h % shards}"


def relation_partition(row: dict) -> str:
    return shard_partition({"source_path": row["id"]})


@dataclass(frozen=True)
class Table:
    name: str                              # folder below the output and DuckDB view name
    model: type[BaseModel]                 # rows are validated against it
    file_schema: pa.Schema                 # the columns inside the files (partition keys live in the path)
    partition: Callable[[dict], str]       # row -> partition directory
    partition_glob: str                    # every partition directory of the table
    key_columns: tuple[str, ...]           # a row already present under this key is not written again

    def key(self, row: dict) -> str:
        return "\x1f".join(str(row.get(c)) for c in self.key_columns)


ARTICLES = Table("articles", Article, ARTICLE_FILE_SCHEMA, article_partition, "date=*/category=*", ("id",))
DUPLICATES = Table("duplicates", DuplicateRecord, DUPLICATE_SCHEMA, shard_partition, "shard=*", ("id",))
REJECTS = Table("rejects", RejectRecord, REJECT_SCHEMA, shard_partition, "shard=*",
                ("source_path", "record_index", "stage", "reason"))
RELATIONS = Table("relations", RelationRecord, RELATION_SCHEMA, relation_partition, "shard=*", ("id", "contained_in"))
TABLES = {t.name: t for t in (ARTICLES, DUPLICATES, REJECTS, RELATIONS)}


def reject_key(row: dict) -> str:
    return REJECTS.key(row)
