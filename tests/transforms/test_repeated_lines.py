"""Tests for transforms.repeated_lines (cross-document repeated-line removal per source).

Real lines: the app promo "海量资讯、精准解读，尽在新浪财经APP" is from
/work/shared/corpus/rsshub_md/source/_posts/金融/新浪财经/新浪财经－国內/0卡0糖饮料是否健康？专家建议每天保证15升以上饮水量.md;
the theme licence line from /work/shared/corpus/zfe_html/p/8173.html; article paragraphs from
/work/shared/seeds/002_855c7fca1c059447.txt (copied into tests/fixtures/boilerplate/seed002_tail.txt).
The key-equivalence test reads the bodies of /work/shared/corpus/feed_messages.jsonl (skipped
when the shared corpus is not there).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from pathlib import Path

import pytest

import apache_beam as beam
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from transforms.boilerplate import _normalize_text_full, clean_body, normalize_text
from transforms.repeated_lines import RemoveRepeatedLines, doc_line_keys, drop_lines, line_key, line_keys

PROMO = "海量资讯、精准解读，尽在新浪财经APP"
LICENCE = "博客内容遵循 署名-非商业性使用-相同方式共享 4.0 国际 (CC BY-NC-SA 4.0) 协议"
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "boilerplate" / "seed002_tail.txt"
ARTICLE_LINES = [ln for ln in FIXTURE.read_text(encoding="utf-8").split("\n")
                 if len(ln) >= 10 and not ln.startswith("20")]
FEED = Path(os.environ.get("NEWSBEAM_SHARED", Path(__file__).resolve().parents[3] / "shared")) \
    / "corpus" / "feed_messages.jsonl"


def _reference_line_key(line, min_chars=10):
    # The original, slow definition: full normalisation of every line, category per character.
    line = _normalize_text_full(line).strip()
    if len(line) < min_chars:
        return None
    norm = "".join(ch for ch in line.lower() if unicodedata.category(ch)[0] not in "PZSC")
    norm = re.sub(r"\d+", "0", norm)
    return hashlib.blake2b(norm.encode("utf-8"), digest_size=8).hexdigest() if norm else None


@pytest.mark.skipif(not FEED.exists(), reason="shared corpus not available")
def test_fast_keys_equal_reference_on_corpus_text():
    texts = [clean_body(json.loads(rec)["body_html"] or "", "html").text
             for rec in FEED.read_text(encoding="utf-8").splitlines() if rec.strip()]
    lines = [ln for t in texts for ln in t.split("\n")]
    assert len(lines) > 1000 and any(_reference_line_key(ln) for ln in lines)
    assert [line_key(ln) for ln in lines] == [_reference_line_key(ln) for ln in lines]
    for t in texts:
        assert normalize_text(t) == _normalize_text_full(t)
        assert line_keys(t) == [_reference_line_key(ln) for ln in t.split("\n")]


def test_line_keys_match_per_line_keys_on_unnormalised_text():
    # Lone '\r', CRLF, full-width letters, zero-width and ideographic spaces: the whole-text
    # shortcut must give the same keys as normalising each line on its own.
    text = "ＡＢＣ　海量资讯\u200b、精准解读，尽在新浪财经APP\r\n本站总访问量为 12345 次\r访客数 678 人\n\t  短行  "
    lines = text.split("\n")
    assert line_keys(text) == [line_key(ln) for ln in lines] == [_reference_line_key(ln) for ln in lines]
    assert doc_line_keys(text) == {k for k in line_keys(text) if k}
    hashes = {line_key(lines[0])}
    assert drop_lines(text, hashes) == drop_lines(text, hashes, keys=line_keys(text)) == "\n".join(lines[1:])


def test_line_key_ignores_width_case_digits_punctuation():
    assert line_key(PROMO) == line_key("海量资讯，精准解读：尽在新浪财经ａｐｐ ")
    assert line_key("本站总访问量为 12345 次，访客数 678 人") == line_key("本站总访问量为 9 次，访客数 10 人")
    assert line_key(PROMO) != line_key(LICENCE)


def test_line_key_none_for_short_lines():
    assert line_key("责任编辑：张三") is None          # 7 characters < default min_chars 10
    assert line_key("责任编辑：张三", min_chars=5) is not None
    assert line_key("") is None


def test_drop_lines_removes_only_frequent_lines():
    text = "\n".join([ARTICLE_LINES[0], PROMO, "责任编辑：张三"])
    assert drop_lines(text, {line_key(PROMO)}) == "\n".join([ARTICLE_LINES[0], "责任编辑：张三"])
    assert drop_lines(text, set()) == text


def _docs(source, n, extra_lines, start=0):
    return [{"id": f"{source}-{i}", "source": source,
             "text": "\n".join([f"第{i}篇：" + ARTICLE_LINES[i % len(ARTICLE_LINES)] + f"（{i}）"] + extra_lines)}
            for i in range(start, start + n)]


def test_remove_repeated_lines_pipeline():
    sina = _docs("新浪财经", 7, [PROMO])                  # promo in 7 distinct docs > max_docs=5
    nbd = _docs("每经网", 3, [PROMO])                     # same promo, only 3 docs: no evidence
    zfe = _docs("news.zfe.space", 6, [LICENCE, PROMO[:6]])  # licence repeated; short line kept
    dup = [{"id": f"dup-{i}", "source": "dup", "text": "\n".join(ARTICLE_LINES[:2])} for i in range(8)]
    docs = sina + nbd + zfe + dup

    def expected(doc):
        src = doc["source"]
        lines = doc["text"].split("\n")
        if src == "新浪财经":
            lines = [ln for ln in lines if ln != PROMO]
        if src == "news.zfe.space":
            lines = [ln for ln in lines if ln != LICENCE]
        return (doc["id"], "\n".join(lines))

    with TestPipeline() as p:
        out = (p | beam.Create(docs)
                 | RemoveRepeatedLines(max_docs=5, min_chars=10)
                 | beam.Map(lambda d: (d["id"], d["text"])))
        assert_that(out, equal_to([expected(d) for d in docs]))


def test_remove_repeated_lines_threshold_is_an_option():
    docs = _docs("新浪财经", 4, [PROMO])
    with TestPipeline() as p:
        out = (p | beam.Create(docs)
                 | RemoveRepeatedLines(max_docs=3)
                 | beam.Map(lambda d: PROMO in d["text"]))
        assert_that(out, equal_to([False] * 4))
