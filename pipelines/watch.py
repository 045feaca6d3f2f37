"""Continuous local mode (`newsbeam watch`): repeated incremental batch runs.

Beam's own continuous sources do not work locally (MatchContinuously busy-polls, see
docs/streaming.md), so each cycle is one ordinary `newsbeam run` over what is new:

  1. fetch the feeds (conditional GET with ETag/Last-Modified, timeouts, retries with backoff); the
     items not seen before are saved as one JSON-lines file of feed messages in OUTPUT/_watch/inbox/
     (a failing feed is logged and skipped; a body that is not a valid feed is saved as is, so the run
     rejects it with a reason);
  2. list the input files and the inbox, keep those not in the manifest (path + size + mtime);
  3. run the batch pipeline on them into OUTPUT (its cross-run dedupe index covers earlier cycles);
  4. only then record the files and the feeds' state in OUTPUT/_watch/manifest (atomic replace).

Killed at any moment, a restart redoes at most the unfinished cycle: record ids are stable (path +
index, inbox names are content hashes) and the writer skips rows whose id is already written, so
nothing is lost and nothing is written twice.
"""
from __future__ import annotations

import argparse
import glob
import hashlib
import json
import logging
import os
import signal
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field

from schemas.tables import WATCH_DIR
from transforms.parsers import feeds
from transforms.rejects import RecordRejected

log = logging.getLogger("newsbeam.watch")

SEEN_PER_FEED = 5000          # item keys remembered per feed (older ones are forgotten)
MAX_FILES_PER_CYCLE = 1000    # a huge backlog is ingested over several cycles
_SKIP_NAMES = (".tmp-", ".")  # temporary and hidden files are never inputs


# ---------------------------------------------------------------------------------------------- state

def state_path(output: str) -> str:
    return os.path.join(output, WATCH_DIR, "manifest")


def inbox_dir(output: str) -> str:
    return os.path.join(output, WATCH_DIR, "inbox")


def load_state(output: str) -> dict:
    try:
        with open(state_path(output), encoding="utf-8") as f:
            state = json.load(f)
    except FileNotFoundError:
        state = {}
    state.setdefault("files", {})
    state.setdefault("feeds", {})
    return state


def write_atomic(path: str, data: bytes) -> None:
    """Write to a temporary name, fsync, rename: readers (and a restart) see the old or the new file."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = os.path.join(os.path.dirname(path), f".tmp-{os.path.basename(path)}-{os.getpid()}")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def save_state(output: str, state: dict) -> None:
    write_atomic(state_path(output), json.dumps(state, ensure_ascii=False, sort_keys=True).encode("utf-8"))


# ---------------------------------------------------------------------------------------------- files

def file_stamp(path: str) -> list:
    st = os.stat(path)
    return [st.st_size, st.st_mtime_ns]


def list_inputs(patterns: list[str], exclude: str | None = None) -> list[str]:
    """Files matched by the patterns (a directory means every file below it), outside `exclude`, sorted."""
    out_root = os.path.abspath(exclude) + os.sep if exclude else "\0"
    found = set()
    for pattern in patterns:
        matches = [pattern] if os.path.isdir(pattern) else glob.glob(pattern, recursive=True)
        for m in matches:
            paths = ([os.path.join(d, n) for d, _, names in os.walk(m) for n in names] if os.path.isdir(m) else [m])
            for p in paths:
                p = os.path.abspath(p)
                if os.path.isfile(p) and not p.startswith(out_root) and not os.path.basename(p).startswith(_SKIP_NAMES):
                    found.add(p)
    return sorted(found)


def new_or_changed(paths: list[str], manifest: dict) -> dict[str, list]:
    """path -> [size, mtime_ns] for the files that are not in the manifest with the same stamp."""
    out = {}
    for p in paths:
        try:
            stamp = file_stamp(p)
        except FileNotFoundError:
            continue  # removed between listing and stat
        if manifest.get(p) != stamp:
            out[p] = stamp
    return out


# ---------------------------------------------------------------------------------------------- feeds

@dataclass
class Fetched:
    status: int                    # 200, 304, or 0 when the feed failed
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    attempts: int = 0


def fetch(url: str, etag: str | None = None, last_modified: str | None = None, timeout: float = 10.0,
          retries: int = 2, backoff: float = 1.0) -> Fetched:
    """Conditional GET.  Server errors, timeouts and connection errors are retried (backoff doubling);
    client errors (4xx) are not.  Never raises."""
    headers = {"User-Agent": "newsbeam-watch/1", "Accept": "application/rss+xml, application/atom+xml, */*"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    error = None
    for attempt in range(retries + 1):
        if attempt:
            time.sleep(backoff * 2 ** (attempt - 1))
        try:
            with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=timeout) as resp:
                return Fetched(resp.status, resp.read(), resp.headers.get("ETag"), resp.headers.get("Last-Modified"),
                               attempts=attempt + 1)
        except urllib.error.HTTPError as e:
            if e.code == 304:
                return Fetched(304, etag=etag, last_modified=last_modified, attempts=attempt + 1)
            error = f"HTTP {e.code}"
            if e.code < 500:
                return Fetched(0, error=error, attempts=attempt + 1)
        except (urllib.error.URLError, TimeoutError, OSError) as e:
            error = f"{type(e).__name__}: {getattr(e, 'reason', e)}"
    return Fetched(0, error=error, attempts=retries + 1)


def item_message(record) -> dict:
    """A feed item as a feed message of the JSON-lines schema (what `newsbeam run` reads for .jsonl)."""
    msg = {"id": record.key, "source": record.source, "url": record.url, "published": record.published,
           "title": record.title, "author": record.author, "categories": record.raw_categories,
           ("body_html" if record.body_format == "html" else "body_text"): record.body}
    return {k: v for k, v in msg.items() if v not in (None, [], "")}


def item_key(msg: dict) -> str:
    """An item's identity across polls: guid / Atom id, else link, else a hash of its content."""
    return msg.get("id") or msg.get("url") or "sha1:" + hashlib.sha1(
        json.dumps(msg, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def new_items_feed(body: bytes, seen: set[str]) -> tuple[bytes | None, list[str], str]:
    """(inbox file content, new item keys, file extension).

    The unseen items become JSON-lines feed messages ('jsonl'); a body that is not a safe, valid feed is
    kept as is ('xml') so the batch run rejects it with its reason; (None, [], '') when nothing is new."""
    try:
        title, items = feeds.parse_feed_xml(body.decode("utf-8", errors="replace"))
    except RecordRejected:
        return body, [], "xml"
    lines, new_keys = [], []
    for item in items:
        msg = item_message(feeds.item_record(item, title))
        key = item_key(msg)
        if key in seen or key in new_keys:
            continue
        new_keys.append(key)
        lines.append(json.dumps(msg, ensure_ascii=False, sort_keys=True))
    if not lines:
        return None, [], ""
    return ("\n".join(lines) + "\n").encode("utf-8"), new_keys, "jsonl"


def poll_feed(url: str, feed_state: dict, output: str, timeout: float, retries: int, backoff: float):
    """Fetch one feed and save its new items in the inbox: (inbox path or None, pending state, Fetched)."""
    got = fetch(url, feed_state.get("etag"), feed_state.get("last_modified"), timeout, retries, backoff)
    if got.status != 200:
        return None, None, got
    seen = set(feed_state.get("seen", []))
    data, new_keys, ext = new_items_feed(got.body, seen)
    pending = {"etag": got.etag, "last_modified": got.last_modified,
               "seen": (feed_state.get("seen", []) + new_keys)[-SEEN_PER_FEED:]}
    if data is None:
        return None, pending, got
    url_hash = hashlib.sha1(url.encode("utf-8")).hexdigest()[:10]
    path = os.path.join(inbox_dir(output), f"feed-{url_hash}-{hashlib.sha1(data).hexdigest()[:16]}.{ext}")
    write_atomic(path, data)  # same content, same name: a re-fetch after a crash rewrites the same file
    return path, pending, got


# ---------------------------------------------------------------------------------------------- cycle

@dataclass
class WatchConfig:
    output: str
    inputs: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    interval: float = 60.0
    timeout: float = 10.0
    retries: int = 2
    backoff: float = 1.0
    batch_args: list[str] = field(default_factory=list)


def run_cycle(cfg: WatchConfig, state: dict, number: int = 1) -> dict:
    """One incremental batch run; returns the cycle's figures (also logged as one line)."""
    from pipelines.runner import run_batch

    pending_feeds, failed, feed_files = {}, [], 0
    for url in cfg.feeds:
        try:
            path, pending, got = poll_feed(url, state["feeds"].get(url, {}), cfg.output, cfg.timeout, cfg.retries, cfg.backoff)
        except Exception as e:  # noqa: BLE001 - one feed never stops the others
            path, pending, got = None, None, Fetched(0, error=f"{type(e).__name__}: {e}")
        if got.status == 0:
            failed.append(url)
            log.warning("feed %s failed after %d attempt(s): %s", url, got.attempts, got.error)
        if pending is not None:
            pending_feeds[url] = pending
        feed_files += path is not None

    listed = list_inputs(cfg.inputs, exclude=cfg.output) + list_inputs([inbox_dir(cfg.output)])
    todo = new_or_changed(listed, state["files"])
    todo = dict(sorted(todo.items())[:MAX_FILES_PER_CYCLE])
    stats = {"cycle": number, "new_inputs": len(todo), "feed_files": feed_files, "failed_feeds": len(failed),
             "written": 0, "duplicates": 0, "rejects": 0, "ok": True}
    if todo:
        argv = ["--output", cfg.output, *cfg.batch_args]
        for p in todo:
            argv += ["--input", glob.escape(p)]
        code, summary = run_batch(argv, quiet=True)
        if code != 0 or summary is None:
            stats["ok"] = False
            log.error("watch cycle %d: batch run failed (exit %d); its inputs are retried next cycle", number, code)
            return stats
        stats.update(written=summary["articles_new"],
                     duplicates=summary["exact_duplicates"] + summary["near_duplicates"],
                     rejects=summary["rejected_total"])
    # Outputs are written: now (and only now) remember what was ingested.
    if todo or pending_feeds:
        state["files"].update(todo)
        state["feeds"].update(pending_feeds)
        save_state(cfg.output, state)
    log.info("watch cycle %d: new inputs %d (feed files %d), written %d, duplicates %d, rejects %d, failed feeds %d",
             number, stats["new_inputs"], feed_files, stats["written"], stats["duplicates"], stats["rejects"], len(failed))
    return stats


def watch_loop(cfg: WatchConfig, stop: threading.Event, max_cycles: int | None = None) -> int:
    state = load_state(cfg.output)
    number = 0
    while not stop.is_set():
        number += 1
        run_cycle(cfg, state, number)
        if max_cycles is not None and number >= max_cycles:
            break
        stop.wait(cfg.interval)
    log.info("watch stopped after %d cycle(s)", number)
    return 0


# ---------------------------------------------------------------------------------------------- command

def add_watch_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser("watch", help="keep a folder and/or feeds ingested (repeated incremental batch runs)",
                       description="Ingest new and changed files and new feed items every --interval seconds "
                                   "into --output. Other options (e.g. --timezone) pass through to `newsbeam run`.")
    p.add_argument("--input", action="append", default=[], metavar="DIR_OR_GLOB", help="folder or glob to watch (repeatable)")
    p.add_argument("--feed", action="append", default=[], metavar="URL", help="RSS/Atom feed URL to poll (repeatable)")
    p.add_argument("--output", required=True, metavar="DIR")
    p.add_argument("--interval", type=float, default=60.0, help="seconds between cycles (default: %(default)s)")
    p.add_argument("--timeout", type=float, default=10.0, help="HTTP timeout per request, seconds (default: %(default)s)")
    p.add_argument("--retries", type=int, default=2, help="retries of a failing feed per cycle (default: %(default)s)")
    p.add_argument("--backoff", type=float, default=1.0, help="first retry delay, doubled each retry (default: %(default)s)")
    p.add_argument("--once", action="store_true", help="run one cycle and exit")
    p.add_argument("--max_cycles", type=int, default=None, help="stop after this many cycles")
    return p


def watch_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="newsbeam")
    args, extra = add_watch_parser(parser.add_subparsers()).parse_known_args(argv)
    if not args.input and not args.feed:
        print("newsbeam watch: give --input and/or --feed", file=sys.stderr)
        return 2
    cfg = WatchConfig(output=os.path.abspath(args.output), inputs=args.input, feeds=args.feed, interval=args.interval,
                      timeout=args.timeout, retries=args.retries, backoff=args.backoff, batch_args=extra)
    stop = threading.Event()

    def _stop(signum, _frame):
        if stop.is_set():
            raise SystemExit(130)  # second signal: leave now (the manifest keeps the last finished cycle)
        log.info("signal %d: stopping after the current cycle", signum)
        stop.set()

    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    return watch_loop(cfg, stop, 1 if args.once else args.max_cycles)
