"""Near duplicates: LSH candidate pairs (bounded per bucket), verified Jaccard/containment, and the
connected components of the verified pairs (alternating large/small star)."""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Iterator, Optional

import apache_beam as beam

from transforms.dedupe import signatures as sigs
from transforms.dedupe.nodes import merge_same_id, strip_private

MAX_BUCKET = 50  # a band bucket larger than this emits a star + chain instead of all pairs (template spam)


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
