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


class _PunctSpaceTable(dict):
    """str.translate table deleting punctuation, separators, symbols and control/format
    characters (Unicode categories P*, Z*, S*, C*). Filled lazily per code point seen: a
    full table over all of Unicode would cost a second to build, and a generator over
    unicodedata.category per character was the hot spot of line_key."""

    def __missing__(self, cp: int):
        value = None if unicodedata.category(chr(cp))[0] in "PZSC" else cp
        self[cp] = value
        return value


_PUNCT_SPACE_TABLE = _PunctSpaceTable()  # module-level cache, shared by all calls in a worker


def _strip_punct_space(s: str) -> str:
    # CCNet normalisation: case, digits and punctuation do not make a line different.
    return s.translate(_PUNCT_SPACE_TABLE)


def _normalized_line_key(line: str, min_chars: int) -> str | None:
    """line_key of a line that is already normalize_text output (stripped)."""
    if len(line) < min_chars:
        return None
    norm = _DIGITS_RE.sub("0", _strip_punct_space(line.lower()))
    if not norm:
        return None
    return hashlib.blake2b(norm.encode("utf-8"), digest_size=8).hexdigest()


def line_key(line: str, min_chars: int = DEFAULT_MIN_CHARS) -> str | None:
    """Hash of the normalised line, or None when the line is too short to judge."""
    return _normalized_line_key(normalize_text(line).strip(), min_chars)


def line_keys(text: str, min_chars: int = DEFAULT_MIN_CHARS) -> list[str | None]:
    """[line_key(ln) for ln in text.split("\n")], normalising the text once instead of per line.

    normalize_text works line by line, so its output has the same lines as its input unless a
    lone '\r' became a new line; only then (line counts differ) lines are normalised one by one."""
    lines = (text or "").split("\n")
    normed = normalize_text(text or "").split("\n")
    if len(normed) != len(lines):
        normed = [normalize_text(ln) for ln in lines]
    return [_normalized_line_key(ln.strip(), min_chars) for ln in normed]


def doc_line_keys(text: str, min_chars: int = DEFAULT_MIN_CHARS) -> set[str]:
    """Distinct line keys of one document (a line counts once per document)."""
    return {k for k in line_keys(text, min_chars) if k}


def doc_fingerprint(keys: set[str]) -> str:
    """Identity of a document's content, so exact duplicates are counted once."""
    return hashlib.blake2b("\n".join(sorted(keys)).encode("ascii"), digest_size=8).hexdigest()


def drop_lines(text: str, frequent_hashes, min_chars: int = DEFAULT_MIN_CHARS,
               keys: list[str | None] | None = None) -> str:
    """`text` without the lines whose key is in `frequent_hashes`. `keys` are the text's
    line_keys when the caller already has them (they are computed once per document)."""
    if not frequent_hashes or not text:
        return text
    if keys is None:
        keys = line_keys(text, min_chars)
    return "\n".join(ln for ln, k in zip(text.split("\n"), keys) if k not in frequent_hashes)


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

        # Line keys are computed once per document and used twice: for counting, and for
        # dropping lines (they are a short list of 16-character hashes next to the doc).
        keyed = docs | "LineKeys" >> beam.Map(
            lambda doc: (doc, line_keys(doc.get("text") or "", min_chars)))

        def source_line_doc(doc_keys):
            doc, line_key_list = doc_keys
            keys = {k for k in line_key_list if k}
            fp = doc_fingerprint(keys)
            source = doc.get("source") or ""
            return [((source, k), fp) for k in keys]

        frequent = (
            keyed
            | "LineDocPairs" >> beam.FlatMap(source_line_doc)
            | "OncePerDistinctDoc" >> beam.Distinct()
            | "Ones" >> beam.Map(lambda kv: (kv[0], 1))
            | "DocsPerLine" >> beam.CombinePerKey(sum)
            | "Frequent" >> beam.Filter(lambda kv: kv[1] > max_docs)
            | "BySource" >> beam.Map(lambda kv: (kv[0][0], kv[0][1]))
            | "GroupBySource" >> beam.GroupByKey()
            | "AsSet" >> beam.MapTuple(lambda source, keys: (source, frozenset(keys)))
        )

        def clean(doc_keys, frequent_by_source):
            doc, keys = doc_keys
            hashes = frequent_by_source.get(doc.get("source") or "")
            if not hashes:
                return doc
            out = dict(doc)
            out["text"] = drop_lines(doc.get("text") or "", hashes, min_chars, keys=keys)
            return out

        return keyed | "DropFrequentLines" >> beam.Map(
            clean, frequent_by_source=beam.pvalue.AsDict(frequent))
