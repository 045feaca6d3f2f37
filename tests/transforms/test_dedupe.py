"""Deduplicate PTransform: exact/near clusters, deterministic keep, cross-run index, containment, rejects,
and an end-to-end run over the shared corpus (known duplicate groups collapse, different articles stay)."""
from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

import apache_beam as beam
import pytest
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.testing.test_pipeline import TestPipeline
from apache_beam.testing.util import assert_that, equal_to

from transforms.dedupe import Deduplicate

UTC = dt.timezone.utc
CORPUS = Path("/work/shared/corpus")

STORY = ("国家统计局今天发布数据显示，十月份全国居民消费价格同比上涨百分之二点一，其中城市上涨百分之二点零，农村上涨百分之二点三。"
         "食品价格上涨百分之五点八，非食品价格上涨百分之一点二。扣除食品和能源价格的核心消费价格指数同比上涨百分之零点六。")
OTHER = ("沪深两市今日震荡走高，截至收盘，沪指涨百分之零点八，深成指涨百分之一点二，创业板指涨百分之一点五，"
         "两市成交额超过九千亿元，北向资金净买入五十亿元。煤炭、光伏板块涨幅居前，白酒板块跌幅居前。")
THIRD = "本报讯，某市卫健委通报，今年流感疫苗接种工作全面启动，全市设立接种点一百二十个，市民可通过小程序预约接种，老年人免费。"


def doc(i, text, day=None, title=None):
    return {"id": i, "text": text, "title": title or f"标题{i}", "source_path": f"in/{i}.md", "record_index": 0,
            "published_at": dt.datetime(2022, 1, day, 8, tzinfo=UTC) if day else None}


def cluster_docs():
    return [
        doc("a", STORY, day=3),
        doc("b", STORY.replace("，", ",").replace("。", ". "), day=2),      # exact after normalisation, earlier
        doc("c", STORY[:-8] + "同比上涨百分之零点七。", day=1),               # near (end edited), earliest of all
        doc("d", OTHER, day=5),
        doc("e", OTHER + "（编辑：李四）", day=None),                        # near, no date -> never kept over d
        doc("f", THIRD, day=4),                                            # unique
        doc("g", "", day=4),                                               # empty text: unique, not compared
    ]


def summarise(out):
    arts = out["articles"] | "ArtKey" >> beam.Map(lambda a: (a["id"], a["dup_cluster_id"], len(a["content_hash"])))
    dups = out["duplicates"] | "DupKey" >> beam.Map(lambda d: (d["id"], d["duplicate_of"], d["dup_cluster_id"],
                                                               d["method"], d["run_id"]))
    return arts, dups


EXPECTED_ARTICLES = [("c", "c", 40), ("d", "d", 40), ("f", "f", 40), ("g", "g", 40)]
EXPECTED_DUPS = [("a", "c", "c", "near", "r1"), ("b", "c", "c", "near", "r1"), ("e", "d", "d", "near", "r1")]


def test_clusters_keep_the_earliest_and_report_every_dropped_record():
    with TestPipeline() as p:
        out = p | beam.Create(cluster_docs()) | Deduplicate(run_id="r1")
        arts, dups = summarise(out)
        assert_that(arts, equal_to(EXPECTED_ARTICLES), label="articles")
        assert_that(dups, equal_to(EXPECTED_DUPS), label="dups")


def test_exact_method_and_similarity_when_the_kept_one_has_the_same_text():
    docs = [doc("x1", STORY, day=1), doc("x2", "　" + STORY.replace("，", "，  "), day=2)]
    with TestPipeline() as p:
        out = p | beam.Create(docs) | Deduplicate(run_id="r")
        assert_that(out["duplicates"] | beam.Map(lambda d: (d["id"], d["method"], d["similarity"], d["title"],
                                                            d["source_path"], d["published_at"].day)),
                    equal_to([("x2", "exact", 1.0, "标题x2", "in/x2.md", 2)]))


@pytest.mark.parametrize("seed", [1, 2])
def test_same_result_for_any_input_order_and_two_workers(seed):
    docs = cluster_docs()
    random.Random(seed).shuffle(docs)
    options = PipelineOptions(["--direct_num_workers=2", "--direct_running_mode=multi_threading"])
    with TestPipeline(options=options) as p:
        out = p | beam.Create(docs) | Deduplicate(run_id="r1")
        arts, dups = summarise(out)
        assert_that(arts, equal_to(EXPECTED_ARTICLES), label="articles")
        assert_that(dups, equal_to(EXPECTED_DUPS), label="dups")


def test_tie_break_longer_text_then_smallest_id():
    same_day = [doc("m2", STORY, day=7), doc("m1", STORY, day=7), doc("m3", STORY + "记者王五。", day=7),
                doc("n2", OTHER, day=None), doc("n1", OTHER, day=None)]
    with TestPipeline() as p:
        out = p | beam.Create(same_day) | Deduplicate()
        assert_that(out["articles"] | beam.Map(lambda a: a["id"]), equal_to(["m3", "n1"]))


def test_containment_is_a_relation_and_both_articles_are_kept():
    digest = STORY + "另据报道，" + OTHER[:60]
    with TestPipeline() as p:
        out = p | beam.Create([doc("s", STORY, day=1), doc("dg", digest, day=2)]) | Deduplicate()
        assert_that(out["articles"] | beam.Map(lambda a: a["id"]), equal_to(["s", "dg"]), label="kept")
        assert_that(out["duplicates"], equal_to([]), label="nodups")
        assert_that(out["relations"] | beam.Map(lambda r: (r["id"], r["contained_in"], r["containment"] >= 0.8)),
                    equal_to([("s", "dg", True)]), label="relation")


def test_bad_record_becomes_a_reject():
    bad = dict(doc("bad", "x"), text=12345)
    with TestPipeline() as p:
        out = p | beam.Create([bad, doc("ok", STORY, day=1)]) | Deduplicate()
        assert_that(out["rejects"] | beam.Map(lambda r: (r["record_index"], r["stage"], r["reason"])),
                    equal_to([(0, "dedupe", "dedupe_signature_failed")]), label="rejects")
        assert_that(out["articles"] | beam.Map(lambda a: a["id"]), equal_to(["ok"]), label="articles")


def test_second_run_dedupes_against_the_index_of_the_first(tmp_path):
    index_dir = str(tmp_path / "_dedupe_index")
    with TestPipeline() as p:
        out = p | beam.Create([doc("d1", STORY, day=5), doc("d2", OTHER, day=5)]) | Deduplicate(index_dir, "run1")
        assert_that(out["index_files"] | beam.Map(lambda f: Path(f).parent.name), equal_to(["_dedupe_index"]))
    assert len(list((tmp_path / "_dedupe_index").glob("part-run1-*.parquet"))) == 1
    # day 2: a copy of d1 published *earlier* still loses to the article an earlier run already wrote;
    # a near copy of d2 too; d1 re-read with the same id stays an article (idempotent re-run); THIRD is new
    second = [doc("n1", STORY + " ", day=1), doc("n2", OTHER + "（完）", day=6), doc("d1", STORY, day=5),
              doc("n3", THIRD, day=6)]
    with TestPipeline() as p:
        out = p | beam.Create(second) | Deduplicate(index_dir, "run2")
        arts, dups = summarise(out)
        assert_that(arts, equal_to([("d1", "d1", 40), ("n3", "n3", 40)]), label="articles")
        assert_that(dups, equal_to([("n1", "d1", "d1", "exact", "run2"), ("n2", "d2", "d2", "near", "run2")]),
                    label="dups")
    # only n3 was new: run 2 indexes it, not d1 again
    from transforms.dedupe.index import read_index_local
    assert sorted(r["id"] for r in read_index_local(index_dir)) == ["d1", "d2", "n3"]


# ---------------------------------------------------------------------------- end to end on the shared corpus

def _post_body(rel: str) -> str:
    return re.sub(r"<[^>]+>", "\n", re.sub(r"^---.*?\n---", "", (CORPUS / rel).read_text("utf-8"), 1, re.S))


def _sogou(rel: str, encoding: str) -> list[tuple[str, str]]:
    text = (CORPUS / rel).read_bytes().decode(encoding)
    return re.findall(r"<contenttitle>(.*?)</contenttitle>\s*<content>(.*?)</content>", text, re.S)


@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not available")
def test_known_corpus_groups_collapse_and_different_articles_stay():
    posts = {  # rsshub_md/...: RCEP twice (identical body), its 15-o'clock digest, the 四连扳/四连板 correction
        "rcep1": "rsshub_md/post/金融/每经网/分类/商务部：中国已经完成RCEP核准.md",
        "rcep2": "rsshub_md/post/金融/每经网 - 分类/商务部：中国已经完成RCEP核准.md",
        "digest": "rsshub_md/post/金融/每经网/分类/每经15点丨商务部：中国已经完成RCEP核准.md",
        "fix1": "rsshub_md/source/_posts/金融/财联社/深度/10分钟上演地天板！机器人龙头四连扳，散户大本营出逃机构接盘.md",
        "fix2": "rsshub_md/source/_posts/金融/财联社/深度/10分钟上演地天板！机器人龙头四连板，散户大本营出逃机构接盘.md",
        "other": "rsshub_md/post/金融/322家上市公司年报亮相 逾七成业绩增长.md",
    }
    docs = [dict(doc(k, _post_body(rel)), source_path=rel) for k, rel in posts.items()]
    # sogoucs: the first 40 records of the GBK/CRLF file and of its UTF-8/LF copy
    gbk = _sogou("sogoucs/liaozp1-textsum/news_sohusite_xml.smarty.dat", "gb18030")[:40]
    utf = _sogou("sogoucs/NICE-FUTURE/news_sohusite_xml.smarty.dat", "utf-8")[:40]
    for i, ((t1, c1), (t2, c2)) in enumerate(zip(gbk, utf)):
        docs.append(dict(doc(f"g{i:02d}", c1, title=t1), record_index=i))
        docs.append(dict(doc(f"u{i:02d}", c2, title=t2), record_index=i))
    with TestPipeline() as p:
        out = p | beam.Create(docs) | Deduplicate(run_id="e2e")
        pairs = out["duplicates"] | beam.Map(lambda d: (d["id"], d["duplicate_of"], d["method"]))

        def check(got):
            dup_of = {i: kept for i, kept, _ in got}
            assert dup_of.get("rcep2") == "rcep1" or dup_of.get("rcep1") == "rcep2"
            assert dup_of.get("fix2") == "fix1" or dup_of.get("fix1") == "fix2"
            assert "digest" not in dup_of and "other" not in dup_of  # the digest is not a copy of the story
            for i, (t, c) in enumerate(gbk):
                if len(re.sub(r"\s", "", c)) > 20:  # an empty SogouCS content is not compared
                    assert dup_of.get(f"u{i:02d}") == f"g{i:02d}" or dup_of.get(f"g{i:02d}") == f"u{i:02d}"
            titles = {d["id"]: re.sub(r"\s", "", d["title"]) for d in docs}
            for i, kept, method in got:  # every other merge is a natural repost: same title
                if i not in ("rcep1", "rcep2", "fix1", "fix2"):
                    assert titles[i] == titles[kept], (i, kept, method)

        assert_that(pairs, check)


# ---------------------------------------------------------------------------- streaming (TestStream)

def test_streaming_dedupe_with_ttl():
    from apache_beam.options.pipeline_options import StandardOptions
    from apache_beam.testing.test_stream import TestStream
    from apache_beam.transforms.window import TimestampedValue

    from apache_beam.transforms.window import FixedWindows

    from transforms.dedupe.streaming import StreamingDeduplicate

    stream = (TestStream()
              .advance_watermark_to(0)
              .add_elements([TimestampedValue(doc("s1", STORY, day=1), 10)])
              .add_elements([TimestampedValue(doc("s2", STORY.replace("，", ","), day=1), 20),   # exact copy
                             TimestampedValue(doc("s3", OTHER, day=1), 25)])
              .advance_watermark_to(100)
              .add_elements([TimestampedValue(doc("s4", OTHER + "（完）", day=1), 110)])         # near copy
              .advance_watermark_to(5000)                                     # s1 leaves the 1-hour window
              .add_elements([TimestampedValue(doc("s5", STORY, day=2), 5000)])
              .advance_watermark_to(20000)
              .advance_watermark_to_infinity())
    options = PipelineOptions()
    options.view_as(StandardOptions).streaming = True
    with TestPipeline(options=options) as p:
        out = p | stream | StreamingDeduplicate(lambda: beam.WindowInto(FixedWindows(600)), ttl_hours=1, run_id="live")
        assert_that(out["articles"] | beam.Map(lambda a: a["id"]), equal_to(["s1", "s3", "s5"]), label="arts")
        assert_that(out["duplicates"] | beam.Map(lambda d: (d["id"], d["duplicate_of"], d["method"], d["run_id"])),
                    equal_to([("s2", "s1", "exact", "live"), ("s4", "s3", "near", "live")]), label="dups")


def test_resolve_without_node_text_equals_resolve_with_it():
    # The pipeline drops `norm` from nodes after verification; resolve_cluster then takes shingles
    # from the documents' text. Similarities and choices must be the very same.
    from transforms.dedupe import make_node, resolve_cluster, without_text
    signed = [make_node(d, 4, 128, 32, 4) for d in cluster_docs()[:5]]
    with_norm = [{"doc": out, "node": node} for out, node in signed]
    without = [{"doc": out, "node": without_text(node)} for out, node in signed]
    assert all("norm" not in m["node"] for m in without)
    def outcome(members):  # index nodes differ only in the text they carry: compare their ids
        return [(kind, v["id"] if kind == "index" else v) for kind, v in resolve_cluster(members, 4, "r1")]
    got = outcome(without)
    assert got == outcome(with_norm)
    sims = sorted(v["similarity"] for kind, v in got if kind == "duplicate")
    assert len(sims) == 4 and 0 < sims[0] < 1
