"""Property: for any mix of valid, broken and duplicate documents in every format, every record
read is written, dropped as a duplicate, or rejected with a stage and a reason (per input file)."""
from __future__ import annotations

import gzip
import json
import pathlib
import tempfile

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.cli import main

PARAGRAPHS = [
    "平安银行与微医集团在杭州签署战略合作协议，双方将在互联网健康金融领域展开合作。",
    "交通银行发布公告称，公司董事会审议通过了年度利润分配方案，每股派发现金红利0.3元。",
    "上海市皮肤病医院院长李斌表示，医院将继续推进互联网医院建设，为患者提供便捷服务。",
    "国家药监局批准了一款新药上市，用于治疗慢性阻塞性肺疾病，该药物此前已在海外获批。",
    "招商银行股价今日上涨3.2%，成交额达到20.15亿元，市场人士认为银行板块估值偏低。",
    "工商银行与百度签署战略合作协议，双方将通过医患双选平台展开互联网医疗合作。",
]


@st.composite
def article(draw):
    paras = draw(st.lists(st.sampled_from(PARAGRAPHS), min_size=2, max_size=5, unique=True))
    return draw(st.integers(1, 10**6)), "\n".join(paras)


def render(kind: str, articles: list[tuple[int, str]]) -> tuple[bytes, int | None]:
    """(file bytes, number of records the file holds, or None when the whole file is broken)."""
    if kind == "jsonl":
        lines = [json.dumps({"id": str(i), "title": f"标题{i}", "published": "2021-05-28", "body_text": t}, ensure_ascii=False) for i, t in articles]
        return "\n".join(lines).encode("utf-8"), len(lines)
    if kind == "jsonl_with_bad_line":
        lines = [json.dumps({"id": str(i), "body_html": f"<p>{t}</p>"}, ensure_ascii=False) for i, t in articles] + ["{broken"]
        return "\n".join(lines).encode("utf-8"), len(lines)
    if kind == "md":
        i, t = articles[0]
        body = "".join(f"<p>{p}</p>" for p in t.split("\n"))
        return f"---\ntitle: '标题{i}'\ncategories:\n - 金融\ndate: 2021-05-28\n---\n<div>{body}</div>".encode("utf-8"), 1
    if kind == "sogou_gbk":
        docs = "".join(f"<doc>\n<url>http://x.com/20120706/n{i}.shtml</url>\n<docno>{i}</docno>\n<contenttitle>标题{i}</contenttitle>\n<content>{t}</content>\n</doc>\n" for i, t in articles)
        return docs.encode("gbk"), len(articles)
    if kind == "rss_gz":
        items = "".join(f"<item><title>标题{i}</title><description>{t}</description><pubDate>Fri, 28 May 2021 14:08:03 GMT</pubDate></item>" for i, t in articles)
        return gzip.compress(f'<?xml version="1.0" encoding="utf-8"?><rss><channel><title>t</title>{items}</channel></rss>'.encode("utf-8")), len(articles)
    if kind == "txt":
        return articles[0][1].encode("utf-16"), 1
    if kind == "broken_yaml":
        return b"---\ntitle: [x\n---\n<p>x</p>", None
    if kind == "truncated_gz":
        return gzip.compress(articles[0][1].encode("utf-8") * 30)[:40], None
    raise ValueError(kind)


KINDS = ["jsonl", "jsonl_with_bad_line", "md", "sogou_gbk", "rss_gz", "txt", "broken_yaml", "truncated_gz"]
EXT = {"jsonl": "jsonl", "jsonl_with_bad_line": "jsonl", "md": "md", "sogou_gbk": "dat", "rss_gz": "xml.gz", "txt": "txt",
       "broken_yaml": "md", "truncated_gz": "jsonl.gz"}


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(st.sampled_from(KINDS), st.lists(article(), min_size=1, max_size=4)), min_size=1, max_size=6))
def test_every_record_is_accounted_for(batch):
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        (tmp / "in").mkdir()
        expected: dict[str, int | None] = {}
        for n, (kind, arts) in enumerate(batch):
            data, records = render(kind, arts)
            path = tmp / "in" / f"f{n}.{EXT[kind]}"
            path.write_bytes(data)
            expected[str(path)] = records
        assert main(["run", "--input", str(tmp / "in" / "*"), "--output", str(tmp / "out")]) == 0
        con = duckdb.connect()
        counts: dict[str, int] = {}
        file_rejects: set[str] = set()
        for kind in ("articles", "duplicates", "rejects"):
            if not list((tmp / "out" / kind).rglob("*.parquet")):
                continue
            cols = "source_path, record_index" + (", stage, reason" if kind == "rejects" else "")
            for row in con.sql(f"SELECT {cols} FROM read_parquet('{tmp}/out/{kind}/**/*.parquet')").fetchall():
                if kind == "rejects":
                    assert row[2] and row[3], row
                    if row[1] is None:
                        file_rejects.add(row[0])
                        continue
                counts[row[0]] = counts.get(row[0], 0) + 1
        for path, records in expected.items():
            if records is None:
                assert path in file_rejects, path
            else:
                assert counts.get(path, 0) == records, (path, counts.get(path), records)
