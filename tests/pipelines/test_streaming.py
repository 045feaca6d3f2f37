"""Streaming pipeline: pure steps, and a TestStream run on the DirectRunner read back with DuckDB.

Messages are real feed messages from /work/shared/corpus/feed_messages.jsonl (lines 1-4).
"""
from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import apache_beam as beam
import duckdb
import numpy as np
import pytest
from apache_beam.io.gcp.pubsub import PubsubMessage
from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions
from apache_beam.testing.test_stream import TestStream
from apache_beam.utils.timestamp import Timestamp

from pipelines.options import NewsbeamOptions
from pipelines.query import connect
from pipelines.streaming import build_streaming, event_time, parse_message, read_pubsub
from transforms.dedupe import streaming as ds
from transforms.limits import DEFAULT_LIMITS
from transforms.write.windowed import window_file_name

from tests.conftest import CORPUS, need_shared

UTC = dt.timezone.utc
T0 = dt.datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
TZ = ZoneInfo("Asia/Shanghai")


# ---------------------------------------------------------------------------------------------- pure steps

def test_event_time_is_published_clamped_to_lateness():
    pub = T0 + dt.timedelta(minutes=30)
    late = dt.timedelta(minutes=20)
    assert event_time(T0 + dt.timedelta(minutes=25), pub, late) == T0 + dt.timedelta(minutes=25)
    assert event_time(T0 - dt.timedelta(days=300), pub, late) == pub - late  # stale date: not dropped
    assert event_time(pub + dt.timedelta(days=1), pub, late) == pub          # future date: no held window
    assert event_time(None, pub, late) == pub


def test_parse_message_attributes_fill_gaps_and_bad_json_rejects():
    body = json.dumps({"id": "x-1", "title": "t", "body_text": "央行宣布降准。"}).encode()
    kind, doc, when = parse_message(PubsubMessage(body, {"source": "wire", "published": "2026-11-23T07:55:00Z"}),
                                    T0, "pubsub:test", TZ, DEFAULT_LIMITS, dt.timedelta(hours=1))
    assert kind == "doc" and doc["source"] == "wire" and doc["source_path"] == "pubsub:test/x-1"
    assert when == T0 - dt.timedelta(minutes=5) and doc["published_at"] == when
    again = parse_message(PubsubMessage(body, {}), T0, "pubsub:test", TZ, DEFAULT_LIMITS, dt.timedelta(hours=1))[1]
    assert again["id"] == doc["id"]  # a redelivered message keeps its article id
    kind, rej, when = parse_message(b"{not json", T0, "pubsub:test", TZ, DEFAULT_LIMITS, dt.timedelta(hours=1))
    assert kind == "reject" and rej["reason"] == "bad_json" and when == T0
    assert parse_message(b"\xff\xfe{", T0, "o", TZ, DEFAULT_LIMITS, dt.timedelta(0))[1]["reason"] == "bad_encoding"


def _entry(i, ts, sig):
    return {"id": i, "order": (ts, i), "minhash": np.array(sig, dtype=np.uint32), "expires": ts + 100}


def test_band_matches_only_earlier_similar_entries():
    a, b = _entry("a", 10, [1, 2, 3, 4]), _entry("b", 20, [1, 2, 3, 9])
    assert ds.best_earlier_match([a], b, 0.7) == ("a", 0.75)
    assert ds.best_earlier_match([b], a, 0.7) is None          # b is later: a is never b's duplicate
    assert ds.best_earlier_match([a], _entry("c", 30, [9, 9, 9, 9]), 0.7) is None
    kept = ds.remember([a, b], _entry("d", 150, [0, 0, 0, 0]), now_micros=115, max_entries=5)
    assert [e["id"] for e in kept] == ["b", "d"]               # a expired at 110
    assert len(ds.remember([_entry(str(i), i, [i]) for i in range(9)], _entry("z", 99, [1]), 0, 4)) == 4


def test_decide_keeps_unmatched_and_names_best_match():
    doc = {"id": "d", "source_path": "pubsub:t/d", "record_index": 0, "title": "t", "published_at": T0, "_dedupe_x": 1}
    kind, out = ds.decide({"doc": doc, "bands": 3}, [None, None, None], "r")
    assert kind == "article" and out["dup_cluster_id"] == "d" and "_dedupe_x" not in out
    kind, out = ds.decide({"doc": doc, "bands": 3}, [("a", 0.75), None, ("b", 0.9)], "r")
    assert kind == "duplicate" and (out["duplicate_of"], out["method"], out["similarity"]) == ("b", "near", 0.9)


def test_window_file_names_differ_per_pane():
    start = int(Timestamp.from_utc_datetime(T0).micros)
    on_time, late = window_file_name(start, 0, ["k"]), window_file_name(start, 1, ["k"])
    assert on_time.startswith("part-20261123T080000Z-0000-") and late.startswith("part-20261123T080000Z-0001-")


def test_pubsub_source_is_constructed_for_subscription():
    opts = NewsbeamOptions(["--output", "/tmp/x", "--input_subscription", "projects/newsbeam-test/subscriptions/feed-messages"])
    opts.validate_streaming()
    p = beam.Pipeline(options=PipelineOptions(["--streaming"]))
    messages = read_pubsub(p, opts)
    read = messages.producer.parent.transform
    assert type(read).__name__ == "ReadFromPubSub" and read.with_attributes
    assert (read._source.project, read._source.subscription_name) == ("newsbeam-test", "feed-messages")
    with pytest.raises(ValueError):
        NewsbeamOptions(["--output", "o"]).validate_streaming()


# ---------------------------------------------------------------------------------------------- TestStream

def _messages():
    need_shared()
    lines = (CORPUS / "feed_messages.jsonl").read_text(encoding="utf-8").splitlines()[:4]
    return [json.loads(line) for line in lines]


def _msg(m: dict, at: dt.datetime, **changes) -> PubsubMessage:
    # one category for all, so window 0's late message lands in the same partition as its on-time pane
    body = dict(m, published=at.isoformat(), categories=["金融"], **changes)
    return PubsubMessage(json.dumps(body, ensure_ascii=False).encode("utf-8"), {"source": "pubsub-test"})


def _ts(offset_s: float) -> Timestamp:
    return Timestamp.from_utc_datetime(T0 + dt.timedelta(seconds=offset_s))


def _at(offset_s):
    return T0 + dt.timedelta(seconds=offset_s)


@pytest.fixture(scope="module")
def stream_out(tmp_path_factory):
    m = _messages()
    out = tmp_path_factory.mktemp("stream_out")
    near = m[1]["body_html"].replace("的", "之", 20)  # a lightly edited copy: near, not exact
    assert near != m[1]["body_html"]
    ts = (TestStream()
          .advance_watermark_to(_ts(0))
          # window 0 [08:00, 08:10), out of order, plus a malformed message
          .add_elements([beam.window.TimestampedValue(_msg(m[0], _at(300)), _ts(300)),
                         beam.window.TimestampedValue(_msg(m[1], _at(120)), _ts(120)),
                         beam.window.TimestampedValue(PubsubMessage(b'{"id": "broken", "title": ', {}), _ts(200))])
          .advance_watermark_to(_ts(601))
          # window 1: an exact copy of m0 under another id, a near copy of m1, a new story
          .add_elements([beam.window.TimestampedValue(_msg(m[0], _at(700), id="copy-of-0"), _ts(700)),
                         beam.window.TimestampedValue(_msg(m[1], _at(750), id="near-1", body_html=near), _ts(750)),
                         beam.window.TimestampedValue(_msg(m[2], _at(800)), _ts(800))])
          # late for window 0 (watermark is past 08:10), within the 30 min allowed lateness
          .add_elements([beam.window.TimestampedValue(_msg(m[3], _at(400)), _ts(400))])
          .advance_watermark_to(_ts(1201))
          # window 2: m2 redelivered (same id): must not be written twice
          .add_elements([beam.window.TimestampedValue(_msg(m[2], _at(800)), _ts(1300))])
          .advance_watermark_to(_ts(4 * 3600))  # past the last window and its lateness
          .advance_watermark_to_infinity())
    argv = ["--output", str(out), "--window_minutes", "10", "--allowed_lateness_minutes", "30",
            "--dedupe_ttl_hours", "24", "--streaming", "--runner", "DirectRunner"]
    options = PipelineOptions(argv)
    options.view_as(StandardOptions).streaming = True
    with beam.Pipeline(options=options) as p:
        build_streaming(p, options.view_as(NewsbeamOptions), source=p | ts, run_id="test-stream")
    return out, m


def _q(out, sql):
    return connect(str(out)).sql(sql).fetchall()


def test_stream_articles_each_once_with_late_and_out_of_order(stream_out):
    out, m = stream_out
    rows = _q(out, "SELECT source_path, count(*) FROM articles GROUP BY 1 ORDER BY 1")
    assert sorted(p for p, _ in rows) == sorted(f"pubsub:test/{x['id']}" for x in m)
    assert all(n == 1 for _, n in rows)  # the redelivered message was not written twice
    tokens = _q(out, "SELECT min(len(tokens)), count(content_hash) FROM articles")[0]
    assert tokens[0] > 0 and tokens[1] == 4  # the whole batch chain ran: clean, dedupe, segment/tag


def test_stream_files_carry_window_and_pane_late_pane_kept(stream_out):
    out, m = stream_out
    names = {p.name: p for p in (out / "articles").rglob("part-*.parquet")}
    window0 = [n for n in names if n.startswith("part-20261123T080000Z-")]
    panes = {n.split("-")[2] for n in window0}
    assert "0000" in panes and panes - {"0000"}, window0  # on-time pane and a late pane, both kept
    late_file = next(names[n] for n in window0 if not n.startswith("part-20261123T080000Z-0000-"))
    late_ids = [r[0] for r in duckdb.sql(f"SELECT source_path FROM read_parquet('{late_file}')").fetchall()]
    assert late_ids == [f"pubsub:test/{m[3]['id']}"]
    assert any(n.startswith("part-20261123T081000Z-0000-") for n in names)
    assert {p.parent.name for p in names.values()} == {"category=finance"}


def test_stream_duplicates_across_windows(stream_out):
    out, m = stream_out
    kept = dict(_q(out, "SELECT source_path, id FROM articles"))
    dups = {r[0]: r[1:] for r in _q(out, "SELECT source_path, duplicate_of, method, similarity FROM duplicates")}
    assert dups["pubsub:test/copy-of-0"][:2] == (kept[f"pubsub:test/{m[0]['id']}"], "exact")
    of, method, sim = dups["pubsub:test/near-1"]
    assert of == kept[f"pubsub:test/{m[1]['id']}"] and method == "near" and 0.7 <= sim < 1.0
    assert len(dups) == 2


def test_stream_malformed_message_rejected_stream_continues(stream_out):
    out, _ = stream_out
    rejects = _q(out, "SELECT stage, reason, run_id FROM rejects")
    assert rejects == [("parse", "bad_json", "test-stream")]
    assert _q(out, "SELECT count(*) FROM articles")[0][0] == 4  # messages after it were processed
