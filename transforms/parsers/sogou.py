"""SogouCS-style files: several `<doc><url><docno><contenttitle><content></doc>` records per file."""
from __future__ import annotations

import html
import re

from transforms.parsers.record import RawRecord
from transforms.rejects import RecordRejected

DOC = re.compile(r"<doc>(.*?)(?:</doc>|\Z)", re.S)
URL_DATE = re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})/")


def _field(block: str, name: str) -> str | None:
    m = re.search(rf"<{name}>(.*?)</{name}>", block, re.S)
    return html.unescape(m.group(1)).strip() if m else None


def split_docs(text: str) -> list[str]:
    return [m.group(1) for m in DOC.finditer(text)]


def parse_doc(block: str) -> RawRecord:
    content = _field(block, "content")
    if content is None:
        raise RecordRejected("bad_record", "<doc> without a closed <content> element")
    url = _field(block, "url")
    m = URL_DATE.search(url or "")
    return RawRecord(
        body=content, body_format="text", title=_field(block, "contenttitle"), url=url,
        source=re.sub(r"^https?://([^/]+).*$", r"\1", url) if url else None,
        published=f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None,
        date_source="url" if m else "none", key=_field(block, "docno"),
    )
