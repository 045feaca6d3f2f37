"""Labelled pair set for the dedupe bench: known duplicate groups of the shared corpus, generated variants of
real articles, and hard negatives (different stories of one template).

Labels: 'dup' (same story: must be merged), 'different' (must not be merged), 'containment' (a digest
quoting a story: a relation, not a duplicate).  Every pair not labelled is a different story by default
(the corpus README lists its known duplicates); the bench prints any such pair it merges so it can be read.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from bench.dedupe_corpus import load_corpus
from transforms.dedupe.signatures import jaccard, normalize_for_hash, shingles

SHORT_CHARS = 200  # normalised characters: flash news


@dataclass
class PairSet:
    docs: dict = field(default_factory=dict)      # id -> doc
    pairs: dict = field(default_factory=dict)     # (a, b) sorted -> (label, kind)
    reader: str = ""

    def add_doc(self, doc: dict) -> None:
        self.docs[doc["id"]] = doc

    def label(self, a: str, b: str, label: str, kind: str) -> None:
        if a != b:
            self.pairs[tuple(sorted((a, b)))] = (label, kind)


def _paths(docs, needle):
    return [d for d in docs if needle in d["source_path"]]


def _known_groups(ps: PairSet, docs: list[dict]) -> None:
    rcep = [d for d in _paths(docs, "商务部：中国已经完成RCEP核准") if "每经15点" not in d["source_path"]]
    digest = _paths(docs, "每经15点丨商务部")
    for i, a in enumerate(rcep):
        for b in rcep[i + 1:]:
            ps.label(a["id"], b["id"], "dup", "known:rcep_two_posts")
        for d in digest:
            ps.label(a["id"], d["id"], "containment", "known:rcep_digest")
    fix = _paths(docs, "10分钟上演地天板")
    if len(fix) == 2:
        ps.label(fix[0]["id"], fix[1]["id"], "dup", "known:四连扳_correction")
    feed = {}
    for d in _paths(docs, "feed_messages.jsonl"):
        m = re.search(r"p/(\w+)", d.get("url") or d["id"] if "url" in d else "")
        key = m.group(1) if m else None
        feed.setdefault(key, d)
    for d in docs:
        m = re.search(r"zfe_html/p/(\w+)\.html", d["source_path"])
        if m and m.group(1) in feed and m.group(1) in "2df3 2be2 2a59 265a 21c1 1f02 193 179a 1797 1127".split():
            ps.label(d["id"], feed[m.group(1)]["id"], "dup", "known:zfe_page_vs_feed")
    by_path = {re.search(r"p/(\w+)\.html", d["source_path"]).group(1): d
               for d in _paths(docs, "zfe_html/p/")}
    for a, b in (("f691", "2bb6"), ("5f63", "a4b9"), ("3325", "b604")):
        if a in by_path and b in by_path:
            ps.label(by_path[a]["id"], by_path[b]["id"], "dup", "known:cross_site")
    # natural reposts inside the corpus (e.g. the same SogouCS story twice): same title and clearly similar text;
    # the title is independent evidence, the 0.5 floor keeps a recurring column title from linking two stories
    by_title = {}
    for d in docs:
        t = normalize_for_hash(d.get("title") or "")
        if len(t) >= 6:
            by_title.setdefault(t, []).append(d)
    for group in by_title.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                sa = shingles(normalize_for_hash(a["text"]))
                sb = shingles(normalize_for_hash(b["text"]))
                if sa.size and sb.size and jaccard(sa, sb) >= 0.5 and tuple(sorted((a["id"], b["id"]))) not in ps.pairs:
                    ps.label(a["id"], b["id"], "dup", "natural:same_title")
    gbk = {d["record_index"]: d for d in _paths(docs, "liaozp1-textsum")}
    utf = {d["record_index"]: d for d in _paths(docs, "NICE-FUTURE")}
    for i, d in gbk.items():
        if i in utf:
            ps.label(d["id"], utf[i]["id"], "dup", "known:sogou_gbk_utf8")


BOILER_HEAD = ["来源：每日经济新闻 责任编辑：张三", "【财联社讯】", "原标题：{title}", "点击关注，获取更多资讯"]
BOILER_TAIL = ["免责声明：本文仅代表作者个人观点，与本网站无关，不构成投资建议。", "（编辑：李四）",
               "特别声明：以上内容(如有图片或视频亦包括在内)为自媒体平台用户上传并发布。", "扫码下载APP，看更多财经新闻"]
_FULLWIDTH = {c: chr(ord(c) + 0xFEE0) for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz%"}
_PUNCT = {"，": ",", "。": ".", "：": ":", "（": "(", "）": ")", "“": '"', "”": '"', "！": "!", "？": "?"}


def _edit_chars(text: str, n: int, rng: random.Random) -> str:
    chars = list(text)
    cjk = [i for i, c in enumerate(chars) if "\u4e00" <= c <= "\u9fff"]
    for i in rng.sample(cjk, min(n, len(cjk))):
        chars[i] = chr(rng.randint(0x4E00, 0x9FA5))
    return "".join(chars)


def variants(doc: dict, rng: random.Random) -> list[tuple[str, str]]:
    """(kind, text) same-story variants of one article."""
    text = doc["text"]
    lines = [line for line in text.split("\n") if line.strip()]
    out = [
        ("punct_width", "".join(_FULLWIDTH.get(c, _PUNCT.get(c, c)) for c in text).replace("\n", "\n  ")),
        ("correction_4_chars", _edit_chars(text, 4, rng)),
        ("boiler_added", rng.choice(BOILER_HEAD).format(title=doc.get("title") or "") + "\n" + text + "\n"
         + rng.choice(BOILER_TAIL)),
        ("truncated_90pct", text[: int(len(text) * rng.uniform(0.85, 0.95))]),
    ]
    if len(lines) >= 3:
        i = rng.randrange(len(lines))
        edited = lines[:i] + [_edit_chars(lines[i], max(2, len(lines[i]) // 10), rng)] + lines[i + 1:]
        out.append(("paragraph_edited", "\n".join(edited)))
        out.append(("boiler_removed", "\n".join(lines[1:-1]) if len(lines) > 3 else "\n".join(lines[1:])))
    return out


MARKET = ("{m}月{d}日，A股三大指数{trend}。截至收盘，沪指{v1}{a}%报{p1}点，深成指{v2}{b}%报{p2}点，创业板指{v3}{c}%。"
          "两市成交额{vol}亿元，北向资金净{flow}{nb}亿元。盘面上，{s1}、{s2}板块涨幅居前，{s3}、{s4}板块跌幅居前。")
SECTORS = "煤炭 光伏 锂电池 半导体 白酒 医药 银行 券商 房地产 汽车零部件 军工 有色金属 游戏 传媒 钢铁 农业".split()


def market_summaries(n: int, rng: random.Random) -> list[str]:
    """Different daily market summaries of one template (hard negatives: never merge two of them)."""
    out = []
    for i in range(n):
        up = rng.random() < 0.5
        s = rng.sample(SECTORS, 4)
        out.append(MARKET.format(
            m=1 + i // 28 % 12, d=1 + i % 28, trend="集体收涨" if up else "集体收跌",
            v1="涨" if up else "跌", v2="涨" if up else "跌", v3=rng.choice("涨跌"),
            a=f"{rng.uniform(0, 2):.2f}", b=f"{rng.uniform(0, 3):.2f}", c=f"{rng.uniform(0, 4):.2f}",
            p1=f"{rng.uniform(2900, 3600):.2f}", p2=f"{rng.uniform(9000, 13000):.2f}",
            vol=rng.randint(6000, 12000), flow=rng.choice(["买入", "卖出"]), nb=f"{rng.uniform(1, 90):.2f}",
            s1=s[0], s2=s[1], s3=s[2], s4=s[3]))
    return out


def build_pair_set(n_bases: int = 250, n_short_bases: int = 150, n_market: int = 120, seed: int = 7) -> PairSet:
    rng = random.Random(seed)
    docs, reader = load_corpus()
    ps = PairSet(reader=reader)
    for d in docs:
        ps.add_doc(d)
    _known_groups(ps, docs)

    # bases: one copy of each SogouCS doc (the other file is its known duplicate), enough text to vary
    copies = {b for (a, b), (lab, _) in ps.pairs.items() if lab == "dup"}  # one base per known group
    bases = [d for d in docs if d["id"] not in copies and len(normalize_for_hash(d["text"])) >= 60]
    bases.sort(key=lambda d: d["id"])
    long_bases = [d for d in bases if len(normalize_for_hash(d["text"])) >= SHORT_CHARS]
    for d in rng.sample(long_bases, min(n_bases, len(long_bases))):
        for kind, text in variants(d, rng):
            vid = f"{d['id']}~{kind}"
            ps.add_doc(dict(d, id=vid, text=text))
            ps.label(d["id"], vid, "dup", "variant:" + kind)
    # flash news: the first sentences (60-190 characters) of real articles, and their variants
    for d in rng.sample(bases, min(n_short_bases, len(bases))):
        cut = d["text"][: rng.randint(60, 190)]
        sid = f"{d['id']}~flash"
        flash = dict(d, id=sid, text=cut)
        ps.add_doc(flash)
        # the flash is a prefix of its source: the same story when it is most of it, else a contained excerpt
        sb, sf = shingles(normalize_for_hash(d["text"])), shingles(normalize_for_hash(cut))
        same = sb.size and sf.size and jaccard(sb, sf) >= 0.5
        ps.label(d["id"], sid, "dup" if same else "containment", "short:flash_vs_source")
        for kind, text in variants(flash, rng):
            vid = f"{sid}~{kind}"
            ps.add_doc(dict(d, id=vid, text=text))
            ps.label(sid, vid, "dup", "short_variant:" + kind)
    market = market_summaries(n_market, rng)
    for i, text in enumerate(market):
        ps.add_doc({"id": f"market#{i:03d}", "title": "收评", "text": text, "source_path": "synthetic",
                    "record_index": i, "published_at": None})
    for i in range(len(market)):
        for j in range(i + 1, len(market)):
            ps.label(f"market#{i:03d}", f"market#{j:03d}", "different", "hardneg:market_summary")
    return ps
