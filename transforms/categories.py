"""The category taxonomy: ASCII slugs (safe partition values) with Chinese labels.

Source labels are matched first (they are the publisher's own decision), then keywords of the
title and text.  Anything else is `other`; nothing a document says ever becomes a path.
"""
from __future__ import annotations

import re

# slug -> (Chinese label, label keywords, text keywords)
TAXONOMY: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "finance": ("财经", ("金融", "财经", "股票", "证券", "基金", "银行", "保险", "理财", "经济", "财联社", "每经", "期货", "债券", "股市", "港股", "美股", "A股", "finance", "stock", "business", "economy", "money", "market"),
                ("股份", "股价", "涨停", "跌停", "上市", "融资", "投资", "营收", "净利润", "银行", "证券", "基金", "A股", "港股", "市值", "央行", "利率", "财报", "亿元", "交易所")),
    "health": ("健康", ("医疗", "健康", "医药", "医学", "医院", "卫生", "疫情", "药", "health", "medical", "medicine", "pharma"),
               ("医院", "患者", "医生", "疫苗", "药物", "治疗", "临床", "病毒", "疫情", "医疗", "诊疗", "药品", "卫健委", "症状", "病例")),
    "tech": ("科技", ("科技", "互联网", "数码", "IT", "手机", "通信", "汽车", "tech", "technology", "digital"),
             ("芯片", "手机", "互联网", "人工智能", "软件", "5G", "算法", "电动车", "智能", "App", "苹果", "华为")),
    "society": ("社会", ("社会", "国内", "国际", "新闻", "时政", "教育", "society", "world", "news", "politics"), ()),
    "other": ("其他", (), ()),
}
# Order matters for text keywords only: the first category with enough hits wins.
_TEXT_MIN_HITS = 3


def category_label(slug: str) -> str:
    return TAXONOMY.get(slug, TAXONOMY["other"])[0]


def _keyword_in(keyword: str, label: str) -> bool:
    """Chinese keywords match as substrings; ASCII ones only as whole words (so 'news' != 'news.site')."""
    if keyword.isascii():
        return re.search(rf"(?<![a-z0-9.]){re.escape(keyword.lower())}(?![a-z0-9.])", label) is not None
    return keyword in label


def _label_match(label: str) -> str | None:
    low = label.lower().strip()
    if not low or re.search(r"[a-z0-9-]+\.[a-z]{2,}", low):  # a host name is not a category
        return None
    for slug, (_, labels, _) in TAXONOMY.items():
        if any(_keyword_in(k, low) for k in labels):
            return slug
    return None


def categorize(raw_categories: list[str], title: str | None, text: str | None) -> str:
    """Taxonomy slug for an article."""
    for label in raw_categories:
        slug = _label_match(label)
        if slug:
            return slug
    body = f"{title or ''}\n{(text or '')[:3000]}"
    best, best_hits = "other", 0
    for slug, (_, _, words) in TAXONOMY.items():
        hits = sum(body.count(w) for w in words)
        if hits >= _TEXT_MIN_HITS and hits > best_hits:
            best, best_hits = slug, hits
    return best


def split_source_labels(value: str) -> list[str]:
    """Split a feed 'source' like 'news.zfe.space (RSSHub) / 金融/财联社/深度' into labels."""
    return [p.strip() for p in re.split(r"[/|>»,，]", value or "") if p.strip()]
