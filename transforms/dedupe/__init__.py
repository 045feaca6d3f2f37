"""Deduplication stage: exact (normalised-text hash) and near (MinHash + LSH, verified Jaccard) duplicates.

Shape of the batch transform (every step is keyed; nothing holds all documents on one worker):

  docs -> sign (content_hash, shingles -> MinHash -> band keys)          [Map]
       -> exact groups by content_hash: one representative each + 'exact' edges   [GroupByKey]
       -> representatives by band key -> candidate pairs                  [GroupByKey]
       -> candidate pairs joined twice with their nodes -> verified Jaccard [CoGroupByKey x2]
       -> connected components of all edges (large-star/small-star rounds) [GroupByKey per round]
       -> members grouped by component -> kept article + duplicate records [GroupByKey per cluster]

Kept article of a cluster (deterministic, independent of input order and workers):
  1. an article kept by an earlier run (cross-run index) wins;
  2. then the earliest ``published_at`` (None last);
  3. then the longer normalised text (the more complete version);
  4. then the smallest id.
Containment (a digest quoting a story, a long version of a short one) is *not* a duplicate: both articles
are kept and the relation goes to the extra ``relations`` output (id, contained_in, containment, jaccard) when
the two end up in different clusters.  It only covers pairs that LSH made candidates (shared band key), so a
short story inside a much longer digest (Jaccard < ~0.3) is usually missed: bench/dedupe.py measures it.
"""
from __future__ import annotations

import math
from collections import defaultdict
from typing import Any, Iterable, Iterator, Optional, Tuple

import apache_beam as beam
from apache_beam.metrics import Metrics

from transforms.dedupe import index as dedupe_index
from transforms.dedupe import signatures as sigs
from transforms.rejects import REJECTS_TAG, make_reject

STAGE = "dedupe"
MAX_BUCKET = 50  # a band bucket larger than this emits a star + chain instead of all pairs (template spam)


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


def exact_group(nodes) -> tuple[dict, list[tuple]]:
    """Representative (first in keep order) of one content_hash group, and 'exact' edges to it."""
    ranked = merge_same_id(nodes)
    rep = ranked[0]
    return rep, [(rep["id"], n["id"]) for n in ranked[1:]]


def bucket_pairs(members, max_bucket: int = MAX_BUCKET) -> list[tuple]:
    """Candidate pairs (a < b) of one LSH bucket.  Oversized buckets (templates) emit a star on the first
    member plus a chain, so the pair count stays linear; verification still decides each pair."""
    ids = sorted(set(members))
    if len(ids) < 2:
        return []
    if len(ids) <= max_bucket:
        return [(a, b) for i, a in enumerate(ids) for b in ids[i + 1:]]
    pairs = {(ids[0], b) for b in ids[1:]} | {(ids[i], ids[i + 1]) for i in range(len(ids) - 1)}
    return sorted(pairs)


def pair_similarity(a: dict, b: dict, k: int) -> tuple[float, Optional[float], str]:
    """(jaccard, containment or None, how): exact shingle-set Jaccard when both texts are at hand,
    MinHash estimate against index entries (which keep no text)."""
    if a.get("norm") is not None and b.get("norm") is not None:
        sa, sb = sigs.shingles(a["norm"], k), sigs.shingles(b["norm"], k)
        return sigs.jaccard(sa, sb), sigs.containment(sa, sb), "exact"
    return sigs.estimated_jaccard(a["minhash"], b["minhash"]), None, "estimated"


def verify_pair(a: dict, b: dict, k: int, threshold: float, containment_threshold: float):
    """('near', (a_id, b_id, jaccard)) | ('relation', {...}) | None for one candidate pair."""
    jac, cont, _ = pair_similarity(a, b, k)
    if jac >= threshold:
        return "near", (a["id"], b["id"], jac)
    if cont is not None and cont >= containment_threshold:
        short, long_ = sorted((a, b), key=lambda n: (n["text_len"], n["id"]))
        return "relation", {"id": short["id"], "contained_in": long_["id"], "containment": round(cont, 4),
                            "jaccard": round(jac, 4)}
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


def resolve_cluster(members, k: int, run_id: str):
    """Given every member of one component ({'doc': doc|None, 'node': node}), yield
    ('article', kept doc) once, ('duplicate', record) per dropped doc, ('index', node) for a newly kept one."""
    docs = {}
    for m in members:
        if m.get("doc") is not None:
            docs.setdefault(m["node"]["id"], m["doc"])
    ranked = merge_same_id([m["node"] for m in members])
    kept = ranked[0]
    kept_id = kept["id"]
    kept_shingles = node_shingles(kept, docs.get(kept_id), k)
    for node in ranked:
        doc = docs.get(node["id"])
        if doc is None:
            continue  # index entry of an earlier run: never re-emitted
        if node["id"] == kept_id:
            yield "article", dict(strip_private(doc), dup_cluster_id=kept_id)
            if not node.get("from_index"):
                yield "index", node
            continue
        if node["content_hash"] == kept["content_hash"]:
            yield "duplicate", duplicate_record(doc, kept_id, "exact", 1.0, run_id)
        elif kept_shingles is not None:
            sim = sigs.jaccard(node_shingles(node, doc, k), kept_shingles)
            yield "duplicate", duplicate_record(doc, kept_id, "near", sim, run_id)
        else:
            sim = sigs.estimated_jaccard(node["minhash"], kept["minhash"])
            yield "duplicate", duplicate_record(doc, kept_id, "near", sim, run_id)



CC_ROUNDS = 8


def large_star(u, neighbours: Iterable) -> Iterator[tuple]:
    """Connect every neighbour larger than u to the minimum of u's closed neighbourhood."""
    neigh = set(neighbours)
    neigh.discard(u)
    m = min(neigh | {u})
    for v in sorted(neigh):
        if v > u:
            yield (v, m)


def small_star(u, smaller: Iterable) -> Iterator[tuple]:
    """Connect u and its smaller neighbours to the minimum among them."""
    group = set(smaller)
    group.add(u)
    m = min(group)
    for v in sorted(group):
        if v != m:
            yield (v, m)


def both_directions(edge: tuple) -> Iterator[tuple]:
    a, b = edge
    if a != b:
        yield (a, b)
        yield (b, a)


def by_larger(edge: tuple) -> tuple:
    a, b = edge
    return (max(a, b), min(a, b))


def labels_from_edges(edge: tuple) -> Iterator[tuple]:
    """(node, candidate label) for both ends; the component label is the minimum candidate."""
    a, b = edge
    m = min(a, b)
    yield (a, m)
    yield (b, m)


def components_local(edges: Iterable[tuple], rounds: int = CC_ROUNDS) -> dict:
    """The same rounds run in memory (tests, bench): node -> component label (its smallest node)."""
    edges = {tuple(e) for e in edges if e[0] != e[1]}
    for _ in range(rounds):
        groups = defaultdict(set)
        for e in edges:
            for a, b in both_directions(e):
                groups[a].add(b)
        edges = {e for u, n in groups.items() for e in large_star(u, n)}
        groups = defaultdict(set)
        for e in edges:
            u, v = by_larger(e)
            groups[u].add(v)
        edges = {e for u, n in groups.items() for e in small_star(u, n)}
    labels: dict = {}
    for e in edges:
        for node, m in labels_from_edges(e):
            labels[node] = min(labels.get(node, m), m)
    return labels


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


def _exact_step(kv):
    rep, edges = exact_group(kv[1])
    yield rep
    for e in edges:
        yield beam.pvalue.TaggedOutput("edges", e)


def _band_entries(node):
    for key in node["band_keys"]:
        yield key, node["id"]


def _with_partner(kv):
    """Join 1: (a, {'node': [a], 'pair': [b...]}) -> (b, node a) per pair."""
    _, grouped = kv
    nodes = grouped["node"]
    if not nodes:
        return
    node = merge_same_id(nodes)[0]
    for b in sorted(set(grouped["pair"])):
        yield b, node


class _Verify(beam.DoFn):
    """Join 2: (b, {'node': [b], 'partner': [a...]}) -> 'near' edges and 'relations'."""

    def __init__(self, k, threshold, containment_threshold):
        self._k, self._t, self._c = k, threshold, containment_threshold

    def process(self, kv):
        _, grouped = kv
        if not grouped["node"]:
            return
        b = merge_same_id(grouped["node"])[0]
        for a in grouped["partner"]:
            result = verify_pair(a, b, self._k, self._t, self._c)
            if result is None:
                continue
            kind, value = result
            if kind == "near":
                yield value[0], value[1]
            else:
                yield beam.pvalue.TaggedOutput("relations", value)


class ConnectedComponents(beam.PTransform):
    """PCollection of undirected edges (a, b) -> (node, component label = smallest node), for the nodes
    that have an edge.  ``rounds`` large-star + small-star rounds, each one GroupByKey over edges."""

    def __init__(self, rounds: int = CC_ROUNDS):
        super().__init__()
        self._rounds = rounds

    def expand(self, edges):
        for r in range(self._rounds):
            edges = (edges
                     | f"Both{r}" >> beam.FlatMap(both_directions)
                     | f"GroupLarge{r}" >> beam.GroupByKey()
                     | f"LargeStar{r}" >> beam.FlatMapTuple(large_star)
                     | f"ByLarger{r}" >> beam.Map(by_larger)
                     | f"GroupSmall{r}" >> beam.GroupByKey()
                     | f"SmallStar{r}" >> beam.FlatMapTuple(small_star))
        return (edges
                | "Labels" >> beam.FlatMap(labels_from_edges)
                | "MinLabel" >> beam.CombinePerKey(min))


def _route_member(kv):
    """(id, {'doc', 'node', 'label'}) -> unique article | (label, member) for clustered ids."""
    _, g = kv
    labels = g["label"]
    if not labels:
        for doc in g["doc"]:
            yield beam.pvalue.TaggedOutput("unique", dict(strip_private(doc), dup_cluster_id=doc["id"]))
        nodes = g["node"]
        if nodes and not any(n.get("from_index") for n in nodes):  # already indexed by an earlier run
            yield beam.pvalue.TaggedOutput("index", merge_same_id(nodes)[0])
        return
    label = min(labels)
    doc = g["doc"][0] if g["doc"] else None
    for node in g["node"]:
        yield label, {"doc": doc, "node": node}


def _label_side(kv, side):
    """Join step: attach the cluster label (or None) of relation[side] and re-key by the other end."""
    _, g = kv
    label = min(g["label"]) if g["label"] else None
    other = "contained_in" if side == "id" else "id"
    for rel in g["rel"]:
        yield rel[other], dict(rel, **{f"_label_{side}": label})


class _DropRelationsInsideClusters(beam.PTransform):
    """A containment pair whose two ends ended up in one duplicate cluster (through other, near pairs) is
    not news: keep only relations between articles of different clusters."""

    def __init__(self, labels):
        super().__init__()
        self._labels = labels

    def expand(self, relations):
        by_id = ({"rel": relations | "ById" >> beam.Map(lambda r: (r["id"], r)), "label": self._labels}
                 | "JoinId" >> beam.CoGroupByKey()
                 | "LabelId" >> beam.FlatMap(_label_side, "id"))
        both = ({"rel": by_id, "label": self._labels}
                | "JoinOther" >> beam.CoGroupByKey()
                | "LabelOther" >> beam.FlatMap(_label_side, "contained_in")
                | "Values" >> beam.Values())
        return (both
                | "Across" >> beam.Filter(
                    lambda r: r["_label_id"] is None or r["_label_id"] != r["_label_contained_in"])
                | "Clean" >> beam.Map(lambda r: {k: v for k, v in r.items() if not k.startswith("_label")}))


class _Resolve(beam.DoFn):
    def __init__(self, k, run_id):
        self._k, self._run_id = k, run_id

    def process(self, kv):
        for kind, value in resolve_cluster(kv[1], self._k, self._run_id):
            if kind == "article":
                yield value
            else:
                yield beam.pvalue.TaggedOutput(kind, value)


class WriteIndexFn(beam.DoFn):
    """Index rows of kept articles -> one atomically renamed Parquet file per bundle, path on the main
    output (a retried bundle can leave a second file with the same rows: harmless, rows are merged by
    id when read).

    The batch pipeline passes the articles writer's output as the `written` side input: Beam
    materialises a side input before the consuming step runs, so the index never names an article
    that is not on disk.
    """

    def __init__(self, index_dir, run_id):
        self._dir, self._run_id = index_dir, run_id

    def start_bundle(self):
        self._rows = []

    def process(self, row, written=None):
        self._rows.append(row)

    def finish_bundle(self):
        path = dedupe_index.write_index_file(self._rows, self._dir, self._run_id) if self._rows else None
        if path:
            Metrics.counter("newsbeam", "dedupe.index_rows_written").inc(len(self._rows))
            yield beam.transforms.window.GlobalWindows.windowed_value(path)
        self._rows = []


class Deduplicate(beam.PTransform):
    """docs -> {'articles', 'duplicates', 'relations', 'rejects', 'index_files', 'index_rows'}.

    articles: kept docs + ``content_hash`` + ``dup_cluster_id``; duplicates: DuplicateRecord dicts without
    ingested_at; relations: containment pairs (both articles kept); rejects: RejectRecord dicts without
    ingested_at/run_id; index_files: paths written to ``index_dir``; index_rows: this run's new index rows
    (``dedupe_index.INDEX_SCHEMA``).

    With ``index_dir`` the transform reads the index written by earlier runs (articles kept then stay kept;
    new copies of them become duplicates) and, unless ``write_index=False``, appends this run's kept articles
    to it.  With ``write_index=False`` the caller writes ``index_rows`` itself (e.g. after the articles are
    committed, with ``dedupe_index.write_index_file``), so a failed write never indexes unwritten articles.
    """

    def __init__(self, index_dir: Optional[str] = None, run_id: str = "",
                 threshold: float = sigs.JACCARD_THRESHOLD,
                 containment_threshold: float = sigs.CONTAINMENT_THRESHOLD,
                 shingle_size: int = sigs.SHINGLE_SIZE, num_perm: int = sigs.NUM_PERM,
                 bands: int = sigs.BANDS, rows: int = sigs.ROWS, cc_rounds: int = CC_ROUNDS,
                 write_index: bool = True):
        super().__init__()
        if bands * rows > num_perm:
            raise ValueError("bands * rows must not exceed num_perm")
        self.index_dir, self.run_id = index_dir, run_id
        self.threshold, self.containment_threshold = threshold, containment_threshold
        self.k, self.num_perm, self.bands, self.rows = shingle_size, num_perm, bands, rows
        self.cc_rounds, self.write_index = cc_rounds, write_index

    def expand(self, docs):
        p = docs.pipeline
        signed = docs | "Sign" >> beam.ParDo(Sign(self.k, self.num_perm, self.bands, self.rows)).with_outputs(
            "docs", REJECTS_TAG, main="nodes")
        nodes = signed.nodes
        if dedupe_index.index_exists(self.index_dir):
            # Only index rows sharing a band key with this run's documents can join a cluster (an exact copy
            # shares all of them); the rest never enter the shuffles, so a run's cost does not grow with
            # the size of the index, only the scan of it.
            band_keys = (nodes
                         | "NewBandKeys" >> beam.FlatMap(lambda n: n["band_keys"])
                         | "BandKeySet" >> beam.combiners.ToSet())
            old = (p
                   | "ReadIndex" >> beam.io.ReadFromParquet(dedupe_index.index_glob(self.index_dir))
                   | "SharingABand" >> beam.Filter(lambda row, keys: not keys.isdisjoint(row.get("band_keys") or ()),
                                                   keys=beam.pvalue.AsSingleton(band_keys))
                   | "IndexNodes" >> beam.Map(dedupe_index.node_from_index_row))
            nodes = (nodes, old) | "WithIndex" >> beam.Flatten()

        # Grouping by hash needs no text and no signature: light nodes keep that shuffle small.  The
        # verification joins take the full nodes by id (a copy that is not a representative has no pair).
        exact = (nodes
                 | "ByHash" >> beam.Map(lambda n: (n["content_hash"], light_node(n)))
                 | "GroupHash" >> beam.GroupByKey()
                 | "Exact" >> beam.FlatMap(_exact_step).with_outputs("edges", main="reps"))
        reps = exact.reps
        reps_by_id = nodes | "FullNodeById" >> beam.Map(lambda n: (n["id"], n))

        pairs = (reps
                 | "Bands" >> beam.FlatMap(_band_entries)
                 | "GroupBand" >> beam.GroupByKey()
                 | "Pairs" >> beam.FlatMapTuple(lambda _, ids: bucket_pairs(ids))
                 | "DistinctPairs" >> beam.Distinct())
        partners = ({"node": reps_by_id, "pair": pairs}
                    | "JoinA" >> beam.CoGroupByKey()
                    | "Partner" >> beam.FlatMap(_with_partner))
        verified = ({"node": reps_by_id, "partner": partners}
                    | "JoinB" >> beam.CoGroupByKey()
                    | "Verify" >> beam.ParDo(_Verify(self.k, self.threshold, self.containment_threshold))
                    .with_outputs("relations", main="near"))

        edges = (exact.edges, verified.near) | "AllEdges" >> beam.Flatten()
        labels = edges | "Components" >> ConnectedComponents(self.cc_rounds)

        # After verification a node needs no text: it would travel twice (node and doc) through JoinLabels.
        nodes_by_id = nodes | "NodeById" >> beam.Map(lambda n: (n["id"], without_text(n)))
        routed = ({"doc": signed.docs, "node": nodes_by_id,
                   "label": labels}
                  | "JoinLabels" >> beam.CoGroupByKey()
                  | "Route" >> beam.FlatMap(_route_member).with_output_types(Tuple[str, Any])
                  .with_outputs("unique", "index", main="clustered"))
        resolved = (routed.clustered
                    | "GroupCluster" >> beam.GroupByKey()
                    | "Resolve" >> beam.ParDo(_Resolve(self.k, self.run_id)).with_outputs(
                        "duplicate", "index", main="article"))

        articles = (routed.unique, resolved.article) | "Articles" >> beam.Flatten()
        relations = verified.relations | "RelationsAcrossClusters" >> _DropRelationsInsideClusters(labels)
        index_rows = ((routed.index, resolved.index)
                      | "NewIndexNodes" >> beam.Flatten()
                      | "IndexRows" >> beam.Map(dedupe_index.index_row, self.run_id))
        if self.index_dir and self.write_index:
            index_files = index_rows | "WriteIndex" >> beam.ParDo(WriteIndexFn(self.index_dir, self.run_id))
        else:
            index_files = p | "NoIndex" >> beam.Create([])
        return {"articles": articles, "duplicates": resolved.duplicate,
                "relations": relations, "rejects": signed[REJECTS_TAG], "index_files": index_files,
                "index_rows": index_rows}
