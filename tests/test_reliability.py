"""A run killed at any moment leaves no partial Parquet visible, and the next run completes the work."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pyarrow.parquet as pq
import pytest

from tests.conftest import CORPUS, ROOT, need_shared

INPUTS = ["zfe_html/p/*.html", "feed_messages.jsonl", "sogoucs/*/*.dat"]


def _cmd(out):
    cmd = [sys.executable, "-m", "pipelines.cli", "run", "--output", str(out)]
    for g in INPUTS:
        cmd += ["--input", str(CORPUS / g)]
    return cmd


def _ids(out):
    ids = []
    for f in (out / "articles").rglob("*.parquet"):
        ids += pq.read_table(f, columns=["id"]).column("id").to_pylist()
    return ids


@pytest.mark.parametrize("kill_after_files", [1, 4])
def test_kill_during_write_then_rerun(tmp_path, kill_after_files):
    need_shared()
    reference, out = tmp_path / "reference", tmp_path / "killed"
    assert subprocess.run(_cmd(reference), cwd=ROOT, capture_output=True).returncode == 0
    proc = subprocess.Popen(_cmd(out), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        if len(list((out / "articles").rglob("*.parquet"))) >= kill_after_files:
            break
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    for f in out.rglob("*.parquet"):  # whatever is visible is complete
        pq.read_metadata(f)
    assert subprocess.run(_cmd(out), cwd=ROOT, capture_output=True).returncode == 0
    ids = _ids(out)
    assert len(ids) == len(set(ids)), "a row was written twice"
    assert sorted(ids) == sorted(_ids(reference)), "the re-run did not complete the killed run's work"
