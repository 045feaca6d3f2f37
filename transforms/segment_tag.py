"""Beam stage: segment each doc once and tag entities from the same tokens.

Input docs carry 'text'; output docs gain 'tokens' (list[str]) and 'entities' (list of Entity dicts).
A per-doc failure goes to the tagged output 'rejects' (stage 'segment').
"""
from __future__ import annotations

import apache_beam as beam

from schemas.stages import TaggedRecord
from transforms.entities import entity_dicts
from transforms.entities.lexicon import lexicon
from transforms.reject_safe import RejectSafeDoFn
from transforms.rejects import REJECTS_TAG as REJECTS, RecordRejected
from transforms.segment import engine, segment


def segment_and_tag(doc: dict) -> TaggedRecord:
    """Pure function: a new doc with tokens and entities (raises RecordRejected on bad input)."""
    text = doc.get("text")
    if text is None:
        text = ""
    if not isinstance(text, str):
        raise RecordRejected("bad_text", f"'text' is {type(text).__name__}, not str")
    tokens = segment(text) if text else []
    entities = entity_dicts(text, tokens) if text else []
    return {**doc, "tokens": tokens, "entities": entities}


class _SegmentTagFn(RejectSafeDoFn):
    stage, fallback_reason = "segment", "segment_failed"

    def setup(self):
        super().setup()
        # build the rjieba dictionary and the automaton once per worker, not on the driver
        engine()
        lexicon()

    def locate(self, doc):
        if not isinstance(doc, dict):
            return "", None, repr(doc)
        text = doc.get("text")
        return str(doc.get("source_path", "")), doc.get("record_index"), text if isinstance(text, str) else repr(text)

    def run(self, doc):
        if not isinstance(doc, dict):
            raise RecordRejected("bad_record", f"not a dict: {type(doc).__name__}")
        yield segment_and_tag(doc)


class SegmentAndTag(beam.PTransform):
    """docs -> {'articles': docs with tokens/entities, 'rejects': reject dicts}."""

    def expand(self, docs):
        res = docs | "SegmentTag" >> beam.ParDo(_SegmentTagFn()).with_outputs(REJECTS, main="articles")
        return {"articles": res.articles, "rejects": res[REJECTS]}
