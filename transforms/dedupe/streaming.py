"""Streaming deduplication: stateful, keyed, with a retention TTL (the streaming variant of transforms.dedupe).

Batch dedupe sees every document at once; a stream never ends, so here every decision is taken when a
document arrives, against what the pipeline has seen in the last ``ttl`` of event time:

  docs -> sign (transforms.dedupe.Sign, mode keyed: content_hash, MinHash, LSH band keys)       [Map]
       -> global window (state must outlive the write windows: duplicates across windows)
       -> exact: keyed by content_hash, first id wins, later ones are 'exact' duplicates  [stateful]
       -> near:  keyed by LSH band key; each bucket keeps the recent signatures; it answers
                 every newcomer with the best earlier match (estimated Jaccard)           [stateful]
       -> decide: keyed by doc id, waits for the doc + one answer per band key            [stateful]
       -> back into the write windows

"Earlier" is the event-time order (timestamp, id), never arrival order, so two near-identical stories
arriving together in different buckets cannot drop each other: the earlier one is kept (as in batch,
where the earliest published wins).  A late message whose stored twin has a *later* event time is not
marked (both are kept): the twin is already written.  Event-time timers clear state after ``ttl``.
"""
from __future__ import annotations

from typing import Any, Callable, Optional, Tuple

import apache_beam as beam
from apache_beam.coders import PickleCoder
from apache_beam.transforms.timeutil import TimeDomain
from apache_beam.transforms.userstate import BagStateSpec, ReadModifyWriteStateSpec, TimerSpec, on_timer
from apache_beam.transforms.window import GlobalWindows
from apache_beam.utils.timestamp import Duration, Timestamp

from transforms.dedupe import signatures as sigs
from transforms.dedupe import MAX_BUCKET, Sign, duplicate_record, strip_private
from transforms.rejects import REJECTS_TAG


# ---------------------------------------------------------------------------------------------- pure steps

def band_entry(node: dict, ts_micros: int, ttl_micros: int) -> dict:
    """What a bucket remembers of a document: no text, only the signature and its event-time order."""
    return {"id": node["id"], "order": (ts_micros, node["id"]), "minhash": node["minhash"],
            "expires": ts_micros + ttl_micros}


def best_earlier_match(entries: list[dict], new: dict, threshold: float) -> Optional[tuple[str, float]]:
    """(kept id, estimated Jaccard) of the most similar stored entry that is earlier than `new`, or None."""
    best = None
    for e in entries:
        if e["id"] == new["id"] or e["order"] >= new["order"]:
            continue
        sim = sigs.estimated_jaccard(e["minhash"], new["minhash"])
        if sim >= threshold and (best is None or (sim, -e["order"][0]) > (best[1], -best[2])):
            best = (e["id"], sim, e["order"][0])
    return (best[0], best[1]) if best else None


def remember(entries: list[dict], new: dict, now_micros: int, max_entries: int = MAX_BUCKET) -> list[dict]:
    """Bucket contents after `new` arrives: expired entries dropped, `new` added once, the most recent kept."""
    live = [e for e in entries if e["expires"] > now_micros and e["id"] != new["id"]]
    live.append(new)
    return sorted(live, key=lambda e: e["order"])[-max_entries:]


def decide(item: dict, verdicts: list, run_id: str) -> tuple[str, dict]:
    """('article', doc) or ('duplicate', record) once every band has answered for one document."""
    matches = [v for v in verdicts if v]
    if not matches:
        return "article", dict(strip_private(item["doc"]), dup_cluster_id=item["doc"]["id"])
    kept_id, sim = max(matches, key=lambda m: (m[1], m[0]))
    return "duplicate", duplicate_record(item["doc"], kept_id, "near", sim, run_id)


# ---------------------------------------------------------------------------------------------- Beam

KEYED = Tuple[str, Any]  # str keys: a deterministic key coder for the stateful steps

def _micros(ts) -> int:
    return int(Timestamp.of(ts).micros)


class _ExactFn(beam.DoFn):
    """Keyed by content_hash: the first id seen within the TTL is kept, later ids are exact duplicates."""
    KEPT = ReadModifyWriteStateSpec("kept", PickleCoder())
    EXPIRY = TimerSpec("expiry", TimeDomain.WATERMARK)

    def __init__(self, ttl_micros: int, run_id: str):
        self._ttl, self._run_id = ttl_micros, run_id

    def process(self, kv, ts=beam.DoFn.TimestampParam, kept=beam.DoFn.StateParam(KEPT),
                expiry=beam.DoFn.TimerParam(EXPIRY)):
        _, item = kv
        doc_id = item["doc"]["id"]
        first = kept.read()
        if first is None:
            kept.write(doc_id)
            expiry.set(Timestamp(micros=_micros(ts) + self._ttl))
        elif first != doc_id:  # the same id again is a redelivery: the writer skips it by id
            yield beam.pvalue.TaggedOutput("duplicates", duplicate_record(item["doc"], first, "exact", 1.0, self._run_id))
            return
        yield item

    @on_timer(EXPIRY)
    def expire(self, kept=beam.DoFn.StateParam(KEPT)):
        kept.clear()


def _fan_out(item, ts=beam.DoFn.TimestampParam, ttl_micros: int = 0):
    node = item["node"]
    entry = band_entry(node, _micros(ts), ttl_micros)
    yield node["id"], ("doc", {"doc": item["doc"], "bands": len(node["band_keys"])})
    for key in node["band_keys"]:
        yield beam.pvalue.TaggedOutput("bands", (key, entry))


class _BandFn(beam.DoFn):
    """Keyed by LSH band key: answers each newcomer with its best earlier match, then remembers it."""
    ENTRIES = BagStateSpec("entries", PickleCoder())
    EXPIRY = TimerSpec("expiry", TimeDomain.WATERMARK)

    def __init__(self, threshold: float):
        self._threshold = threshold

    def process(self, kv, ts=beam.DoFn.TimestampParam, entries=beam.DoFn.StateParam(ENTRIES),
                expiry=beam.DoFn.TimerParam(EXPIRY)):
        _, new = kv
        stored = list(entries.read())
        yield new["id"], ("verdict", best_earlier_match(stored, new, self._threshold))
        entries.clear()
        kept = remember(stored, new, _micros(ts))
        for e in kept:
            entries.add(e)
        # One timer at the latest expiry: an idle bucket is dropped whole; busy ones are pruned in remember().
        expiry.set(Timestamp(micros=max(e["expires"] for e in kept)))

    @on_timer(EXPIRY)
    def expire(self, entries=beam.DoFn.StateParam(ENTRIES)):
        entries.clear()


class _DecideFn(beam.DoFn):
    """Keyed by doc id: once the doc and all its band answers are in, emit it as article or duplicate."""
    ITEM = ReadModifyWriteStateSpec("item", PickleCoder())
    VERDICTS = BagStateSpec("verdicts", PickleCoder())
    CLEANUP = TimerSpec("cleanup", TimeDomain.WATERMARK)

    def __init__(self, run_id: str, ttl_micros: int):
        self._run_id, self._ttl = run_id, ttl_micros

    def process(self, kv, ts=beam.DoFn.TimestampParam, item_state=beam.DoFn.StateParam(ITEM),
                verdicts=beam.DoFn.StateParam(VERDICTS), cleanup=beam.DoFn.TimerParam(CLEANUP)):
        _, (kind, value) = kv
        # Answers of two overlapping redeliveries of one id could leave a remainder: drop it after the TTL.
        cleanup.set(Timestamp(micros=_micros(ts) + self._ttl))
        if kind == "doc":
            item_state.write(value)
        else:
            verdicts.add(value)
        item = item_state.read()
        answers = list(verdicts.read())
        if item is None or len(answers) < item["bands"]:
            return
        item_state.clear()
        verdicts.clear()
        kind, out = decide(item, answers, self._run_id)
        yield out if kind == "article" else beam.pvalue.TaggedOutput("duplicates", out)

    @on_timer(CLEANUP)
    def expire(self, item_state=beam.DoFn.StateParam(ITEM), verdicts=beam.DoFn.StateParam(VERDICTS)):
        item_state.clear()
        verdicts.clear()


class StreamingDeduplicate(beam.PTransform):
    """docs -> {'articles', 'duplicates', 'rejects'} like transforms.dedupe.Deduplicate, for unbounded input.

    ``rewindow`` returns a fresh WindowInto (the caller's write windows): state lives in the global window
    so duplicates are found across windows, and the outputs go back into the caller's windows.
    """

    def __init__(self, rewindow: Callable[[], beam.PTransform], ttl_hours: float = 72.0, run_id: str = "",
                 threshold: float = sigs.JACCARD_THRESHOLD, shingle_size: int = sigs.SHINGLE_SIZE,
                 num_perm: int = sigs.NUM_PERM, bands: int = sigs.BANDS, rows: int = sigs.ROWS):
        super().__init__()
        self.rewindow, self.run_id, self.threshold = rewindow, run_id, threshold
        self.ttl_micros = int(Duration(seconds=ttl_hours * 3600).micros)
        self.params = (shingle_size, num_perm, bands, rows)

    def expand(self, docs):
        signed = docs | "Sign" >> beam.ParDo(Sign(*self.params, mode="keyed")).with_output_types(KEYED).with_outputs("unique", REJECTS_TAG, main="signed")
        exact = (signed.signed
                 | "GlobalWindow" >> beam.WindowInto(GlobalWindows())
                 | "ExactState" >> beam.ParDo(_ExactFn(self.ttl_micros, self.run_id)).with_input_types(KEYED).with_outputs("duplicates", main="kept"))
        fanned = exact.kept | "FanOut" >> beam.FlatMap(_fan_out, ttl_micros=self.ttl_micros).with_output_types(KEYED).with_outputs("bands", main="docs")
        answers = fanned.bands | "BandState" >> beam.ParDo(_BandFn(self.threshold)).with_input_types(KEYED).with_output_types(KEYED)
        decided = ((fanned.docs, answers)
                   | "DocAndAnswers" >> beam.Flatten()
                   | "Decide" >> beam.ParDo(_DecideFn(self.run_id, self.ttl_micros)).with_input_types(KEYED).with_outputs("duplicates", main="articles"))
        articles = ((decided.articles | "ArticlesToWindows" >> self.rewindow(), signed.unique)
                    | "Articles" >> beam.Flatten())
        duplicates = ((exact.duplicates, decided.duplicates)
                      | "AllDuplicates" >> beam.Flatten()
                      | "DuplicatesToWindows" >> self.rewindow())
        return {"articles": articles, "duplicates": duplicates, "rejects": signed[REJECTS_TAG]}
