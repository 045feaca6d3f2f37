"""Whole HTML pages (saved or rendered web pages)."""
from __future__ import annotations

from transforms.parsers import html_meta
from transforms.parsers.record import RawRecord
from transforms.rejects import RecordRejected


def parse_html_page(text: str) -> list[RawRecord]:
    tree = html_meta.parse_html_tree(text)
    if tree is None:
        raise RecordRejected("bad_html", "the page could not be parsed as HTML")
    date = html_meta.page_date(tree)
    return [RawRecord(
        body=text, body_format="html",
        title=html_meta.page_title(tree), author=html_meta.page_author(tree),
        source=html_meta.page_site(tree), url=html_meta.page_url(tree),
        published=date, date_source="metadata" if date else "none",
        raw_categories=html_meta.page_categories(tree),
    )]
