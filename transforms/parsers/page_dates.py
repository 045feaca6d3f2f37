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

from lxml import etree

from transforms.dates import StampMatch, scan

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
_BLOCK = {"div", "p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "table", "section", "article",
          "header", "footer", "aside", "nav", "dd", "dt", "dl", "blockquote", "pre", "form", "td", "th", "hr", "center",
          "main", "figure", "figcaption", "tbody"}
_SKIP = {"script", "style", "noscript", "template", "select", "option", "textarea", "iframe", "svg", "head", "button"}
_BOILER_TAGS = {"nav", "footer", "aside"}
_CONTAINERS = {"html", "body", "main", "article"}
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
    return el.tag in _BOILER_TAGS or bool(_BOILER_CLASS.search(f'{el.get("class", "")} {el.get("id", "")}'))


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


def visible_lines(tree) -> list[Line]:
    """The page's visible text split at block elements, with how much of each line is link text and
    whether it sits in navigation, a sidebar, a footer or a comment list."""
    body = tree.find(".//body")
    root = body if body is not None else tree
    lines: list[Line] = [Line()]
    link_depth = boiler_depth = heading_depth = skip_depth = 0

    def add(text: str | None):
        if not text or skip_depth:
            return
        line = lines[-1]
        line.text += text
        if link_depth:
            line.link_chars += len(text.strip())
        if heading_depth:
            line.heading = True
        if boiler_depth:
            line.boiler_chars += len(text.strip())

    def new_line():
        if lines[-1].text.strip():
            lines.append(Line())
        else:
            lines[-1] = Line()

    for event, el in etree.iterwalk(root, events=("start", "end")):
        if len(lines) > MAX_LINES:
            break
        tag = el.tag if isinstance(el.tag, str) else None
        if event == "start":
            if tag is None:
                continue
            if tag in _SKIP:
                skip_depth += 1
                continue
            if tag in _BLOCK:
                new_line()
            link_depth += tag == "a"
            heading_depth += tag in ("h1", "h2")
            boiler_depth += _boiler(el)
            add(el.text)
        else:
            if tag is not None:
                if tag in _SKIP:
                    skip_depth -= 1
                else:
                    link_depth -= tag == "a"
                    heading_depth -= tag in ("h1", "h2")
                    boiler_depth -= _boiler(el)
                    if tag in _BLOCK:
                        new_line()
            add(el.tail)
    for line in lines:
        line.text = re.sub(r"\s+", " ", line.text).strip()
    return [l for l in lines if l.text]


def _norm(s: str) -> str:
    return re.sub(r"[\W_]+", "", s or "").lower()


def title_index(lines: list[Line], title: str | None) -> int | None:
    """Index of the line that shows the article's title: a heading that matches the page title, else
    any line that does, else the first h1/h2."""
    t = _norm(title)
    first_heading = None
    for want_heading in (True, False):
        for i, line in enumerate(lines):
            if want_heading and not line.heading:
                continue
            if line.heading and first_heading is None:
                first_heading = i
            n = _norm(line.text)
            if len(n) >= 4 and t and (n == t or (len(n) >= 6 and n in t) or (len(t) >= 6 and t in n and len(n) < 2 * len(t) + 10)):
                return i
    return first_heading


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


def header_values(lines: list[Line], title: str | None, fragment: bool = False) -> list[Evidence]:
    """Stamps of the byline zone, best first: labelled as publication (below the title, then above),
    unlabelled below, unlabelled above (nearest first: a site's "today" clock sits at the very top),
    then stamps labelled as updates.  Unlabelled stamps in a dated list (several lines of a link and
    a date: related/latest news) or in a sentence are other pages' dates or events.  A fragment (a
    post body without its page) starts with its byline zone when it does not repeat the title."""
    t = title_index(lines, title)
    if t is None:
        if not fragment:
            return []
        t = -1
    stamps = [_stamps(line) if i != t and not line.boiler else [] for i, line in enumerate(lines[:max(t, 0) + HEADER_AFTER + 1])]
    dated_link = [bool(st) and line.link_chars > 0 for st, line in zip(stamps, lines)]

    def in_dated_list(i: int) -> bool:
        return dated_link[i] and ((i > 0 and dated_link[i - 1]) or (i + 1 < len(dated_link) and dated_link[i + 1]))

    below = []
    for i in range(t + 1, min(len(stamps), t + HEADER_AFTER)):
        if _starts_body(lines[i]):
            break
        below.append(i)
    above = list(range(t - 1, max(-1, t - HEADER_BEFORE - 1), -1))
    ranked: dict[int, list[Evidence]] = {}
    for i in below + above:
        line, is_below = lines[i], i > t
        for m, label in stamps[i]:
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
    """All publication-date evidence of a page (or of a post body, `fragment`), best first."""
    found = _meta_values(tree) + _json_ld_values(tree) + _script_values(tree) + _time_values(tree)
    lines = visible_lines(tree)
    return found + header_values(lines, title, fragment) + labelled_values(lines) + visible_values(lines)


def visible_values(lines: list[Line]) -> list[Evidence]:
    """Complete stamps a reader sees outside navigation, sidebars, comments and link lists: never a
    date on their own, only what a library's answer must match to be believed (source `visible`)."""
    out = []
    for line in lines:
        if line.boiler or _is_link_list(line) or line.link_chars:
            continue
        for m in scan(line.text):
            out.append(Evidence("visible", m.raw, m))
            if len(out) >= MAX_VISIBLE:
                return out
    return out
