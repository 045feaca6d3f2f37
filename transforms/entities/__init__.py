"""Entity tagging: ORG, PER, LOC, STOCK, MONEY, PERCENT, DRUG, DISEASE with offsets into the text.

Evidence, combined per candidate span and resolved longest-first:
1. dictionary matches (one Aho-Corasick pass; listed companies linked to ts_code, banks, hospitals,
   places with admin codes, drugs, diseases); ambiguous short names (长城, 华夏) need market context;
2. digit patterns (patterns.py): stock codes validated against the listing, money, percent;
3. generic suffix rules: an organisation suffix (公司/集团/银行/医院/大学/委员会...) or a place suffix
   (村/路/广场/开发区...) plus a left extension over name-like tokens, kept only when the name part
   holds a proper word (place, name, unknown word);
4. PER rule: surname + given name from the segmentation, titles/speech verbs nearby as evidence;
5. jieba's dictionary POS tag of a token (ns/nr/nt) as weak evidence;
6. an anchored rule: a place or organisation + up to three common nouns + an organisation suffix
   (中国银行|总行|战略|发展部); Latin names before an organisation's context word (Sierra旗下).
7. context rules: in a match context (vs, 主场, 击败, 让球) a city or transliteration next to a match
   cue is a club (ORG), leagues (英超) are ORG; names listed before 等公司/等银行 are ORG; a place +
   an institution noun (英国|警方, 上海|地税) is one ORG; split or glued names (门将|诺|伊尔, 郭菲称);
   a name found once as a person is a person at its other mentions.
After longest-first resolution, contiguous spans are merged as one entity (an address is one LOC with
the most specific admin code; a place before an organisation is part of it; a branch joins its parent),
an organisation grows over a division (新浪|娱乐), a sub-unit (卫生局|医政科) or a lone 省/市 before it,
and names inside a 《book title》 are dropped (except newspapers and magazines).
Tokens come from transforms.segment (one segmentation per document, reused here). Speed matters
(>= 5 MB/s with segmentation): per-token Python work is limited to pre-filtered candidates."""
from __future__ import annotations

import re
from itertools import accumulate
from operator import itemgetter

from schemas.article import Entity
from transforms.entities.lexicon import AMB, CLUB, SPORT, lexicon
from transforms.entities.patterns import find_patterns
from transforms.segment import SURROGATE_RE, segment
from transforms.entities.vocab import (
    AMB_LEFT, AMB_RIGHT, FUNCTION_CHARS, _LOC_RE, _NON_ASCII, _ORG_RE, _enumerated,
)
from transforms.entities.token_kinds import TokenKind, _token_candidates
from transforms.entities.organisations import (
    _SPORT_ANY, _anchored_orgs, _brand_companies, _club_prefixes, _extend_orgs, _latin_orgs, _listed_orgs,
    _outside_titles, _place_institutions, _suffix_spans, _teams,
)
from transforms.entities.persons import _persons, _same_name_again
from transforms.entities.linking import _link


def _dictionary(text, lex, bounds, out):
    """One Aho-Corasick pass over the text (all overlapping matches), then the per-match rules."""
    if _NON_ASCII.search(text) is None:
        return
    payloads = lex.payloads
    pending, clubs = [], []
    try:
        matches = lex.automaton.find_matches_as_indexes(text, overlapping=True)
    except UnicodeEncodeError:      # lone surrogates (broken input) cannot cross into Rust: same-length copy
        matches = lex.automaton.find_matches_as_indexes(SURROGATE_RE.sub("\ufffd", text), overlapping=True)
    for idx, start, end in matches:
        simple, vals, latin = payloads[idx]
        if end - start < 4 and not (start in bounds and end in bounds):
            continue
        if latin and ((start and text[start - 1].isascii() and text[start - 1].isalnum())
                      or (end < len(text) and text[end].isascii() and text[end].isalnum())):
            continue        # a Latin name inside a longer Latin word (EA in EAST)
        if simple is not None:
            out.append((start, end, simple[0], simple[1], None, None, 2))
            continue
        if len(vals) > 1 or vals[0][2] >= SPORT:
            clubs.append((start, end, vals))
            continue
        _reading(text, start, end, vals, out, pending)
    if clubs:
        # a club named like a city or a word (米兰, 枪手) is a club only in a sports text: one with match
        # words (主场, 联赛) or an unambiguous club name (曼联)
        sports = any(v[2] == CLUB for _, _, vals in clubs for v in vals) or _SPORT_ANY.search(text) is not None
        for start, end, vals in clubs:
            if sports and any(v[2] >= SPORT for v in vals):
                out.append((start, end, "ORG", None, None, None, 2))
                continue
            vals = [v for v in vals if v[2] != SPORT]
            if vals:
                _reading(text, start, end, vals, out, pending)
    _enumerated(text, pending, out)


def _reading(text, start, end, vals, out, pending):
    # readings: an unambiguous organisation first, then other types, then an ambiguous short name
    etype, cid, amb = min(vals, key=lambda v: (v[2] == AMB, v[0] != "ORG"))
    if amb == AMB and not (text.startswith(AMB_RIGHT, end) or text[max(0, start - 2):start].endswith(AMB_LEFT)):
        pending.append((start, end, etype, cid, None, None, 2))
        return
    out.append((start, end, etype, cid, None, None, 2))


def _pos_places(tokens, starts, out, by_kind):
    # jieba tags many common words ns (深度, 入口): lex.pos_places keeps only place-like endings;
    # its nt words with an institution ending are organisations (kind 4)
    for i in by_kind.get(TokenKind.PLACE_WORD, ()):
        out.append((starts[i], starts[i] + len(tokens[i]), "LOC", None, None, None, 0))
    for i in by_kind.get(TokenKind.NT_ORGANISATION, ()):
        out.append((starts[i], starts[i] + len(tokens[i]), "ORG", None, None, None, 1))


def _resolve(text, cands):
    """Keep the longest non-overlapping spans (then higher priority, then earlier)."""
    taken = bytearray(len(text) + 1)
    keep = []
    for c in sorted(cands, key=lambda c: (c[0] - c[1], -c[6], c[0])):
        s, e = c[0], c[1]
        if taken.find(1, s, e) >= 0:
            continue
        taken[s:e] = b"\x01" * (e - s)
        keep.append(c)
    keep.sort(key=itemgetter(0))
    return keep


_ADDRESS_TAIL = re.compile(r"(?:街道|市区|城区|(?:[0-9０-９一二三四五六七八九十百千零甲乙丙-]+(?:号院|号楼|号|弄|栋|幢|层|楼|室|单元|座))+)")


_REGION_ARM = re.compile(r"[（(](?:中国|香港|澳门|台湾|亚洲|亚太|大中华|北京|上海)[）)](?:股份有限公司|有限责任公司|有限公司|投资有限公司)")


_ROAD_AFTER = re.compile(r"([\u4e00-\u9fff]{1,6}?)(?:大街|大道|胡同|路|街|巷)")


def _merge(text, spans, bounds):
    """Contiguous spans that name one thing become one span (the usual NER convention):
    - an address: places, districts, roads and a house number (北京市|朝阳区|建国路|8号) -> one LOC whose
      code is the most specific unit's (the last one with a code);
    - a place before an organisation (郑州市|城市规划局, 美国|苹果公司) -> one ORG, linked like the organisation;
    - an organisation and a branch/department found by the suffix rule (招行|东直门支行) -> one ORG linked
      to the parent."""
    out = []
    for c in spans:
        s, e, etype, cid = c[0], c[1], c[2], c[3]
        if out:
            ps, pe, ptype, pcid = out[-1][:4]
            if pe == s and ptype == "LOC" and etype == "LOC":
                out[-1] = (ps, e, "LOC", cid or pcid, None, None, c[6])
                continue
            if pe == s and ptype == "LOC" and etype == "ORG":
                out[-1] = (ps, e, "ORG", cid, None, None, c[6])
                continue
            if pe == s and ptype == "ORG" and etype == "ORG" and cid is None and c[6] == 1:
                out[-1] = (ps, e, "ORG", pcid, None, None, c[6])
                continue
        out.append(c)
    if "（" in text or "(" in text:
        arms = []
        for c in out:
            if arms and c[0] < arms[-1][1]:
                continue        # inside the arm just taken (the 中国 of 花旗银行（中国）有限公司)
            if c[2] == "ORG" and c[1] < len(text) and text[c[1]] in "（(":
                m = _REGION_ARM.match(text, c[1])     # the local arm of a company is one name
                if m:
                    c = (c[0], m.end(), *c[2:])
            arms.append(c)
        out = arms
    for i, c in enumerate(out):
        if c[2] == "LOC" and c[3] and c[1] < len(text) and (i + 1 == len(out) or out[i + 1][0] > c[1]):
            # a road after an administrative unit (沈河区|青年大街|270号): in an address, road names are
            # often ordinary words (青年, 人民, 解放)
            m = _ROAD_AFTER.match(text, c[1])
            if m and m.end() in bounds and not FUNCTION_CHARS.intersection(m.group(1)) \
                    and (i + 1 == len(out) or out[i + 1][0] >= m.end()):
                c = out[i] = (c[0], m.end(), *c[2:])
        if c[2] == "LOC":
            m = _ADDRESS_TAIL.match(text, c[1])
            if m and (i + 1 == len(out) or out[i + 1][0] >= m.end()):
                out[i] = (c[0], m.end(), *c[2:])
    return out


def entity_tuples(text: str, tokens: list[str] | None = None) -> list[tuple]:
    """(start, end, type, canonical_id, value, unit) sorted by start; the core of tag_entities."""
    if not text:
        return []
    lex = lexicon()
    if tokens is None:
        tokens = segment(text)
    ends = list(accumulate(map(len, tokens), initial=0))
    if ends[-1] != len(text):       # tokens of another text: offsets would be wrong, so re-segment
        tokens = segment(text)
        ends = list(accumulate(map(len, tokens), initial=0))
    starts = ends[:-1]
    bounds = set(ends)
    cands: list[tuple] = [(*c, 3) for c in find_patterns(text, lex.a_share_codes)]
    _dictionary(text, lex, bounds, cands)
    org_suffixes = list(_ORG_RE.finditer(text))     # shared by the two organisation rules
    _suffix_spans(text, tokens, starts, lex, bounds, _ORG_RE, "ORG", cands, org_suffixes)
    _suffix_spans(text, tokens, starts, lex, bounds, _LOC_RE, "LOC", cands)
    _anchored_orgs(text, tokens, starts, lex, bounds, cands, org_suffixes)
    _latin_orgs(text, cands)
    _brand_companies(text, tokens, starts, lex, cands)
    _teams(text, tokens, starts, lex, bounds, cands)
    _listed_orgs(text, tokens, starts, lex, cands)
    tok_cands = _token_candidates(tokens, lex)
    _place_institutions(tokens, starts, lex, cands, tok_cands)
    first = len(cands)
    _persons(text, tokens, starts, lex, cands, tok_cands)
    _same_name_again(text, cands, first, bounds)
    _pos_places(tokens, starts, cands, tok_cands)
    out = []
    spans = _extend_orgs(text, _merge(text, _resolve(text, cands), bounds), tokens, starts, bounds, lex)
    spans = _club_prefixes(text, spans)
    if "《" in text:
        spans = _outside_titles(text, spans)
    for s, e, etype, cid, value, unit, _ in spans:
        if etype == "ORG" and cid is None and e - s > 3:
            cid = _link(text[s:e], lex)
        out.append((s, e, etype, cid, value, unit))
    return out


def entity_dicts(text: str, tokens: list[str] | None = None) -> list[dict]:
    """Entities as plain dicts with the keys of schemas.Entity (what the Beam stage emits)."""
    return [{"text": text[s:e], "type": t, "start": s, "end": e, "canonical_id": cid, "value": v, "unit": u}
            for s, e, t, cid, v, u in entity_tuples(text, tokens)]


def tag_entities(text: str, tokens: list[str] | None = None) -> list[Entity]:
    """Entities of `text`; pass the tokens of transforms.segment.segment(text) to avoid re-segmenting."""
    # model_validate is faster than model_construct in pydantic 2 (validation runs in Rust)
    validate = Entity.model_validate
    return [validate(d) for d in entity_dicts(text, tokens)]
