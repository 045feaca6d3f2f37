"""Main-text extraction (boilerplate removal) for HTML pages/fragments and plain text.

Pure functions, no Beam. The HTML extractor is a "maximum-scoring subtree" method:
every text block (paragraph-like run of text) gets a value that is positive for prose
(length, sentence punctuation such as ，。、 and .,) and negative for boilerplate (link text,
short unpunctuated lines such as menus); values are summed bottom-up over the DOM and the
element with the highest sum (content deeper below an element is discounted per level) is
the article container; siblings scoring at least half as much join it (an article split by
an ad slot). Child subtrees whose sum is clearly negative (related lists, share bars inside
the article) are pruned; short-fragment input (feed items) keeps all non-link blocks.
No site rules: only text/link/punctuation density, block structure and a few generic
class/id words (comment, share, related, ...) used by nearly every CMS.
"""
from __future__ import annotations

import re
import time
import unicodedata
from typing import NamedTuple

import lxml.etree
import lxml.html


class ExtractionLimitExceeded(Exception):
    """A per-document bound was hit; `.reason` is a snake_case reject code."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


class CleanedText(NamedTuple):
    text: str
    source: str | None


# --------------------------------------------------------------------------- normalisation

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"), None)
# Full-width forms kept as they are: they are ordinary Chinese punctuation.
_KEEP_FULLWIDTH = set("，：；！？（）")
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff0c\uff1a\uff1b\uff01\uff1f\uff08\uff09"
_SPACES_RE = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")


def _nfkc_safe_char(ch: str) -> str:
    o = ord(ch)
    # Full-width ASCII (letters, digits, symbols) and half-width katakana, compatibility
    # ideographs: NFKC maps them to the same character in its usual form. Other compatibility
    # characters (², ①, ™, ½ ...) are left alone: NFKC would change their meaning.
    if (0xFF01 <= o <= 0xFF5E and ch not in _KEEP_FULLWIDTH) or 0xFF61 <= o <= 0xFFEE \
            or 0xF900 <= o <= 0xFAFF:
        return unicodedata.normalize("NFKC", ch)
    return ch


_NFKC_RANGE_RE = re.compile("[\uff01-\uff5e\uff61-\uffee\uf900-\ufaff]")
# Anything normalize_text would change: a zero-width or '\r' character, a character that
# _nfkc_safe_char maps, a space other than one ASCII space, a run of spaces, whitespace at a
# line's start or end. Text without any is already normal (e.g. clean-stage output that is
# normalised again downstream), and one search is far cheaper than the rewrite.
_NEEDS_NORMALIZING_RE = re.compile(
    "[" + re.escape("".join(map(chr, _ZERO_WIDTH)) + "\r"
                    + "".join(chr(o) for o in range(0xFF01, 0xFF5F) if chr(o) not in _KEEP_FULLWIDTH))
    + "\uff61-\uffee\uf900-\ufaff\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
    + "|  |^[^\\S\\n]|[^\\S\\n]$", re.M)


def normalize_text(text: str) -> str:
    """Width/space normalisation that keeps meaning: full-width ASCII -> ASCII (Chinese
    punctuation ，：；！？（） kept), zero-width characters removed, all kinds of spaces
    (incl. U+3000, NBSP) -> one ASCII space, lines stripped, CRLF -> LF."""
    if not text:
        return ""
    if not _NEEDS_NORMALIZING_RE.search(text):
        return text
    return _normalize_text_full(text)


def _normalize_text_full(text: str) -> str:
    # The rewrite itself; equal to `text` when _NEEDS_NORMALIZING_RE finds nothing.
    text = text.translate(_ZERO_WIDTH)
    text = _NFKC_RANGE_RE.sub(lambda m: _nfkc_safe_char(m.group()), text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = (_SPACES_RE.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(lines)


# --------------------------------------------------------------------------- HTML extraction

_DROP_TAGS = {
    "script", "style", "noscript", "iframe", "object", "embed", "svg", "canvas", "template",
    "nav", "aside", "footer", "select", "option", "button", "input", "textarea", "map",
    "title", "meta", "link", "audio", "video", "source",
}
_BLOCK_TAGS = {
    "address", "article", "blockquote", "body", "center", "dd", "details", "dialog", "dir",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "menu", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "caption",
}
# Generic class/id words for widgets that are never the article (matched on word parts).
_NEG_WORDS_RE = re.compile(
    r"(?:^|[^a-z])(?:comments?|commentlist|share|sharing|social|related|recommends?|breadcrumbs?|"
    r"crumbs?|sidebar|sidenav|footer|foot|navbar|nav|menu|advert\w*|ads?|adv|banner|popup|modal|"
    r"copyright|subscribe|newsletter|hotnews|toolbar|pagination|pager|reward|"
    r"tags?|keywords?|disclaimer)(?:$|[^a-z])"
)
_POS_WORDS_RE = re.compile(r"article|content|entry|post|story|main|text|body")
_PUNCT_RE = re.compile(r"[，。、；！？]|[,.;:!?](?=\s|$)")  # sentence punctuation, not 16:58 or 3.5
_CJK_NL_RE = re.compile(rf"(?<=[{_CJK}])[ \t\r\n]*\n[ \t\r\n]*(?=[{_CJK}])")
_WS_RE = re.compile(r"[ \t\r\n\f\v]+")
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_BOILER_LINE_RE = re.compile(
    r"(?:copyright|版权所有|©|\(c\)\s*\d{4}|all rights reserved|icp[备证]|京icp|公网安备|"
    r"未经.{0,6}(?:授权|许可).{0,12}(?:转载|复制)|禁止转载|分享到[:：]?|扫一扫|扫码关注|"
    r"点击(?:进入|查看|下载))",
    re.I,
)

_BLOCK_COST = 10.0       # a block must earn its place: "首页" / "Home" end up negative
_LINK_PENALTY = 1.5      # link text counts against a subtree
_NOPUNCT_WEIGHT = 0.3    # text without sentence punctuation is worth less (menus, labels)
_PRUNE_BELOW = -30.0     # children of the container with a sum below this are dropped
_WIDGET_MAX_SHARE = 0.5  # a class-named "widget" holding more of the page text is a wrapper
_MIN_CONTAINER_SCORE = 30.0  # below this the page is treated as a short fragment
_SIBLING_SHARE = 0.5     # a sibling of the container with this share of its score joins it
_DEPTH_DECAY = 0.85      # per DOM level, see extract_main_text
_NEG_WEIGHT = 0.2        # boilerplate counts less than prose when choosing the container


class _Block:
    __slots__ = ("owner", "parts", "link_chars", "link_punct", "table_row")

    def __init__(self, owner):
        self.owner = owner
        self.parts: list[str] = []
        self.link_chars = 0
        self.link_punct = 0  # punctuation inside links: a linked title is not a sentence
        self.table_row = False


def _is_data_cell(el) -> bool:
    """A table cell holding a short inline value (not a layout cell holding the page)."""
    for i, d in enumerate(el.iterdescendants()):
        if i > 50 or (isinstance(d.tag, str) and d.tag in _BLOCK_TAGS):
            return False  # bounded look: a cell with many elements is layout anyway
    return len(el.text_content()) < 200


def _class_id(el) -> str:
    return ((el.get("class") or "") + " " + (el.get("id") or "")).lower()


def _is_hidden(el) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    # not visibility:hidden: WeChat and other lazy-reveal templates hide the article body
    # that way until their script runs
    return "display:none" in style or el.get("hidden") is not None


def _check_time(start: float, budget: float) -> None:
    if time.monotonic() - start > budget:
        raise ExtractionLimitExceeded("extract_timeout", f"over {budget:.1f}s")


def _parse(html: str, max_chars: int):
    if len(html) > max_chars:
        raise ExtractionLimitExceeded("html_too_large", f"{len(html)} chars > {max_chars}")
    html = _XML_DECL_RE.sub("", html)
    if not html.strip():
        return None
    # huge_tree: libxml2 would otherwise silently cut everything below depth 256 (old pages
    # with unclosed <font>s get there); our own max_depth check bounds the tree instead.
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True)
    try:
        return lxml.html.document_fromstring(html, parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return None


def _drop(elements) -> None:
    for el in elements:
        parent = el.getparent()
        if parent is None:
            continue
        # keep the tail text (it belongs to the parent)
        tail = el.tail
        if tail and tail.strip():
            prev = el.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
        parent.remove(el)


def _prune(root, max_depth: int, start: float, budget: float) -> None:
    """Drop non-content elements in place (checking depth on the way): first tags that never
    hold article text, then widgets recognised by their class/id words."""
    to_drop = []
    n = 0
    stack = [(root, 0)]
    while stack:
        el, depth = stack.pop()
        n += 1
        if depth > max_depth:
            raise ExtractionLimitExceeded("html_too_deep", f"depth > {max_depth}")
        if n % 2000 == 0:
            _check_time(start, budget)
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if not tag or tag in _DROP_TAGS or _is_hidden(el):
            to_drop.append(el)
            continue
        for child in el:
            stack.append((child, depth + 1))
    _drop(to_drop)
    _check_time(start, budget)

    to_drop = []
    page_len = max(1, len(_WS_RE.sub("", root.text_content())))
    stack = [root]
    while stack:
        el = stack.pop()
        if "rss-need-del" in (el.get("class") or "").split():
            to_drop.append(el)  # RSSHub marks in-article promos with exactly this class
            continue
        if el.tag not in ("html", "body"):
            ci = _class_id(el)
            if ci.strip() and _NEG_WORDS_RE.search(ci) and not _POS_WORDS_RE.search(ci):
                # Guard: a wrapper holding a large share of the page text is not a widget.
                # Guard: a wrapper holding the headline / article or nearly all the page
                # text is not a widget, whatever its class says.
                share = len(_WS_RE.sub("", el.text_content())) / page_len
                if share < _WIDGET_MAX_SHARE or (
                        share < 0.9 and next(el.iter("h1", "article", "main"), None) is None):
                    to_drop.append(el)
                    continue
        stack.extend(el)
    _drop(to_drop)


def _collect_blocks(root, start: float, budget: float) -> list[_Block]:
    """Split the tree into text blocks (block elements and <br> delimit them)."""
    blocks: list[_Block] = []
    cur = _Block(root)
    link_depth = 0
    # stack entries: ("open", el) or ("close", el)
    stack = [("open", root)]
    n = 0

    def flush(owner):
        nonlocal cur
        if cur.parts:
            blocks.append(cur)
        cur = _Block(owner)

    owners = [root]
    while stack:
        action, el = stack.pop()
        n += 1
        if n % 5000 == 0:
            _check_time(start, budget)
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if action == "open":
            is_block = tag in _BLOCK_TAGS
            if tag in ("td", "th") and _is_data_cell(el):
                # a cell of a data table: the row (tr) is the block, cells are tab-separated
                is_block = False
                cur.parts.append("\t")
                cur.table_row = True
            if is_block:
                flush(el)
                owners.append(el)
            elif tag == "br":
                flush(owners[-1])
            elif tag == "a":
                link_depth += 1
            if el.text:
                cur.parts.append(el.text)
                if link_depth:
                    cur.link_chars += len(el.text.strip())
                    cur.link_punct += len(_PUNCT_RE.findall(el.text))
            stack.append(("close", el))
            for child in reversed(el):
                stack.append(("open", child))
        else:
            if tag in _BLOCK_TAGS and owners[-1] is el:
                owners.pop()
                flush(owners[-1] if owners else root)
            elif tag == "a":
                link_depth -= 1
            if el.tail:
                cur.parts.append(el.tail)
                if link_depth:
                    cur.link_chars += len(el.tail.strip())
                    cur.link_punct += len(_PUNCT_RE.findall(el.tail))
    flush(root)
    return blocks


def _block_text(block: _Block) -> str:
    text = "".join(block.parts)
    text = _CJK_NL_RE.sub("", text)
    return _WS_RE.sub(" ", text).strip()


def _block_value(text: str, link_chars: int, link_punct: int = 0) -> float:
    length = len(text.replace(" ", ""))
    if not length:
        return 0.0
    link_chars = min(link_chars, length)
    plain = length - link_chars
    punct = len(_PUNCT_RE.findall(text)) - link_punct
    weight = 1.0 if punct else _NOPUNCT_WEIGHT
    if punct:
        # Sentences with inline links (references, news digests) are prose: link text counts
        # for it while links are a minority and against it as they take over (-1.5 at 100%).
        density = link_chars / length
        return plain + link_chars * (1.0 - 2.5 * density) - _BLOCK_COST
    return plain * weight - _LINK_PENALTY * link_chars - _BLOCK_COST


def extract_main_text(html: str, *, max_chars: int = 5_000_000, max_depth: int = 2_000,
                      time_budget_s: float = 10.0) -> str:
    """Main text of an HTML page or fragment, paragraphs joined by '\n'.

    Raises ExtractionLimitExceeded (reason html_too_large / html_too_deep / extract_timeout)
    when a bound is hit, so one pathological page cannot stall a worker."""
    start = time.monotonic()
    if not html:
        return ""
    root = _parse(html, max_chars)
    if root is None:
        return ""
    _prune(root, max_depth, start, time_budget_s)
    blocks = _collect_blocks(root, start, time_budget_s)
    texts = [_block_text(b) for b in blocks]
    if not any(texts):
        return ""
    own: dict = {}
    for b, t in zip(blocks, texts):
        if t:
            own[b.owner] = own.get(b.owner, 0.0) + _scored_value(b, t)
    _check_time(start, time_budget_s)

    best, best_score, total = _choose_container(root, own)
    if best_score < _MIN_CONTAINER_SCORE:
        # Too little prose to trust a container (a one-paragraph feed item, a fact sheet):
        # keep every block that is not mostly link text.
        return _finish([t for b, t in zip(blocks, texts) if t and b.link_chars < 0.5 * len(t)])
    _check_time(start, time_budget_s)

    # Inside the container, drop child subtrees that are clearly boilerplate (a related
    # list or share bar inside the article element).
    roots = [best]
    parent = best.getparent()
    if parent is not None and _SIBLING_SHARE < 1:
        # the article split over sibling elements (an ad or a slot between two halves)
        roots += [sib for sib in parent
                  if sib is not best and total.get(sib, 0.0) > _SIBLING_SHARE * total.get(best, 0.0)]
    kept = set()
    stack = list(roots)
    while stack:
        el = stack.pop()
        if el not in roots and total.get(el, 0.0) < _PRUNE_BELOW:
            continue
        kept.add(el)
        stack.extend(el)
    return _finish([t for b, t in zip(blocks, texts) if t and b.owner in kept])


def _scored_value(block: _Block, text: str) -> float:
    v = _block_value(text, block.link_chars, block.link_punct)
    if block.table_row and block.link_chars < 0.5 * len(text):
        v = max(v, 0.5 * len(text))  # data rows (numbers, labels) lack punctuation
    return v


def _choose_container(root, own: dict):
    """The element with the best subtree score; also returns the plain subtree sums.

    `total` is the plain sum of block values below an element (used for pruning). `select`
    picks the container: boilerplate counts less than prose (recall), and content deeper
    below a node counts a little less per level, so the direct parent of the paragraphs
    beats an ancestor that merely adds teaser lists or comments around it (precision)."""
    order = list(root.iter())
    total: dict = {}
    select: dict = {}
    for el in reversed(order):  # reversed pre-order: children before their parent
        o = own.get(el, 0.0)
        s = total.get(el, 0.0) + o
        total[el] = s
        z = select.get(el, 0.0) + (o if o > 0 else _NEG_WEIGHT * o)
        select[el] = z
        parent = el.getparent()
        if parent is not None:
            total[parent] = total.get(parent, 0.0) + s
            select[parent] = select.get(parent, 0.0) + _DEPTH_DECAY * z
    best, best_score = root, float("-inf")
    for el in reversed(order):  # descendants first: ties go to the smaller subtree
        z = select.get(el, 0.0)
        if z > best_score:
            best, best_score = el, z
    return best, best_score, total


_MARKUP_RE = re.compile(r"</?[a-zA-Z][^<>]{0,200}>|<!--|-->")


def _is_markup(line: str) -> bool:
    """Escaped HTML shown as text (double-encoded feeds, broken templates)."""
    tags = _MARKUP_RE.findall(line)
    return len(tags) >= 2 and sum(map(len, tags)) > 0.3 * len(line)


_NAV_SEP_RE = re.compile(r"\s*[|｜]\s*")


def _is_nav_line(line: str) -> bool:
    """'返回页首 | 关闭窗口', 'Home | News | Contact': short items between bars."""
    parts = _NAV_SEP_RE.split(line)
    return len(parts) >= 2 and all(len(p) <= 12 for p in parts) and not _PUNCT_RE.search(line)


def _finish(block_texts: list[str]) -> str:
    lines = [ln for ln in normalize_text("\n".join(block_texts)).split("\n") if ln]
    return "\n".join(ln for ln in lines if not (
        (len(ln) < 120 and _BOILER_LINE_RE.search(ln)) or _is_markup(ln) or _is_nav_line(ln)))


# --------------------------------------------------------------------------- plain text

_SOURCE_RE = re.compile(
    r"^[\(（\[【]?\s*(?:文章|本文|新闻)?来源(?:公众号)?\s*[:：]\s*(.{1,40}?)\s*[\)）\]】]?$")
_CUT_MARKERS_RE = re.compile(
    r"^(?:为你推荐|为您推荐|相关阅读|推荐阅读|相关新闻|相关文章|延伸阅读|猜你喜欢|热门推荐|更多精彩|"
    r"热点推荐|精彩推荐|往期回顾|往期推荐|热门文章|相关推荐)\s*[:：]?\s*$"
)
_TAIL_START_RE = re.compile(r"^(?:免责声明|声明\s*[:：]|特别声明|风险提示\s*[:：])")
_DROP_LINE_RE = re.compile(
    r"^[\(（\[【]?\s*(?:原标题|责任编辑|编辑|实习编辑|校对|审核|责编|本文编辑)\s*[:：]"
    r"|^(?:扫码关注|扫描二维码|长按(?:识别)?二维码|关注我们|点击关注)"
)
_TIMESTAMP_LINE_RE = re.compile(r"^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
_BYLINE_RE = re.compile(
    r"^[\(（【]?\s*(?:(?:本报|特约|实习)?记者|通讯员|作者|文\s*[/|／:：]|撰文|编译|图\s*[/|／:：]|"
    r"文\s*\|)"
)


def _source_of(line: str) -> str | None:
    m = _SOURCE_RE.match(line)
    return m.group(1).strip() or None if m else None


_TAIL_LINE_RE = re.compile(
    r"禁止转载|谢绝转载|未经.{0,6}(?:授权|许可|同意).{0,12}(?:转载|复制|使用)|转载请注明|版权(?:归|所有|声明)|"
    r"授权发布|题图来自|图片来自|观点仅代表作者|仅提供信息存储空间|打赏|欢迎关注|点击关注|"
    r"^[\(（【]?\s*(?:翻译|校对|编辑|责编|审核|监制|排版|美编|统筹|策划)\s*[/／:：|]|"
    r"^[\(（【]\s*(?:记者|编辑|责任编辑|作者)[^)）】]{1,20}[\)）】]$|"
    r"^[\(（【]?\s*(?:作者|本文作者|原文链接|原文地址|原文|公众号|微信公众号|本文来源)\s*[:：]"
)
_HEAD_LINES = 3  # bylines and 来源 are looked for in the first lines ...
_TAIL_LINES = 6  # ... and 来源 in the last ones (a figure caption "来源：Wind" mid-text stays)


def clean_plain_text(text: str) -> CleanedText:
    """Strip trailing blocks (来源/原标题/责任编辑/免责声明/扫码关注/为你推荐/相关阅读/推荐
    阅读, lists of recommended items, licence notices) and leading bylines from plain text;
    "来源：X" at the head or tail is returned as `source` instead of staying in the text."""
    lines = [ln for ln in normalize_text(text or "").split("\n") if ln]
    source = None
    # 1. cut at a recommendation heading or a disclaimer (everything after is not the article)
    for i, ln in enumerate(lines):
        if i > 0 and (_CUT_MARKERS_RE.match(ln) or _TAIL_START_RE.match(ln)):
            lines = lines[:i]
            break
    # 2. lists of recommended items: >= 2 timestamp-only lines, regularly spaced, at the end
    ts = [i for i, ln in enumerate(lines) if _TIMESTAMP_LINE_RE.match(ln)]
    if len(ts) >= 2 and ts[-1] >= len(lines) - 2:
        period = ts[-1] - ts[-2]
        first = len(ts) - 1
        while first > 0 and ts[first] - ts[first - 1] == period:
            first -= 1
        cut = max(0, ts[first] - period + 1)
        if cut > 0:
            lines = lines[:cut]
    # 3. line-level drops; 来源 at the head or tail goes to metadata
    out = []
    n = len(lines)
    for i, ln in enumerate(lines):
        if i < _HEAD_LINES or i >= n - _TAIL_LINES:
            src = _source_of(ln)
            if src:
                source = source or src
                continue
        if _DROP_LINE_RE.match(ln):
            continue
        out.append(ln)
    # 4. trailing notices (licence, 题图来自, 编辑/校对 credits), from the end backwards
    while len(out) > 1 and len(out[-1]) <= 150 and _TAIL_LINE_RE.search(out[-1]):
        out.pop()
    # 5. bylines among the first lines: short standalone lines only (a dateline followed by
    #    body text on the same line stays)
    head = [ln for ln in out[:_HEAD_LINES] if not (len(ln) <= 40 and _BYLINE_RE.match(ln))]
    if len(head) < min(_HEAD_LINES, len(out)) and len(out) > 1:
        out = head + out[_HEAD_LINES:]
    return CleanedText("\n".join(out), source)


def clean_body(body: str, body_format: str, **limits) -> CleanedText:
    """Convenience for the pipeline: HTML -> extract_main_text -> clean_plain_text."""
    if body_format == "html":
        return clean_plain_text(extract_main_text(body or "", **limits))
    return clean_plain_text(body or "")
