"""`newsbeam watch`: feeds over a local HTTP server (127.0.0.1 only), a folder, kill and restart.

Feed items and folder files are built from real messages of /work/shared/corpus/feed_messages.jsonl.
"""
from __future__ import annotations

import hashlib
import json
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

import pytest

from pipelines import watch
from pipelines.query import connect
from transforms.parse import record_id

from tests.conftest import CORPUS, ROOT, need_shared


def corpus_messages(start: int, n: int) -> list[dict]:
    need_shared()
    lines = (CORPUS / "feed_messages.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines[start:start + n]]


def rss(items: list[dict]) -> bytes:
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
             "<channel><title>测试财经</title><link>http://127.0.0.1/</link>"]
    for m in items:
        parts.append(f"<item><title>{escape(m['title'])}</title><link>{escape(m['url'])}</link><guid>{escape(m['id'])}</guid>"
                     f"<pubDate>{m['published']}</pubDate><content:encoded>{escape(m['body_html'])}</content:encoded></item>")
    return ("".join(parts) + "</channel></rss>").encode("utf-8")


def atom(items: list[dict]) -> bytes:
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>测试健康</title>']
    for m in items:
        parts.append(f"<entry><id>{escape(m['id'])}</id><title>{escape(m['title'])}</title><link href=\"{escape(m['url'])}\"/>"
                     f"<published>{m['published']}T08:00:00+08:00</published><content type=\"html\">{escape(m['body_html'])}</content></entry>")
    return ("".join(parts) + "</feed>").encode("utf-8")


class FeedServer:
    """routes: path -> (status, body); honours If-None-Match with a content ETag; logs requests."""

    def __init__(self):
        self.routes: dict[str, tuple[int, bytes]] = {}
        self.requests: list[tuple[str, str | None]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                server.requests.append((self.path, self.headers.get("If-None-Match")))
                if self.path == "/slow":
                    time.sleep(1.0)
                status, body = server.routes.get(self.path, (404, b"not found"))
                etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                if status == 200 and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(status)
                if status == 200:
                    self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except BrokenPipeError:
                    pass  # the client gave up (timeout test)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_port}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    s = FeedServer()
    yield s
    s.close()


def q(out, sql):
    return connect(str(out)).sql(sql).fetchall()


def write_jsonl(path, messages):
    path.write_text("".join(json.dumps(m, ensure_ascii=False) + "\n" for m in messages), encoding="utf-8")


# ---------------------------------------------------------------------------------------------- units

def test_new_items_feed_keeps_only_unseen_items():
    items = corpus_messages(10, 3)
    body, keys, ext = watch.new_items_feed(rss(items), set())
    assert keys == [m["id"] for m in items] and ext == "jsonl"
    body, keys, _ = watch.new_items_feed(rss(items), {items[0]["id"], items[1]["id"]})
    msgs = [json.loads(line) for line in body.decode("utf-8").splitlines()]
    assert keys == [items[2]["id"]] and [(m["id"], m["title"], m["url"]) for m in msgs] == [
        (items[2]["id"], items[2]["title"], items[2]["url"])]
    assert msgs[0]["body_html"] == items[2]["body_html"] and msgs[0]["source"] == "测试财经"
    assert watch.new_items_feed(rss(items), {m["id"] for m in items}) == (None, [], "")
    assert watch.new_items_feed(b"<rss><channel><item>", set()) == (b"<rss><channel><item>", [], "xml")  # as is
    body, keys, _ = watch.new_items_feed(atom(items[:2]), {items[0]["id"]})
    assert keys == [items[1]["id"]] and json.loads(body)["url"] == items[1]["url"]


def test_new_or_changed_uses_size_and_mtime(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("一", encoding="utf-8")
    b.write_text("二", encoding="utf-8")
    (tmp_path / ".tmp-x").write_text("partial")
    listed = watch.list_inputs([str(tmp_path)])
    assert listed == [str(a), str(b)]
    manifest = watch.new_or_changed(listed, {})
    assert watch.new_or_changed(listed, manifest) == {}
    b.write_text("二三", encoding="utf-8")
    assert list(watch.new_or_changed(listed, manifest)) == [str(b)]


def test_fetch_retries_server_errors_and_sends_etag(server):
    server.routes["/err"] = (500, b"boom")
    got = watch.fetch(server.base + "/err", retries=2, backoff=0.01, timeout=2)
    assert got.status == 0 and got.error == "HTTP 500" and got.attempts == 3
    assert [p for p, _ in server.requests].count("/err") == 3
    server.routes["/a.rss"] = (200, rss(corpus_messages(10, 1)))
    first = watch.fetch(server.base + "/a.rss")
    assert first.status == 200 and first.etag
    assert watch.fetch(server.base + "/a.rss", etag=first.etag).status == 304
    assert watch.fetch("http://127.0.0.1:9/none", retries=0, timeout=1).status == 0  # refused: no exception
    server.routes["/slow"] = (200, b"<rss/>")
    slow = watch.fetch(server.base + "/slow", retries=1, backoff=0.01, timeout=0.3)
    assert slow.status == 0 and "timed out" in slow.error and slow.attempts == 2


# ---------------------------------------------------------------------------------------------- end to end

def test_watch_cycles_feeds_and_folder(server, tmp_path):
    msgs = corpus_messages(40, 8)
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    server.routes.update({"/a.rss": (200, rss(msgs[0:2])), "/b.atom": (200, atom(msgs[2:3])),
                          "/err": (500, b"down"), "/bad": (200, b"<rss><channel><item><title>x</title></channel>")})
    write_jsonl(folder / "one.jsonl", msgs[3:5])
    cfg = watch.WatchConfig(output=str(out), inputs=[str(folder)], feeds=[server.base + p for p in ("/a.rss", "/b.atom", "/err", "/bad")],
                            retries=1, backoff=0.01, timeout=2)
    state = watch.load_state(str(out))

    first = watch.run_cycle(cfg, state, 1)
    assert (first["new_inputs"], first["written"], first["failed_feeds"], first["rejects"]) == (4, 5, 1, 1)
    assert q(out, "SELECT reason, source_path LIKE '%/_watch/inbox/feed-%' FROM rejects") == [("bad_xml", True)]

    # between polls: a new item in feed a; a new file with one new story and a copy of a feed item
    server.routes["/a.rss"] = (200, rss(msgs[0:2] + msgs[5:6]))
    write_jsonl(folder / "two.jsonl", [msgs[6], dict(msgs[0], id="copy")])
    second = watch.run_cycle(cfg, state, 2)
    assert (second["new_inputs"], second["written"], second["duplicates"], second["rejects"]) == (2, 2, 1, 0)
    assert (server.base + "/b.atom") in state["feeds"] and (server.base + "/err") not in state["feeds"]
    assert ("/b.atom", state["feeds"][server.base + "/b.atom"]["etag"]) in server.requests  # conditional GET -> 304
    feed_a = "feed-" + hashlib.sha1((server.base + "/a.rss").encode()).hexdigest()[:10]
    inbox = sorted(p for p in (out / "_watch" / "inbox").iterdir() if p.name.startswith(feed_a))
    assert sorted(len(p.read_text(encoding="utf-8").splitlines()) for p in inbox) == [1, 2]  # each item once

    third = watch.run_cycle(cfg, state, 3)
    assert (third["new_inputs"], third["written"]) == (0, 0)
    urls = q(out, "SELECT url, count(*) FROM articles GROUP BY 1")
    assert len(urls) == 7 and all(n == 1 for _, n in urls)
    assert {u for u, _ in urls} == {m["url"] for m in msgs[:7]}
    assert q(out, "SELECT count(*) FROM duplicates WHERE source_path LIKE '%two.jsonl'") == [(1,)]
    assert watch.load_state(str(out)) == state


def test_watch_loop_picks_up_files_arriving_while_watching(tmp_path):
    msgs = corpus_messages(50, 2)
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    cfg = watch.WatchConfig(output=str(out), inputs=[str(folder / "*.jsonl")], interval=0.2)
    stop = threading.Event()
    loop = threading.Thread(target=watch.watch_loop, args=(cfg, stop))
    loop.start()
    try:
        for i, m in enumerate(msgs):
            path = folder / f"arrived-{i}.jsonl"
            write_jsonl(path, [m])
            deadline = time.time() + 30
            while str(path) not in watch.load_state(str(out))["files"] and time.time() < deadline:
                time.sleep(0.1)
    finally:
        stop.set()
        loop.join(30)
    assert not loop.is_alive()
    assert sorted(u for (u,) in q(out, "SELECT url FROM articles")) == sorted(m["url"] for m in msgs)


def _watch_cmd(folder, out, *extra):
    return [sys.executable, "-m", "pipelines.cli", "watch", "--input", str(folder), "--output", str(out), *extra]


def test_kill_mid_cycle_then_restart_loses_nothing_and_writes_nothing_twice(tmp_path):
    msgs = corpus_messages(60, 36)
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    files = []
    for i in range(12):
        files.append(folder / f"batch-{i:02d}.jsonl")
        write_jsonl(files[-1], msgs[3 * i:3 * i + 3])
    # One Beam run per file (--chunk_mb far below a file's size): once the first run has written,
    # eleven more runs are left in the cycle, so the kill lands mid-cycle without a race on timing.
    proc = subprocess.Popen(_watch_cmd(folder, out, "--interval", "30", "--chunk_mb", "0.001"), cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 120
        while not list((out / "articles").rglob("part-*.parquet")) and time.time() < deadline:
            time.sleep(0.01)
        assert list((out / "articles").rglob("part-*.parquet")), "the first run of the cycle wrote nothing"
        proc.send_signal(signal.SIGKILL)  # writes have started, the cycle has not finished
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert not (out / "_watch" / "manifest").exists(), "the kill came after the cycle finished"

    restart = subprocess.Popen(_watch_cmd(folder, out, "--interval", "30"), cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    for line in restart.stdout:
        lines.append(line)
        if "watch cycle 1:" in line:
            restart.send_signal(signal.SIGTERM)  # a clean stop while waiting for the next cycle
    assert restart.wait(30) == 0, "".join(lines)
    assert any("watch stopped after 1 cycle" in line for line in lines)
    assert "new inputs 12" in next(line for line in lines if "watch cycle 1:" in line)

    expected = {record_id(str(f), i) for f in files for i in range(3)}
    articles = q(out, "SELECT id, count(*) FROM articles GROUP BY 1")
    dups = {i for (i,) in q(out, "SELECT id FROM duplicates")}
    rejected = {record_id(p, i) for p, i in q(out, "SELECT source_path, record_index FROM rejects")}
    assert all(n == 1 for _, n in articles)                          # nothing written twice
    assert {i for i, _ in articles} | dups | rejected == expected     # nothing lost: every record accounted for
    assert len(articles) > 20
    assert not {i for i, _ in articles} & dups
    assert sorted(watch.load_state(str(out))["files"]) == sorted(str(f) for f in files)

    again = subprocess.run(_watch_cmd(folder, out, "--once"), cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert "new inputs 0" in again.stderr and again.returncode == 0
