"""Tests for transforms.boilerplate (main-text extraction, plain-text cleaning, normalisation).

Real fragments: tests/fixtures/boilerplate/ (see its README for the source of each excerpt) and,
when the shared data is present, whole pages of /work/shared/corpus and /work/shared/extraction-dev.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from transforms.boilerplate import (
    CleanedText,
    ExtractionLimitExceeded,
    clean_body,
    clean_plain_text,
    extract_main_text,
    normalize_text,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "boilerplate"
SHARED = Path("/work/shared")
CORPUS = SHARED / "corpus"
DEV = SHARED / "extraction-dev"
SEED000 = SHARED / "seeds" / "000_61d2a8d4cd7de884.txt"


def _shared(path: Path) -> str:
    if not path.exists():
        pytest.skip(f"shared data not available: {path}")
    return path.read_text(encoding="utf-8")


# ----------------------------------------------------------------------------- normalize_text

def test_normalize_width_and_spaces():
    # full-width letters/digits/% -> ASCII; Chinese punctuation ，：（） stays; U+3000 indent,
    # NBSP and zero-width characters go
    raw = "\u3000\u3000平安好医生（０１８３３．ＨＫ）股价上涨５％，\u200b市值\u00a0超过\ufeff百亿：ＡＩ"
    assert normalize_text(raw) == "平安好医生（01833.HK）股价上涨5%，市值 超过百亿：AI"


def test_normalize_keeps_meaningful_compatibility_characters():
    # NFKC would turn m² into m2 and ① into 1: not "safe", so they stay
    assert normalize_text("面积120m²，见①") == "面积120m²，见①"
    assert normalize_text("a\r\nb\rc") == "a\nb\nc"


# ----------------------------------------------------------------------------- plain text

def test_plain_text_tail_source_and_recommendations():
    # fixtures/boilerplate/seed002_tail.txt (seed 002): 来源 line, 为你推荐 + recommended items
    text = (FIXTURES / "seed002_tail.txt").read_text(encoding="utf-8")
    cleaned = clean_plain_text(text)
    assert isinstance(cleaned, CleanedText)
    assert cleaned.source == "健康社"
    assert cleaned.text.endswith("无疑是微医在建设全国互联网分级诊疗平台进程中的重要进展。")
    assert "为你推荐" not in cleaned.text and "来源" not in cleaned.text
    assert "2025-12-24 11:13" not in cleaned.text and "HPV" not in cleaned.text
    assert cleaned.text.count("\n") == 1  # the two article paragraphs remain


def test_plain_text_recommended_list_without_heading():
    # same fixture with the 为你推荐 heading removed: the title+summary+timestamp items are
    # still recognised by their regular timestamp lines
    lines = (FIXTURES / "seed002_tail.txt").read_text(encoding="utf-8").split("\n")
    text = "\n".join(ln for ln in lines if ln.strip() != "为你推荐")
    cleaned = clean_plain_text(text)
    assert "第六批国家耗材集采启动" not in cleaned.text
    assert "资讯 " not in cleaned.text
    assert cleaned.text.endswith("进程中的重要进展。")


def test_plain_text_editor_credits_and_original_title():
    body = ("原标题：平安银行牵手微医集团\n"
            "12月14日,平安银行与国内互联网医疗领域领军企业微医集团(挂号网)在微医集团总部签署战略合作协议。\n"
            "责任编辑：张三")
    cleaned = clean_plain_text(body)
    assert cleaned.text.startswith("12月14日,平安银行")
    assert "责任编辑" not in cleaned.text and "原标题" not in cleaned.text


def test_plain_text_leading_byline_and_trailing_credits():
    # zfe_html/p/bf6c.html: "作者：草薙刃" byline under the title; credits 翻译 / 校对 / at the end
    text = _shared(CORPUS / "zfe_html" / "p" / "bf6c.html")
    cleaned = clean_body(text, "html")
    head = cleaned.text.split("\n")[:3]
    assert not any(ln.startswith("作者：") for ln in head)
    assert not cleaned.text.rstrip().endswith("校对 / 星期六上线")
    assert "她就按自己的规矩行动好了" in cleaned.text


def test_plain_text_source_inside_text_is_kept():
    # a figure caption "资料来源：Wind，中金公司研究部" (zfe_html/p/edb2.html) is not the article source
    body = "第一段正文，说明了背景。\n资料来源：Wind，中金公司研究部\n第二段正文，继续分析。\n第三段。\n第四段。\n第五段。\n第六段。\n第七段。"
    cleaned = clean_plain_text(body)
    assert cleaned.source is None
    assert "资料来源：Wind，中金公司研究部" in cleaned.text


# ----------------------------------------------------------------------------- HTML

def test_html_fragment_drops_rss_need_del_promo_and_disclaimer():
    # fixtures/boilerplate/nbd_rss_need_del.html (rsshub_md 双成药业 post body)
    html = (FIXTURES / "nbd_rss_need_del.html").read_text(encoding="utf-8")
    text = extract_main_text(html)
    assert "每经AI快讯" in text and "双成药业的董事长是王成栋" in text
    assert "千言万语" not in text  # <span class="rss-need-del"> promo
    cleaned = clean_plain_text(text)
    assert "免责声明" not in cleaned.text
    assert "每经AI快讯" in cleaned.text


def test_html_fragment_keeps_headings_of_the_article():
    # seed 000 (Hexo post): HTML body with <h2> section headings after the YAML front matter
    raw = _shared(SEED000)
    body = raw.split("---", 2)[2]
    text = extract_main_text(body)
    assert "共建皮肤专科专病互联网诊疗中心 合力打造全流程专科服务" in text.split("\n")
    assert "科技与金融齐赋能 共创智慧医疗新生态" in text.split("\n")
    assert text.startswith("5月24日，平安健康医疗科技有限公司")


def test_rendered_theme_page_drops_nav_footer_licence():
    # zfe_html/p/8173.html: Hexo volantis theme around an IT之家 post
    html = _shared(CORPUS / "zfe_html" / "p" / "8173.html")
    text = extract_main_text(html)
    assert "国家发展改革委今日举行重大基础设施建设专题新闻发布会" in text
    for junk in ("Volantis", "Copyright", "博客内容遵循", "本站总访问量", "CC BY-NC-SA"):
        assert junk not in text


def test_rendered_theme_page_keeps_data_table_and_figure_caption():
    # zfe_html/p/2533.html has a comparison table in the post, p/3b69.html <figcaption>s
    text = extract_main_text(_shared(CORPUS / "zfe_html" / "p" / "2533.html"))
    assert "白描会员区别对比" in text and "每日识别次数" in text
    text = extract_main_text(_shared(CORPUS / "zfe_html" / "p" / "3b69.html"))
    assert "记账-预算-报表 模式图" in text


def test_blog_page_drops_reader_comments():
    # extraction-dev/html/cwced/cwced-54e89e4e.html: blog post followed by 56 reader comments
    html = _shared(DEV / "html" / "cwced" / "cwced-54e89e4e.html")
    text = extract_main_text(html)
    assert "承蒙开心就好的邀请，很高兴入住博客堂" in text
    assert "re: 很高兴入住博客堂" not in text


def test_html_comments_scripts_styles_dropped():
    html = ("<html><head><style>.a{color:red}</style><script>var x='不要';</script></head><body>"
            "<!-- 注释里的文字不是正文 --><div><p>第一段，正文内容在这里。</p><p>第二段，也是正文。</p></div>"
            "<iframe>广告框</iframe></body></html>")
    text = extract_main_text(html)
    assert text == "第一段，正文内容在这里。\n第二段，也是正文。"


def test_empty_and_garbage_input():
    assert extract_main_text("") == ""
    assert extract_main_text("   ") == ""
    assert isinstance(extract_main_text("<<<>>>&&&"), str)
    assert extract_main_text('<?xml version="1.0" encoding="utf-8"?><p>正文，一句话。</p>') == "正文，一句话。"


# ----------------------------------------------------------------------------- limits

def test_deeply_nested_page_is_bounded():
    html = "<div>" * 20_000 + "<p>深处的正文，一句话。</p>" + "</div>" * 20_000
    with pytest.raises(ExtractionLimitExceeded) as info:
        extract_main_text(html)
    assert info.value.reason == "html_too_deep"
    # below the bound, deep text is kept (libxml2 alone would cut the tree at depth 256)
    html = "<div>" * 1_000 + "<p>深处的正文，一句话。</p>" + "</div>" * 1_000
    assert extract_main_text(html) == "深处的正文，一句话。"
    with pytest.raises(ExtractionLimitExceeded) as info:
        extract_main_text("<div>" * 300 + "<p>正文，一句。</p>", max_depth=100)
    assert info.value.reason == "html_too_deep"


def test_multi_megabyte_page_is_rejected_or_bounded():
    para = "<p>" + "平安银行与微医集团签署战略合作协议，共同打造互联网健康金融。" * 20 + "</p>\n"
    html = "<html><body>" + para * (6_000_000 // len(para) + 1) + "</body></html>"
    with pytest.raises(ExtractionLimitExceeded) as info:
        extract_main_text(html)
    assert info.value.reason == "html_too_large"
    with pytest.raises(ExtractionLimitExceeded) as info:
        extract_main_text(html[:3_000_000], time_budget_s=0.0)
    assert info.value.reason == "extract_timeout"


# ----------------------------------------------------------------------------- dev-set floor

def _bench_module():
    spec = importlib.util.spec_from_file_location(
        "bench_extraction", Path(__file__).resolve().parents[2] / "bench" / "extraction.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_dev_set_floor():
    # every page of extraction-dev; floors well below the measured figures (see bench/extraction.py)
    if not (DEV / "index.jsonl").exists():
        pytest.skip("extraction-dev not available")
    bench = _bench_module()
    result = bench.evaluate(extract_main_text, bench.load_pages(DEV))
    f1 = {ds: v[2] for ds, v in result["summary"].items()}
    assert result["summary"]["cwced"][3] == 69 and result["summary"]["scrapinghub"][3] == 181
    assert f1["cwced"] >= 0.88, f1
    assert f1["scrapinghub"] >= 0.91, f1
