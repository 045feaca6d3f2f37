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
short story inside a much longer digest (Jaccard < ~0.3) is usually missed: bench/dedupe.py measures it."""
from __future__ import annotations

from typing import Any, Optional, Tuple

import apache_beam as beam
from apache_beam.metrics import Metrics

from transforms.dedupe import index as dedupe_index
from transforms.dedupe import signatures as sigs
from transforms.rejects import REJECTS_TAG
from transforms.dedupe.nodes import (
    Sign, duplicate_record, light_node, merge_same_id, node_shingles, strip_private, without_text,
)
from transforms.dedupe.exact import _exact_step
from transforms.dedupe.near import (
    CC_ROUNDS, ConnectedComponents, _DropRelationsInsideClusters, _Verify, _band_entries, _route_member,
    _with_partner, bucket_pairs,
)
from transforms.dedupe.nodes import STAGE, make_node, node_rank  # noqa: F401 - re-exported
from transforms.dedupe.near import (  # noqa: F401 - re-exported
    MAX_BUCKET, components_local, pair_similarity, verify_pair,
)
from transforms.dedupe.exact import exact_group  # noqa: F401 - re-exported


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
