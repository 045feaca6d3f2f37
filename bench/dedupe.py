"""Dedupe bench: pair-decision quality on a labelled pair set, and throughput of the signature + LSH path.

    PYTHONPATH=. python bench/dedupe.py            # sweep + chosen parameters + throughput (~2-3 min)
    PYTHONPATH=. python bench/dedupe.py --quick    # chosen parameters only, 10k throughput

Pair decision = what the batch transform decides for one pair: the pair is an LSH candidate (shares a band
key) AND its exact shingle-set Jaccard >= threshold (exact duplicates of the normalised text always are).
Precision counts every merged pair of the whole doc set, labelled or not (an unlabelled merged pair is
counted as a false positive and printed).  Short = the shorter text has < 200 normalised characters.
"""
from __future__ import annotations

import argparse
import itertools
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.dedupe_pairs import SHORT_CHARS, build_pair_set  # noqa: E402
from transforms.dedupe import signatures as sigs  # noqa: E402
from transforms.dedupe import bucket_pairs, components_local  # noqa: E402

SWEEP_K = (3, 4, 5)
SWEEP_BANDS = ((32, 4), (20, 5), (16, 8))
SWEEP_T = (0.5, 0.6, 0.65, 0.7, 0.8)


def lsh_candidates(keys: dict) -> set:
    buckets = defaultdict(list)
    for doc_id, ks in keys.items():
        for k in ks:
            buckets[k].append(doc_id)
    cands = set()
    for ids in buckets.values():
        if len(ids) > 1:
            cands.update(bucket_pairs(ids))
    return cands


def prepare(ps, k: int, num_perm: int = sigs.NUM_PERM):
    norms = {i: sigs.normalize_for_hash(d["text"]) for i, d in ps.docs.items()}
    norms = {i: n for i, n in norms.items() if n}
    sh = {i: sigs.shingles(n, k) for i, n in norms.items()}
    mh = {i: sigs.minhash(s, num_perm) for i, s in sh.items()}
    return norms, sh, mh


def decide(ps, norms, sh, mh, bands, rows, thresholds):
    """{threshold: set of merged pairs}, plus the Jaccard of every labelled/candidate pair."""
    keys = {i: sigs.band_keys(m, bands, rows) for i, m in mh.items()}
    cands = lsh_candidates(keys)
    by_hash = defaultdict(list)
    for i, n in norms.items():
        by_hash[n].append(i)
    exact = {tuple(sorted(p)) for ids in by_hash.values() for p in itertools.combinations(ids, 2)}
    jac = {}
    for a, b in cands | set(ps.pairs):
        if a in sh and b in sh:
            jac[(a, b)] = sigs.jaccard(sh[a], sh[b])
    merged = {t: exact | {p for p in cands if jac[p] >= t} for t in thresholds}
    return merged, jac, cands


def is_short(norms, pair) -> bool:
    return min(len(norms[pair[0]]), len(norms[pair[1]])) < SHORT_CHARS


def _pairs_within(groups: dict) -> set:
    members = defaultdict(list)
    for node, g in groups.items():
        members[g].append(node)
    return {tuple(sorted(p)) for ids in members.values() for p in itertools.combinations(sorted(ids), 2)}


def truth_pairs(ps, norms) -> set:
    """Same-story pairs: connected by labelled 'dup' pairs or with identical normalised text."""
    edges = [p for p, (lab, _) in ps.pairs.items() if lab == "dup" and p[0] in norms and p[1] in norms]
    first = {}
    for i in sorted(norms):
        first.setdefault(norms[i], i)
    edges += [(first[n], i) for i, n in norms.items() if first[n] != i]
    return _pairs_within(components_local(edges, rounds=30))


def score(norms, sh, jac, merged, truth, jmin=None):
    """{'short'|'long': [tp, fp, fn]} over pairs: predicted = same component of the merged pairs.
    With jmin only pairs whose true Jaccard >= jmin count."""
    predicted = _pairs_within(components_local(merged, rounds=30))

    def j(p):
        if p not in jac:
            jac[p] = sigs.jaccard(sh[p[0]], sh[p[1]])
        return jac[p]

    out = {"short": [0, 0, 0], "long": [0, 0, 0]}
    for pair in predicted | truth:
        if jmin is not None and j(pair) < jmin:
            continue
        cell = out["short" if is_short(norms, pair) else "long"]
        if pair in predicted:
            cell[0 if pair in truth else 1] += 1
        else:
            cell[2] += 1
    return out


def pr(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r


def fmt(counts):
    cells = []
    for part in ("short", "long"):
        tp, fp, fn = counts[part]
        p, r = pr(tp, fp, fn)
        cells.append(f"{p:6.3f} {r:6.3f} {tp:5d} {fp:4d} {fn:4d}")
    return " | ".join(cells)


HEAD = "                                     short: P      R     TP   FP   FN |  long: P      R     TP   FP   FN"


def sweep(ps):
    print("\n## Sweep (all labelled dup pairs; precision over every merged pair)")
    print(f"{'k':>2} {'b x r':>6} {'t':>4} {'cands':>6}" + HEAD[21:])
    for k in SWEEP_K:
        norms, sh, mh = prepare(ps, k)
        for bands, rows in SWEEP_BANDS:
            merged, jac, cands = decide(ps, norms, sh, mh, bands, rows, SWEEP_T)
            truth = truth_pairs(ps, norms)
            for t in SWEEP_T:
                print(f"{k:>2} {bands:>3}x{rows:<2} {t:>4} {len(cands):>6}   "
                      + fmt(score(norms, sh, jac, merged[t], truth)))


def detail(ps, k, bands, rows, t):
    norms, sh, mh = prepare(ps, k)
    merged, jac, cands = decide(ps, norms, sh, mh, bands, rows, (t,))
    merged = merged[t]
    print(f"\n## Chosen: k={k}, num_perm={sigs.NUM_PERM}, bands x rows={bands}x{rows}, threshold={t}")
    print(f"docs={len(norms)} labelled pairs={len(ps.pairs)} LSH candidate pairs={len(cands)} merged pairs={len(merged)}")
    print(HEAD)
    truth = truth_pairs(ps, norms)
    print(f"{'all same-story pairs':<36} " + fmt(score(norms, sh, jac, merged, truth)))
    print(f"{'pairs with true Jaccard >= 0.8':<36} " + fmt(score(norms, sh, jac, merged, truth, jmin=0.8)))
    by_kind = defaultdict(lambda: [0, 0, []])
    for pair, (label, kind) in ps.pairs.items():
        if pair[0] not in norms or pair[1] not in norms:
            continue
        row = by_kind[kind]
        row[0] += 1
        row[1] += pair in merged
        row[2].append(jac.get(pair, 0.0))
    print(f"\n{'pair kind':<38} {'pairs':>5} {'merged':>6} {'min J':>6} {'median J':>8}")
    for kind in sorted(by_kind):
        n, m, js = by_kind[kind]
        if not js:
            continue
        js.sort()
        print(f"{kind:<38} {n:>5} {m:>6} {js[0]:6.3f} {js[len(js) // 2]:8.3f}")
    predicted = _pairs_within(components_local(merged, rounds=30))
    unl = sorted((p for p in predicted if p not in truth), key=lambda p: -jac.get(p, 1.0))
    print(f"\nfalse merges (same predicted cluster, different stories): {len(unl)}")
    for a, b in unl[:10]:
        print(f"  J={jac.get((a, b), 1.0):.3f}  {ps.docs[a]['source_path'][:50]} | {ps.docs[b]['source_path'][:50]}")
    empty = sum(1 for p, (lab, _) in ps.pairs.items() if lab == "dup" and not (p[0] in norms and p[1] in norms))
    missed = sorted((p for p, (lab, _) in ps.pairs.items() if lab == "dup" and p not in merged
                     and p[0] in norms and p[1] in norms), key=lambda p: -jac.get(p, 0))
    print(f"labelled dup pairs without a direct merge: {len(missed)} (highest Jaccard first); "
          f"{empty} labelled pairs skipped (empty text)")
    for p in missed[:8]:
        print(f"  J={jac.get(p, 0):.3f} cand={p in cands} {ps.pairs[p][1]}")
    negs = [jac.get(p, 0.0) for p, (lab, _) in ps.pairs.items() if lab == "different"]
    comp = components_local(merged)
    false_merges = sum(1 for p, (lab, _) in ps.pairs.items()
                       if lab == "different" and p[0] in comp and comp.get(p[0]) == comp.get(p[1]))
    print(f"hard negatives (market summaries): max J={max(negs):.3f}; pairs in one cluster after components:"
          f" {false_merges}")
    neg = sorted((jac[p] for p in cands if p not in truth), reverse=True)
    print(f"highest Jaccard of an LSH candidate pair of two different stories: {neg[0] if neg else 0:.3f}"
          f" (next: {', '.join(f'{j:.3f}' for j in neg[1:6])})")
    cont = [(p, kind) for p, (lab, kind) in ps.pairs.items() if lab == "containment" and p[0] in sh and p[1] in sh]
    as_cand = sum(1 for p, _ in cont if p in cands)
    reported = sum(1 for p, _ in cont if p in cands and jac[p] < t
                   and sigs.containment(sh[p[0]], sh[p[1]]) >= sigs.CONTAINMENT_THRESHOLD)
    print(f"containment pairs (digest/flash inside a longer text): {len(cont)}; LSH candidates: {as_cand};"
          f" reported as 'relations': {reported}; merged as duplicates: {sum(1 for p, _ in cont if p in merged)}")


def synthetic_docs(ps, n: int, seed: int = 1) -> list[str]:
    """n documents of 5-25 random real sentences each (realistic characters and lengths, few duplicates)."""
    rng = random.Random(seed)
    pool = [s for d in ps.docs.values() for s in d["text"].replace("\n", "。").split("。") if len(s) > 8]
    return ["。".join(rng.choices(pool, k=rng.randint(5, 25))) for _ in range(n)]


def throughput(ps, sizes):
    print("\n## Throughput of signature + LSH (pure functions, one core): normalise, shingle, MinHash,"
          " band keys, bucket, candidate pairs")
    print(f"{'docs':>7} {'mean chars':>10} {'seconds':>8} {'docs/s':>8} {'us/doc':>7} {'cand pairs':>10}")
    for n in sizes:
        texts = synthetic_docs(ps, n)
        t0 = time.perf_counter()
        buckets = defaultdict(list)
        for i, text in enumerate(texts):
            s = sigs.signature_of(text)
            for key in s.band_keys:
                buckets[key].append(i)
        cands = set()
        for ids in buckets.values():
            if len(ids) > 1:
                cands.update(bucket_pairs(ids))
        dt = time.perf_counter() - t0
        mean = sum(map(len, texts)) / n
        print(f"{n:>7} {mean:>10.0f} {dt:>8.1f} {n / dt:>8.0f} {dt / n * 1e6:>7.0f} {len(cands):>10}")


def beam_run(ps):
    """The Deduplicate PTransform itself on the pair-set docs (DirectRunner, in-process)."""
    import apache_beam as beam

    from transforms.dedupe import Deduplicate

    docs = [{k: d.get(k) for k in ("id", "text", "title", "source_path", "record_index", "published_at")}
            for d in ps.docs.values()]
    from apache_beam.metrics.metric import MetricsFilter

    t0 = time.perf_counter()
    p = beam.Pipeline()
    out = p | beam.Create(docs) | Deduplicate(run_id="bench")
    for name in ("articles", "duplicates", "relations"):
        counter = beam.metrics.Metrics.counter("dedupe_bench", name)
        _ = out[name] | f"Count{name}" >> beam.Map(lambda x, c=counter: c.inc())
    result = p.run()
    result.wait_until_finish()
    counts = {m.key.metric.name: m.committed
              for m in result.metrics().query(MetricsFilter().with_namespace("dedupe_bench"))["counters"]}
    dt = time.perf_counter() - t0
    norms, sh, mh = prepare(ps, sigs.SHINGLE_SIZE)
    merged = decide(ps, norms, sh, mh, sigs.BANDS, sigs.ROWS, (sigs.JACCARD_THRESHOLD,))[0][sigs.JACCARD_THRESHOLD]
    comp = components_local(merged)
    expected = len(set(comp.values())) + sum(1 for i in ps.docs if i not in comp)
    print(f"\n## Deduplicate PTransform, DirectRunner: {len(docs)} docs in {dt:.1f} s ({len(docs) / dt:.0f} docs/s"
          f" incl. ~2 s pipeline start-up); {counts}; clusters by the pure-function path: {expected}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    t0 = time.time()
    ps = build_pair_set()
    print(f"pair set: {len(ps.docs)} docs, {len(ps.pairs)} labelled pairs; corpus read with {ps.reader}")
    if not args.quick:
        sweep(ps)
    detail(ps, sigs.SHINGLE_SIZE, sigs.BANDS, sigs.ROWS, sigs.JACCARD_THRESHOLD)
    beam_run(ps)
    throughput(ps, (10_000,) if args.quick else (10_000, 100_000))
    print(f"\ntotal {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
