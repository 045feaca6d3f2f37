"""Small-file compaction: rewrite a partition's many part files into few large ones, crash-safe.

Streaming and hourly batch runs add one small ``part-<hash>.parquet`` per partition and run; engines
(BigQuery, Trino, Spark) pay per file opened.  `compact` merges them.  Protocol, per partition directory,
through Beam ``FileSystems`` (local disk, gs://, s3:// alike):

  1. list the partition's ``part-*.parquet`` files (the *inputs*), read and merge them; a key that
     repeats is kept once;
  2. write the merged rows to ``.compact-<uuid>.inprogress`` temp files (no ``*.parquet`` glob sees them);
  3. write the manifest ``_COMPACTING.json`` (inputs, temp -> final names) under a temp name and
     rename it into place: this is the commit point;
  4. rename the temps to their final names ``part-<sha1 of keys>.parquet`` (`transforms.write.file_name`,
     so the writer's "keys already in the partition are not written again" rule still holds);
  5. delete the inputs that are not outputs, then the manifest.

A crash before 3 leaves only temps, deleted by the next run (inputs untouched).  From 3 on the next
run finds the manifest and rolls forward (steps 4-5 are idempotent), so re-running never loses nor
duplicates rows.  Object stores have no multi-file swap: between 4 and 5 a reader may briefly see a
row in both the old and the new file; compact partitions that are no longer being queried live
(e.g. yesterday's date) when that matters.  One compactor per output folder at a time.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import math
import posixpath
import re
import uuid
from typing import Callable, Iterable, Optional

import pyarrow as pa
import pyarrow.parquet as pq
from apache_beam.io.filesystems import FileSystems

from schemas.tables import TABLES
from transforms.write import NULL_PARTITION, file_name, table_bytes

MANIFEST = "_COMPACTING.json"
TEMP_PREFIX = ".compact-"
TEMP_SUFFIX = ".inprogress"
MANIFEST_FORMAT = "newsbeam-compaction/1"
TARGET_FILE_BYTES = 256 * 1024 * 1024  # Parquet files of a few hundred MB suit BigQuery, Trino and Spark
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


KINDS = TABLES  # the catalogue's tables: partition glob, key columns and key of each


@dataclasses.dataclass
class PartitionResult:
    directory: str
    files_before: int
    files_after: int
    rows: Optional[int]  # rows in the compacted files; None when only an interrupted compaction was finished
    recovered: bool = False  # an interrupted compaction was finished first


# ---------------------------------------------------------------- pure functions

def chunk_sizes(n_rows: int, total_bytes: int, target_bytes: int = TARGET_FILE_BYTES) -> list[int]:
    """Rows per output file: as few files as keep each near `target_bytes`, rows spread evenly."""
    if n_rows <= 0:
        return []
    n_files = max(1, min(n_rows, math.ceil(total_bytes / max(1, target_bytes))))
    base, extra = divmod(n_rows, n_files)
    return [base + (1 if i < extra else 0) for i in range(n_files)]


def row_keys(table: pa.Table, key_columns: Iterable[str], key_fn: Callable[[dict], str]) -> list[str]:
    return [key_fn(r) for r in table.select(list(key_columns)).to_pylist()]


def merge_tables(tables: list[pa.Table], key_columns: Iterable[str], key_fn: Callable[[dict], str]) -> tuple[pa.Table, list[str]]:
    """Concatenate, keep the first row of each key, sort by key.  Returns (table, its keys in row order).

    Files written by different versions may differ in columns: schemas are unified (first file's
    column order, later additions appended, missing values null).
    """
    if not tables:
        raise ValueError("nothing to merge")
    table = pa.concat_tables(tables, promote_options="default")
    keys = row_keys(table, key_columns, key_fn)
    first: dict[str, int] = {}
    for i, k in enumerate(keys):
        first.setdefault(k, i)
    order = [first[k] for k in sorted(first)]
    return table.take(pa.array(order, pa.int64())), sorted(first)


def plan_outputs(keys: list[str], sizes: list[int]) -> list[tuple[int, int, str]]:
    """(start, stop, final file name) per output file; names from the keys they hold, as the writer does."""
    plan, start = [], 0
    for n in sizes:
        plan.append((start, start + n, file_name(keys[start:start + n])))
        start += n
    return plan


def encode_manifest(inputs: list[str], outputs: list[dict]) -> bytes:
    return json.dumps({"format": MANIFEST_FORMAT, "inputs": sorted(inputs), "outputs": outputs},
                      ensure_ascii=True, indent=1).encode("ascii")


def decode_manifest(data: bytes) -> dict:
    m = json.loads(data.decode("ascii"))
    if m.get("format") != MANIFEST_FORMAT:
        raise ValueError(f"unknown compaction manifest format {m.get('format')!r}")
    for name in m["inputs"] + [o["temp"] for o in m["outputs"]] + [o["final"] for o in m["outputs"]]:
        if "/" in name or name.startswith(".."):  # a manifest only ever names files of its own directory
            raise ValueError(f"bad file name in compaction manifest: {name!r}")
    return m


def is_part_file(name: str) -> bool:
    return name.startswith("part-") and name.endswith(".parquet")


def is_compaction_temp(name: str) -> bool:
    return name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)


def check_date(date: str) -> str:
    """A real calendar date (or Hive's null partition): the value goes into a glob, so nothing else passes."""
    if date == NULL_PARTITION:
        return date
    try:
        if _DATE.match(date) and dt.date.fromisoformat(date):
            return date
    except ValueError:
        pass
    raise ValueError(f"--date must be a date YYYY-MM-DD or {NULL_PARTITION}, got {date!r}")


# ---------------------------------------------------------------- file system side

def _list(directory: str) -> list[str]:
    """Base names of the files directly in `directory` (empty when it does not exist)."""
    try:
        found = FileSystems.match([posixpath.join(directory, "*")])[0].metadata_list
    except Exception:  # noqa: BLE001 - a missing directory holds no files
        return []
    return sorted(posixpath.basename(m.path) for m in found)


def _exists(path: str) -> bool:
    return FileSystems.exists(path)


def _read_bytes(path: str) -> bytes:
    with FileSystems.open(path, compression_type="uncompressed") as f:
        return f.read()


def _write_bytes(path: str, data: bytes) -> None:
    with FileSystems.create(path, compression_type="uncompressed") as f:
        f.write(data)


def _delete(paths: list[str]) -> None:
    paths = [p for p in paths if _exists(p)]
    if paths:
        FileSystems.delete(paths)


def _roll_forward(directory: str, manifest: dict, checkpoint: Callable[[str], None]) -> None:
    """Finish a committed compaction: temps -> finals, then delete the replaced inputs and the manifest."""
    join = lambda n: posixpath.join(directory, n)  # noqa: E731
    for i, o in enumerate(manifest["outputs"]):
        temp, final = join(o["temp"]), join(o["final"])
        if _exists(temp):
            if _exists(final) and o["final"] not in manifest["inputs"]:
                _delete([temp])  # a copy-then-delete rename (object stores) was cut short after the copy
            else:
                FileSystems.rename([temp], [final])
        elif not _exists(final):
            raise RuntimeError(f"compaction output {final} is missing: inputs kept, fix by hand (see {join(MANIFEST)})")
        checkpoint(f"renamed:{i}")
    finals = {o["final"] for o in manifest["outputs"]}
    for i, name in enumerate(n for n in manifest["inputs"] if n not in finals):
        _delete([join(name)])
        checkpoint(f"deleted:{i}")
    _delete([join(MANIFEST)])
    checkpoint("manifest_removed")


def compact_partition(directory: str, kind: str, *, min_files: int = 2, target_bytes: int = TARGET_FILE_BYTES,
                      checkpoint: Callable[[str], None] = lambda step: None) -> Optional[PartitionResult]:
    """Compact one partition directory.  Returns None when there was nothing to do.

    `checkpoint(step)` is called after each durable step (tests use it to simulate a crash there).
    """
    spec = KINDS[kind]
    recovered = False
    names = _list(directory)
    if MANIFEST in names:
        _roll_forward(directory, decode_manifest(_read_bytes(posixpath.join(directory, MANIFEST))), checkpoint)
        recovered = True
        names = _list(directory)
    # Temps without a manifest are from a compaction that crashed before its commit point.
    _delete([posixpath.join(directory, n) for n in names if is_compaction_temp(n)])
    inputs = [n for n in names if is_part_file(n)]
    if len(inputs) < max(2, min_files):
        return PartitionResult(directory, len(inputs), len(inputs), None, True) if recovered else None

    paths = [posixpath.join(directory, n) for n in inputs]
    blobs = [_read_bytes(p) for p in paths]
    table, keys = merge_tables([pq.read_table(io.BytesIO(b)) for b in blobs], spec.key_columns, spec.key)
    outputs = []
    for start, stop, final in plan_outputs(keys, chunk_sizes(len(keys), sum(map(len, blobs)), target_bytes)):
        temp = f"{TEMP_PREFIX}{uuid.uuid4().hex}{TEMP_SUFFIX}"
        _write_bytes(posixpath.join(directory, temp), table_bytes(table.slice(start, stop - start)))
        outputs.append({"temp": temp, "final": final, "rows": stop - start})
    checkpoint("temps_written")

    manifest_temp = posixpath.join(directory, f"{TEMP_PREFIX}manifest-{uuid.uuid4().hex}{TEMP_SUFFIX}")
    _write_bytes(manifest_temp, encode_manifest(inputs, outputs))
    FileSystems.rename([manifest_temp], [posixpath.join(directory, MANIFEST)])  # commit point
    checkpoint("manifest_written")
    _roll_forward(directory, {"inputs": inputs, "outputs": outputs}, checkpoint)
    return PartitionResult(directory, len(inputs), len(outputs), table.num_rows, recovered)


def partition_dirs(output: str, date: Optional[str] = None) -> list[tuple[str, str]]:
    """(kind, directory) of every partition holding part files or an unfinished compaction.

    With `date`, only that date's article partitions (duplicates and rejects are sharded, not dated).
    """
    found: set[tuple[str, str]] = set()
    kinds = {"articles": f"date={check_date(date)}/category=*"} if date else {k: s.partition_glob for k, s in KINDS.items()}
    for kind, glob in kinds.items():
        for leaf in ("part-*.parquet", MANIFEST):
            pattern = posixpath.join(output, kind, glob, leaf)
            try:
                matches = FileSystems.match([pattern])[0].metadata_list
            except Exception:  # noqa: BLE001 - no such kind or date: nothing to compact
                continue
            found.update((kind, posixpath.dirname(m.path)) for m in matches)
    return sorted(found, key=lambda kd: kd[1])


def compact(output: str, date: Optional[str] = None, *, min_files: int = 2,
            target_bytes: int = TARGET_FILE_BYTES) -> list[PartitionResult]:
    """Compact every partition of an output folder (or only one date's article partitions)."""
    results = []
    for kind, directory in partition_dirs(output, date):
        r = compact_partition(directory, kind, min_files=min_files, target_bytes=target_bytes)
        if r is not None:
            results.append(r)
    return results
