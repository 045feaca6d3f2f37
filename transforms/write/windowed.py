"""Windowed Parquet writes for the streaming pipeline, on the batch writer's functions (transforms.write).

Each firing of a (partition, window) group writes one file named
``part-<window start>-<pane index>-<hash of the row keys>.parquet``: two firings of a window (on time,
then late panes) never share a name, and a retried firing rewrites the same name with the same rows.
As in batch, rows whose key is already in the partition are not written again (at-least-once delivery).
"""
from __future__ import annotations

import datetime as dt
import posixpath
from typing import Callable

import apache_beam as beam
import pyarrow as pa
from apache_beam.metrics import Metrics
from pydantic import BaseModel, ValidationError

from transforms.rejects import REJECTS_TAG, make_reject
from transforms.write import WriteParquet, file_name, write_rows


def window_file_name(window_start_micros: int, pane_index: int, keys) -> str:
    """part-<YYYYmmddTHHMMSSZ>-<pane>-<hash>.parquet (UTC window start; sorts by time)."""
    start = dt.datetime.fromtimestamp(window_start_micros / 1e6, dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return f"part-{start}-{pane_index:04d}-{file_name(keys)[len('part-'):]}"


def write_window_rows(directory: str, rows: list[dict], model: type[BaseModel], schema: pa.Schema,
                      key_fn: Callable[[dict], str], key_columns: list[str], window_start_micros: int,
                      pane_index: int) -> tuple[int, int]:
    """Write the rows not yet in `directory` as one file of this window and pane; (written, already there)."""
    return write_rows(directory, rows, model, schema, key_fn, key_columns,
                      name_fn=lambda keys: window_file_name(window_start_micros, pane_index, keys))


class _WriteWindowFn(beam.DoFn):
    def __init__(self, output_dir, kind, model, schema, key_fn, key_columns):
        self.output_dir, self.kind, self.model, self.schema = output_dir, kind, model, schema
        self.key_fn, self.key_columns = key_fn, key_columns

    def process(self, group, window=beam.DoFn.WindowParam, pane=beam.DoFn.PaneInfoParam):
        partition, rows = group
        rows = list(rows)
        directory = posixpath.join(self.output_dir, self.kind, partition)
        start = int(window.start.micros) if hasattr(window, "start") else 0
        good = []
        for r in rows:  # one invalid row must not lose its window: reject it, write the others
            try:
                self.model.model_validate(r)
                good.append(r)
            except ValidationError as err:
                yield beam.pvalue.TaggedOutput(REJECTS_TAG, make_reject(
                    r.get("source_path", "?"), r.get("record_index"), "write", "schema_violation", str(err)[:500], r.get("text", "")))
        if not good:
            return
        written, present = write_window_rows(directory, good, self.model, self.schema, self.key_fn,
                                             self.key_columns, start, pane.index)
        Metrics.counter("newsbeam", f"write.{self.kind}.new").inc(written)
        Metrics.counter("newsbeam", f"write.{self.kind}.already_present").inc(present)
        yield partition, written


class WriteWindowedParquet(WriteParquet):
    """Windowed rows -> OUTPUT/<kind>/<partition>/part-<window>-<pane>-<hash>.parquet, one file per firing."""

    write_fn = _WriteWindowFn
    group_label = "GroupPartitionWindow"
