"""Markdown posts with YAML front matter (Hexo/Jekyll style) and an HTML or markdown body."""
from __future__ import annotations

import re

import yaml

from transforms.parsers.record import RawRecord
from transforms.rejects import RecordRejected

FRONT_MATTER = re.compile(r"\A\s*---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)(.*)\Z", re.S)
MAX_FRONT_MATTER_CHARS = 64 * 1024
MAX_ALIASES = 50
_HTML_TAG = re.compile(r"<(?:p|div|br|span|h[1-6]|img|a|ul|ol|li|table|section|article|strong|em)\b", re.I)


class _BoundedSafeLoader(yaml.SafeLoader):
    """SafeLoader (no python/* tags) that also refuses alias bombs and keeps dates as text.

    PyYAML turns `2021-02-30 25:61:00` into an exception and drops nothing it cannot parse quietly;
    keeping timestamps as strings lets transforms.dates judge them (zones, invalid values) like any other.
    """

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self._aliases = getattr(self, "_aliases", 0) + 1
            if self._aliases > MAX_ALIASES:
                raise yaml.YAMLError(f"more than {MAX_ALIASES} YAML aliases")
        return super().compose_node(parent, index)


def load_front_matter(text: str) -> dict:
    if len(text) > MAX_FRONT_MATTER_CHARS:
        raise RecordRejected("front_matter_too_large", f"front matter over {MAX_FRONT_MATTER_CHARS} characters")
    try:
        data = yaml.load(text, Loader=_BoundedSafeLoader)  # noqa: S506 - bounded SafeLoader subclass
    except yaml.YAMLError as e:
        raise RecordRejected("bad_front_matter", f"YAML front matter does not parse: {str(e)[:300]}") from e
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise RecordRejected("bad_front_matter", "YAML front matter is not a mapping")
    return data


def _as_str(value) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    s = str(value).strip()
    return s or None


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if isinstance(v, (str, int, float)) and str(v).strip()]
    return [str(value).strip()] if str(value).strip() else []


def markdown_to_text(md: str) -> str:
    """Plain text of a markdown body: images dropped, links to their text, markup removed."""
    md = re.sub(r"```.*?```", "", md, flags=re.S)
    md = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", md)
    md = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", md)
    md = re.sub(r"^\s{0,3}(#{1,6}|>+|[-*+]\s|\d+\.\s)\s*", "", md, flags=re.M)
    md = re.sub(r"(\*\*|__|\*|_|`)(\S.*?\S|\S)\1", r"\2", md)
    return md


def parse_markdown(text: str) -> list[RawRecord]:
    m = FRONT_MATTER.match(text)
    if not m:
        raise RecordRejected("bad_front_matter", "no closing '---' after the YAML front matter")
    meta = load_front_matter(m.group(1))
    body = m.group(2)
    is_html = bool(_HTML_TAG.search(body[:20000]))
    published = meta.get("date")
    published = published if isinstance(published, (int, float)) and not isinstance(published, bool) else _as_str(published)
    categories = _as_list(meta.get("categories")) + _as_list(meta.get("tags"))
    record = RawRecord(
        body=body if is_html else markdown_to_text(body),
        body_format="html" if is_html else "text",
        title=_as_str(meta.get("title")), author=_as_str(meta.get("author")),
        source=_as_str(meta.get("source")) or (categories[1] if len(categories) > 1 else None),
        url=_as_str(meta.get("link") or meta.get("url") or meta.get("permalink")),
        published=published, date_source="metadata", raw_categories=categories,
    )
    return [record]

