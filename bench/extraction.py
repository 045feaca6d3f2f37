"""Main-text extraction benchmark on ../shared/extraction-dev (issue #3).

Scores transforms.boilerplate.extract_main_text and, in the same run, readability-lxml and
trafilatura (bench-only dependencies) with the set's metric: per page, F1 over the multiset
of tokens (character bigrams for CJK text, lower-cased words otherwise); an exception or an
empty result scores 0; macro average per dataset. Prints P/R/F1 per dataset and pages/s.

    /tmp/venv/bin/python bench/extraction.py [--data DIR] [--only ours,readability,trafilatura]
                                             [--worst N]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "extraction-dev"
if not DEFAULT_DATA.exists():
    DEFAULT_DATA = Path("/work/shared/extraction-dev")

_CJK_RUN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]+")
_WORD_RE = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> Counter:
    """Character bigrams inside CJK runs (a lone CJK char is its own token) + lower-cased words
    of the remaining text."""
    out: Counter = Counter()
    for run in _CJK_RUN_RE.findall(text):
        if len(run) == 1:
            out[run] += 1
        else:
            out.update(run[i:i + 2] for i in range(len(run) - 1))
    rest = _CJK_RUN_RE.sub(" ", text)
    out.update(w.lower() for w in _WORD_RE.findall(rest))
    return out


def prf(pred: str | None, gold: str) -> tuple[float, float, float]:
    if not pred or not pred.strip():
        return 0.0, 0.0, 0.0
    p_t, g_t = tokens(pred), tokens(gold)
    overlap = sum((p_t & g_t).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    p = overlap / sum(p_t.values())
    r = overlap / sum(g_t.values())
    return p, r, 2 * p * r / (p + r)


def load_pages(data: Path):
    with open(data / "index.jsonl", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            html = (data / rec["html"]).read_text(encoding="utf-8")
            gold = (data / rec["gt"]).read_text(encoding="utf-8")
            yield rec, html, gold


def _ours():
    from transforms.boilerplate import extract_main_text
    return extract_main_text


def _readability():
    import lxml.html
    from readability import Document

    def run(html: str) -> str:
        summary = Document(html).summary(html_partial=True)
        return lxml.html.fromstring(summary).text_content() if summary.strip() else ""
    return run


def _trafilatura():
    import trafilatura

    def run(html: str) -> str:
        return trafilatura.extract(html) or ""
    return run


EXTRACTORS = {"ours": _ours, "readability": _readability, "trafilatura": _trafilatura}


def evaluate(extract, pages) -> dict:
    """Per-dataset macro P/R/F1, per-page F1 and total wall time of `extract` over pages."""
    per_page = []
    elapsed = 0.0
    for rec, html, gold in pages:
        t0 = time.perf_counter()
        try:
            pred = extract(html)
        except Exception:  # noqa: BLE001 - an exception scores 0, as the metric says
            pred = ""
        elapsed += time.perf_counter() - t0
        per_page.append((rec["dataset"], rec["id"], *prf(pred, gold)))
    by_ds: dict = {}
    for ds, _id, p, r, f in per_page:
        by_ds.setdefault(ds, []).append((p, r, f))
    summary = {ds: tuple(sum(x[i] for x in v) / len(v) for i in range(3)) + (len(v),)
               for ds, v in by_ds.items()}
    return {"summary": summary, "pages": per_page, "seconds": elapsed}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--only", default="ours,readability,trafilatura")
    ap.add_argument("--worst", type=int, default=0, help="list our N worst pages")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    pages = list(load_pages(args.data))
    print(f"{len(pages)} pages from {args.data}")
    print(f"{'extractor':<12} {'dataset':<12} {'pages':>5} {'P':>6} {'R':>6} {'F1':>6} {'pages/s':>8}")
    results = {}
    for name in args.only.split(","):
        try:
            extract = EXTRACTORS[name]()
        except ImportError as e:
            print(f"{name:<12} not installed ({e})")
            continue
        res = evaluate(extract, pages)
        results[name] = res
        speed = len(pages) / res["seconds"] if res["seconds"] else float("inf")
        for ds, (p, r, f, n) in sorted(res["summary"].items()):
            print(f"{name:<12} {ds:<12} {n:>5} {p:6.3f} {r:6.3f} {f:6.3f} {speed:8.1f}")
    if args.worst and "ours" in results:
        print(f"\nour {args.worst} worst pages (dataset id P R F1):")
        for ds, pid, p, r, f in sorted(results["ours"]["pages"], key=lambda x: x[4])[:args.worst]:
            print(f"  {ds:<12} {pid:<28} {p:.3f} {r:.3f} {f:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
