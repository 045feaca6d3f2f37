"""Publication-date evidence from a whole HTML page, in priority order (no site rules).

1. `meta`      <meta> publication keys (article:published_time, pubdate, publishdate, itemprop
               datePublished ...); modification keys are never read.
2. `jsonld`    JSON-LD `datePublished` (the `0001-01-01` placeholder is skipped).
3. `script`    a publication timestamp assigned in an inline script (`publish_time = 1664157600`).
4. `time`      the first `<time datetime>` outside links, navigation, sidebars and comments.
5. `header`    the byline zone around the title: the first stamp with a publication label
               (发布时间/发表于/来源/Published...), else the first unlabelled one; a stamp labelled as an
               update (更新/最后修改/Updated) only when nothing else is there (`header_updated`).
6. `labelled`  the first stamp anywhere on the page with a strong publication label (blog posts
               put `发表于 ...` under the post; forums `时间：` with a time of day).
Last come `visible` stamps (plain text, outside links and boilerplate): not candidates themselves,
only the corroboration an htmldate answer needs.
The caller adds the URL, the file path, htmldate and the dateline of the clean text after these.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from lxml import etree

from transforms.dates import UTC as _UTC, InvalidDate, StampMatch, parse_value, scan

_PUBLISHED_META = {
    "article:published_time", "og:article:published_time", "article:published", "published_time", "og:published_time",
    "pubdate", "publishdate", "publish_date", "publish-date", "publishdatetime", "publishtime", "publish_time",
    "datepublished", "dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created", "dc.date", "dcterms.date",
    "date", "sailthru.date", "article.published", "parsely-pub-date", "citation_publication_date", "citation_date",
    "release_date", "og:release_date", "weibo:article:create_at", "firstpublishedtime", "article_date_original",
    "original-publish-date", "cxenseparse:recs:publishtime", "pub_date", "pubtime", "ptime", "created",
}
_SCRIPT_VAR = re.compile(
    r"""["']?(?:publish_?time|pub_?time|publish_?date|pub_?date|date_?published|first_?published(?:_at|_date|_time)?"""
    r"""|ptime|publishedAt|published_at|createTime)["']?\s*[:=]\s*["']?([^"',;\s}][^"',;}]{3,40})""", re.I)
_SCRIPT_KEYS = ("publish", "pubdate", "pub_date", "pubtime", "pub_time", "ptime", "createtime")  # cheap test first
_BLOCK = {"div", "p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "table", "section", "article",
          "header", "footer", "aside", "nav", "dd", "dt", "dl", "blockquote", "pre", "form", "td", "th", "hr", "center",
          "main", "figure", "figcaption", "tbody"}
_SKIP = {"script", "style", "noscript", "template", "select", "option", "textarea", "iframe", "svg", "head", "button"}
_BOILER_TAGS = {"nav", "footer", "aside"}
_CONTAINERS = {"html", "body", "main", "article"}
_HEADINGS = {"h1", "h2"}
_SPACES = re.compile(r"\s+")
_BOILER_CLASS = re.compile(r"comment|reply|related|recommend|sidebar|side-bar|footer|(?:^|[\s_-])(?:nav|menu|hot|rank|rel)"
                           r"(?:$|[\s_-])|copyright|guess|more-?news|tuijian|xgyd|xgwz", re.I)
_PUB_LABEL = re.compile(r"(发布|发表|发稿|刊发|出版|首发|上传|录入|提交|创建|来源|作者|编辑|责编|记者|稿源|原文|"
                        r"published|posted|released|issued|by\s|on\s|date)", re.I)
_WEAK_LABEL = re.compile(r"(时间|日期|time)\s*[:：]?\s*$", re.I)
_UPDATE_LABEL = re.compile(r"(更新|修改|修订|编辑于|update|modif|revis|edited)", re.I)
_STRONG_LABEL = re.compile(r"(发布时间|发表时间|发布日期|发表日期|发布于|发表于|发稿时间|刊发时间|首发于|"
                           r"published(?:\s+on|:)|posted(?:\s+on|\s+at|:)|date\s+published)\s*[:：]?\s*$", re.I)
MAX_LINES = 4000
MAX_VISIBLE = 40
MAX_SCAN_CHARS = 1000   # a longer "line" is a page without block markup: not a byline
HEADER_BEFORE, HEADER_AFTER = 3, 12
BODY_LINE_CHARS = 160        # a line this long below the title is article text, not a byline
UNLABELLED_LINE_CHARS = 100  # an unlabelled stamp counts only in a short line
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Evidence:
    source: str                   # meta, jsonld, script, time, header, header_updated, labelled
    raw: str                      # the value or stamp as the page gives it
    match: StampMatch | None = None   # for stamps found in visible text


@dataclass
class Line:
    text: str = ""
    link_chars: int = 0
    boiler_chars: int = 0
    heading: bool = False

    @property
    def boiler(self) -> bool:
        """Mostly text of navigation, a sidebar, a footer or a comment block."""
        return self.boiler_chars > 0.5 * len(self.text)


def _meta_values(tree) -> list[Evidence]:
    out = []
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv") or "").strip().lower()
        if key in _PUBLISHED_META and (el.get("content") or "").strip():
            out.append(Evidence("meta", el.get("content").strip()))
    for el in tree.xpath('//*[@itemprop="datePublished"][not(self::meta)]')[:3]:
        value = el.get("datetime") or el.get("content") or el.text_content()
        if value and value.strip():
            out.append(Evidence("meta", value.strip()[:80]))
    return out


def _json_ld_items(data, depth=0):
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _json_ld_items(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _json_ld_items(data["@graph"], depth + 1)


def _json_ld_values(tree) -> list[Evidence]:
    out = []
    for el in tree.xpath('//script[@type="application/ld+json"]')[:8]:
        try:
            data = json.loads((el.text or "")[:200_000], strict=False)
        except ValueError:
            continue
        for item in _json_ld_items(data):
            value = item.get("datePublished") or item.get("dateCreated")
            if isinstance(value, (str, int)) and not str(value).startswith("0001"):
                out.append(Evidence("jsonld", str(value).strip()))
    return out


def _script_values(tree) -> list[Evidence]:
    out = []
    for el in tree.xpath("//script[not(@src)]")[:60]:
        text = el.text or ""
        if el.get("type") == "application/ld+json" or len(text) > 300_000:
            continue
        low = text.lower()
        if not any(k in low for k in _SCRIPT_KEYS):
            continue
        for m in _SCRIPT_VAR.finditer(text):
            out.append(Evidence("script", m.group(1).strip()))
            if len(out) >= 3:
                return out
    return out


def _boiler(el) -> bool:
    """Navigation, sidebar, footer or comment container (the page's outer containers never are: their
    classes describe the whole page, e.g. <body class="menu-type-dropdown">)."""
    if el.tag in _CONTAINERS:
        return False
    if el.tag in _BOILER_TAGS:
        return True
    cls, ident = el.get("class"), el.get("id")
    return bool((cls or ident) and _boiler_names(f"{cls or ''} {ident or ''}"))


@lru_cache(maxsize=4096)
def _boiler_names(names: str) -> bool:
    return bool(_BOILER_CLASS.search(names))


def _time_values(tree) -> list[Evidence]:
    """The first <time> outside links and boilerplate; one marked as an update only when it is alone."""
    updated = []
    for el in tree.iter("time"):
        value = (el.get("datetime") or el.text_content() or "").strip()
        if not value or any(a.tag == "a" or _boiler(a) for a in el.iterancestors()):
            continue
        cls = f'{el.get("class", "")} {el.get("itemprop", "")}'
        if _UPDATE_LABEL.search(cls) and not re.search(r"publish|posted|entry-date", cls, re.I):
            updated.append(Evidence("header_updated", value[:80]))
            continue
        return [Evidence("time", value[:80])]
    return updated[:1]


def iter_lines(tree) -> Iterator[Line]:
    """The page's visible text split at block elements, line by line, with how much of each line is
    link text and how much sits in navigation, a sidebar, a footer or a comment list."""
    body = tree.find(".//body")
    root = body if body is not None else tree
    line = Line()
    link_depth = boiler_depth = heading_depth = skip_depth = count = 0
    flags: list[tuple[bool, bool, bool, bool]] = []   # per open element: skip, link, heading, boiler

    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag
        if tag.__class__ is not str:
            tag = None
        if event == "start":
            f = (tag in _SKIP, tag == "a", tag in _HEADINGS, tag is not None and _boiler(el))
            flags.append(f)
        else:
            f = flags.pop()
        if tag in _BLOCK and not skip_depth:
            if line.text.strip():
                line.text = _SPACES.sub(" ", line.text).strip()
                yield line
                count += 1
                if count >= MAX_LINES:
                    return
            line = Line()
        skip, link, heading, boiler = f
        if event == "start":
            skip_depth += skip
            link_depth += link
            heading_depth += heading
            boiler_depth += boiler
            text = el.text
        else:
            skip_depth -= skip
            link_depth -= link
            heading_depth -= heading
            boiler_depth -= boiler
            text = el.tail
        if text and not skip_depth:
            line.text += text
            if link_depth or heading_depth or boiler_depth:
                n = len(text.strip())
                if link_depth:
                    line.link_chars += n
                if heading_depth:
                    line.heading = True
                if boiler_depth:
                    line.boiler_chars += n
    line.text = _SPACES.sub(" ", line.text).strip()
    if line.text:
        yield line


class PageLines:
    """Visible lines read on demand: most pages are dated from the lines around the title, so the
    rest of a long page is only walked when that zone states no complete stamp."""

    def __init__(self, tree):
        self._source = iter_lines(tree)
        self.items: list[Line] = []
        self.complete = False

    def read(self, n: int | None = None) -> list[Line]:
        while not self.complete and (n is None or len(self.items) < n):
            nxt = next(self._source, None)
            if nxt is None:
                self.complete = True
            else:
                self.items.append(nxt)
        return self.items


def _norm(s: str) -> str:
    return re.sub(r"[\W_]+", "", s or "").lower()


def _matches_title(line: Line, t: str) -> bool:
    n = _norm(line.text)
    return len(n) >= 4 and bool(t) and (n == t or (len(n) >= 6 and n in t) or (len(t) >= 6 and t in n and len(n) < 2 * len(t) + 10))


def title_index(lines: PageLines, title: str | None) -> int | None:
    """Index of the line that shows the article's title: a heading that matches the page title, else
    any line that does, else the first h1/h2.  Lines are read only as far as needed."""
    t = _norm(title)
    i = 0
    while True:
        items = lines.read(i + 1)
        if i >= len(items):
            break
        if items[i].heading and _matches_title(items[i], t):
            lines.read(i + HEADER_AFTER + 2)
            return i
        i += 1
    items = lines.items
    for i, line in enumerate(items):
        if _matches_title(line, t):
            return i
    return next((i for i, line in enumerate(items) if line.heading), None)


def _label_of(line: str, match: StampMatch, prev_end: int) -> str | None:
    before = line[max(prev_end, match.start - 14):match.start]
    if _UPDATE_LABEL.search(before):
        return "updated"
    if _PUB_LABEL.search(before) or _WEAK_LABEL.search(before):
        return "published"
    after = line[match.end:match.end + 8]
    if _UPDATE_LABEL.search(after):
        return "updated"
    return None


def _stamps(line: Line) -> list[tuple[StampMatch, str | None]]:
    from transforms.dates import normalize
    text = normalize(line.text)
    out, prev = [], 0
    for m in scan(line.text, partial=True):
        out.append((m, _label_of(text, m, prev)))
        prev = m.end
    return out


def _is_link_list(line: Line) -> bool:
    return line.link_chars > 0.6 * len(line.text)


def _is_prose(line: Line) -> bool:
    """A sentence of the article (its dates are events), not a byline."""
    return len(line.text) > UNLABELLED_LINE_CHARS or "。" in line.text


def _starts_body(line: Line) -> bool:
    """The first paragraph of the article: the byline zone is above it."""
    return len(line.text) > BODY_LINE_CHARS or ("。" in line.text and len(_CJK.findall(line.text)) >= 15)


def header_values(page_lines: PageLines, title: str | None, fragment: bool = False) -> list[Evidence]:
    """Stamps of the byline zone, best first: labelled as publication (below the title, then above),
    unlabelled below, unlabelled above (nearest first: a site's "today" clock sits at the very top),
    then stamps labelled as updates.  Unlabelled stamps in a dated list (several lines of a link and
    a date: related/latest news) or in a sentence are other pages' dates or events.  A fragment (a
    post body without its page) starts with its byline zone when it does not repeat the title."""
    t = title_index(page_lines, title)
    if t is None:
        if not fragment:
            return []
        t = -1
        page_lines.read(HEADER_AFTER + 2)
    lines = page_lines.items
    cache: dict[int, list] = {}

    def stamps_of(i: int) -> list:
        if i not in cache:
            line = lines[i]
            cache[i] = _stamps(line) if i != t and not line.boiler and len(line.text) <= MAX_SCAN_CHARS else []
        return cache[i]

    def dated_link(i: int) -> bool:
        return 0 <= i < len(lines) and lines[i].link_chars > 0 and bool(stamps_of(i))

    def in_dated_list(i: int) -> bool:
        return dated_link(i) and (dated_link(i - 1) or dated_link(i + 1))

    below = []
    for i in range(t + 1, min(len(lines), t + HEADER_AFTER)):
        if _starts_body(lines[i]):
            break
        below.append(i)
    above = list(range(t - 1, max(-1, t - HEADER_BEFORE - 1), -1))
    ranked: dict[int, list[Evidence]] = {}
    for i in below + above:
        line, is_below = lines[i], i > t
        for m, label in stamps_of(i):
            if label is None and (_is_link_list(line) or _is_prose(line) or in_dated_list(i)):
                continue
            rank = {"published": 0, None: 2, "updated": 4}[label] + (0 if is_below else 1)
            source = "header_updated" if label == "updated" else "header"
            ranked.setdefault(rank, []).append(Evidence(source, m.raw, m))
    return [e for rank in sorted(ranked) for e in ranked[rank]]


def labelled_values(lines: list[Line]) -> list[Evidence]:
    """The first stamp with a strong publication label anywhere; a weak label (`时间：`) only with a time of day."""
    for line in lines:  # boilerplate too: blogs put the stamp in a "post-footer"; comments come after it
        if len(line.text) > 300:
            continue
        if not re.search(r"[发刊首]|published|posted|date|时间|日期", line.text, re.I):
            continue
        from transforms.dates import normalize
        text = normalize(line.text)
        prev = 0
        for m in scan(line.text, partial=False):
            before = text[max(prev, m.start - 14):m.start]
            prev = m.end
            if _STRONG_LABEL.search(before) or (_WEAK_LABEL.search(before) and "H" in dict(m.fields)):
                return [Evidence("labelled", m.raw, m)]
    return []


def page_evidence(tree, title: str | None, fragment: bool = False) -> list[Evidence]:
    """All publication-date evidence of a page (or of a post body, `fragment`), best first.  When the
    markup states a complete stamp with a time of day, or the byline zone a complete stamp, the rest
    of the page (labelled and visible stamps, which rank below) is not read."""
    found = _meta_values(tree) + _json_ld_values(tree) + _script_values(tree) + _time_values(tree)
    lines = PageLines(tree)
    found += header_values(lines, title, fragment)
    if any(_timed(e) or (e.source == "header" and e.match.kind == "full") for e in found):
        return found
    rest = lines.read()
    return found + labelled_values(rest) + visible_values(rest)


def _timed(e: Evidence) -> bool:
    """A complete, plausible stamp with a time of day."""
    if e.match is not None:
        return e.match.kind == "full" and "H" in dict(e.match.fields)
    try:
        stamp = parse_value(e.raw, _UTC)
    except InvalidDate:
        return False
    return stamp is not None and stamp.precision != "day"


def visible_values(lines: list[Line]) -> list[Evidence]:
    """Complete stamps a reader sees outside navigation, sidebars, comments and link lists: never a
    date on their own, only what a library's answer must match to be believed (source `visible`)."""
    out = []
    for line in lines:
        if line.boiler or line.link_chars or len(line.text) > MAX_SCAN_CHARS:
            continue
        for m in scan(line.text):
            out.append(Evidence("visible", m.raw, m))
            if len(out) >= MAX_VISIBLE:
                return out
    return out
