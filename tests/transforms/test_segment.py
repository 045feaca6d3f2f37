"""transforms.segment: rjieba output equals jieba's with the same user dictionary.

Corpus samples: /work/shared/corpus/feed_messages.jsonl (body_html stripped of tags) and
/work/shared/corpus/sogoucs/NICE-FUTURE/news_sohusite_xml.smarty.dat (<content> of SogouCS docs,
full-width digits and letters).
"""
import html
import json
import os
import re
import tempfile

import jieba
import pytest

from transforms.segment import load_userdict, segment, segment_pos

CORPUS = "/work/shared/corpus/feed_messages.jsonl"
SOGOU = "/work/shared/corpus/sogoucs/NICE-FUTURE/news_sohusite_xml.smarty.dat"


@pytest.fixture(scope="module")
def jieba_tok():
    jieba.setLogLevel(60)
    tk = jieba.Tokenizer()
    tk.tmp_dir = tempfile.gettempdir()   # jieba.cache goes to the run's temp dir
    tk.initialize()
    load_userdict(tk.add_word)
    return tk


def corpus_lines(limit_chars=300_000):
    if not os.path.exists(CORPUS):
        pytest.skip("shared corpus not available")
    out, n = [], 0
    with open(CORPUS, encoding="utf-8") as f:
        for line in f:
            body = json.loads(line).get("body_html") or ""
            for para in html.unescape(re.sub(r"<[^>]+>", "\n", body)).split("\n"):
                if para.strip():
                    out.append(para)
                    n += len(para)
            if n > limit_chars:
                break
    return out


def test_rjieba_equals_jieba_on_corpus(jieba_tok):
    lines = corpus_lines()
    assert len(lines) > 500
    diffs = [(l, segment(l), jieba_tok.lcut(l)) for l in lines if segment(l) != jieba_tok.lcut(l)]
    assert diffs == [], f"{len(diffs)} lines differ, first: {diffs[:3]}"


def test_rjieba_equals_jieba_on_sogou_news(jieba_tok):
    if not os.path.exists(SOGOU):
        pytest.skip("shared corpus not available")
    with open(SOGOU, encoding="utf-8") as f:
        docs = re.findall(r"<content>(.*?)</content>", f.read(), re.S)
    lines = [d for d in docs if d.strip()][:150]
    assert len(lines) > 50
    diffs = [(l[:80], segment(l), jieba_tok.lcut(l)) for l in lines if segment(l) != jieba_tok.lcut(l)]
    assert diffs == [], f"{len(diffs)} documents differ, first: {diffs[:2]}"


def test_ascii_runs_split_like_jieba(jieba_tok):
    text = "平安好医生(01833.HK)股价上涨1.2%，SZ000001和v2.0版"
    assert segment(text) == jieba_tok.lcut(text)
    assert "01833" in segment(text) and "1.2%" in segment(text)


def test_domain_dictionary_keeps_entities_whole():
    toks = segment("平安好医生与上海市皮肤病医院、平安银行合作")
    assert "平安好医生" in toks and "平安银行" in toks


def test_tokens_cover_text_exactly():
    text = "  第一行\n第二行 Hello, world! 　全角空格"
    assert "".join(segment(text)) == text
    assert [t for t, _ in segment_pos(text)] == segment(text)


def test_pos_tokens_equal_cut_tokens_on_corpus():
    lines = corpus_lines(60_000)
    bad = [l for l in lines if [t for t, _ in segment_pos(l)] != segment(l)]
    assert bad == []


def test_empty():
    assert segment("") == []
