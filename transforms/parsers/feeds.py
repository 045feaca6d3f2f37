"""RSS 2.0 and Atom feed files: one article per item.

Parsed with defusedxml: DTDs, entity expansion and external entities are refused (XXE,
billion laughs), so a hostile feed is rejected instead of being expanded.
"""
from __future__ import annotations

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from transforms.parsers.record import RawRecord
from transforms.rejects import RecordRejected

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
DC_DATE = "{http://purl.org/dc/elements/1.1/}date"


def _text(el, *paths) -> str | None:
    for p in paths:
        found = el.find(p)
        if found is not None and (found.text or "").strip():
            return found.text.strip()
    return None


def parse_feed_xml(text: str) -> tuple[str | None, list]:
    """(feed title, list of item elements); raises RecordRejected for unsafe or broken XML."""
    try:
        root = SafeET.fromstring(text.encode("utf-8"), forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as e:
        raise RecordRejected("unsafe_xml", f"feed uses a DTD or entities, refused: {type(e).__name__}") from e
    except SafeET.ParseError as e:
        raise RecordRejected("bad_xml", f"feed XML does not parse: {e}") from e
    if root.tag == f"{ATOM}feed":
        return _text(root, f"{ATOM}title"), root.findall(f"{ATOM}entry")
    channel = root.find("channel")
    if root.tag.lower() in ("rss", "rdf") or channel is not None:
        channel = channel if channel is not None else root
        items = channel.findall("item") or root.findall("item") or root.findall("{http://purl.org/rss/1.0/}item")
        return _text(channel, "title"), items
    raise RecordRejected("bad_xml", f"XML root <{root.tag}> is neither RSS nor Atom")


def item_record(item, feed_title: str | None) -> RawRecord:
    if item.tag.startswith(ATOM):
        link = next((l.get("href") for l in item.findall(f"{ATOM}link") if l.get("rel", "alternate") == "alternate"), None)
        content = item.find(f"{ATOM}content")
        summary = item.find(f"{ATOM}summary")
        node = content if content is not None and (content.text or "").strip() else summary
        body = (node.text or "") if node is not None else ""
        body_type = (node.get("type") or "text") if node is not None else "text"
        author = _text(item, f"{ATOM}author/{ATOM}name")
        cats = [c.get("term") or c.get("label") or "" for c in item.findall(f"{ATOM}category")]
        return RawRecord(
            body=body, body_format="html" if body_type in ("html", "xhtml") or "<" in body else "text",
            title=_text(item, f"{ATOM}title"), author=author, source=feed_title, url=link,
            published=_text(item, f"{ATOM}published", f"{ATOM}updated"), date_source="feed",
            raw_categories=[c for c in cats if c], key=_text(item, f"{ATOM}id"),
        )
    body = _text(item, CONTENT, "description") or ""
    return RawRecord(
        body=body, body_format="html" if "<" in body else "text",
        title=_text(item, "title"), author=_text(item, "author", DC_CREATOR), source=feed_title,
        url=_text(item, "link"), published=_text(item, "pubDate", DC_DATE), date_source="feed",
        raw_categories=[c.text.strip() for c in item.findall("category") if (c.text or "").strip()],
        key=_text(item, "guid"),
    )
