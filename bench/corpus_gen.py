"""Scale the shared development corpus to N documents for benchmarks (deterministic from --seed).

    python bench/corpus_gen.py --corpus ../shared/corpus --out /tmp/bench-corpus --n 10000 --seed 8

Every generated document starts from a real document of the corpus, keeping its format and
page skeleton (front matter, theme, navigation, footers: the boilerplate the pipeline must
remove) while its long text passages are refilled with real sentences drawn from the whole
corpus, so documents are distinct but read like the corpus.  The format mix follows the
corpus by document count (markdown+YAML, rendered HTML pages, JSON-lines feed messages,
SogouCS <doc> batches in GBK/CRLF or UTF-8), and some files are gzip-compressed.

Duplicates (share set by --exact-share / --near-share) copy an earlier generated document:
exact ones byte-for-byte under another file name / record, near ones perturbed the way
re-posts are (a few characters changed, a boilerplate line added or a paragraph removed,
the end truncated).  Lengths vary per document (x0.3 .. x3 of the template's passages); dates spread over one year.
Only documents the pipeline would keep are counted; what it rejects is the pipeline's business.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import random
import re
from collections import deque
from pathlib import Path

_CJK = re.compile(r"[\u4e00-\u9fff]")
# A text node between tags that holds a real passage (not a menu item): refilled in fresh documents.
_HTML_TEXT = re.compile(r"(?<=>)([^<>]{30,})(?=<)")
_SENTENCE = re.compile(r"[^。！？!?\n]{6,160}[。！？!?]")
_SOGOU_DOC = re.compile(r"<doc>.*?</doc>", re.S)
_BOILERPLATE = ["责任编辑：王伟", "（来源：每经网）", "本文来自财联社，转载请注明出处。", "点击关注，获取更多财经资讯",
                "免责声明：本文仅供参考，不构成投资建议。", "【版权声明】未经授权不得转载", "编辑：李明　校对：张华"]
RECORDS_PER_FEED_FILE = 50
DOCS_PER_SOGOU_FILE = 100
FILES_PER_DIR = 1000


def _cjk_share(s: str) -> float:
    return len(_CJK.findall(s)) / max(1, len(s))


def _split_front_matter(text: str) -> tuple[str, str]:
    m = re.match(r"\s*---\n.*?\n---\n", text, re.S)
    return (text[:m.end()], text[m.end():]) if m else ("", text)


def _html_skeleton(text: str) -> tuple[list[str], list[str]]:
    """Literal parts and passages, alternating: parts[0] + seg[0] + parts[1] + ... + parts[-1]."""
    parts, segs, last = [], [], 0
    for m in _HTML_TEXT.finditer(text):
        if _cjk_share(m.group(1)) < 0.3:
            continue
        parts.append(text[last:m.start()])
        segs.append(m.group(1))
        last = m.end()
    parts.append(text[last:])
    return parts, segs


def load_templates(corpus: Path) -> list[dict]:
    """One template per real document: {'fmt', 'parts', 'segs', 'meta'}."""
    templates = []
    for path in sorted(corpus.glob("rsshub_md/**/*.md")):
        fm, body = _split_front_matter(path.read_text("utf-8"))
        parts, segs = _html_skeleton(body)
        templates.append({"fmt": "md", "front": fm, "parts": parts, "segs": segs, "name": path.stem})
    for path in sorted(corpus.glob("zfe_html/**/*.html")):
        parts, segs = _html_skeleton(path.read_text("utf-8", "replace"))
        templates.append({"fmt": "html", "parts": parts, "segs": segs, "name": path.stem})
    for line in (corpus / "feed_messages.jsonl").read_text("utf-8").splitlines():
        if line.strip():
            msg = json.loads(line)
            key = "body_html" if "body_html" in msg else "body_text"
            parts, segs = _html_skeleton(msg[key]) if key == "body_html" else (["", ""], [msg[key]])
            templates.append({"fmt": "jsonl", "msg": msg, "key": key, "parts": parts, "segs": segs})
    for path in sorted(corpus.glob("sogoucs/NICE-FUTURE/*.dat")):  # the UTF-8 copy; GBK is re-made on output
        for d in _SOGOU_DOC.findall(path.read_text("utf-8", "replace")):
            field = lambda tag: (re.search(f"<{tag}>(.*?)</{tag}>", d, re.S) or [None, ""])[1]  # noqa: E731
            content = field("content")
            templates.append({"fmt": "sogou", "url": field("url"), "title": field("contenttitle"),
                              "parts": ["", ""], "segs": [content]})
    return [t for t in templates if t["segs"]]


def sentence_pool(templates: list[dict]) -> list[str]:
    pool = sorted({s.strip() for t in templates for seg in t["segs"] for s in _SENTENCE.findall(seg)
                   if _cjk_share(s) > 0.5})
    return pool


class CorpusGenerator:
    def __init__(self, corpus: Path, seed: int = 8, exact_share: float = 0.08, near_share: float = 0.12,
                 gzip_share: float = 0.05):
        self.rng = random.Random(seed)
        self.templates = load_templates(corpus)
        self.pool = sentence_pool(self.templates)
        self.exact_share, self.near_share, self.gzip_share = exact_share, near_share, gzip_share
        # The format mix of the corpus by documents (the SogouCS docs are there twice, GBK and UTF-8).
        self.by_fmt: dict[str, list] = {}
        for t in self.templates:
            self.by_fmt.setdefault(t["fmt"], []).append(t)
        self.fmt_weights = {f: len(ts) * (2 if f == "sogou" else 1) for f, ts in self.by_fmt.items()}
        self.recent: dict[str, deque] = {}  # per format: recent fresh documents, sources of duplicates
        self.counts = {"fresh": 0, "exact": 0, "near": 0}

    # ---- one document as (template, passages, meta)
    def _fill(self, n_chars: int) -> str:
        out, size = [], 0
        while size < n_chars:
            s = self.rng.choice(self.pool)
            out.append(s)
            size += len(s)
        return "".join(out)

    def _fmt(self) -> str:
        fmts = sorted(self.fmt_weights)
        return self.rng.choices(fmts, [self.fmt_weights[f] for f in fmts])[0]

    def _fresh(self) -> dict:
        t = self.rng.choice(self.by_fmt[self._fmt()])
        factor = min(3.0, max(0.3, self.rng.lognormvariate(0, 0.6)))
        segs = [self._fill(max(10, int(len(s) * factor))) for s in t["segs"]]
        title = self.rng.choice(self.pool)[:self.rng.randint(8, 30)].rstrip("。！？")
        # one year of archive: ~N/365 articles per date partition, like a daily crawl
        day = (dt.date(2022, 1, 1) + dt.timedelta(days=self.rng.randrange(365))).isoformat()
        return {"t": t, "segs": segs, "title": title, "day": day, "hour": self.rng.randint(0, 23)}

    def _near(self, doc: dict) -> dict:
        segs = list(doc["segs"])
        ops = self.rng.sample(["chars", "boilerplate", "truncate", "drop"], self.rng.randint(1, 2))
        big = max(range(len(segs)), key=lambda i: len(segs[i]))
        if "chars" in ops:  # a corrected re-post: a few characters differ
            s = list(segs[big])
            for _ in range(self.rng.randint(1, 6)):
                s[self.rng.randrange(len(s))] = self.rng.choice("的一是在不了有和人这中大为上个国我以要他")
            segs[big] = "".join(s)
        if "boilerplate" in ops:
            segs[-1] = segs[-1] + self.rng.choice(_BOILERPLATE)
        if "truncate" in ops:  # a shortened copy: the end cut off
            segs[big] = segs[big][:int(len(segs[big]) * self.rng.uniform(0.8, 0.95))]
        if "drop" in ops and len(segs) > 3:
            segs[self.rng.randrange(len(segs))] = ""
        return dict(doc, segs=segs)

    def next_doc(self) -> tuple[str, dict]:
        r = self.rng.random()
        fmt_pool = self.recent.get(self._fmt())
        if fmt_pool and r < self.exact_share:
            self.counts["exact"] += 1
            return "exact", self.rng.choice(fmt_pool)
        if fmt_pool and r < self.exact_share + self.near_share:
            self.counts["near"] += 1
            return "near", self._near(self.rng.choice(fmt_pool))
        doc = self._fresh()
        self.recent.setdefault(doc["t"]["fmt"], deque(maxlen=500)).append(doc)
        self.counts["fresh"] += 1
        return "fresh", doc

    # ---- rendering
    @staticmethod
    def _body(doc: dict) -> str:
        parts, segs = doc["t"]["parts"], doc["segs"]
        return "".join(p + s for p, s in zip(parts, segs)) + parts[-1]

    def render_md(self, doc: dict) -> str:
        fm = doc["t"]["front"]
        fm = re.sub(r"(?m)^title: .*$", lambda _: f"title: '{doc['title']}'", fm, count=1)
        fm = re.sub(r"(?m)^date: .*$", lambda _: f"date: {doc['day']} {doc['hour']:02d}:00:00", fm, count=1)
        return fm + self._body(doc)

    def render_html(self, doc: dict) -> str:
        return re.sub(r"<title>.*?</title>", lambda _: f"<title>{doc['title']} | 资讯</title>", self._body(doc), count=1, flags=re.S)

    def render_jsonl(self, doc: dict, i: int) -> str:
        msg = dict(doc["t"]["msg"], id=f"bench:{i}", url=f"https://news.example.cn/p/{i}.html",
                   title=doc["title"], published=doc["day"])
        msg[doc["t"]["key"]] = self._body(doc)
        return json.dumps(msg, ensure_ascii=False)

    def render_sogou(self, doc: dict, i: int) -> str:
        return (f"<doc>\n<url>http://news.example.cn/{doc['day'].replace('-', '')}/n{i}.shtml</url>\n"
                f"<docno>{i:016x}-bench</docno>\n<contenttitle>{doc['title']}</contenttitle>\n"
                f"<content>{doc['segs'][0]}</content>\n</doc>\n")


def _write(path: Path, data: bytes, gz: bool) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    if gz:
        path = path.with_name(path.name + ".gz")
        data = gzip.compress(data, mtime=0)
    path.write_bytes(data)
    return 1


def generate(corpus: Path, out: Path, n: int, seed: int = 8, **shares) -> dict:
    """Write n documents under out/{md,html,feeds,sogoucs}/; returns a summary dict (also out/MANIFEST.json)."""
    gen = CorpusGenerator(corpus, seed, **shares)
    out.mkdir(parents=True, exist_ok=True)
    feed, sogou, files = [], [], 0
    by_fmt = {"md": 0, "html": 0, "jsonl": 0, "sogou": 0}
    for i in range(n):
        _, doc = gen.next_doc()
        fmt = doc["t"]["fmt"]
        by_fmt[fmt] += 1
        gz = gen.rng.random() < gen.gzip_share
        sub = f"{i // FILES_PER_DIR:04d}"
        if fmt == "md":
            files += _write(out / "md" / sub / f"{i:07d}-{doc['t']['name'][:40]}.md", gen.render_md(doc).encode("utf-8"), gz)
        elif fmt == "html":
            files += _write(out / "html" / sub / f"{i:07d}.html", gen.render_html(doc).encode("utf-8"), gz)
        elif fmt == "jsonl":
            feed.append(gen.render_jsonl(doc, i))
        else:
            sogou.append(gen.render_sogou(doc, i))
        if len(feed) == RECORDS_PER_FEED_FILE or (feed and i == n - 1):
            files += _write(out / "feeds" / f"feed-{i:07d}.jsonl", ("\n".join(feed) + "\n").encode("utf-8"),
                            gen.rng.random() < 0.3)
            feed = []
        if len(sogou) == DOCS_PER_SOGOU_FILE or (sogou and i == n - 1):
            text = "".join(sogou)
            if gen.rng.random() < 0.5:  # the SogouCS release: GBK with CRLF
                data = text.replace("\n", "\r\n").encode("gbk", "replace")
            else:
                data = text.encode("utf-8")
            files += _write(out / "sogoucs" / f"news-{i:07d}.dat", data, gen.rng.random() < 0.2)
            sogou = []
    summary = {"n": n, "seed": seed, "files": files, "formats": by_fmt, "kinds": gen.counts,
               "templates": len(gen.templates), "sentence_pool": len(gen.pool),
               "bytes": sum(p.stat().st_size for p in out.rglob("*") if p.is_file())}
    (out / "MANIFEST.json").write_text(json.dumps(summary, indent=1))
    return summary


def input_globs(out: Path) -> list[str]:
    """The --input patterns that cover a generated folder (not its MANIFEST.json)."""
    return [str(out / "md" / "**" / "*.md*"), str(out / "html" / "**" / "*.html*"),
            str(out / "feeds" / "*.jsonl*"), str(out / "sogoucs" / "*.dat*")]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=os.environ.get("NEWSBEAM_SHARED", "../shared") + "/corpus")
    ap.add_argument("--out", required=True)
    ap.add_argument("--n", type=int, required=True, help="number of documents")
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--exact-share", type=float, default=0.08)
    ap.add_argument("--near-share", type=float, default=0.12)
    ap.add_argument("--gzip-share", type=float, default=0.05)
    a = ap.parse_args(argv)
    s = generate(Path(a.corpus), Path(a.out), a.n, a.seed, exact_share=a.exact_share,
                 near_share=a.near_share, gzip_share=a.gzip_share)
    print(json.dumps(s, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
