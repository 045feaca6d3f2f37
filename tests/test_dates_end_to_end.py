"""Publication dates end to end: the real `newsbeam run` on written pages, read back with DuckDB."""
from __future__ import annotations

import datetime as dt
import os

import pytest

from tests.test_end_to_end import q, run_cli

PARA = "记者从有关方面获悉，相关工作正在有序推进，各项措施落实到位，市场反应积极，业内人士普遍看好后市表现。"
CAPTURED = dt.datetime(2024, 10, 1, 4, 0, tzinfo=dt.timezone.utc)  # the files' modification time

PAGES = {
    # a header date above an older event date in the body, and a list of other articles' dates
    "header.html": f"""<html><head><title>新发基金规模逾三千亿元_中国证券网</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/fund">基金</a></div>
<h1>新发基金规模逾三千亿元</h1>
<div class="info">来源：证券时报 作者：张三 2021-06-01 07:58 <span class="comment">评论(12)</span></div>
<p>某成长混合基金成立于2008年12月12日，2019年一季度末规模仅为8亿元，目前已超过百亿元。{PARA}</p>
<p>{PARA}</p>
<ul class="list"><li><a href="/a">另一篇文章一</a>2021-05-31</li><li><a href="/b">另一篇文章二</a>2021-05-30</li></ul>
</body></html>""",
    # an explicit UTC time late in the day: the calendar date in Beijing is the next day
    "utc.html": f"""<html><head><title>Global markets wrap</title>
<meta property="article:published_time" content="2022-09-26 20:00:00 UTC"></head><body>
<h1>Global markets wrap</h1><p>{PARA}</p><p>{PARA}</p></body></html>""",
    # an impossible front-matter date: the article is kept, dated from its header, the value recorded
    "bad_front_matter.md": f"""---
title: 商务部：中国已完成核准
date: 2021-02-30 25:61:00
categories: [金融]
---
<p>2021-03-22 17:19:29 来源：每日经济新闻</p><p>{PARA}</p><p>{PARA}</p>
""",
    # a relative stamp: completed against the file's modification time, and said so
    "relative.html": f"""<html><head><title>本地楼市成交回暖</title></head><body>
<h1>本地楼市成交回暖</h1><div class="meta">3小时前 来源：晚报</div><p>{PARA}</p><p>{PARA}</p></body></html>""",
}


@pytest.fixture(scope="module")
def dated_out(tmp_path_factory):
    src = tmp_path_factory.mktemp("dated_in")
    for name, text in PAGES.items():
        (src / name).write_text(text, encoding="utf-8")
        os.utime(src / name, (CAPTURED.timestamp(), CAPTURED.timestamp()))
    out = tmp_path_factory.mktemp("dated_out")
    code, summary, log = run_cli([str(src / "*")], out)
    assert code == 0, log
    assert summary["articles_written"] == len(PAGES), log
    return out


def row(out, name):
    rows = q(out, "SELECT CAST(date AS VARCHAR), date_source, CAST(published_at AS VARCHAR), date_precision, "
                  f"date_reference, date_invalid FROM articles WHERE source_path LIKE '%/{name}'")
    assert len(rows) == 1, rows
    return rows[0]


def test_header_date_beats_the_older_event_date_in_the_body(dated_out):
    date, source, published, precision, reference, invalid = row(dated_out, "header.html")
    assert (date, source, precision, reference, invalid) == ("2021-06-01", "header", "minute", None, None)
    assert published.startswith("2021-05-31 23:58:00")  # 07:58 in Beijing, stored in UTC


def test_explicit_utc_is_not_read_as_beijing_time(dated_out):
    date, source, published, *_ = row(dated_out, "utc.html")
    assert (date, source) == ("2022-09-27", "meta") and published.startswith("2022-09-26 20:00:00")


def test_impossible_front_matter_date_keeps_the_article(dated_out):
    date, source, published, precision, _, invalid = row(dated_out, "bad_front_matter.md")
    assert (date, source, precision, invalid) == ("2021-03-22", "header", "second", "2021-02-30 25:61:00")
    assert q(dated_out, "SELECT count(*) FROM articles")[0][0] == len(PAGES)


def test_relative_stamp_says_which_reference_completed_it(dated_out):
    date, source, published, _, reference, _ = row(dated_out, "relative.html")
    assert (date, source, reference) == ("2024-10-01", "relative", "mtime")
    assert published.startswith("2024-10-01 01:00:00")
