"""End-to-end benchmark of `newsbeam run` (issue #8): wall time, docs/s, peak RSS, per-stage bare loops.

    python bench/pipeline.py --sizes 1000,10000,100000      # `make bench-pipeline`

For every N a corpus is generated with bench/corpus_gen.py (cached under --work, deterministic
from --seed), then:
  * `newsbeam run` on the DirectRunner, in-process (default mode) and with
    `--direct_running_mode multi_processing --direct_num_workers 2`, each in a fresh subprocess:
    wall time, docs/s (N / wall), peak RSS of the whole process tree (psutil, children sampled
    every 0.1 s), and the run summary's counts;
  * the stage functions in a plain loop, no Beam: read+decode (decode_file), parse
    (parse_decoded), clean (clean_doc + repeated-line removal + complete_metadata), dedupe
    signatures (make_node: normalise, shingle, MinHash, band keys; not the grouping), segment+tag
    (segment_and_tag), write (rows_to_table + table_bytes per partition, in memory).
Ratios from the same run: Beam overhead = in-process pipeline docs/s / bare-loop docs/s (sum of the
stage times; the bare loop's one-time warm-up excluded), also shown with each run's fixed startup (a
run on seeds/) taken out of the pipeline's wall time; scaling = time per doc at the largest N / at 10k
(or the next smaller N).  Runs use the product's defaults, so a large N is processed in several runs
of --chunk_mb (the "runs" column).
Prints a table, writes bench/results/pipeline-<timestamp>.json and a PNG plot when matplotlib is
installed.  Timings only; nothing is asserted.
"""
from __future__ import annotations

import argparse
import datetime as dt
import resource
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import corpus_gen  # noqa: E402

MODES = {
    "in_process": [],
    "multi_processing_2": ["--direct_running_mode", "multi_processing", "--direct_num_workers", "2"],
}


# ------------------------------------------------------------------------------------------ pipeline runs

class TreeRssSampler(threading.Thread):
    """Peak of the summed RSS of a process and all its descendants."""

    def __init__(self, pid: int, interval: float = 0.1):
        super().__init__(daemon=True)
        import psutil
        self.root, self.interval, self.peak, self._halt = psutil.Process(pid), interval, 0, threading.Event()

    def run(self):
        import psutil
        while not self._halt.is_set():
            try:
                procs = [self.root] + self.root.children(recursive=True)
            except psutil.Error:
                break
            total = 0
            for p in procs:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            self._halt.wait(self.interval)

    def stop(self) -> int:
        self._halt.set()
        self.join()
        return self.peak


def run_pipeline(inputs: list[str], output: str, extra: list[str], log_path: Path, profile: Path | None = None) -> dict:
    # the product's defaults (dedupe index in OUTPUT, --chunk_mb) unless --chunk-mb overrides them
    cmd = [sys.executable, "-m", "pipelines.cli", "run", "--output", output]
    if profile:  # sampling profiler around the whole run (adds a few % of overhead)
        cmd = [shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy")), "record", "--rate", "50",
               "--subprocesses", "--format", "raw", "--output", str(profile), "--"] + cmd
    for pattern in inputs:
        cmd += ["--input", pattern]
    cmd += extra
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    with open(log_path, "w") as log:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
        sampler = TreeRssSampler(proc.pid)
        sampler.start()
        rc = proc.wait()
        wall = time.perf_counter() - started
        peak = sampler.stop()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU seconds of the whole (waited-for) process tree: less sensitive than wall time to other load
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    summary = {}
    runs = sorted(glob.glob(os.path.join(output, "_runs", "*.json")))
    if runs:
        summary = json.loads(Path(runs[-1]).read_text())
    return {"rc": rc, "wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "peak_rss_mb": round(peak / 2**20, 1),
            "command": " ".join(cmd), "summary_counts": _counts(summary)}


def _counts(summary: dict) -> dict:
    """The handful of run-summary figures worth keeping (the summary's layout is the lead's)."""
    keep = {k: summary[k] for k in ("inputs_read", "records_parsed", "rejected_total", "rejected", "exact_duplicates",
                                    "near_duplicates", "articles_written", "seconds", "chunks") if k in summary}
    if "partitions" in summary:
        keep["partitions"] = len(summary["partitions"])
    return keep


def summarize_profile(raw: Path, top: int = 15) -> dict:
    """py-spy collapsed stacks -> top functions by self and by inclusive share of all samples."""
    own, incl, total = Counter(), Counter(), 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        total += n
        frames = [f.split(" (")[0] + " (" + f.split(" (")[-1].split(":")[0].rsplit("/", 1)[-1] + ")"
                  for f in stack.split(";") if "(" in f]
        if frames:
            own[frames[-1]] += n
        for f in set(frames):
            incl[f] += n
    pct = lambda c: [(f, round(100 * v / total, 1)) for f, v in c.most_common(top)]  # noqa: E731
    return {"samples": total, "self": pct(own), "inclusive": pct(incl)}


# ------------------------------------------------------------------------------------------ bare loops

def bare_loops(inputs: list[str]) -> dict:
    """Each stage's pure functions over all documents, in a plain loop; seconds per stage."""
    from zoneinfo import ZoneInfo

    from schemas import ARTICLE_FILE_SCHEMA, PIPELINE_VERSION, Article
    from transforms import dedupe, repeated_lines as rl
    from transforms.dedupe import signatures as sigs
    from transforms.clean import clean_doc, complete_metadata
    from transforms.decode import decode_file
    from transforms.parse import parse_decoded
    from transforms.rejects import RecordRejected
    from transforms.segment_tag import segment_and_tag
    from transforms.write import article_partition, rows_to_table, table_bytes

    tz = ZoneInfo("Asia/Shanghai")
    t, counts = {}, {}
    cpu0 = time.process_time()
    # warm the lazy singletons so one-off loads (dictionaries, automata) are not charged per stage
    t0 = time.perf_counter()
    segment_and_tag({"text": "中国平安在上海发布公告。"})
    dedupe.make_node({"id": "w", "text": "预热文本一二三四五"}, sigs.SHINGLE_SIZE, sigs.NUM_PERM, sigs.BANDS, sigs.ROWS)
    t["warm_up"] = time.perf_counter() - t0

    paths = sorted({p for pattern in inputs for p in glob.glob(pattern, recursive=True)})
    t0 = time.perf_counter()
    decoded = []
    for path in paths:
        data = Path(path).read_bytes()
        try:
            d = decode_file(path, data)
        except RecordRejected:
            continue
        decoded.append({"source_path": path, "name": d.name, "text": d.text, "encoding": d.encoding})
    t["decode"] = time.perf_counter() - t0
    counts["files"] = len(paths)

    t0 = time.perf_counter()
    docs = [item for dec in decoded for kind, item in parse_decoded(dec, tz) if kind == "doc"]
    t["parse"] = time.perf_counter() - t0
    counts["records"] = len(docs)
    del decoded

    t0 = time.perf_counter()
    cleaned = []
    for doc in docs:
        try:
            cleaned.append(clean_doc(doc))
        except RecordRejected:
            pass
    # the pipeline's RemoveRepeatedLines, as plain code: lines in > max_docs distinct docs of a source
    seen = set()
    for doc in cleaned:
        keys = rl.doc_line_keys(doc["text"])
        fp = rl.doc_fingerprint(keys)
        for k in keys:
            seen.add((doc.get("source") or "", k, fp))
    per_line = Counter((s, k) for s, k, _ in seen)
    frequent = defaultdict(set)
    for (s, k), c in per_line.items():
        if c > rl.DEFAULT_MAX_DOCS:
            frequent[s].add(k)
    completed = []
    for doc in cleaned:
        hashes = frequent.get(doc.get("source") or "")
        if hashes:
            doc = dict(doc, text=rl.drop_lines(doc["text"], hashes))
        try:
            completed.append(complete_metadata(doc, tz))
        except RecordRejected:
            pass
    t["clean"] = time.perf_counter() - t0
    counts["cleaned"] = len(completed)
    del docs, cleaned, seen, per_line

    t0 = time.perf_counter()
    signed = [dedupe.make_node(doc, sigs.SHINGLE_SIZE, sigs.NUM_PERM, sigs.BANDS, sigs.ROWS)[0] for doc in completed]
    t["dedupe_signature"] = time.perf_counter() - t0
    del completed

    t0 = time.perf_counter()
    tagged = [segment_and_tag(doc) for doc in signed]
    t["segment_tag"] = time.perf_counter() - t0
    del signed

    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    t0 = time.perf_counter()
    groups = defaultdict(list)
    for doc in tagged:
        row = {**doc, "dup_cluster_id": doc["id"], "ingested_at": now, "pipeline_version": PIPELINE_VERSION}
        groups[article_partition(row)].append(row)
    out_bytes = 0
    for rows in groups.values():
        out_bytes += len(table_bytes(rows_to_table(rows, Article, ARTICLE_FILE_SCHEMA)))
    t["write"] = time.perf_counter() - t0
    counts.update(partitions=len(groups), parquet_bytes=out_bytes)
    return {"cpu_s": round(time.process_time() - cpu0 - t["warm_up"], 2), "seconds": {k: round(v, 3) for k, v in t.items()}, "counts": counts}


# ------------------------------------------------------------------------------------------ report

STAGES = ["decode", "parse", "clean", "dedupe_signature", "segment_tag", "write"]


def table(results: list[dict]) -> str:
    lines = []
    head = f"{'N':>7} {'mode':<20} {'wall s':>8} {'docs/s':>8} {'CPU s':>8} {'peak RSS MB':>12} {'runs':>5} {'rc':>3}"
    lines += ["End to end (`newsbeam run`, DirectRunner):", head, "-" * len(head)]
    for r in results:
        for mode, m in r["pipeline"].items():
            lines.append(f"{r['n']:>7} {mode:<20} {m['wall_s']:>8.1f} {m['docs_per_s']:>8.1f} {m['cpu_s']:>8.1f} {m['peak_rss_mb']:>12.0f} {m['summary_counts'].get('chunks', 1):>5} {m['rc']:>3}")
    lines += ["", "Bare loops of the stage functions (docs/s; N = generated docs):"]
    head = f"{'N':>7} " + " ".join(f"{s:>16}" for s in STAGES) + f" {'all stages':>11}"
    lines += [head, "-" * len(head)]
    for r in results:
        b = r["bare"]
        lines.append(f"{r['n']:>7} " + " ".join(f"{b['docs_per_s'][s]:>16.1f}" for s in STAGES)
                     + f" {b['docs_per_s']['total']:>11.1f}  (CPU {b['cpu_s']:.1f}s)")
    lines += ["", "Ratios:"]
    for r in results:
        lines.append(f"  N={r['n']}: pipeline/bare-loop throughput (Beam overhead; 1.0 = none): "
                     + ", ".join(f"{mode} {v:.2f}" for mode, v in r["beam_overhead_ratio"].items())
                     + "; by CPU seconds, bare/pipeline: "
                     + ", ".join(f"{mode} {v:.2f}" for mode, v in r["beam_cpu_ratio"].items()))
        if r.get("beam_overhead_ratio_after_startup"):
            lines.append(f"  N={r['n']}: the same with the fixed startup of each run (a run on seeds/) taken out: "
                         + ", ".join(f"{mode} {v:.2f}" for mode, v in r["beam_overhead_ratio_after_startup"].items()))
    for s in RESULTS_SCALING:
        lines.append(f"  {s}")
    return "\n".join(lines)


RESULTS_SCALING: list[str] = []


def scaling(results: list[dict]) -> dict:
    by_n = {r["n"]: r for r in results}
    ns = sorted(by_n)
    if len(ns) < 2:
        return {}
    big = ns[-1]
    base = 10_000 if 10_000 in by_n and big != 10_000 else ns[-2]
    out = {"from_n": base, "to_n": big}
    for mode in MODES:
        a, b = by_n[base]["pipeline"].get(mode), by_n[big]["pipeline"].get(mode)
        if a and b:
            out[mode] = round((b["wall_s"] / big) / (a["wall_s"] / base), 3)
    out["bare_loop"] = round((by_n[big]["bare"]["total_s"] / big) / (by_n[base]["bare"]["total_s"] / base), 3)
    RESULTS_SCALING.append(f"time per doc at {big} / at {base} (scaling; 1.0 = linear): "
                           + ", ".join(f"{k} {v:.2f}" for k, v in out.items() if k not in ("from_n", "to_n")))
    return out


def plot(results: list[dict], path: Path) -> bool:
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    ns = [r["n"] for r in results]
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(10, 4))
    for mode in MODES:
        a1.plot(ns, [r["pipeline"][mode]["docs_per_s"] for r in results], "o-", label=mode)
        a2.plot(ns, [r["pipeline"][mode]["peak_rss_mb"] for r in results], "o-", label=mode)
    a1.plot(ns, [r["bare"]["docs_per_s"]["total"] for r in results], "s--", label="bare loop")
    for a, ylabel in ((a1, "documents / s"), (a2, "peak RSS of process tree (MB)")):
        a.set_xscale("log")
        a.set_xlabel("documents (N)")
        a.set_ylabel(ylabel)
        a.legend()
        a.grid(alpha=0.3)
    fig.suptitle("newsbeam run on the DirectRunner")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    return True


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000", help="comma-separated N (k suffix allowed: 1k,10k)")
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--corpus", default=os.environ.get("NEWSBEAM_SHARED", str(ROOT.parent / "shared")) + "/corpus")
    ap.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "newsbeam-bench"),
                    help="generated corpora (kept, reused) and run outputs (removed)")
    ap.add_argument("--modes", default=",".join(MODES))
    ap.add_argument("--no-bare", action="store_true", help="skip the bare loops")
    ap.add_argument("--chunk-mb", default=None,
                    help="pass --chunk_mb to newsbeam run (default: the product's default; 0 = one run per N)")
    ap.add_argument("--results", default=str(ROOT / "bench" / "results"))
    ap.add_argument("--profile", action="store_true",
                    help="run the in_process mode under py-spy (pip install py-spy) and print the top functions")
    a = ap.parse_args(argv)
    sizes = [int(float(s[:-1]) * 1000) if s.lower().endswith("k") else int(s) for s in a.sizes.split(",")]
    modes = [m for m in a.modes.split(",") if m]
    work = Path(a.work)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    results_dir = Path(a.results)
    results_dir.mkdir(parents=True, exist_ok=True)
    results = []
    # Fixed cost of a run (interpreter, imports, pipeline construction, DoFn setup with the dictionaries):
    # `newsbeam run` on the two seed documents.  Reported next to the end-to-end ratio, never instead of it.
    startup = {}
    for mode in modes:
        out = work / f"out-startup-{mode}"
        shutil.rmtree(out, ignore_errors=True)
        extra = MODES[mode] + (["--chunk_mb", str(a.chunk_mb)] if a.chunk_mb is not None else [])
        m = run_pipeline([str(ROOT / "seeds" / "*")], str(out), extra, results_dir / f"pipeline-{stamp}-startup-{mode}.log")
        startup[mode] = m["wall_s"]
        shutil.rmtree(out, ignore_errors=True)
    print(f"startup (a run on seeds/, 2 docs): {startup}", flush=True)
    for n in sizes:
        corpus_dir = work / f"corpus-{n}-seed{a.seed}"
        if not (corpus_dir / "MANIFEST.json").exists():
            shutil.rmtree(corpus_dir, ignore_errors=True)
            t0 = time.perf_counter()
            corpus_gen.generate(Path(a.corpus), corpus_dir, n, a.seed)
            print(f"generated {n} docs in {time.perf_counter() - t0:.1f}s -> {corpus_dir}", flush=True)
        manifest = json.loads((corpus_dir / "MANIFEST.json").read_text())
        inputs = corpus_gen.input_globs(corpus_dir)
        r = {"n": n, "corpus": manifest, "pipeline": {}}
        for mode in modes:
            out = work / f"out-{n}-{mode}"
            shutil.rmtree(out, ignore_errors=True)
            prof = results_dir / f"pipeline-{stamp}-{n}-{mode}.pyspy.txt" if a.profile and mode == "in_process" else None
            extra = MODES[mode] + (["--chunk_mb", str(a.chunk_mb)] if a.chunk_mb is not None else [])
            m = run_pipeline(inputs, str(out), extra, results_dir / f"pipeline-{stamp}-{n}-{mode}.log", prof)
            if prof and prof.exists():
                m["profile"] = summarize_profile(prof)
                print(json.dumps(m["profile"], indent=1, ensure_ascii=False), flush=True)
            m["docs_per_s"] = round(n / m["wall_s"], 1)
            r["pipeline"][mode] = m
            print(f"N={n} {mode}: {m['wall_s']}s, {m['docs_per_s']} docs/s, peak RSS {m['peak_rss_mb']} MB, rc={m['rc']}", flush=True)
            shutil.rmtree(out, ignore_errors=True)
        if not a.no_bare:
            b = bare_loops(inputs)
            total = sum(b["seconds"][s] for s in STAGES)
            b["total_s"] = round(total, 3)
            b["docs_per_s"] = {s: round(n / max(b["seconds"][s], 1e-9), 1) for s in STAGES}
            b["docs_per_s"]["total"] = round(n / total, 1)
            r["bare"] = b
            print(f"N={n} bare loops: {b['seconds']} (total {total:.1f}s)", flush=True)
            r["beam_overhead_ratio"] = {mode: round(m["docs_per_s"] / b["docs_per_s"]["total"], 3)
                                        for mode, m in r["pipeline"].items()}
            r["beam_overhead_ratio_after_startup"] = {
                mode: round(n / max(m["wall_s"] - startup[mode] * max(1, m["summary_counts"].get("chunks", 1)), 1e-9)
                            / b["docs_per_s"]["total"], 3) for mode, m in r["pipeline"].items() if mode in startup}
            r["beam_cpu_ratio"] = {mode: round(b["cpu_s"] / max(m["cpu_s"], 1e-9), 3) for mode, m in r["pipeline"].items()}
        results.append(r)
    report = {"timestamp": stamp, "sizes": sizes, "seed": a.seed, "chunk_mb": a.chunk_mb, "startup_s": startup, "cpu_count": os.cpu_count(),
              "python": sys.version.split()[0], "results": results}
    if not a.no_bare and all("in_process" in r["pipeline"] and "multi_processing_2" in r["pipeline"] for r in results):
        report["scaling"] = scaling(results)
        print("\n" + table(results))
        if plot(results, results_dir / f"pipeline-{stamp}.png"):
            report["plot"] = str(results_dir / f"pipeline-{stamp}.png")
    path = results_dir / f"pipeline-{stamp}.json"
    path.write_text(json.dumps(report, indent=1, ensure_ascii=False, default=str))
    print(f"\nresults written to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
