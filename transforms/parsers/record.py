"""What every parser produces: the metadata it could find plus the raw body."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class RawRecord:
    body: str
    body_format: str                      # 'html' or 'text'
    title: str | None = None
    author: str | None = None
    source: str | None = None
    url: str | None = None
    published: Any = None                 # unparsed date value as the input gave it
    date_source: str = "none"             # where `published` came from: metadata, feed, url
    evidence: list | None = None          # page date evidence (page_dates.Evidence), best first, for HTML pages
    raw_categories: list[str] = field(default_factory=list)
    key: str | None = None                # the input's own id for the record, when it has one
