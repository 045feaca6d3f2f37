"""Linking a resolved span to its canonical id (stock code, admin code) through the lexicon."""
from __future__ import annotations

from transforms.entities.vocab import _is_place


_LINKED: dict = {}      # span text -> _link result, cached across documents (company names recur)


def _link(span, lex):
    """Canonical id for a rule-found ORG that starts with a known listed name (平安银行股份有限公司...)."""
    try:
        return _LINKED[span]
    except KeyError:
        if len(_LINKED) > 200_000:
            _LINKED.clear()
        cid = _LINKED[span] = _link_uncached(span, lex)
        return cid


def _link_uncached(span, lex):
    for n in range(len(span) - 1, 1, -1):
        for etype, cid, amb in lex.surfaces.get(span[:n], ()):
            if etype == "ORG" and cid and not amb:
                return cid
    for n in range(2, len(span) - 1):
        if _is_place(span[:n], lex):     # a place before a listed name (上海|浦发银行)
            for etype, cid, amb in lex.surfaces.get(span[n:], ()):
                if etype == "ORG" and cid and not amb:
                    return cid
    return None
