"""Benchmark of the segmentation/tagging stage: accuracy on CLUENER (measure only) and speed.

    python -m bench.ner [--cluener ../shared/ner-dev/cluener_train.json] [--corpus ../shared/corpus/feed_messages.jsonl]
                        [--limit N] [--no-speed] [--errors K] [--extra held_out.jsonl ...]

Accuracy: exact character spans, mapping name->PER, address->LOC, company/organization/government->ORG
(README of ner-dev), micro P/R/F1 per type and overall, recall of the `company` spans alone; the jieba
posseg baseline (nr->PER, ns->LOC, nt->ORG, one span per token) is scored in the same run.
--extra scores other labelled sets the same way (JSON lines {"text": ..., "entities": [[start, end,
"PER"|"LOC"|"ORG"], ...]}, end exclusive): held-out checks that the tagger is not fitted to CLUENER.
Speed: MB (UTF-8) of corpus text per second on one core, for segmentation+tagging, and jieba cut/posseg.
The tagger caches per-word verdicts across documents, so two figures: the first pass over the corpus
text (words unseen unless the CLUENER run before met them) and the best of five passes (steady state;
the best damps the noise of a shared machine).
"""
from __future__ import annotations

import argparse
import html
import json
import re
import tempfile
import time
from collections import Counter, defaultdict

MAP = {"name": "PER", "address": "LOC", "company": "ORG", "organization": "ORG", "government": "ORG"}
TYPES = ("PER", "LOC", "ORG")


def _json_lines(path, limit=None):
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if limit and i >= limit:
                return
            yield json.loads(line)


def load_cluener(path, limit=None):
    out = []
    for d in _json_lines(path, limit):
        gold, company = set(), set()
        for lab, mentions in d.get("label", {}).items():
            for spans in mentions.values():
                for s, e in spans:
                    if lab in MAP:
                        gold.add((s, e + 1, MAP[lab]))
                    if lab == "company":
                        company.add((s, e + 1))
        out.append((d["text"], gold, company))
    return out


def load_spans(path, limit=None):
    """A held-out set in the --extra format: (text, gold spans, no company spans)."""
    return [(d["text"], {(s, e, t) for s, e, t in d["entities"] if t in TYPES}, set())
            for d in _json_lines(path, limit)]


def ours(text):
    from transforms.entities import tag_entities
    from transforms.segment import segment
    return {(e.start, e.end, e.type) for e in tag_entities(text, segment(text)) if e.type in TYPES}


def jieba_posseg_spans(text, _pseg=[]):
    if not _pseg:
        import jieba
        import jieba.posseg
        jieba.setLogLevel(60)
        jieba.dt.tmp_dir = tempfile.gettempdir()
        _pseg.append(jieba.posseg)
    tags = {"nr": "PER", "ns": "LOC", "nt": "ORG"}
    spans, pos = set(), 0
    for w in _pseg[0].cut(text):
        t = tags.get(w.flag)
        if t:
            spans.add((pos, pos + len(w.word), t))
        pos += len(w.word)
    return spans


def score(data, tagger, errors=None):
    tp, fp, fn = Counter(), Counter(), Counter()
    comp_hit = comp_all = 0
    for text, gold, company in data:
        pred = tagger(text)
        for t in TYPES:
            g = {x for x in gold if x[2] == t}
            p = {x for x in pred if x[2] == t}
            tp[t] += len(g & p)
            fp[t] += len(p - g)
            fn[t] += len(g - p)
            if errors is not None:
                for s, e, _ in p - g:
                    errors[f"FP {t}"].append(text[s:e])
                for s, e, _ in g - p:
                    errors[f"FN {t}"].append(text[s:e])
        pred_spans = {(s, e) for s, e, t in pred if t == "ORG"}
        comp_hit += len(company & pred_spans)
        comp_all += len(company)
    rows = {}
    for t in (*TYPES, "micro"):
        a, b, c = (sum(x.values()) for x in (tp, fp, fn)) if t == "micro" else (tp[t], fp[t], fn[t])
        p = a / (a + b) if a + b else 0.0
        r = a / (a + c) if a + c else 0.0
        rows[t] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    rows["company_recall"] = comp_hit / comp_all if comp_all else 0.0
    return rows


def _strip_html(body: str) -> str:
    body = html.unescape(body)                       # some feeds escape their HTML twice
    body = re.sub(r"(?is)<(script|style)\b.*?</\1>", "\n", body)
    body = re.sub(r"(?i)<br\s*/?>|</p>|</div>|</h\d>|</li>", "\n", body)
    return html.unescape(re.sub(r"<[^>]+>", "", body))


def corpus_text(path):
    """Bodies of the feed file as plain text (the clean stage's boilerplate.clean_body when it is
    importable, else a tag stripper), cut into documents of at most 4,000 characters."""
    try:
        from transforms.boilerplate import clean_body
        to_text = lambda b: clean_body(b, "html").text   # noqa: E731
        to_text("<p>x</p>")
    except Exception:  # noqa: BLE001 - the other stage may be absent or changing
        to_text = _strip_html
    parts = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            body = json.loads(line).get("body_html") or ""
            parts.append(to_text(body))
    text = re.sub(r"\n\s*\n+", "\n", "\n".join(parts))
    return [text[i:i + 4000] for i in range(0, len(text), 4000)]


def timed(fn, docs, repeat=1):
    """CPU seconds of the first run and of the best of `repeat` runs (CPU time is the per-core figure:
    the machine is shared, so wall time includes waiting for a core), and the best wall seconds."""
    cpu, wall = [], []
    for _ in range(repeat):
        c, w = time.process_time(), time.perf_counter()
        for d in docs:
            fn(d)
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
    return cpu[0], min(cpu), min(wall)


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--cluener", default="../shared/ner-dev/cluener_train.json")
    ap.add_argument("--corpus", default="../shared/corpus/feed_messages.jsonl")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--errors", type=int, default=0, help="print K most common false positives/negatives")
    ap.add_argument("--extra", action="append", default=[], help="another labelled set (JSON lines), scored too")
    a = ap.parse_args(argv)

    from transforms.entities.lexicon import lexicon
    from transforms.segment import engine
    t0 = time.perf_counter()
    engine(), lexicon()
    print(f"load: dictionaries + automaton {time.perf_counter() - t0:.2f} s")

    data = load_cluener(a.cluener, a.limit)
    print(f"CLUENER {a.cluener}: {len(data)} sentences, exact spans, PER/LOC/ORG")
    errs = defaultdict(list) if a.errors else None
    results = {"newsbeam": score(data, ours, errs)}
    if not a.no_baseline:
        results["jieba posseg"] = score(data, jieba_posseg_spans)
    print(f"{'tagger':<14}{'type':<8}{'P':>7}{'R':>7}{'F1':>7}")
    for name, rows in results.items():
        for t in (*TYPES, "micro"):
            p, r, f = rows[t]
            print(f"{name:<14}{t:<8}{p:7.3f}{r:7.3f}{f:7.3f}")
        print(f"{name:<14}{'company recall':<22}{rows['company_recall']:7.3f}")
    for path in a.extra:
        held = load_spans(path, a.limit)
        n = Counter(t for _, gold, _ in held for _, _, t in gold)
        print(f"held-out {path}: {len(held)} sentences, " + ", ".join(f"{t} {n[t]}" for t in TYPES))
        for name, tagger in (("newsbeam", ours), ("jieba posseg", jieba_posseg_spans)):
            if name == "jieba posseg" and a.no_baseline:
                continue
            rows = score(held, tagger)
            print("  " + f"{name:<14}" + "  ".join(f"{t} {rows[t][2]:.3f}" for t in (*TYPES, "micro"))
                  + f"  (micro P {rows['micro'][0]:.3f} R {rows['micro'][1]:.3f})")
    if errs:
        for k in sorted(errs):
            print(k, Counter(errs[k]).most_common(a.errors))

    if a.no_speed:
        return
    import jieba
    import jieba.posseg
    jieba.setLogLevel(60)
    jieba.dt.tmp_dir = tempfile.gettempdir()
    jieba.initialize()
    from transforms.entities import tag_entities
    from transforms.segment import segment
    from transforms.segment_tag import segment_and_tag
    docs = corpus_text(a.corpus)
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    print(f"speed on {a.corpus}: {len(docs)} docs, {mb:.2f} MB UTF-8 text, one core")
    figures = [
        ("segment (rjieba)", lambda d: segment(d)),
        ("segment + tag_entities", lambda d: tag_entities(d, segment(d))),
        ("segment_and_tag (stage)", lambda d: segment_and_tag({"text": d})),
        ("jieba cut", lambda d: jieba.lcut(d)),
        ("jieba posseg", lambda d: list(jieba.posseg.cut(d))),
    ]
    print(f"  {'MB/s of text per core':<26}{'first pass':>11}{'best of 5':>11}{'best wall s':>12}")
    for name, fn in figures:
        first, best, wall = timed(fn, docs, 1 if name == "jieba posseg" else 5)
        print(f"  {name:<26}{mb / first:11.2f}{mb / best:11.2f}{wall:12.2f}")


if __name__ == "__main__":
    main()
