"""Publication-date evidence of a page (transforms.parsers.page_dates) and the choice among it
(transforms.pubdate): one test per evidence kind and per policy rule, no Beam."""
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from transforms.parsers import html_meta, page_dates
from transforms.parsers.html_page import parse_html_page
from transforms.parse import publication_date
from transforms import pubdate

SH = ZoneInfo("Asia/Shanghai")
UTC = dt.timezone.utc
RUN = pubdate.Reference("run", dt.datetime(2024, 10, 1, 4, 0, tzinfo=UTC))
BODY = "<p>" + "这是一篇新闻的正文，讲述了一件事情的经过，内容足够长，以便被识别为正文段落。" * 3 + "</p>"


def page(head: str = "", header: str = "", body: str = BODY, after: str = "", title: str = "央行开展逆回购操作") -> str:
    return (f"<html><head><title>{title}_某某网</title>{head}</head><body>"
            f"<div class='nav'><a href='/'>首页</a> <a href='/f'>财经</a></div>"
            f"<h1>{title}</h1>{header}{body}{after}</body></html>")


def date_of(html: str, reference=RUN, tz=SH):
    record = parse_html_page(html)[0]
    return publication_date(record, "/in/page.html", tz, reference)


def evidence(html: str):
    tree = html_meta.parse_html_tree(html)
    return [(e.source, e.raw) for e in page_dates.page_evidence(tree, html_meta.page_title(tree)) if e.source != "visible"]


def test_meta_published_time_with_zone():
    found = date_of(page('<meta property="article:published_time" content="2022-09-26T10:00:00Z">'))
    assert (found.instant, found.source, found.precision) == (dt.datetime(2022, 9, 26, 10, 0, tzinfo=UTC), "meta", "minute")


def test_meta_modified_time_is_never_read():
    html = page('<meta property="article:modified_time" content="2022-09-27T10:00:00Z">')
    assert date_of(html).instant is None


def test_json_ld_date_published_skips_the_placeholder():
    ld = ('<script type="application/ld+json">[{"@type":"NewsArticle","datePublished":"0001-01-01T00:00:00"},'
          '{"@graph":[{"@type":"NewsArticle","datePublished":"2019-11-18T20:28:55+00:00"}]}]</script>')
    found = date_of(page(ld))
    assert found.source == "jsonld" and found.instant == dt.datetime(2019, 11, 18, 20, 28, 55, tzinfo=UTC)


def test_unix_timestamp_in_a_script():
    found = date_of(page("<script>var publish_time = 1664157600;</script>"))
    assert found.source == "script" and found.instant == dt.datetime(2022, 9, 26, 2, 0, tzinfo=UTC)


def test_time_element_outside_links_and_sidebars():
    html = page(header='<div class="info"><time datetime="2020-03-05T14:20:11+08:00">3月5日</time></div>',
                after='<aside><time datetime="2021-01-01T00:00:00+08:00">x</time></aside>')
    found = date_of(html)
    assert found.source == "time" and found.instant == dt.datetime(2020, 3, 5, 6, 20, 11, tzinfo=UTC)


@pytest.mark.parametrize("header,expected", [
    ("<div class='info'>发布时间：2011-04-22 09:30 来源：新华网</div>", dt.datetime(2011, 4, 22, 1, 30, tzinfo=UTC)),
    ("<p class='source'>2019-09-30 22:46 来源：<a href='/x'>新华网</a></p>", dt.datetime(2019, 9, 30, 14, 46, tzinfo=UTC)),
    ("<div>来源：证券时报 作者：张三 2021-06-01 07:58 <span class='comment'>评论(12)</span></div>",
     dt.datetime(2021, 5, 31, 23, 58, tzinfo=UTC)),
    ("<div>发布于：<a href='/p/1.html'>2022年9月21日</a></div>", dt.datetime(2022, 9, 20, 16, 0, tzinfo=UTC)),
])
def test_the_byline_zone_under_the_title(header, expected):
    found = date_of(page(header=header))
    assert found.source == "header" and found.instant == expected


def test_header_date_beats_an_older_event_date_in_the_body():
    body = "<p>某成长混合基金成立于2008年12月12日，2019年一季度末规模仅为8亿元，目前已超过百亿元，业内人士认为趋势仍将延续。</p>"
    found = date_of(page(header="<div>发布时间：2021-06-01 07:58</div>", body=body))
    assert found.instant.astimezone(SH).date() == dt.date(2021, 6, 1)


def test_first_publication_wins_over_an_update_line():
    header = "<div>更新时间：2011-04-25 10:00</div><div>发布时间：2011-04-22 09:30</div>"
    assert date_of(page(header=header)).instant.astimezone(SH).date() == dt.date(2011, 4, 22)


def test_an_update_stamp_alone_is_used_and_said():
    found = date_of(page(header="<div>2005-04-05 06:40更新 来源：<a href='/'>雅虎</a></div>"))
    assert found.source == "header_updated" and found.instant.astimezone(SH).date() == dt.date(2005, 4, 5)


def test_dated_lists_and_sentences_never_date_the_page():
    related = "".join(f"<li><a href='/{i}.html'>另一条新闻标题第{i}条</a>[2024-05-0{i}]</li>" for i in range(1, 5))
    body = "<p>我局前身为1983年6月成立的房地产管理局，2019年机构改革后组建为现机构。</p>"
    assert date_of(page(body=body, after=f"<ul>{related}</ul>")).instant is None


def test_a_site_clock_above_the_title_loses_to_the_byline_next_to_it():
    html = ("<html><head><title>播客热潮</title></head><body><div>2006年12月27日（京港台时间）</div>"
            "<div>Saturday, September 10th, 2005 10:56 am</div><h1>播客热潮</h1>" + BODY + "</body></html>")
    assert date_of(html).instant.astimezone(SH).date() == dt.date(2005, 9, 10)


def test_blog_stamp_under_the_post_is_labelled_evidence():
    html = page(after="<div class='post-footer'>发表于 2004年12月27日 12:40</div>"
                      "<div class='comments'>网友 发表于 2004年12月28日 08:00</div>")
    found = date_of(html)
    assert found.source == "labelled" and found.instant == dt.datetime(2004, 12, 27, 4, 40, tzinfo=UTC)


def test_url_path_dates():
    for url, day in [("http://www.example.gov.cn/xxgk/201903/t20190306_123.html", dt.date(2019, 3, 6)),
                     ("https://news.example.com/2019/03/06/abc.html", dt.date(2019, 3, 6)),
                     ("http://news.example.com/20050311/n224678901.shtml", dt.date(2005, 3, 11))]:
        found = date_of(page(head=f'<link rel="canonical" href="{url}">'))
        assert found.source == "url" and found.instant.astimezone(SH).date() == day


def test_url_year_completes_a_yearless_header_stamp():
    html = page(head='<link rel="canonical" href="http://news.example.com/s2011/0422/x.html">',
                header="<div>04-22 09:30 来源：某报</div>")
    found = date_of(html)
    assert found.instant == dt.datetime(2011, 4, 22, 1, 30, tzinfo=UTC) and found.reference == "run"


def test_relative_header_stamp_is_completed_from_the_reference_and_says_so():
    found = date_of(page(header="<div>3小时前 来源：某报</div>"), reference=pubdate.Reference("mtime", RUN.instant))
    assert (found.source, found.reference) == ("relative", "mtime")
    assert found.instant == RUN.instant - dt.timedelta(hours=3)


def test_a_complete_stamp_anywhere_beats_a_relative_one():
    html = page(head='<link rel="canonical" href="https://news.example.com/2019/11/06/abc.html">',
                header="<div>2天前</div>")
    assert date_of(html).source == "url"


def test_a_naive_meta_time_takes_the_zone_another_value_states_for_the_same_clock():
    head = ('<meta property="article:published_time" content="2019-11-20T01:53:14">'
            '<script type="application/ld+json">{"datePublished": "2019-11-20T01:53:14Z"}</script>')
    assert date_of(page(head)).instant == dt.datetime(2019, 11, 20, 1, 53, 14, tzinfo=UTC)


def test_an_earlier_visible_byline_beats_metadata_rewritten_on_update():
    head = '<meta property="article:published_time" content="2019-11-19T21:57:00Z">'
    header = "<div>By A. Writer | November 18, 2019 -- 19:14 GMT | Topic: Tech</div>"
    found = date_of(page(head, header, title="Best gadgets of the year"))
    assert found.source == "header" and found.instant == dt.datetime(2019, 11, 18, 19, 14, tzinfo=UTC)


def test_a_day_only_value_takes_the_time_from_the_byline():
    head = '<meta name="pubdate" content="2021-06-01">'
    found = date_of(page(head, "<div>来源：某报 2021-06-01 07:58</div>"))
    assert (found.source, found.precision) == ("meta", "minute")
    assert found.instant == dt.datetime(2021, 5, 31, 23, 58, tzinfo=UTC)


@pytest.mark.parametrize("bad", ["0001-01-01", "2999-01-01", "2021-02-30 25:61:00"])
def test_invalid_metadata_is_kept_and_the_next_evidence_used(bad):
    found = date_of(page(f'<meta name="pubdate" content="{bad}">', "<div>发布日期：2022年02月11日</div>"))
    assert found.invalid == bad and found.source == "header"
    assert found.instant.astimezone(SH).date() == dt.date(2022, 2, 11)


def test_invalid_metadata_alone_leaves_the_date_null():
    found = date_of(page('<meta name="pubdate" content="0001-01-01">'))
    assert (found.instant, found.source, found.invalid) == (None, "invalid_metadata", "0001-01-01")


def test_evidence_order_is_documented_order():
    head = ('<meta name="pubdate" content="2020-01-02 10:00">'
            '<script type="application/ld+json">{"datePublished": "2020-01-02T10:00:00+08:00"}</script>')
    kinds = [k for k, _ in evidence(page(head, "<div>发布时间：2020-01-02 10:00</div>"))]
    assert kinds == ["meta", "jsonld", "header"]  # complete stamps with a time: the rest of the page is not read
    day_only = page('<meta name="pubdate" content="2020-01-02">', "<div>x</div>",
                    after="<div class='post-footer'>发表于 2020-01-02 10:00</div>")
    assert [k for k, _ in evidence(day_only)] == ["meta", "labelled"]


@pytest.mark.parametrize("text,expected", [
    ("新华社北京2015年12月14日电 正文开始", dt.date(2015, 12, 14)),
    ("2005-03-21 11:21\n正文开始，讲述事情。", dt.date(2005, 3, 21)),
])
def test_dateline_at_the_start_of_the_text(text, expected):
    found = pubdate.dateline(text, SH, pubdate.Reference("mtime", RUN.instant))
    assert found.source == "dateline" and found.instant.astimezone(SH).date() == expected


def test_a_yearless_dateline_needs_a_stated_year_or_a_feed_time():
    text = "新华社北京12月14日电 平安银行与微医集团签署战略合作协议。"
    assert pubdate.dateline(text, SH, pubdate.Reference("mtime", RUN.instant)) is None
    assert pubdate.dateline(text, SH, pubdate.Reference("mtime", RUN.instant), year_hint=2015).instant.year == 2015
    feed = pubdate.dateline(text, SH, pubdate.Reference("feed", RUN.instant))
    assert feed.instant.astimezone(SH).date() == dt.date(2023, 12, 14) and feed.reference == "feed"


def test_body_dates_are_not_datelines():
    assert pubdate.dateline("12月14日,平安银行与微医集团签署战略合作协议。", SH, pubdate.Reference("feed", RUN.instant)) is None
    assert pubdate.dateline("正文" * 40 + "\n基金成立于2008年12月12日。", SH, RUN) is None
