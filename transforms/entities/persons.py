"""Person rules: surname + given name from the segmentation, titles and speech verbs as evidence,
split and glued names; a name found once is a name at its other mentions."""
from __future__ import annotations

from transforms.entities.vocab import (
    ADDRESS_FORMS, AFTER_NAME, AFTER_WEAK, FUNCTION_CHARS, LEFT_STOP, LINE_START, NOT_NAME_END, SPEECH_PUNCT,
    THING_END, TITLES, TRANSLIT, _CJK, _FOREIGN, _NUMERAL, _TRANSLIT_WORD, _enumerated,
)
from transforms.entities.token_kinds import TokenKind


# what may stand next to a name that jieba split (punctuation, function words, speech verbs)
NAME_BOUNDARY = FUNCTION_CHARS | SPEECH_PUNCT | AFTER_NAME | AFTER_WEAK | LINE_START | set("。；;！？!?、）)”\"不在") \
    | {"先生", "女士", "表示", "认为", "透露", "等人"}
GIVEN_NAME_MIN = 3.0        # sum of the two characters' log-odds of being in a given name (persons list vs all text)


def _boundary(tok) -> bool:
    """The token after a name may end it: text end, punctuation, a function word, a speech verb."""
    return not tok or tok in NAME_BOUNDARY or tok[0] in NAME_BOUNDARY


def _given_score(w, lex) -> float:
    """Sum of the characters' log-odds of being in a given name: > 0 name-like (建勇), < 0 word-like (水盘)."""
    return sum(lex.given_char.get(c, -9.0) for c in w)


def _given_name_like(w, lex) -> bool:
    """Two characters typical of a Chinese given name (振兴, 大伟), by the persons list's statistics."""
    a, b = lex.given_char.get(w[0], -9.0), lex.given_char.get(w[1], -9.0)
    return min(a, b) > -1.5 and a + b >= GIVEN_NAME_MIN and lex.word_freq.get(w, 0) < 3000


def _persons(text, tokens, starts, lex, out, by_kind):
    tag, freq, persons = lex.word_tag, lex.word_freq, lex.persons
    n = len(tokens)
    foreign = by_kind.get(TokenKind.FOREIGN_NAME, ())
    listed = []     # name-like words without evidence of their own: a name list may give it (孙晶、谭伟彬)
    first = len(out)
    for i in by_kind.get(TokenKind.UNKNOWN_TRANSLIT, ()):
        # unknown transliterations are also clubs and places: only with person context around
        prev = tokens[i - 1] if i else ""
        nxt = tokens[i + 1] if i + 1 < n else ""
        if prev in TITLES or prev[-2:] in TITLES or nxt in AFTER_NAME or nxt in TITLES \
                or (nxt in AFTER_WEAK and nxt not in ("的", "在")) or (prev == "、" and nxt in ("、", "等")):
            out.append((starts[i], starts[i] + len(tokens[i]), "PER", None, None, None, 1))
    for i in by_kind.get(TokenKind.NEEDS_TITLE, ()):
        prev = tokens[i - 1] if i else ""
        if prev in TITLES or prev[-2:] in TITLES or prev[-3:] in TITLES:
            out.append((starts[i], starts[i] + len(tokens[i]), "PER", None, None, None, 3))
    for i in by_kind.get(TokenKind.NAME_AND_SPEECH, ()):
        out.append((starts[i], starts[i] + len(tokens[i]) - 1, "PER", None, None, None, 1))
    for i in by_kind.get(TokenKind.PERSON_CANDIDATE, ()):
        tok = tokens[i]
        L = len(tok)
        t = tag.get(tok)
        if L >= 2:
            if tok[1:] in TITLES or tok[2:] in TITLES or tok[1:] in ADDRESS_FORMS:
                continue                        # 张女士, 李先生: a form of address, not the name
            prev = tokens[i - 1] if i else ""
            nxt = tokens[i + 1] if i + 1 < n else ""
            evidence = prev in TITLES or prev[-2:] in TITLES or prev[-3:] in TITLES or nxt in AFTER_NAME \
                or (len(prev) == 2 and prev[1] == "长" and prev in lex.word_freq) \
                or nxt in TITLES or \
                (nxt in ("：", ":") and (i == 0 or prev in LINE_START))     # interview format 姜山：...
            if L >= 3 and not evidence and tok[-1] in THING_END:
                continue                        # 宁玛派, 古琼寺, 陶波湖: a sect, temple, lake
            if L >= 3 and not evidence and any(c in TRANSLIT for c in tok[1:]):
                continue                        # a transliteration (桑德兰, 沙尔克): club, place or person
            weak = nxt in AFTER_WEAK or nxt in SPEECH_PUNCT
            if t is None and L == 2 and not evidence and tok[0] in lex.top_surnames and weak \
                    and _given_score(tok[1:], lex) > 0:
                evidence = True                 # 赵刚就…, 于海将…: a frequent surname + unknown character
            if t is None:                       # unknown word from the HMM: usually a name, unless it is
                if L == 3 and not evidence and (freq.get(tok[1:], 0) >= 300 or freq.get(tok[:2], 0) >= 300) \
                        and not tag.get(tok[:2], "").startswith("nr"):
                    continue                    # surname-char + common word (本赛季, 银行卡, 申请人)
                # a two-character unknown word led by a frequent surname is mostly a name (吴飞, 于海);
                # positional/function second characters make words (周中, 史上)
                ok = (L == 3 and _given_score(tok[1:], lex) >= 0) or evidence or (tok in persons and L >= 3) \
                    or (L == 2 and tok[0] in lex.top_surnames and tok[1] not in "中上下内外里用至开妻"
                        and _given_score(tok[1:], lex) > 0)
            elif t[:2] == "nr" and freq.get(tok, 0) >= 1000 and prev not in TITLES:
                continue                        # a frequent word jieba also lists as a name (明白)
            elif t[:2] == "nr":
                # jieba's nr list also holds phrases (严肃处理, 高水平, 乐迷): without context only a
                # three-character word whose given part is not a common word
                ok = evidence or (tok in persons and L >= 3) or (L == 3 and freq.get(tok[1:], 0) < 300
                                                                 and freq.get(tok, 0) < 1000
                                                                 and _given_score(tok[1:], lex) >= 0)
            else:
                ok = evidence
            if not ok:
                if L <= 3 and (t is None or t[:2] == "nr"):
                    listed.append((starts[i], starts[i] + L, "PER", None, None, None, 1))
                continue
            end = starts[i] + L
            if L == 2 and i + 2 < n and len(nxt) == 1 and _CJK.match(nxt) and nxt not in FUNCTION_CHARS \
                    and nxt not in NOT_NAME_END and (tokens[i + 2] in AFTER_NAME or tokens[i + 2] in ("：", ":")):
                end += 1        # 张明|渝|表示: jieba cut a three-character name after two characters
            # 廖杰|远: a two-character name followed by a loose character after a title (only one
            # character: 周望|强|说 is not 周望强说)
            elif L == 2 and prev in TITLES and len(nxt) == 1 and _CJK.match(nxt) and nxt not in FUNCTION_CHARS \
                    and i + 2 < n and tokens[i + 2][:1] in FUNCTION_CHARS | set("，。、；："):
                end += 1
            out.append((starts[i], end, "PER", None, None, None, 1))
        elif i + 1 < n:
            # split name (张 | 朝晖): only with a title before or a speech verb after
            nxt = tokens[i + 1]
            prev = tokens[i - 1] if i else ""
            after = tokens[i + 2] if i + 2 < n else ""
            nt = tag.get(nxt)
            if len(nxt) <= 2 and _CJK.match(nxt) and nxt not in TITLES \
                    and (prev in TITLES or prev[-2:] in TITLES or prev[-3:] in TITLES or after in AFTER_NAME or (after in AFTER_WEAK and after != "的" and freq.get(nxt, 0) < 1000)
                         or (after in ("：", ":") and (i == 0 or prev in LINE_START))) \
                    and (nt is None or (nt[0] in "nax" and freq.get(nxt, 0) < 5000) or (nt[0] == "v" and freq.get(nxt, 0) < 1000)) \
                    and nxt[-1] not in NOT_NAME_END:
                out.append((starts[i], starts[i] + 1 + len(nxt), "PER", None, None, None, 1))
            elif len(nxt) == 2 and _given_name_like(nxt, lex) and _boundary(after) \
                    and (not prev or prev in NAME_BOUNDARY or prev in TITLES or prev[-1] in NAME_BOUNDARY) \
                    and nxt not in TITLES and tag.get(nxt, "n")[:1] in "nvaz" + "x":
                # 杨|振兴|的, 叶|兴盛|不: a surname and two characters typical of given names, standing
                # between boundaries (punctuation, function words, titles)
                out.append((starts[i], starts[i] + 3, "PER", None, None, None, 1))
    for i in by_kind.get(TokenKind.GLUED_SURNAME, ()):
        # a function character glued to a surname by the HMM (但梁|大伟, 他叶|兴盛): name = surname + next
        nxt = tokens[i + 1] if i + 1 < n else ""
        after = tokens[i + 2] if i + 2 < n else ""
        if len(nxt) == 2 and _given_name_like(nxt, lex) and _boundary(after):
            out.append((starts[i] + 1, starts[i] + 4, "PER", None, None, None, 1))
    _enumerated(text, listed, out, "PER", first)
    # a foreign name after a title, cut by jieba into pieces of transliteration characters
    # (门将|诺|伊尔, 主教练|科比|什利): the whole run is the name
    for i in by_kind.get(TokenKind.TITLE, []) + by_kind.get(TokenKind.TITLE_AND_SPEECH, []):
        if i + 1 >= n or not _TRANSLIT_WORD.match(tokens[i + 1]):
            continue
        j, end = i + 1, starts[i + 1]
        while j < n and end - starts[i + 1] < 8 and _TRANSLIT_WORD.match(tokens[j]):
            end += len(tokens[j])
            j += 1
        if end - starts[i + 1] >= 2 and (j - i > 2 or tag.get(tokens[i + 1], "nr")[0] == "n"):
            out.append((starts[i + 1], end, "PER", None, None, None, 1))
    # ... or before a speech verb (科|迪克|表示, 韦斯特|伍|来自)
    for i in by_kind.get(TokenKind.SPEECH_VERB, []) + by_kind.get(TokenKind.TITLE_AND_SPEECH, []):
        if i < 2 or not _TRANSLIT_WORD.match(tokens[i - 1]):
            continue
        j, start = i - 1, starts[i]
        while j >= 0 and starts[i] - start < 8 and _TRANSLIT_WORD.match(tokens[j]) and tokens[j] not in TITLES \
                and tokens[j] not in AFTER_NAME and tokens[j][0] not in LEFT_STOP:
            start = starts[j]
            j -= 1
        if i - j > 2 and starts[i] - start >= 3:
            out.append((start, starts[i], "PER", None, None, None, 1))
    for i in foreign:
        tok = tokens[i]
        prev = tokens[i - 1] if i else ""
        nxt = tokens[i + 1] if i + 1 < n else ""
        if prev in TITLES or nxt in AFTER_NAME or nxt in TITLES or (len(tok) >= 3 and freq.get(tok, 0) < 100 and _TRANSLIT_WORD.match(tok)):
            if _NUMERAL.search(tok):
                continue    # 二十大: a numbered event
            out.append((starts[i], starts[i] + len(tok), "PER", None, None, None, 1))
    if "·" not in text and "•" not in text:
        return      # the regex below is slow on long CJK runs; foreign names need the dot
    for m in _FOREIGN.finditer(text):
        out.append((m.start(), m.end(), "PER", None, None, None, 1))


def _same_name_again(text, out, first, bounds):
    """One sense per text: a name found as a person once (with its evidence) is a person at its other
    mentions too (张捷认为… 张捷还指出…), when the mention is a whole word or words."""
    names = {text[c[0]:c[1]] for c in out[first:] if c[2] == "PER" and c[1] - c[0] >= 2}
    for name in names:
        i = text.find(name)
        while i >= 0:
            j = i + len(name)
            if i in bounds and j in bounds:
                out.append((i, j, "PER", None, None, None, 1))
            i = text.find(name, j)
