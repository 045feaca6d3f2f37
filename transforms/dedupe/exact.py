"""Exact duplicates: records with the same normalised-text hash."""
from __future__ import annotations

import apache_beam as beam

from transforms.dedupe.nodes import merge_same_id


def exact_group(nodes) -> tuple[dict, list[tuple]]:
    """Representative (first in keep order) of one content_hash group, and 'exact' edges to it."""
    ranked = merge_same_id(nodes)
    rep = ranked[0]
    return rep, [(rep["id"], n["id"]) for n in ranked[1:]]


def _exact_step(kv):
    rep, edges = exact_group(kv[1])
    yield rep
    for e in edges:
        yield beam.pvalue.TaggedOutput("edges", e)
