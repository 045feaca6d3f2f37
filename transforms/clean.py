"""Clean stage: raw body -> clean main text, then metadata that needs the clean text.

Per document: boilerplate removal (transforms.boilerplate), then cross-document repeated lines
per source (transforms.repeated_lines), then a dateline at the start of the clean text when the page
gave no date (transforms.pubdate.dateline), and the category.  Only the first lines are read:
dates deeper in an article are events, not its publication.
"""
from __future__ import annotations

from zoneinfo import ZoneInfo

import apache_beam as beam

from schemas.stages import CleanRecord
from transforms import boilerplate, pubdate
from transforms.categories import categorize, category_label, split_source_labels
from transforms.parse import DATE_HINTS
from transforms.reject_safe import RejectSafeDoFn
from transforms.rejects import REJECTS_TAG, RecordRejected
from transforms.repeated_lines import RemoveRepeatedLines

MIN_TEXT_CHARS = 10


def clean_doc(doc: dict, time_budget_s: float = 10.0) -> dict:
    """Replace body/body_format by the clean `text`; raises RecordRejected."""
    try:
        cleaned = boilerplate.clean_body(doc["body"], doc["body_format"], time_budget_s=time_budget_s) \
            if doc["body_format"] == "html" else boilerplate.clean_body(doc["body"], "text")
    except boilerplate.ExtractionLimitExceeded as e:
        raise RecordRejected(e.reason, e.detail or str(e)) from e
    out = {k: v for k, v in doc.items() if k not in ("body", "body_format")}
    out["text"] = cleaned.text
    if cleaned.source and not out.get("source"):
        out["source"] = cleaned.source
    if out.get("title"):
        out["title"] = boilerplate.normalize_text(out["title"]).strip() or None
    return out


def complete_metadata(doc: dict, tz: ZoneInfo) -> CleanRecord:
    """Date from the article head when unknown; category from labels, title and text."""
    if len(doc["text"].strip()) < MIN_TEXT_CHARS:
        raise RecordRejected("empty_text", f"less than {MIN_TEXT_CHARS} characters of main text after cleaning")
    doc = dict(doc)
    hints = doc.pop(DATE_HINTS, None) or {}
    if doc["published_at"] is None:
        reference = pubdate.Reference(hints["reference"], hints["instant"]) if hints.get("instant") else None
        found = pubdate.dateline(doc["text"], tz, reference, hints.get("year"))
        if found:
            doc.update(found.as_fields(tz), date_invalid=doc.get("date_invalid"))
    labels = doc["raw_categories"] or split_source_labels(doc.get("source") or "")
    doc["category"] = categorize(labels, doc.get("title"), doc["text"])
    doc["category_label"] = category_label(doc["category"])
    return doc


class _CleanFn(RejectSafeDoFn):
    stage, fallback_reason, records_counter = "clean", "clean_error", "clean.extracted"

    def __init__(self, time_budget_s: float):
        self.time_budget_s = time_budget_s

    def locate(self, doc):
        return doc["source_path"], doc["record_index"], doc["body"]

    def run(self, doc):
        yield clean_doc(doc, self.time_budget_s)


class _CompleteFn(RejectSafeDoFn):
    stage, fallback_reason = "clean", "clean_error"

    def __init__(self, timezone: str):
        self.timezone = timezone

    def setup(self):
        super().setup()
        self.tz = ZoneInfo(self.timezone)

    def locate(self, doc):
        return doc["source_path"], doc["record_index"], f"title: {doc.get('title')}\nurl: {doc.get('url')}\ntext: {doc['text']}"

    def run(self, doc):
        yield complete_metadata(doc, self.tz)


class Clean(beam.PTransform):
    def __init__(self, timezone: str = "Asia/Shanghai", repeated_line_max_docs: int | None = None,
                 repeated_line_min_chars: int | None = None, time_budget_s: float = 10.0):
        super().__init__()
        self.timezone, self.time_budget_s = timezone, time_budget_s
        self.repeated = {k: v for k, v in (("max_docs", repeated_line_max_docs), ("min_chars", repeated_line_min_chars)) if v is not None}

    def expand(self, docs):
        extracted = docs | "ExtractMainText" >> beam.ParDo(_CleanFn(self.time_budget_s)).with_outputs(REJECTS_TAG, main="docs")
        deduped_lines = extracted.docs | "DropRepeatedLines" >> RemoveRepeatedLines(**self.repeated)
        completed = deduped_lines | "CompleteMetadata" >> beam.ParDo(_CompleteFn(self.timezone)).with_outputs(REJECTS_TAG, main="docs")
        rejects = (extracted[REJECTS_TAG], completed[REJECTS_TAG]) | "MergeCleanRejects" >> beam.Flatten()
        return {"docs": completed.docs, "rejects": rejects}
