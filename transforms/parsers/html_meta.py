"""Metadata of an HTML page or fragment: title, author, site, URL, categories (general signals, no site rules).

The publication date has its own module, transforms.parsers.page_dates."""
from __future__ import annotations

import re

from lxml import html as lxml_html

_TITLE_SUFFIX = re.compile(r"\s*[-_|–—]\s*[^-_|–—]{1,30}$")
_CATEGORY_CLASS = re.compile(r"categor|breadcrumb|channel", re.I)


def parse_html_tree(text: str):
    try:
        return lxml_html.document_fromstring(text.encode("utf-8"), parser=lxml_html.HTMLParser(encoding="utf-8", huge_tree=False))
    except Exception:  # noqa: BLE001 - lxml raises various errors on junk; caller falls back
        return None


def _meta(tree, names) -> str | None:
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        if key in names and el.get("content"):
            return el.get("content").strip()
    return None


def page_title(tree) -> str | None:
    """og:title, else <title> without its " - Site name" suffix, else the first visible <h1>."""
    og = _meta(tree, {"og:title", "twitter:title"})
    if og:
        return og
    t = tree.find(".//title")
    if t is not None and t.text_content().strip():
        title = re.sub(r"\s+", " ", t.text_content()).strip()
        return _TITLE_SUFFIX.sub("", title) or title
    for h1 in tree.xpath("//h1[not(ancestor::noscript) and not(ancestor::script)]"):
        text = re.sub(r"\s+", " ", h1.text_content()).strip()
        if 4 <= len(text) <= 200:
            return text
    return None


def page_categories(tree) -> list[str]:
    labels = []
    section = _meta(tree, {"article:section"})
    if section:
        labels.append(section)
    for el in tree.xpath('//a[@rel="category tag" or @rel="category" or @rel="tag"]')[:20]:
        labels.append(el.text_content().strip())
    if not labels:
        for el in tree.xpath("//a[@class]")[:3000]:
            if _CATEGORY_CLASS.search(el.get("class", "")):
                labels.append(el.text_content().strip())
                if len(labels) >= 10:
                    break
    return [l for l in dict.fromkeys(labels) if l and len(l) <= 40]


def page_author(tree) -> str | None:
    return _meta(tree, {"author", "article:author", "dc.creator", "byl"})


def page_url(tree) -> str | None:
    for el in tree.xpath('//link[@rel="canonical"]'):
        if el.get("href"):
            return el.get("href").strip()
    return _meta(tree, {"og:url"})


def page_site(tree) -> str | None:
    """og:site_name, else the " - Site name" suffix of <title>."""
    site = _meta(tree, {"og:site_name", "application-name"})
    if site:
        return site
    t = tree.find(".//title")
    m = _TITLE_SUFFIX.search(t.text_content().strip()) if t is not None else None
    return m.group(0).strip(" -_|–—") if m else None
