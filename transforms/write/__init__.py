"""Write stage: our own Parquet writer on pyarrow (not fileio.WriteToFiles, see docs/architecture.md).

Rows are grouped by partition directory; each group is written to a temporary name and renamed
into place, so readers never see a partial file.  Rows whose key already exists in the partition
are not written again, which makes re-running the same input into the same output a no-op
(identical rows, not twice as many) and lets a crashed run simply be re-run.
"""
from __future__ import annotations

import hashlib
import io
import posixpath
import uuid
from typing import Callable, Iterable

import apache_beam as beam
import pyarrow as pa
import pyarrow.parquet as pq
from apache_beam.io.filesystems import FileSystems
from apache_beam.metrics import Metrics
from pydantic import BaseModel, ValidationError

from schemas.tables import (NULL_PARTITION, Table, article_partition, reject_key,  # noqa: F401 - re-exported
                            safe_partition_value, shard_partition)
from transforms import counters
from transforms.rejects import REJECTS_TAG, make_reject

ROW_GROUP_ROWS = 20_000


def file_name(keys: Iterable[str]) -> str:
    """Deterministic name from the rows' keys: the same rows always land in the same file."""
    digest = hashlib.sha1("\n".join(sorted(keys)).encode("utf-8")).hexdigest()[:16]
    return f"part-{digest}.parquet"


def rows_to_table(rows: list[dict], model: type[BaseModel], schema: pa.Schema) -> pa.Table:
    """Validate every row against the pydantic model, then build an Arrow table with the derived schema.

    Columns of the model that are not in `schema` (the partition keys) are dropped after validation.
    """
    names = set(schema.names)
    return pa.Table.from_pylist(
        [{k: v for k, v in model.model_validate(r).model_dump().items() if k in names} for r in rows], schema=schema)


def table_bytes(table: pa.Table) -> bytes:
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd", row_group_size=ROW_GROUP_ROWS, write_statistics=True)
    return sink.getvalue()


def existing_keys(directory: str, key_columns: list[str], key_fn: Callable[[dict], str]) -> set[str]:
    """Keys of the rows already in a partition directory's part files."""
    keys: set[str] = set()
    try:
        matches = FileSystems.match([posixpath.join(directory, "part-*.parquet")])[0].metadata_list
    except Exception:  # noqa: BLE001 - a missing directory has no rows
        return keys
    for m in matches:
        # ParquetFile seeks: only the footer and the key columns are read, not the texts and tokens
        # (re-runs and chunked runs look into partitions that already hold many files)
        with FileSystems.open(m.path, compression_type="uncompressed") as f:
            table = pq.ParquetFile(f).read(columns=key_columns)
        keys.update(key_fn(r) for r in table.to_pylist())
    return keys


def _mkdirs(directory: str) -> None:
    try:
        FileSystems.mkdirs(directory)
    except IOError:
        pass  # already exists (local FS raises); object stores need no directories


def write_rows(directory: str, rows: list[dict], model: type[BaseModel], schema: pa.Schema,
               key_fn: Callable[[dict], str], key_columns: list[str],
               name_fn: Callable[[list[str]], str] = file_name) -> tuple[int, int]:
    """Write the rows not yet present in `directory` as one file named by `name_fn(keys)`.

    Returns (new rows written, rows already there).
    """
    present = existing_keys(directory, key_columns, key_fn)
    fresh = {}
    for r in rows:
        fresh.setdefault(key_fn(r), r)  # identical keys within one run are written once
    new_keys = sorted(k for k in fresh if k not in present)
    if new_keys:
        table = rows_to_table([fresh[k] for k in new_keys], model, schema)
        _mkdirs(directory)
        final = posixpath.join(directory, name_fn(new_keys))
        temp = posixpath.join(directory, f".tmp-{uuid.uuid4().hex}.inprogress")
        with FileSystems.create(temp, compression_type="uncompressed") as f:
            f.write(table_bytes(table))
        FileSystems.rename([temp], [final])
    return len(new_keys), len(rows) - len(new_keys)


class _WriteGroupFn(beam.DoFn):
    def __init__(self, output_dir, kind, model, schema, key_fn, key_columns):
        self.output_dir, self.kind, self.model, self.schema = output_dir, kind, model, schema
        self.key_fn, self.key_columns = key_fn, key_columns

    def process(self, group):
        partition, rows = group
        rows = list(rows)
        directory = posixpath.join(self.output_dir, self.kind, partition) if partition else posixpath.join(self.output_dir, self.kind)
        try:
            written, present = write_rows(directory, rows, self.model, self.schema, self.key_fn, self.key_columns)
        except ValidationError:
            # One invalid row must not lose its partition: write the valid ones, reject the rest.
            good, bad = [], []
            for r in rows:
                try:
                    self.model.model_validate(r)
                    good.append(r)
                except ValidationError as err:
                    bad.append((r, err))
            for r, err in bad:
                yield beam.pvalue.TaggedOutput(REJECTS_TAG, make_reject(
                    r.get("source_path", "?"), r.get("record_index"), "write", "schema_violation", str(err)[:500], r.get("text", "")))
            if not good:
                return
            written, present = write_rows(directory, good, self.model, self.schema, self.key_fn, self.key_columns)
            rows = good
        Metrics.counter("newsbeam", f"write.{self.kind}.new").inc(written)
        Metrics.counter("newsbeam", f"write.{self.kind}.already_present").inc(present)
        if self.kind == "articles":
            Metrics.counter(counters.PARTITIONS, partition).inc(len(rows))
        yield partition, len(rows)


class WriteParquet(beam.PTransform):
    """Rows (dicts valid for `model`) -> Parquet files under OUTPUT/<kind>/<partition>/.

    Subclasses change only how a group becomes files (`write_fn`), e.g. per window and pane.
    """

    write_fn: type[beam.DoFn] = _WriteGroupFn
    group_label = "GroupPartition"

    def __init__(self, output_dir: str, kind: str, model: type[BaseModel], schema: pa.Schema,
                 partition_fn: Callable[[dict], str], key_fn: Callable[[dict], str], key_columns: list[str]):
        super().__init__()
        self.args = (output_dir, kind, model, schema, key_fn, key_columns)
        self.partition_fn = partition_fn

    def expand(self, rows):
        out = (
            rows
            | "ByPartition" >> beam.Map(lambda r, f=self.partition_fn: (f(r), r))
            | self.group_label >> beam.GroupByKey()
            | "WriteFiles" >> beam.ParDo(self.write_fn(*self.args)).with_outputs(REJECTS_TAG, main="written")
        )
        return {"written": out.written, "rejects": out[REJECTS_TAG]}


def write_table(output_dir: str, table: Table, writer: type[WriteParquet] = WriteParquet) -> WriteParquet:
    """The writer of one catalogue table (schemas.tables): batch `WriteParquet` or a windowed subclass."""
    return writer(output_dir, table.name, table.model, table.file_schema, table.partition,
                  key_fn=table.key, key_columns=list(table.key_columns))
