"""Cross-document repeated-line removal per source (the CCNet paragraph-dedup idea).

A line (paragraph) that occurs verbatim -- after normalisation -- in many *different*
documents of one source is template text of that source: an app promo (海量资讯、精准解读，
尽在新浪财经APP), a slogan, a blog theme's licence footer. Counting is done from the corpus
itself, so it works on sources nobody wrote rules for.

Defaults and why:
* ``min_chars=10``: shorter lines (责任编辑：张三, a date) are too generic to judge by
  repetition and are handled by transforms.boilerplate; 10 CJK characters is already a
  full clause, so a chance collision of two genuine lines is rare.
* ``max_docs=5``: a genuine paragraph of an article is repeated verbatim in a handful of
  documents at most (a follow-up quoting the previous report, a correction re-post), while
  template lines occur in nearly every document of a source. Documents are counted by
  content fingerprint, so exact duplicates of one article (re-posts; handled by dedupe)
  count once and cannot erase themselves. Sources with <= max_docs distinct documents are
  never touched: there is no evidence there.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

import apache_beam as beam

from transforms.boilerplate import normalize_text

DEFAULT_MAX_DOCS = 5
DEFAULT_MIN_CHARS = 10

_DIGITS_RE = re.compile(r"\d+")  # counters and dates vary in length too


def _strip_punct_space(s: str) -> str:
    # CCNet normalisation: case, digits and punctuation do not make a line different.
    return "".join(ch for ch in s if unicodedata.category(ch)[0] not in "PZSC")


def line_key(line: str, min_chars: int = DEFAULT_MIN_CHARS) -> str | None:
    """Hash of the normalised line, or None when the line is too short to judge."""
    line = normalize_text(line).strip()
    if len(line) < min_chars:
        return None
    norm = _DIGITS_RE.sub("0", _strip_punct_space(line.lower()))
    if not norm:
        return None
    return hashlib.blake2b(norm.encode("utf-8"), digest_size=8).hexdigest()


def doc_line_keys(text: str, min_chars: int = DEFAULT_MIN_CHARS) -> set[str]:
    """Distinct line keys of one document (a line counts once per document)."""
    keys = (line_key(ln, min_chars) for ln in (text or "").split("\n"))
    return {k for k in keys if k}


def doc_fingerprint(keys: set[str]) -> str:
    """Identity of a document's content, so exact duplicates are counted once."""
    return hashlib.blake2b("\n".join(sorted(keys)).encode("ascii"), digest_size=8).hexdigest()


def drop_lines(text: str, frequent_hashes, min_chars: int = DEFAULT_MIN_CHARS) -> str:
    """`text` without the lines whose key is in `frequent_hashes`."""
    if not frequent_hashes or not text:
        return text
    kept = [ln for ln in text.split("\n") if line_key(ln, min_chars) not in frequent_hashes]
    return "\n".join(kept)


class RemoveRepeatedLines(beam.PTransform):
    """docs (dicts with 'source' and 'text') -> the same docs with, per source, the lines
    that occur in more than `max_docs` distinct documents removed from `text`.

    Only the per-source sets of frequent line hashes travel as a side input (they are small:
    template lines of a site); documents are never grouped."""

    def __init__(self, max_docs: int = DEFAULT_MAX_DOCS, min_chars: int = DEFAULT_MIN_CHARS):
        super().__init__()
        self.max_docs = max_docs
        self.min_chars = min_chars

    def expand(self, docs):
        min_chars, max_docs = self.min_chars, self.max_docs

        def source_line_doc(doc):
            keys = doc_line_keys(doc.get("text") or "", min_chars)
            fp = doc_fingerprint(keys)
            source = doc.get("source") or ""
            return [((source, k), fp) for k in keys]

        frequent = (
            docs
            | "LineDocPairs" >> beam.FlatMap(source_line_doc)
            | "OncePerDistinctDoc" >> beam.Distinct()
            | "Ones" >> beam.Map(lambda kv: (kv[0], 1))
            | "DocsPerLine" >> beam.CombinePerKey(sum)
            | "Frequent" >> beam.Filter(lambda kv: kv[1] > max_docs)
            | "BySource" >> beam.Map(lambda kv: (kv[0][0], kv[0][1]))
            | "GroupBySource" >> beam.GroupByKey()
            | "AsSet" >> beam.MapTuple(lambda source, keys: (source, frozenset(keys)))
        )

        def clean(doc, frequent_by_source):
            hashes = frequent_by_source.get(doc.get("source") or "")
            if not hashes:
                return doc
            out = dict(doc)
            out["text"] = drop_lines(doc.get("text") or "", hashes, min_chars)
            return out

        return docs | "DropFrequentLines" >> beam.Map(
            clean, frequent_by_source=beam.pvalue.AsDict(frequent))
