"""Token kinds: one cached verdict per word of what it may start or anchor, so each rule visits
only its own tokens and the per-token cost stays in C."""
from __future__ import annotations

from enum import IntEnum
from itertools import compress

from transforms.entities.vocab import (
    ADDRESS_FORMS, AFTER_NAME, FUNCTION_CHARS, GENERIC, NOT_NAME_END, PLACE_INSTITUTIONS, TITLES, _CJK,
    _ORG_RE, _TRANSLIT_WORD, _is_place,
)


_TOKEN_KIND: dict[str, int] = {}    # word -> _token_kind(word), cached across documents


def _per_candidate(tok, lex) -> bool:
    if tok[0] not in lex.surnames1 and tok[:2] not in lex.surnames2:
        return False
    if len(tok) == 1:
        return tok not in FUNCTION_CHARS and tok not in "向时成全应代原连"
    t = lex.word_tag.get(tok)
    return 2 <= len(tok) <= 4 and (t is None or t[:2] == "nr" or tok in lex.persons) and tok[-1] not in NOT_NAME_END \
        and _CJK.match(tok) is not None


NT_END = set("党团军部局委院署行社店厂馆所校处办站台盟")
NT_NOT = ("全会", "公报", "社会", "大会", "会议", "院校", "书院", "宅院", "庭院", "合院")


def _nt_org(tok, lex) -> bool:
    """A jieba 'nt' (organisation) word that ends like an institution (人民银行, 建设部, 民主党); the
    list also holds events and generic nouns (七中全会, 上市公司), which the filters drop."""
    if len(tok) < 3 or tok in lex.surfaces or tok in GENERIC or tok.endswith(NT_NOT) or not _CJK.match(tok):
        return False
    m = _ORG_RE.search(tok)
    if m and m.end() == len(tok):
        head = tok[:m.start()]
    elif tok[-1] in NT_END:
        head = tok[:-1]
    else:
        return False
    return len(head) >= 1 and head not in GENERIC


NAME_GLUE = FUNCTION_CHARS | set("他她但而那由被到趁问现据让给叫向")


class TokenKind(IntEnum):
    """What a token may start or anchor (the per-word verdict of _token_kind, cached across documents)."""
    NOTHING = 0
    PERSON_CANDIDATE = 1       # a person-name candidate
    PLACE_WORD = 2             # a jieba ns word with a place-like ending, or two places in one word
    FOREIGN_NAME = 3           # a transliterated foreign name in jieba's dictionary (nrt: 约翰逊)
    NT_ORGANISATION = 4        # a jieba nt organisation
    UNKNOWN_TRANSLIT = 5       # an unknown word of transliteration characters (托雷斯)
    NEEDS_TITLE = 6            # a surname-led word that needs a title (彭小军, 江平)
    NAME_AND_SPEECH = 7        # a name glued to 称/说 by the HMM (郭菲称)
    TITLE = 8                  # anchors of the split foreign-name rules
    SPEECH_VERB = 9
    TITLE_AND_SPEECH = 10
    PLACE_INSTITUTION = 11     # an institution noun (警方) that follows a place
    GLUED_SURNAME = 12         # a function character glued to a surname (但梁)


def _token_kind(tok, lex) -> TokenKind:
    """The TokenKind of one word (see the enum)."""
    if tok.isascii():   # numbers and Latin words (most new words of a text) are at most anchors (CEO)
        return _anchor_kind(tok)
    tag = lex.word_tag
    t = tag.get(tok)
    if tok in lex.pos_places:
        return TokenKind.PLACE_WORD
    if t is not None and 4 <= len(tok) <= 8 and t.startswith("ns") and tok not in lex.surfaces \
            and any(_is_place(tok[:k], lex) and _is_place(tok[k:], lex) for k in range(2, len(tok) - 1)):
        return TokenKind.PLACE_WORD        # one jieba word made of two places (英国伦敦, 北京王府井)
    if t == "nrt" and len(tok) >= 2 and tok not in lex.surfaces:
        return TokenKind.FOREIGN_NAME
    if t == "nt" and _nt_org(tok, lex):
        return TokenKind.NT_ORGANISATION
    if _per_candidate(tok, lex):
        return TokenKind.PERSON_CANDIDATE
    if t is None and 3 <= len(tok) <= 4 and tok[-1] in "称说" and tok[0] in lex.surnames1 and _CJK.match(tok) \
            and tok[-2] not in NOT_NAME_END and tok[-2] not in ADDRESS_FORMS and tok[-2:] not in lex.word_freq:
        return TokenKind.NAME_AND_SPEECH        # the HMM glued a name and a speech verb into one unknown word (郭菲称)
    if t is None and 3 <= len(tok) <= 5 and tok not in lex.surfaces and _TRANSLIT_WORD.match(tok):
        return TokenKind.UNKNOWN_TRANSLIT        # an unknown word made of transliteration characters (托雷斯, 德罗巴): a foreign name?
    if 2 <= len(tok) <= 3 and tok[0] in lex.surnames1 and _CJK.match(tok) \
            and (t is None or (t[:2] in ("nr", "ns", "nz") and lex.word_freq.get(tok, 0) < 1000)):
        return TokenKind.NEEDS_TITLE        # a name that looks like a word (彭小军 ends like 海军, 江平 is a place): needs a title
    if tok in PLACE_INSTITUTIONS:
        return TokenKind.PLACE_INSTITUTION       # 警方, 地税: an institution when a place precedes
    if len(tok) == 2 and t is None and tok[0] in NAME_GLUE and tok[1] in lex.surnames1:
        return TokenKind.GLUED_SURNAME       # 但梁, 他叶: a function character glued to a surname by the HMM
    return _anchor_kind(tok)


def _anchor_kind(tok) -> TokenKind:
    """A title, a speech verb or both: anchors of the split foreign-name rules; else NOTHING."""
    if tok in TITLES:
        return TokenKind.TITLE_AND_SPEECH if tok in AFTER_NAME else 8
    return TokenKind.SPEECH_VERB if tok in AFTER_NAME else 0


def _token_candidates(tokens, lex):
    """Indexes of tokens worth a closer look, by kind; the per-word verdict is cached across documents so the
    per-token cost stays in C (map/compress)."""
    cache = _TOKEN_KIND
    if len(cache) > 500_000:
        cache.clear()
    for tok in set(tokens).difference(cache):
        cache[tok] = _token_kind(tok, lex)
    kinds = list(map(cache.__getitem__, tokens))
    by_kind: dict[TokenKind, list[int]] = {}     # kind -> token indexes, so each rule visits only its own
    for i in compress(range(len(tokens)), kinds):
        by_kind.setdefault(kinds[i], []).append(i)
    return by_kind
