"""Beam stage: segment each doc once and tag entities from the same tokens.

Input docs carry 'text'; output docs gain 'tokens' (list[str]) and 'entities' (list of Entity dicts).
A per-doc failure goes to the tagged output 'rejects' (stage 'segment').
"""
from __future__ import annotations

import apache_beam as beam
from apache_beam import pvalue

from transforms.entities import entity_dicts
from transforms.entity_lexicon import lexicon
from transforms.rejects import REJECTS_TAG as REJECTS, RecordRejected, make_reject
from transforms.segment import engine, segment


def segment_and_tag(doc: dict) -> dict:
    """Pure function: a new doc with tokens and entities (raises RecordRejected on bad input)."""
    text = doc.get("text")
    if text is None:
        text = ""
    if not isinstance(text, str):
        raise RecordRejected("bad_text", f"'text' is {type(text).__name__}, not str")
    tokens = segment(text) if text else []
    entities = entity_dicts(text, tokens) if text else []
    return {**doc, "tokens": tokens, "entities": entities}


def _reject(doc, exc: Exception) -> dict:
    if isinstance(exc, RecordRejected):
        reason, detail = exc.reason, exc.detail
    else:
        reason, detail = "segment_failed", f"{type(exc).__name__}: {exc}"
    if not isinstance(doc, dict):
        return make_reject("", None, "segment", "bad_record", f"not a dict: {type(doc).__name__}", repr(doc))
    text = doc.get("text")
    return make_reject(str(doc.get("source_path", "")), doc.get("record_index"), "segment", reason, detail,
                       text if isinstance(text, str) else repr(text))


class _SegmentTagFn(beam.DoFn):
    def setup(self):
        # build the rjieba dictionary and the automaton once per worker, not on the driver
        engine()
        lexicon()

    def process(self, doc):
        try:
            if not isinstance(doc, dict):
                raise RecordRejected("bad_record", f"not a dict: {type(doc).__name__}")
            yield segment_and_tag(doc)
        except Exception as exc:  # noqa: BLE001 - any per-record failure becomes a reject
            yield pvalue.TaggedOutput(REJECTS, _reject(doc, exc))


class SegmentAndTag(beam.PTransform):
    """docs -> {'articles': docs with tokens/entities, 'rejects': reject dicts}."""

    def expand(self, docs):
        res = docs | "SegmentTag" >> beam.ParDo(_SegmentTagFn()).with_outputs(REJECTS, main="articles")
        return {"articles": res.articles, "rejects": res[REJECTS]}
