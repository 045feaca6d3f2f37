"""The tagger's resources, loaded once per process (lazy singleton; DoFn.setup() calls `lexicon()`).

- automaton: an Aho-Corasick automaton (ahocorasick_rs, Rust) over the entity surfaces of
  transforms/data/entities.tsv, with `payloads` indexed like its patterns
- word_tag: jieba's default POS tag per dictionary word (+ user dictionary), weak evidence for rules
- persons, surnames, A-share code -> ts_code
"""
from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick_rs
import jieba

from transforms.segment import DATA_DIR, USERDICT

POS_PLACE_MAX_FREQ = 1000   # frequent jieba "ns" words ending in 市/区 are common nouns (城市, 上市, 股市)
PLACE_END = set("省市县区州国岛山河湖江镇村乡路街洲港湾")
GENERIC = {"城区", "市区", "郊区", "地区", "景区", "社区", "小区", "山区", "全市", "全省", "本市", "该市"}
CJK = re.compile(r"^[\u4e00-\u9fff]+$")

# the flag column of entities.tsv: how much context a surface needs before it is an entity
AMB, SPORT, CLUB = 1, 2, 3      # ambiguous short name (长城); club only in a sports text (米兰); a club
FLAGS = {"": 0, "amb": AMB, "sport": SPORT, "club": CLUB}

_lock = threading.Lock()


@dataclass(frozen=True)
class Lexicon:
    automaton: "ahocorasick_rs.AhoCorasick"     # finds (pattern index, start, end) in character offsets
    payloads: tuple                         # per pattern index: (simple reading or None, readings, latin)
    surfaces: dict                          # surface -> ((type, canonical_id, flag), ...); flag: FLAGS
    word_tag: dict                          # word -> jieba POS tag
    word_freq: dict                         # word -> jieba frequency (default dictionary)
    persons: frozenset
    surnames1: frozenset
    surnames2: frozenset
    a_share_codes: dict                     # '600036' -> '600036.SH'
    surname_first_chars: frozenset          # first characters of all surnames (cheap pre-filter)
    pos_places: frozenset                   # jieba ns words with a place-like ending (weak LOC evidence)
    top_surnames: frozenset                 # the 100 most frequent single-character surnames
    given_char: dict                        # char -> log-odds of appearing in a given name (build step)
    place_words: frozenset                  # surfaces with a LOC reading
    org_words: frozenset                    # surfaces with an ORG reading that is not a sports-only one


def _read_entities(path):
    by_surface: dict[str, list] = {}
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            surface, etype, cid, flag = line.rstrip("\n").split("\t")
            by_surface.setdefault(surface, []).append((etype, cid or None, FLAGS[flag]))
    return by_surface


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    with _lock:
        ents = _read_entities(os.path.join(DATA_DIR, "entities.tsv"))
        surfaces = list(ents)
        # the simple reading (type, id) of a one-reading unflagged surface skips the per-match rules
        payloads = tuple(((vals[0][0], vals[0][1]) if len(vals) == 1 and vals[0][2] == 0 else None,
                          tuple(vals), surface[0].isascii()) for surface, vals in ents.items())
        # ahocorasick_rs reports character offsets of str haystacks and searches CJK text about 2x faster
        # than pyahocorasick did over UTF-8 bytes (bench/ner.py; a per-character pyahocorasick trie was slower still)
        auto = ahocorasick_rs.AhoCorasick(surfaces, matchkind=ahocorasick_rs.MatchKind.Standard)
        word_tag, word_freq = {}, {}
        with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as f:
            for line in f:
                p = line.split()
                word_freq[p[0]] = int(p[1])
                word_tag[p[0]] = p[2] if len(p) > 2 else "x"
        with open(USERDICT, encoding="utf-8") as f:
            for line in f:
                p = line.split()
                word_tag[p[0]] = p[2]
        with open(os.path.join(DATA_DIR, "persons.txt"), encoding="utf-8") as f:
            persons = frozenset(x.strip() for x in f if x.strip())
        with open(os.path.join(DATA_DIR, "surnames.txt"), encoding="utf-8") as f:
            sn = [x.strip() for x in f if x.strip()]
        with open(os.path.join(DATA_DIR, "given_name_chars.tsv"), encoding="utf-8") as f:
            next(f)
            given_char = {c: float(v) for c, v in (line.rstrip("\n").split("\t") for line in f)}
        codes = {}
        for vals in ents.values():
            for etype, cid, _ in vals:
                if etype == "ORG" and cid and cid[-3:] in (".SH", ".SZ", ".BJ"):
                    codes[cid[:6]] = cid
        return Lexicon(auto, payloads, {k: tuple(v) for k, v in ents.items()}, word_tag, word_freq, persons, frozenset(s for s in sn if len(s) == 1),
                       frozenset(s for s in sn if len(s) == 2), codes, frozenset(s[0] for s in sn),
                       frozenset(w for w, t in word_tag.items() if t.startswith("ns") and len(w) >= 2
                                 and w[-1] in PLACE_END and CJK.match(w) and w not in GENERIC
                                 and word_freq.get(w, 0) < POS_PLACE_MAX_FREQ),
                       frozenset([s for s in sn if len(s) == 1][:100]), given_char,
                       frozenset(k for k, v in ents.items() if any(r[0] == "LOC" for r in v)),
                       frozenset(k for k, v in ents.items() if any(r[0] == "ORG" and r[2] != SPORT for r in v)))
