"""jieba-compatible precise-mode segmentation with the newsbeam domain dictionary.

Engine: rjieba (Rust jieba-rs binding, ~30x faster than jieba, same dictionary and algorithm). jieba-rs
keeps mixed ASCII runs such as ``01833.HK`` whole where jieba's HMM fallback splits them into
``01833 / . / HK``; `_jieba_ascii_split` reproduces jieba's split so tokens equal jieba's
(tests/transforms/test_segment.py checks this on corpus text).
"""
from __future__ import annotations

import bisect
import os
import re
from itertools import accumulate
import threading
from functools import lru_cache

DATA_DIR = os.path.join(os.path.dirname(__file__), "data")
USERDICT = os.path.join(DATA_DIR, "userdict.txt")

# jieba.finalseg splits non-Han runs with this pattern (re_skip in jieba/finalseg/__init__.py)
_RE_SKIP = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")
_RE_HAN = re.compile(r"[\u4E00-\u9FD5]")
_RE_JIEBA_BLOCK = re.compile(r"^[a-zA-Z0-9+#&._%\-]+$")
_lock = threading.Lock()


def load_userdict(add_word, path: str = USERDICT) -> int:
    """Feed ``word freq tag`` lines to an engine's add_word(word, freq, tag); return the count."""
    n = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split(" ")
            if len(parts) == 3:
                add_word(parts[0], int(parts[1]), parts[2])
                n += 1
    return n


@lru_cache(maxsize=1)
def engine():
    """The process-wide rjieba instance with the user dictionary (lazy: built on first use)."""
    import rjieba
    with _lock:
        jb = rjieba.Jieba()
        load_userdict(jb.add_word)
        return jb


def _jieba_ascii_split(tok: str, has_word) -> list[str]:
    """Split an ASCII token the way jieba's precise mode does when the word is not in the dictionary."""
    if len(tok) < 2 or _RE_HAN.search(tok) or not _RE_JIEBA_BLOCK.match(tok) or has_word(tok):
        return [tok]
    if _RE_SKIP.fullmatch(tok):
        return [tok]
    return [p for p in _RE_SKIP.split(tok) if p]


def _fix(pairs, has_word):
    for tok, tag in pairs:
        if len(tok) > 1 and tok.isascii():
            parts = _jieba_ascii_split(tok, has_word)
            if len(parts) > 1:
                for p in parts:
                    yield p, ("m" if p.isdigit() else "eng" if p.isalpha() else "x")
                continue
        yield tok, tag


# jieba-rs and jieba may differ only on ASCII runs with punctuation inside (01833.HK): find such
# punctuation first (a one-character scan is fast), then widen to the whole run
_RE_PUNCT = re.compile(r"[+#&._%\-]")
_RUN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+#&._%-")


def _odd_ascii_runs(text: str) -> list[tuple[int, int]]:
    runs, last_end = [], -1
    n = len(text)
    for m in _RE_PUNCT.finditer(text):
        s, e = m.start(), m.end()
        if s < last_end or not ((s and text[s - 1].isascii() and text[s - 1].isalnum())
                                or (e < n and text[e].isascii() and text[e].isalnum())):
            continue
        while s and text[s - 1] in _RUN_CHARS:
            s -= 1
        while e < n and text[e] in _RUN_CHARS:
            e += 1
        last_end = e
        if not _RE_SKIP.fullmatch(text, s, e):
            runs.append((s, e))
    return runs


# lone surrogates (broken input) cannot cross into Rust engines (rjieba, ahocorasick_rs)
SURROGATE_RE = re.compile(r"[\ud800-\udfff]")


def _cut_with_surrogates(jb, text: str) -> list[str]:
    """Lone surrogates (broken input) cannot cross into Rust: cut a same-length copy with U+FFFD in
    their place, then slice the original text so that tokens still concatenate to `text`."""
    pos, out = 0, []
    for tok in jb.cut(SURROGATE_RE.sub("\ufffd", text), True):
        out.append(text[pos:pos + len(tok)])
        pos += len(tok)
    return out


def segment(text: str) -> list[str]:
    """Precise-mode tokens (HMM on), identical to jieba.lcut(text) with the same user dictionary."""
    jb = engine()
    try:
        toks = jb.cut(text, True)
    except UnicodeEncodeError:
        toks = _cut_with_surrogates(jb, text)
    runs = _odd_ascii_runs(text)
    if not runs:
        return toks          # the common case: no per-token Python work
    ends = list(accumulate(map(len, toks)))
    fixes = {}
    for start, end in runs:
        i = bisect.bisect_right(ends, start)
        while i < len(toks) and ends[i] <= end:
            parts = _jieba_ascii_split(toks[i], jb.has_word) if toks[i].isascii() else [toks[i]]
            if len(parts) > 1:
                fixes[i] = parts
            i += 1
    for i in sorted(fixes, reverse=True):
        toks[i:i + 1] = fixes[i]
    return toks


def segment_pos(text: str) -> list[tuple[str, str]]:
    """Tokens with jieba POS tags in one pass (tokens equal `segment(text)`); tags are weak evidence."""
    jb = engine()
    return list(_fix(jb.tag(text, True), jb.has_word))
