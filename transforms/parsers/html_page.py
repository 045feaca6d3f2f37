"""Whole HTML pages (saved or rendered web pages)."""
from __future__ import annotations

from transforms.parsers import html_meta, page_dates
from transforms.parsers.record import RawRecord
from transforms.rejects import RecordRejected


def parse_html_page(text: str) -> list[RawRecord]:
    tree = html_meta.parse_html_tree(text)
    if tree is None:
        raise RecordRejected("bad_html", "the page could not be parsed as HTML")
    title = html_meta.page_title(tree)
    return [RawRecord(
        body=text, body_format="html",
        title=title, author=html_meta.page_author(tree),
        source=html_meta.page_site(tree), url=html_meta.page_url(tree),
        evidence=page_dates.page_evidence(tree, title),
        raw_categories=html_meta.page_categories(tree),
    )]
