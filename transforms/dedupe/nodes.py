"""Dedupe nodes: one record's signatures (content hash, MinHash, LSH band keys), its rank, and the
Sign DoFn that makes them, shared by batch and streaming dedupe."""
from __future__ import annotations

import math
from typing import Optional

import apache_beam as beam

from transforms.dedupe import signatures as sigs
from transforms.rejects import REJECTS_TAG, make_reject


STAGE = "dedupe"


# ---------------------------------------------------------------------------------------------- pure steps

def make_node(doc: dict, k: int, num_perm: int, bands: int, rows: int) -> tuple[dict, Optional[dict]]:
    """(doc + content_hash, dedupe node).  The node is None for an empty normalised text: nothing to compare."""
    s = sigs.signature_of(doc.get("text") or "", k, num_perm, bands, rows)
    out = dict(doc, content_hash=s.content_hash)
    if not s.norm:
        return out, None
    return out, {
        "id": doc["id"],
        "content_hash": s.content_hash,
        "published_at": doc.get("published_at"),
        "text_len": len(s.norm),
        "band_keys": s.band_keys,
        "minhash": s.minhash,
        "norm": s.norm,
        "from_index": False,
    }


def node_rank(node: dict) -> tuple:
    """Sort key of the keep order (smallest is kept): earlier run, earliest published_at (None last),
    longer text, smallest id."""
    published = node.get("published_at")
    ts = published.timestamp() if published is not None else math.inf
    return (0 if node.get("from_index") else 1, ts, -int(node["text_len"]), node["id"])


def merge_same_id(nodes) -> list[dict]:
    """One node per id: a record re-read by a later run meets its own index entry; it keeps its text
    (for exact verification) and the index's priority (it was already kept)."""
    by_id: dict = {}
    for n in nodes:
        prev = by_id.get(n["id"])
        if prev is None:
            by_id[n["id"]] = n
        else:
            withtext = prev if has_text(prev) else n
            by_id[n["id"]] = dict(withtext, from_index=bool(prev.get("from_index") or n.get("from_index")))
    return sorted(by_id.values(), key=node_rank)


def has_text(node: dict) -> bool:
    """The node is of a document of this run (its text is at hand), not an index entry."""
    return node.get("norm") is not None or bool(node.get("has_text"))


def without_text(node: dict) -> dict:
    """The node without its normalised text, for the stages after verification: the text travels
    with the document anyway, so carrying it twice only costs encoding (resolve_cluster
    re-normalises the document's text when it needs shingles)."""
    if node.get("norm") is None:
        return node
    out = dict(node, has_text=True)
    del out["norm"]
    return out


def light_node(node: dict) -> dict:
    """The node without text and MinHash: what exact grouping and banding need."""
    return {k: v for k, v in node.items() if k not in ("norm", "minhash")}


def node_shingles(node: dict, doc: Optional[dict], k: int):
    """Shingle hashes of a node's text: from its `norm`, else from its document's text; None for an
    index entry (no text)."""
    if node.get("norm") is not None:
        return sigs.shingles(node["norm"], k)
    if node.get("has_text") and doc is not None:
        return sigs.shingles(sigs.normalize_for_hash(doc.get("text") or ""), k)
    return None


def strip_private(doc: dict) -> dict:
    """The doc without dedupe's private `_dedupe*` keys."""
    return {k: v for k, v in doc.items() if not k.startswith("_dedupe")}


def duplicate_record(doc: dict, kept_id: str, method: str, similarity: float, run_id: str) -> dict:
    return {
        "id": doc["id"],
        "source_path": doc.get("source_path"),
        "record_index": doc.get("record_index"),
        "title": doc.get("title"),
        "duplicate_of": kept_id,
        "dup_cluster_id": kept_id,
        "method": method,
        "similarity": float(round(similarity, 4)),
        "published_at": doc.get("published_at"),
        "run_id": run_id,
    }


# ---------------------------------------------------------------------------------------------- Beam

def sign_or_reject(doc, k, num_perm, bands, rows):
    """(doc + content_hash, node | None), or a reject dict for a record that cannot be signed."""
    try:
        return make_node(doc, k, num_perm, bands, rows)
    except Exception as exc:  # bad record: reject, never crash the pipeline
        is_dict = isinstance(doc, dict)
        return make_reject(str(doc.get("source_path", "")) if is_dict else "",
                           doc.get("record_index") if is_dict else None,
                           STAGE, "dedupe_signature_failed", f"{type(exc).__name__}: {exc}",
                           str(doc.get("text") if is_dict else doc))


class Sign(beam.DoFn):
    """doc -> signatures, for batch and streaming dedupe; bad records on 'rejects'.

    mode 'batch': main node; 'docs': (id, doc + content_hash).  'pairs': main (doc, node).
    'keyed' (streaming): main (content_hash, {doc, node}) without the normalised text in the node
    (state keeps signatures only); 'unique': docs with no text (nothing to compare).
    """

    def __init__(self, k, num_perm, bands, rows, mode: str = "batch"):
        self._params, self._mode = (k, num_perm, bands, rows), mode

    def setup(self):
        sigs.normalize_for_hash("warm")  # build the translate table and MinHash constants once per worker
        sigs.minhasher(self._params[1])

    def process(self, doc):
        result = sign_or_reject(doc, *self._params)
        if isinstance(result, dict):
            yield beam.pvalue.TaggedOutput(REJECTS_TAG, result)
            return
        out, node = result
        if self._mode == "pairs":
            yield out, node
        elif self._mode == "keyed":
            if node is None:
                yield beam.pvalue.TaggedOutput("unique", dict(strip_private(out), dup_cluster_id=out["id"]))
                return
            node.pop("norm", None)
            yield node["content_hash"], {"doc": out, "node": node}
        else:
            yield beam.pvalue.TaggedOutput("docs", (out["id"], out))
            if node is not None:
                yield node
