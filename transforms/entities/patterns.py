"""Pattern rules for entities written in digits: STOCK codes, MONEY amounts, PERCENT.

Pure functions over text; each returns (start, end, type, canonical_id, value, unit) tuples.
"""
from __future__ import annotations

import re

_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_MULT = {"": 1, "十": 10, "百": 100, "千": 1e3, "万": 1e4, "十万": 1e5, "百万": 1e6, "千万": 1e7, "亿": 1e8,
         "十亿": 1e9, "百亿": 1e10, "千亿": 1e11, "万亿": 1e12}
_CUR = {"元": "CNY", "元人民币": "CNY", "人民币": "CNY", "块": "CNY", "美元": "USD", "港元": "HKD", "港币": "HKD",
        "欧元": "EUR", "日元": "JPY", "英镑": "GBP", "韩元": "KRW", "澳元": "AUD", "加元": "CAD", "瑞郎": "CHF",
        "新加坡元": "SGD", "卢布": "RUB", "台币": "TWD", "新台币": "TWD"}
_CUR_ALT = "|".join(sorted(map(re.escape, _CUR), key=len, reverse=True))
_MULT_ALT = "|".join(sorted((k for k in _MULT if k), key=len, reverse=True))
# every pattern starts with a digit so the regex engine skips text quickly; prefixes are checked by hand
_MONEY_PREFIX = ("人民币", "美元", "港币", "港元")
# stock codes are runs of 3-6 digits judged by their neighbours:
# 600036.SH / 01833.HK / SZ000001 / (600036) / 股票代码：600519
_SUFFIX_AFTER = re.compile(r"\.(SH|SZ|BJ|SS|HK)(?![A-Za-z])", re.I)
_PREFIX_BEFORE = re.compile(r"(?<![A-Za-z])(SH|SZ|BJ)$", re.I)
_LABEL_BEFORE = re.compile(r"(股票代码|证券代码|代码|股票|港股|A股|H股)\s*[:：]?\s*$|[(（]$")


def _num(s: str) -> float:
    return float(s.replace(",", ""))


# Numbers that may start an entity: followed by a percent sign, a money tail or an exchange suffix, or
# a 5-6 digit run (a code after a label or SH/SZ). Most numbers in news (dates, counts) are none of
# these, so the regex engine skips them instead of a Python loop. The pattern starts with a digit so
# the engine's fast first-character scan applies; the lookbehinds then skip a digit that continues a
# number (after a digit, a point, or a thousands comma), and `(?=(N))\1` keeps the number whole (no
# backtracking to a shorter prefix), so candidates are exactly the numbers the plain scan yields.
_NUM_REST = r"\d*(?:,\d{3})*(?:\.\d+)?"
_CANDIDATE_RE = re.compile(
    rf"\d(?<![\d.]\d)(?!(?<=\d,\d)\d\d)(?:"
    rf"(?=({_NUM_REST}))\1(?=\s?[%％]|\s?(?:{_MULT_ALT})?\s?(?:{_CUR_ALT})|\.(?i:SH|SZ|BJ|SS|HK)(?![A-Za-z]))"
    r"|\d{4,5}(?!\d|,\d{3}|\.\d))")
_MONEY_TAIL = re.compile(rf"\s?({_MULT_ALT})?\s?({_CUR_ALT})")
_PERCENT_TAIL = re.compile(r"\s?(%|％)")


def find_numeric(text: str, a_share_codes: dict[str, str]):
    """One pass over the numbers of the text (the expensive part is scanning, not matching)."""
    for m in _CANDIDATE_RE.finditer(text):
        s, e = m.span()
        if 3 <= e - s <= 6 and text[s:e].isdigit():
            stock = _stock_at(text, s, e, a_share_codes)
            if stock:
                yield stock
                continue
        if e < len(text) and text[e] in "%％ ":
            p = _PERCENT_TAIL.match(text, e)
            if p:
                if s and text[s - 1] in "-+" and (s == 1 or not text[s - 2].isalnum()):
                    s -= 1
                yield s, p.end(), "PERCENT", None, _num(text[s:e].replace("+", "")), "%"
                continue
        t = _MONEY_TAIL.match(text, e)
        if not t:
            continue
        mult, cur = t.groups()
        if cur == "人民币" and not mult:
            continue       # "100人民币" is rare; "100 人民币账户" is not money
        code = _CUR[cur]
        before = text[max(0, s - 4):s]
        stripped = before.rstrip()
        for pfx in _MONEY_PREFIX:
            if stripped.endswith(pfx):
                s -= len(before) - len(stripped) + len(pfx)
                if cur in ("元", "块"):
                    code = _CUR[pfx]
                break
        yield s, t.end(), "MONEY", None, _num(text[m.start():e]) * _MULT.get(mult or "", 1), code


def _stock_at(text: str, s: int, e: int, a_share_codes: dict[str, str]):
    """The STOCK entity for the digit run text[s:e], or None. a_share_codes: '600036' -> '600036.SH'
    (the listing); a code on a known exchange must be listed there."""
    code = text[s:e]
    suf = _SUFFIX_AFTER.match(text, e)
    if suf:
        ex = suf.group(1).upper().replace("SS", "SH")
        if s and text[s - 1].isascii() and text[s - 1].isalpha():
            return None
        if ex == "HK":
            return s, suf.end(), "STOCK", f"{int(code):05d}.HK", None, None
        if len(code) == 6 and a_share_codes.get(code) == f"{code}.{ex}":
            return s, suf.end(), "STOCK", f"{code}.{ex}", None, None
        return None
    if len(code) == 6:
        pre = _PREFIX_BEFORE.search(text, max(0, s - 3), s)
        if pre:
            ts = f"{code}.{pre.group(1).upper()}"
            return (pre.start(), e, "STOCK", ts, None, None) if a_share_codes.get(code) == ts else None
    if len(code) < 5:
        return None
    label = _LABEL_BEFORE.search(text, max(0, s - 8), s)
    if not label:
        return None
    if len(code) == 6 and code in a_share_codes:
        return s, e, "STOCK", a_share_codes[code], None, None
    if len(code) == 5 and (label.group(1) in ("港股", "H股", "股票代码", "代码") or
                           (label.group(1) is None and text[e:e + 1] in (")", "）", ",", "，", "、"))):
        # 5 digits in brackets after a name: Hong Kong code (加科思-B(01167))
        return s, e, "STOCK", f"{code}.HK", None, None
    return None


def find_patterns(text: str, a_share_codes: dict[str, str]):
    yield from find_numeric(text, a_share_codes)
