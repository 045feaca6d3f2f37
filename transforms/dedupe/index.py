"""Cross-run dedupe index: what later runs need to know about articles kept by earlier runs.

Layout: ``INDEX_DIR/part-<run_id>-<uuid>.parquet``, one file per written bundle.  A file is written under a
``.tmp-`` name and renamed once complete (Beam ``FileSystems``, so local, gs:// and s3:// work), so a
reader never sees half a file; a crashed or retried bundle leaves at worst a duplicate row (rows are
idempotent: same id, same content) or an ignored ``.tmp-`` file.

Per article the index keeps no text, only: id, content_hash, published_at, text_len (for the keep order),
the LSH band keys and the MinHash signature (512 bytes at 128 permutations), so matches against the index
are verified with the *estimated* Jaccard of the signatures.
"""
from __future__ import annotations

import datetime as dt
import io
import uuid
from typing import Iterable, Optional

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from apache_beam.io.filesystems import FileSystems

INDEX_SCHEMA = pa.schema([
    pa.field("id", pa.string(), nullable=False),
    pa.field("content_hash", pa.string(), nullable=False),
    pa.field("published_at", pa.timestamp("us", tz="UTC")),
    pa.field("text_len", pa.int64(), nullable=False),
    pa.field("band_keys", pa.list_(pa.string())),
    pa.field("minhash", pa.binary()),
    pa.field("run_id", pa.string()),
])
FILE_PREFIX = "part-"


def index_glob(index_dir: str) -> str:
    return FileSystems.join(index_dir, FILE_PREFIX + "*.parquet")


def index_exists(index_dir: Optional[str]) -> bool:
    """True when the index folder holds at least one complete index file."""
    if not index_dir:
        return False
    try:
        return any(m.metadata_list for m in FileSystems.match([index_glob(index_dir)]))
    except Exception:  # a missing folder raises on some filesystems
        return False


def index_row(node: dict, run_id: str) -> dict:
    """Index row of a kept article's dedupe node (see transforms.dedupe)."""
    return {
        "id": node["id"],
        "content_hash": node["content_hash"],
        "published_at": node.get("published_at"),
        "text_len": int(node["text_len"]),
        "band_keys": list(node["band_keys"]),
        "minhash": np.asarray(node["minhash"], dtype="<u4").tobytes(),
        "run_id": run_id,
    }


def node_from_index_row(row: dict) -> dict:
    """Dedupe node of an article kept by an earlier run (no text: ``norm`` is None)."""
    published = row.get("published_at")
    if isinstance(published, dt.datetime) and published.tzinfo is None:
        published = published.replace(tzinfo=dt.timezone.utc)
    return {
        "id": row["id"],
        "content_hash": row["content_hash"],
        "published_at": published,
        "text_len": int(row["text_len"]),
        "band_keys": list(row.get("band_keys") or []),
        "minhash": np.frombuffer(row["minhash"], dtype="<u4").copy() if row.get("minhash") else None,
        "norm": None,
        "from_index": True,
    }


def write_index_file(rows: Iterable[dict], index_dir: str, run_id: str = "") -> Optional[str]:
    """Write rows as one Parquet file atomically (temp name, then rename); returns the final path."""
    rows = list(rows)
    if not rows:
        return None
    table = pa.Table.from_pylist(rows, schema=INDEX_SCHEMA)
    buf = io.BytesIO()
    pq.write_table(table, buf, compression="zstd")
    name = f"{FILE_PREFIX}{run_id or 'run'}-{uuid.uuid4().hex}.parquet"
    final = FileSystems.join(index_dir, name)
    tmp = FileSystems.join(index_dir, ".tmp-" + name)
    try:
        FileSystems.mkdirs(index_dir)
    except Exception:  # already exists (or an object store without folders)
        pass
    with FileSystems.create(tmp) as f:
        f.write(buf.getvalue())
    FileSystems.rename([tmp], [final])
    return final


def read_index_local(index_dir: str) -> list[dict]:
    """All index rows (for tests and tools; the pipeline reads with ReadFromParquet)."""
    rows = []
    for match in FileSystems.match([index_glob(index_dir)]):
        for meta in match.metadata_list:
            with FileSystems.open(meta.path) as f:
                rows.extend(pq.read_table(io.BytesIO(f.read())).to_pylist())
    return rows
