"""JSON-lines feed messages: one article per line; a bad line rejects that line only."""
from __future__ import annotations

import json

from transforms.parsers.record import RawRecord
from transforms.rejects import RecordRejected


def parse_message(line: str) -> RawRecord:
    """One feed message `{id, source, url, published, title, body_html | body_text, ...}`."""
    try:
        msg = json.loads(line)
    except ValueError as e:
        raise RecordRejected("bad_json", f"line is not valid JSON: {e}") from e
    if not isinstance(msg, dict):
        raise RecordRejected("bad_json", "line is JSON but not an object")
    html, text = msg.get("body_html"), msg.get("body_text")
    if isinstance(html, str) and html.strip():
        body, fmt = html, "html"
    elif isinstance(text, str) and text.strip():
        body, fmt = text, "text"
    else:
        raise RecordRejected("missing_body", "message has neither body_html nor body_text")

    def s(key):
        v = msg.get(key)
        return str(v).strip() or None if isinstance(v, (str, int, float)) and not isinstance(v, bool) else None

    cats = msg.get("categories") or msg.get("category") or []
    cats = [str(c) for c in (cats if isinstance(cats, list) else [cats]) if isinstance(c, (str, int))]
    published = msg.get("published")
    return RawRecord(
        body=body, body_format=fmt, title=s("title"), author=s("author"), source=s("source"), url=s("url"),
        published=published if isinstance(published, (str, int, float)) else None,
        date_source="feed", raw_categories=cats, key=s("id"),
    )


def split_lines(text: str) -> list[tuple[int, str]]:
    """(record index, line) for every non-blank line; the index counts non-blank lines only."""
    return list(enumerate(line for line in text.splitlines() if line.strip()))
