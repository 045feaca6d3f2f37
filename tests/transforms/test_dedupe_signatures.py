"""Pure functions of deduplication: normalisation, shingles, MinHash, band keys, Jaccard, components, index."""
from __future__ import annotations

import random
import re
from pathlib import Path

import numpy as np
import pytest

from transforms.dedupe import index as dedupe_index
from transforms.dedupe import signatures as sigs
from transforms.dedupe import bucket_pairs, components_local, node_rank, verify_pair

CORPUS = Path("/work/shared/corpus")
needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not available")


def _first_sogou_content(path: Path, encoding: str) -> str:
    text = path.read_bytes().decode(encoding)
    return re.search(r"<content>(.*?)</content>", text, re.S).group(1)


def _post_body(path: Path) -> str:
    return re.sub(r"^---.*?\n---", "", path.read_text("utf-8"), count=1, flags=re.S)


# ------------------------------------------------------------------ normalisation and content hash

def test_normalize_folds_width_punctuation_whitespace_and_case():
    assert sigs.normalize_for_hash("四连板，涨停！ ＡＢＣ　１２３\n") == sigs.normalize_for_hash("四连板,涨停!abc 123")
    assert sigs.normalize_for_hash("四连板，涨停！ ＡＢＣ　１２３\n") == "四连板涨停abc123"


def test_normalize_drops_decorative_symbols_but_keeps_currency():
    assert sigs.normalize_for_hash("■ 利好 ★") == "利好"
    assert "¥" in sigs.normalize_for_hash("¥100")


def test_normalize_keeps_every_han_character():
    text = "国家统计局：十月CPI同比上涨2.1%"
    assert sigs.normalize_for_hash(text) == "国家统计局十月cpi同比上涨21"


def test_content_hash_differs_for_a_real_edit():
    assert sigs.content_hash("机器人龙头四连扳") != sigs.content_hash("机器人龙头四连板")
    assert sigs.content_hash(None) == sigs.content_hash("") == sigs.content_hash(" 。")


@needs_corpus
def test_content_hash_is_the_same_for_gbk_and_utf8_copies():
    # sogoucs/liaozp1-textsum/*.dat (GBK, CRLF) and sogoucs/NICE-FUTURE/*.dat (UTF-8, LF): the same first doc
    gbk = _first_sogou_content(CORPUS / "sogoucs/liaozp1-textsum/news_sohusite_xml.smarty.dat", "gb18030")
    utf = _first_sogou_content(CORPUS / "sogoucs/NICE-FUTURE/news_sohusite_xml.smarty.dat", "utf-8")
    assert len(sigs.normalize_for_hash(gbk)) > 50
    assert sigs.content_hash(gbk) == sigs.content_hash(utf)


# ------------------------------------------------------------------ shingles, MinHash, band keys

def test_shingles_are_character_ngrams_not_words():
    norm = sigs.normalize_for_hash("沪指涨0.5%，深成指涨1.2%")  # one run of characters, no \W split
    sh = sigs.shingles(norm, 4)
    assert sh.dtype == np.uint64
    assert sh.size == len(set(norm[i:i + 4] for i in range(len(norm) - 3)))


def test_shingles_of_short_and_empty_texts():
    assert sigs.shingles("", 4).size == 0
    assert sigs.shingles("涨停", 4).size == 1
    assert not np.array_equal(sigs.shingles("涨停", 4), sigs.shingles("跌停", 4))


def test_shingles_depend_on_order():
    assert sigs.jaccard(sigs.shingles("一二三四五六", 3), sigs.shingles("六五四三二一", 3)) == 0.0


def test_minhash_is_deterministic_across_instances():
    sh = sigs.shingles(sigs.normalize_for_hash("商务部：中国已经完成RCEP核准"), 4)
    a = sigs.MinHasher(128, 99).signature(sh)
    b = sigs.MinHasher(128, 99).signature(sh)
    assert a.dtype == np.uint32 and a.shape == (128,)
    assert np.array_equal(a, b)
    assert not np.array_equal(a, sigs.MinHasher(128, 100).signature(sh))


def test_minhash_of_empty_set_is_all_max():
    assert np.all(sigs.minhash(np.empty(0, dtype=np.uint64)) == 0xFFFFFFFF)


def test_minhash_chunking_does_not_change_the_signature():
    sh = sigs.shingles(sigs.normalize_for_hash("".join(chr(0x4E00 + i % 3000) for i in range(10000))), 4)
    h = sigs.minhasher()
    assert np.array_equal(h.signature(sh, chunk=97), h.signature(sh, chunk=100000))


@needs_corpus
def test_estimated_jaccard_tracks_exact_jaccard_on_real_text():
    # rsshub_md/source/_posts/金融/财联社/深度/*: the 四连扳/四连板 correction, and two unrelated posts
    base = CORPUS / "rsshub_md/source/_posts/金融"
    texts = [_post_body(base / "财联社/深度/10分钟上演地天板！机器人龙头四连扳，散户大本营出逃机构接盘.md"),
             _post_body(base / "财联社/深度/10分钟上演地天板！机器人龙头四连板，散户大本营出逃机构接盘.md"),
             _post_body(base / "每经网/分类/平安与上海市皮肤病医院达成战略合作.md")]
    s = [sigs.signature_of(t) for t in texts]
    assert s[0].content_hash != s[1].content_hash
    for a, b in ((0, 1), (0, 2), (1, 2)):
        exact = sigs.jaccard(s[a].shingles, s[b].shingles)
        assert abs(sigs.estimated_jaccard(s[a].minhash, s[b].minhash) - exact) < 0.15
    assert sigs.jaccard(s[0].shingles, s[1].shingles) > 0.9
    assert sigs.jaccard(s[0].shingles, s[2].shingles) < 0.3
    assert set(s[0].band_keys) & set(s[1].band_keys)  # the correction is an LSH candidate


def test_band_keys_one_per_band_and_band_index_in_key():
    sig = np.zeros(128, dtype=np.uint32)  # every band has the same rows...
    keys = sigs.band_keys(sig, 32, 4)
    assert len(keys) == 32 and len(set(keys)) == 32  # ...but keys of different bands never collide
    other = sig.copy()
    other[5] = 1  # band 1 (rows 4..7) changes, the others do not
    changed = [i for i, (a, b) in enumerate(zip(keys, sigs.band_keys(other, 32, 4))) if a != b]
    assert changed == [1]
    with pytest.raises(ValueError):
        sigs.band_keys(sig, 33, 4)


def test_jaccard_and_containment():
    a = np.array([1, 2, 3, 4], dtype=np.uint64)
    b = np.array([3, 4, 5, 6, 7, 8], dtype=np.uint64)
    assert sigs.jaccard(a, b) == pytest.approx(2 / 8)
    assert sigs.containment(a, b) == pytest.approx(2 / 4)
    assert sigs.containment(a, np.empty(0, dtype=np.uint64)) == 0.0


def test_template_market_summaries_stay_below_threshold():
    day1 = "9月20日，A股三大指数集体收涨。截至收盘，沪指涨0.85%报3122.41点，深成指涨1.12%报11263.37点，创业板指涨1.71%。两市成交额7012亿元，北向资金净买入32.15亿元。盘面上，煤炭、光伏板块涨幅居前，白酒、医药板块跌幅居前。"
    day2 = "9月21日，A股三大指数集体收跌。截至收盘，沪指跌0.17%报3117.18点，深成指跌0.45%报11212.83点，创业板指跌0.60%。两市成交额6341亿元，北向资金净卖出12.70亿元。盘面上，银行、券商板块涨幅居前，汽车零部件、军工板块跌幅居前。"
    a, b = sigs.signature_of(day1), sigs.signature_of(day2)
    assert sigs.jaccard(a.shingles, b.shingles) < sigs.JACCARD_THRESHOLD


# ------------------------------------------------------------------ candidate pairs, verification, keep order

def test_bucket_pairs_all_pairs_then_linear_for_huge_buckets():
    assert bucket_pairs(["c", "a", "b"]) == [("a", "b"), ("a", "c"), ("b", "c")]
    assert bucket_pairs(["a", "a"]) == []
    ids = [f"{i:04d}" for i in range(500)]
    pairs = bucket_pairs(list(reversed(ids)), max_bucket=50)
    assert len(pairs) < 2 * len(ids)
    assert components_local(pairs) == {i: "0000" for i in ids}


def _node(i, text, published=None, from_index=False):
    s = sigs.signature_of(text)
    return {"id": i, "content_hash": s.content_hash, "published_at": published, "text_len": len(s.norm),
            "band_keys": s.band_keys, "minhash": s.minhash, "norm": s.norm, "from_index": from_index}


def test_verify_pair_near_containment_and_different():
    story = "新华社北京电，国务院常务会议今天召开，部署进一步稳定经济的一揽子政策措施，会议指出要加大对中小企业的支持力度。" * 3
    other = "本报讯，某市卫健委通报，今年流感疫苗接种工作全面启动，全市设立接种点一百二十个，市民可预约接种。" * 3
    near = verify_pair(_node("a", story), _node("b", story[:-6] + "新增一句话"), 4, 0.7, 0.8)
    assert near[0] == "near" and near[1][2] > 0.7
    digest = verify_pair(_node("a", story), _node("d", story + other), 4, 0.7, 0.8)
    assert digest[0] == "relation" and digest[1]["id"] == "a" and digest[1]["contained_in"] == "d"
    assert verify_pair(_node("a", story), _node("o", other), 4, 0.7, 0.8) is None


def test_node_rank_earliest_then_longer_then_smallest_id():
    import datetime as dt
    t1 = dt.datetime(2022, 1, 1, tzinfo=dt.timezone.utc)
    t2 = dt.datetime(2022, 1, 2, tzinfo=dt.timezone.utc)
    nodes = [_node("z", "短文本内容", t2), _node("y", "较长的文本内容在这里", t2), _node("x", "较长的文本内容在这里", t2),
             _node("w", "很长很长的文本内容在这里出现", None), _node("v", "最早的", t1)]
    assert [n["id"] for n in sorted(nodes, key=node_rank)] == ["v", "x", "y", "z", "w"]
    assert sorted(nodes + [_node("old", "x", None, from_index=True)], key=node_rank)[0]["id"] == "old"


# ------------------------------------------------------------------ connected components

def _union_find_labels(edges):
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {n: find(n) for n in parent}


def test_components_match_union_find_on_random_graphs():
    rng = random.Random(4)
    for _ in range(30):
        n = rng.randint(2, 120)
        ids = [f"n{rng.random():.8f}" for _ in range(n)]
        edges = [(rng.choice(ids), rng.choice(ids)) for _ in range(rng.randint(1, n))]
        edges = [e for e in edges if e[0] != e[1]]
        assert components_local(edges) == _union_find_labels(edges)


def test_components_converge_on_long_shuffled_chains():
    rng = random.Random(5)
    ids = [f"{i:04d}" for i in range(100)]
    rng.shuffle(ids)
    chain = list(zip(ids, ids[1:]))
    assert components_local(chain) == {i: "0000" for i in ids}


# ------------------------------------------------------------------ cross-run index

def test_index_file_roundtrip_is_atomic(tmp_path):
    import datetime as dt
    node = _node("a1", "商务部：中国已经完成RCEP核准。" * 5, dt.datetime(2021, 11, 2, 8, tzinfo=dt.timezone.utc))
    path = dedupe_index.write_index_file([dedupe_index.index_row(node, "r1")], str(tmp_path / "idx"), "r1")
    assert path.endswith(".parquet") and Path(path).name.startswith("part-r1-")
    assert [p.name for p in (tmp_path / "idx").iterdir()] == [Path(path).name]  # no temp file left
    assert dedupe_index.index_exists(str(tmp_path / "idx"))
    assert not dedupe_index.index_exists(str(tmp_path / "missing"))
    (row,) = dedupe_index.read_index_local(str(tmp_path / "idx"))
    back = dedupe_index.node_from_index_row(row)
    assert back["from_index"] and back["norm"] is None
    assert back["published_at"] == node["published_at"]
    assert np.array_equal(back["minhash"], node["minhash"]) and back["band_keys"] == node["band_keys"]
    assert dedupe_index.write_index_file([], str(tmp_path / "idx")) is None
