import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest

from transforms.parse import detect_format, parse_decoded, record_id
from transforms.parsers.markdown import markdown_to_text
from transforms.parsers.plaintext import looks_like_title

from tests.conftest import ROOT, SEEDS

SH = ZoneInfo("Asia/Shanghai")
FIX = ROOT / "tests/fixtures/inputs"


def parse(name, text):
    out = list(parse_decoded({"source_path": name, "name": name, "text": text, "encoding": "utf-8"}, SH))
    return [d for k, d in out if k == "doc"], [r for k, r in out if k == "reject"]


def test_seed_markdown_front_matter():
    path = next(SEEDS.glob("000_*"))
    docs, rejects = parse(str(path), path.read_text("utf-8"))
    assert not rejects and len(docs) == 1
    d = docs[0]
    assert d["title"] == "平安与上海市皮肤病医院达成战略合作"
    assert d["date"] == dt.date(2021, 5, 28) and d["date_source"] == "metadata"
    assert d["raw_categories"] == ["金融", "每经网", "分类"]
    assert d["body_format"] == "html" and "<p>" in d["body"]


def test_seed_plain_text_has_no_title_and_no_date():
    path = next(SEEDS.glob("002_*"))
    docs, _ = parse(str(path), path.read_text("utf-8"))
    d = docs[0]
    assert d["title"] is None  # first line is a long sentence, not a title
    assert d["date"] is None and d["date_source"] == "none"  # never dated from the 2025-12 list


def test_detect_format_by_content_not_extension():
    assert detect_format("a.txt", "\n---\ntitle: x\n---\nbody") == "markdown"
    assert detect_format("a.html", '{"id": 1}') == "jsonl"
    assert detect_format("a.md", "<?xml version='1.0'?><rss><channel></channel></rss>") == "feed"
    assert detect_format("a.dat", "<doc><url>u</url><contenttitle>t</contenttitle><content>c</content></doc>") == "sogou"
    assert detect_format("a.jsonl", "just words") == "text"
    assert detect_format("a", "<!DOCTYPE html><html><body>x</body></html>") == "html"


def test_jsonl_bad_line_rejects_only_that_line():
    good = json.dumps({"id": "1", "source": "s", "url": "u", "published": "2020-03-18", "title": "t", "body_html": "<p>正文内容</p>"}, ensure_ascii=False)
    docs, rejects = parse("feed.jsonl", "\n".join([good, "{not json", good.replace('"1"', '"2"'), '{"id": 3}']))
    assert [d["record_index"] for d in docs] == [0, 2]
    assert [(r["record_index"], r["reason"]) for r in rejects] == [(1, "bad_json"), (3, "missing_body")]
    assert docs[0]["date"] == dt.date(2020, 3, 18) and docs[0]["date_source"] == "feed"


def test_rss_and_atom_items():
    docs, rejects = parse("x.rss", (FIX / "sample.rss").read_text("utf-8"))
    assert not rejects and [d["title"] for d in docs] == ["平安与上海市皮肤病医院达成战略合作", "终身学习的力量"]
    assert docs[0]["source"] == "测试财经频道" and docs[0]["author"] == "每经网" and docs[0]["raw_categories"] == ["金融"]
    assert docs[1]["date"] == dt.date(2020, 3, 18)
    docs, _ = parse("x.atom", (FIX / "sample.atom").read_text("utf-8"))
    assert docs[0]["url"] == "https://example.com/h/1" and docs[0]["body_format"] == "html"
    assert docs[0]["date"] == dt.date(2021, 5, 28)


def test_xxe_and_billion_laughs_are_refused():
    xxe = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><item><title>&x;</title></item></channel></rss>'
    lol = '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><rss><channel><item><title>&b;</title></item></channel></rss>'
    for feed in (xxe, lol):
        docs, rejects = parse("evil.xml", feed)
        assert not docs and rejects[0]["reason"] == "unsafe_xml"


def test_yaml_is_loaded_safely():
    evil = "---\ntitle: !!python/object/apply:os.system ['echo pwned']\n---\n<p>正文</p>"
    docs, rejects = parse("evil.md", evil)
    assert not docs and rejects[0]["reason"] == "bad_front_matter"
    bomb = "---\na: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(f"{c}: &{c} [" + ",".join([f"*{p}"] * 9) + "]\n" for p, c in zip("abcdefgh", "bcdefghi")) + "---\n<p>正文</p>"
    docs, rejects = parse("bomb.md", bomb)
    assert not docs and rejects[0]["reason"] == "bad_front_matter"


def test_sogou_records_and_url_dates(corpus_dir):
    text = (corpus_dir / "sogoucs/NICE-FUTURE/news_sohusite_xml.smarty.dat").read_text("utf-8")
    docs, rejects = parse("s.dat", text)
    assert len(docs) == 200 and not rejects
    assert docs[0]["title"].startswith("深圳地铁将设立") and docs[0]["date"] == dt.date(2012, 7, 6) and docs[0]["date_source"] == "url"


def test_html_page_metadata(corpus_dir):
    docs, _ = parse("2bb6.html", (corpus_dir / "zfe_html/p/2bb6.html").read_text("utf-8"))
    d = docs[0]
    assert d["title"].startswith("再获控制权！贾跃亭") and "RSSHub" not in d["title"]
    assert d["date"] == dt.date(2022, 9, 26) and d["raw_categories"][:2] == ["新媒体", "IT 之家"]


def test_invalid_date_front_matter_falls_back_to_the_post_header(corpus_dir):
    path = next((corpus_dir / "rsshub_md/post/金融/每经网/重磅原创").glob("*.md"))
    docs, _ = parse(str(path), path.read_text("utf-8"))
    d = docs[0]
    assert (d["date"], d["date_source"], d["date_precision"]) == (dt.date(2021, 3, 22), "header", "second")
    assert d["published_at"] == dt.datetime(2021, 3, 22, 9, 19, 29, tzinfo=dt.timezone.utc)  # 17:19:29 in Beijing
    assert d["date_invalid"] == "Invalid Date"


def test_ids_are_stable_and_distinct():
    assert record_id("a.jsonl", 1) == record_id("a.jsonl", 1) != record_id("a.jsonl", 2)


def test_markdown_body_to_text_and_titles():
    assert markdown_to_text("# 标题\n正文 [链接](http://x) ![图](y.png) **粗体**") == "标题\n正文 链接  粗体"
    assert looks_like_title("平安银行发布年报", "正文" * 20)
    assert not looks_like_title("第二届世界互联网大会召开前夕,中国互联网医疗与金融领域迎来一次重要牵手。", "正文" * 200)
