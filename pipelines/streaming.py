"""Assembly of the streaming pipeline (`newsbeam stream`, `--streaming`):

  Pub/Sub feed messages -> parse + event time -> fixed windows -> pipelines.chain.process_docs (the batch chain, with the
  stateful streaming dedupe) -> per-window, per-pane Parquet files; rejects and duplicates likewise.

Event time is the message's `published` (body, else the `published` attribute), clamped to
[publish time - allowed lateness, publish time]: a story published last year but delivered now is
written now (into its own date= partition) instead of being dropped as hopelessly late, and a clock in
the future cannot hold a window open.  Late messages within the allowed lateness fire late panes.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from zoneinfo import ZoneInfo

import apache_beam as beam
from apache_beam.transforms import trigger, window
from apache_beam.utils.timestamp import Duration, Timestamp

from pipelines.chain import process_docs, write_outputs
from pipelines.options import NewsbeamOptions
from transforms.dedupe.streaming import StreamingDeduplicate
from transforms.limits import Limits
from transforms.parse import to_doc
from transforms.pubdate import Reference
from transforms.parsers import jsonl
from transforms.rejects import REJECTS_TAG, RecordRejected, make_reject
from transforms.write.windowed import WriteWindowedParquet


# ---------------------------------------------------------------------------------------------- pure steps

def message_parts(msg) -> tuple[bytes, dict, str | None]:
    """(body bytes, attributes, message id) of a PubsubMessage, or of plain bytes (with_attributes=False)."""
    if isinstance(msg, (bytes, bytearray)):
        return bytes(msg), {}, None
    return msg.data or b"", dict(msg.attributes or {}), getattr(msg, "message_id", None)


def event_time(published: dt.datetime | None, publish_time: dt.datetime, lateness: dt.timedelta) -> dt.datetime:
    """`published` clamped to [publish_time - lateness, publish_time]; publish_time when there is none."""
    if published is None:
        return publish_time
    return min(max(published, publish_time - lateness), publish_time)


def parse_message(msg, publish_time: dt.datetime, origin: str, tz: ZoneInfo, limits: Limits,
                  lateness: dt.timedelta) -> tuple[str, dict, dt.datetime]:
    """('doc', doc, event time) or ('reject', reject, publish time) for one Pub/Sub message."""
    data, attrs, message_id = message_parts(msg)
    digest = hashlib.sha1(data).hexdigest()[:16]
    path = f"{origin}/{message_id or digest}"
    try:
        if len(data) > limits.max_record_bytes:
            raise RecordRejected("record_too_large", f"message is {len(data)} bytes, over max_record_bytes")
        try:
            line = data.decode("utf-8")
        except UnicodeDecodeError as e:
            raise RecordRejected("bad_encoding", f"message body is not UTF-8: {e}") from e
        record = jsonl.parse_message(line)
        record.source = record.source or attrs.get("source")
        record.published = record.published or attrs.get("published")
        # The message's own id names it, so a redelivered message gets the same article id.
        path = f"{origin}/{record.key or message_id or digest}"
        # the message's publish time is the reference for yearless/relative stamps in its body
        doc = to_doc(record, path, 0, "utf-8", tz, limits, Reference("feed", publish_time))
    except RecordRejected as e:
        return "reject", make_reject(path, 0, "parse", e.reason, e.detail, data), publish_time
    return "doc", doc, event_time(doc["published_at"], publish_time, lateness)


# ---------------------------------------------------------------------------------------------- Beam

class _ParseMessageFn(beam.DoFn):
    def __init__(self, origin: str, timezone: str, limits: Limits, lateness_s: float):
        self.origin, self.timezone, self.limits, self.lateness_s = origin, timezone, limits, lateness_s

    def setup(self):
        self.tz = ZoneInfo(self.timezone)

    def process(self, msg, ts=beam.DoFn.TimestampParam):
        publish_time = ts.to_utc_datetime(has_tz=True)
        try:
            kind, item, when = parse_message(msg, publish_time, self.origin, self.tz, self.limits,
                                             dt.timedelta(seconds=self.lateness_s))
        except Exception as e:  # noqa: BLE001 - a parser bug rejects the message, the stream goes on
            kind, item, when = "reject", make_reject(f"{self.origin}/?", 0, "parse", "parser_error",
                                                     f"{type(e).__name__}: {e}", repr(msg)[:400]), publish_time
        value = window.TimestampedValue(item, Timestamp.from_utc_datetime(when))
        yield value if kind == "doc" else beam.pvalue.TaggedOutput(REJECTS_TAG, value)


def read_pubsub(p, opts: NewsbeamOptions):
    """The production source: PubsubMessage elements stamped with their publish time."""
    return p | "ReadPubSub" >> beam.io.ReadFromPubSub(
        subscription=opts.input_subscription, topic=None if opts.input_subscription else opts.input_topic,
        with_attributes=True)


def window_into(opts: NewsbeamOptions):
    """A fresh WindowInto of the write windows: fixed windows, on-time pane + one late pane per late element."""
    return beam.WindowInto(
        window.FixedWindows(int(opts.window_minutes * 60)),
        trigger=trigger.AfterWatermark(late=trigger.AfterCount(1)),
        accumulation_mode=trigger.AccumulationMode.DISCARDING,
        allowed_lateness=Duration(seconds=int(opts.allowed_lateness_minutes * 60)))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def build_streaming(p: beam.Pipeline, opts: NewsbeamOptions, source=None, run_id: str = "stream") -> None:
    """The streaming pipeline on `source` (PubsubMessage or bytes elements); Pub/Sub when None (tests
    inject a TestStream)."""
    messages = source if source is not None else read_pubsub(p, opts)
    origin = "pubsub:" + (opts.input_subscription or opts.input_topic or "test")
    parsed = messages | "ParseMessages" >> beam.ParDo(_ParseMessageFn(
        origin, opts.timezone, opts.limits(), opts.allowed_lateness_minutes * 60)).with_outputs(REJECTS_TAG, main="docs")
    docs = parsed.docs | "Window" >> window_into(opts)
    parse_rejects = parsed[REJECTS_TAG] | "WindowRejects" >> window_into(opts)
    dedupe = StreamingDeduplicate(lambda: window_into(opts), opts.dedupe_ttl_hours, run_id)
    processed = process_docs(docs, opts, run_id, dedupe=dedupe)
    write_outputs(opts.output, processed["articles"], processed["duplicates"], [parse_rejects, *processed["rejects"]],
                  run_id, _now, writer=WriteWindowedParquet)
