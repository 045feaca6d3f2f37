"""Dataflow packaging without a cloud account: the job graph built offline, the staged package, the template.

Needs the `gcp` extra (apache-beam[gcp]) for the DataflowRunner and `build` for the package build.
Nothing here talks to Google Cloud: `--dry_run=True --no_auth` stops before submission, and the one
construction-time GCS call (does the cross-run dedupe index exist?) is answered by a stub (without it,
the lookup retries for ~2 minutes here before giving up).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile

import pytest

from pipelines.options import NewsbeamOptions

from tests.conftest import ROOT

pytest.importorskip("google.cloud.dataflow", reason="needs the gcp extra: pip install 'newsbeam[gcp]'")

from google.cloud import dataflow as dataflow_api  # noqa: E402

from pipelines.dataflow import main as template_main  # noqa: E402

DATAFLOW_DIR = ROOT / "pipelines" / "dataflow"
# Beam validates these: a project id needs 6+ characters and a bucket 3+ (gs://b/... is refused).
DRY_RUN = ["--runner=DataflowRunner", "--project=test-project", "--region=us-central1",
           "--temp_location=gs://test-bucket/tmp", "--dry_run=True", "--no_auth"]
BATCH_STAGES = ["Read", "Decode", "Parse", "Clean", "Dedupe", "SegmentTag", "WriteArticles", "WriteDuplicates", "WriteRejects"]
STREAM_STAGES = ["ReadPubSub", "ParseMessages", "Clean", "Dedupe", "SegmentTag", "WriteArticles", "WriteDuplicates", "WriteRejects"]
NOW = dt.datetime(2026, 11, 23, 1, 30, tzinfo=dt.timezone.utc)


@pytest.fixture
def index_lookups(monkeypatch):
    """Stub the construction-time 'does the dedupe index exist' check (it would call GCS)."""
    from transforms.dedupe import index as dedupe_index

    seen = []

    def exists(index_dir):
        seen.append(index_dir)
        return False  # a first run; a later run adds ReadIndex, whose glob Beam validates on GCS at construction

    monkeypatch.setattr(dedupe_index, "index_exists", exists)
    return seen


def dry_run(argv):
    p, options = template_main.build(DRY_RUN + argv, now=NOW)
    result = p.run()
    return result.job, options


def transform_names(job) -> set[str]:
    return {t.unique_name for t in job.proto_pipeline.components.transforms.values()}


def test_batch_job_builds_offline(index_lookups):
    job, options = dry_run(["--input=gs://bucket/raw/{now-1d:%Y/%m/%d}/*", "--output=gs://bucket/news"])
    assert job.proto.type_ == dataflow_api.JobType.JOB_TYPE_BATCH
    names = transform_names(job)
    missing = [s for s in BATCH_STAGES if s not in names]
    assert not missing, f"stages missing from the Dataflow graph: {missing}"
    # The input window placeholder was expanded at launch; the cross-run index lives next to the output on GCS.
    assert options.view_as(NewsbeamOptions).input == ["gs://bucket/raw/2026/11/22/*"]
    assert index_lookups == ["gs://bucket/news/_dedupe_index"]


def test_streaming_job_builds_offline(index_lookups):
    job, _ = dry_run(["--input_subscription=projects/test-project/subscriptions/news", "--output=gs://bucket/news",
                      "--window_minutes=5"])
    assert job.proto.type_ == dataflow_api.JobType.JOB_TYPE_STREAMING
    names = transform_names(job)
    missing = [s for s in STREAM_STAGES if s not in names]
    assert not missing, f"stages missing from the streaming Dataflow graph: {missing}"


def test_missing_options_give_clear_errors(capsys):
    with pytest.raises(ValueError, match=r"missing required option\(s\): --input, --output"):
        NewsbeamOptions([]).validate_newsbeam()
    with pytest.raises(ValueError, match="--output"):
        NewsbeamOptions(["--input", "gs://bucket/raw/*"]).validate_newsbeam()
    if hasattr(NewsbeamOptions, "validate_streaming"):
        with pytest.raises(ValueError, match="exactly one of --input_subscription or --input_topic"):
            NewsbeamOptions(["--output", "gs://bucket/news"]).validate_streaming()
    # The template entry point reports them and exits 2 before touching Beam's runner.
    assert template_main.main(DRY_RUN + ["--output=gs://bucket/news"]) == 2
    assert "missing required option(s): --input" in capsys.readouterr().err


def test_input_window_placeholders():
    assert template_main.expand_window("gs://b/raw/{now-1d:%Y/%m/%d}/*", NOW) == "gs://b/raw/2026/11/22/*"
    assert template_main.expand_window("gs://b/raw/{now-2h:%Y/%m/%d/%H}/*", NOW) == "gs://b/raw/2026/11/22/23/*"
    assert template_main.expand_window("gs://b/raw/{now:%Y%m%d}/x-*.gz", NOW) == "gs://b/raw/20261123/x-*.gz"
    assert template_main.expand_window("gs://b/raw/2026/*", NOW) == "gs://b/raw/2026/*"
    argv = ["--input", "gs://b/{now-1d:%d}/*", "--input=gs://c/{now:%H}", "--output", "gs://o/{now:%d}"]
    assert template_main.expand_argv(argv, NOW) == ["--input", "gs://b/22/*", "--input=gs://c/01", "--output", "gs://o/{now:%d}"]


# ---------------------------------------------------------------- the template files

def option_dests() -> dict[str, argparse.Action]:
    parser = argparse.ArgumentParser()
    NewsbeamOptions._add_argparse_args(parser)
    return {a.dest: a for a in parser._actions if a.dest != "help"}


def metadata() -> dict:
    return json.loads((DATAFLOW_DIR / "metadata.json").read_text())


EXAMPLES = {"input": "gs://bucket/raw/{now-1d:%Y/%m/%d}/*", "output": "gs://bucket/news", "timezone": "Asia/Shanghai",
            "dedupe_index": "gs://bucket/news/_dedupe_index", "run_id": "daily-20261123",
            "input_subscription": "projects/p/subscriptions/news", "input_topic": "projects/p/topics/news",
            "window_minutes": "10", "allowed_lateness_minutes": "60", "dedupe_ttl_hours": "72"}


def test_metadata_parameters_are_pipeline_options():
    params = metadata()["parameters"]
    names = [p["name"] for p in params]
    dests = option_dests()
    assert len(names) == len(set(names))
    assert set(names) <= set(dests), f"not pipeline options: {set(names) - set(dests)}"
    wanted = {"input", "output", "timezone"} | ({"input_subscription", "input_topic", "window_minutes"} & set(dests))
    assert wanted <= set(names)
    for p in params:
        assert p["label"] and len(p["helpText"]) > 20, p["name"]
        assert p.get("isOptional", False) == (p["name"] != "output"), p["name"]  # batch or streaming: only output is always needed
        example = EXAMPLES[p["name"]]
        for rx in p.get("regexes", []):
            assert re.match(rx, example), (p["name"], rx, example)
    # Every example value parses with the pipeline's own parser, to the option's type.
    argv = [f"--{n}={EXAMPLES[n]}" for n in names]
    opts = NewsbeamOptions(argv)
    for n in names:
        value = getattr(opts, n)
        expected = dests[n].type(EXAMPLES[n]) if dests[n].type else EXAMPLES[n]
        assert value == ([expected] if dests[n].default is None and isinstance(value, list) else expected), n


def test_metadata_names_do_not_shadow_beam_options():
    from apache_beam.options.pipeline_options import PipelineOptions

    beam_dests = set()
    for cls in PipelineOptions.__subclasses__():
        if cls is NewsbeamOptions:
            continue
        parser = argparse.ArgumentParser()
        try:
            cls._add_argparse_args(parser)
        except argparse.ArgumentError:
            continue
        beam_dests |= {a.dest for a in parser._actions}
    assert not {p["name"] for p in metadata()["parameters"]} & beam_dests


def test_launch_bodies_use_template_parameters():
    names = {p["name"] for p in metadata()["parameters"]}
    body = json.loads((DATAFLOW_DIR / "launch_body.json").read_text())["launchParameter"]
    assert set(body["parameters"]) <= names and "output" in body["parameters"]
    assert template_main.expand_window(body["parameters"]["input"], NOW).endswith("/raw/2026/11/22/*")
    dag = (DATAFLOW_DIR / "airflow_dag.py").read_text()
    compile(dag, "airflow_dag.py", "exec")
    dag_params = re.search(r'"parameters": \{(.*?)\}', dag, re.S).group(1)
    assert set(re.findall(r'"(\w+)":', dag_params)) <= names


def test_dockerfile_matches_pinned_beam_and_entry_point():
    import apache_beam

    docker = (DATAFLOW_DIR / "Dockerfile").read_text()
    version = re.search(r"ARG BEAM_VERSION=(\S+)", docker).group(1)
    assert version == apache_beam.__version__
    assert f'"apache-beam=={version}"' in (ROOT / "pyproject.toml").read_text()
    assert f"FROM apache/beam_python{sys.version_info.major}.{sys.version_info.minor}_sdk:${{BEAM_VERSION}}" in docker
    py_file = re.search(r"FLEX_TEMPLATE_PYTHON_PY_FILE=/template/(\S+)", docker).group(1)
    assert (ROOT / py_file).is_file()
    for script in DATAFLOW_DIR.glob("*.sh"):
        subprocess.run(["bash", "-n", str(script)], check=True)


# ---------------------------------------------------------------- the staged package

def test_sdist_and_wheel_contain_the_dictionaries(tmp_path):
    pytest.importorskip("build", reason="needs `build` (python -m build), as Beam's stager uses for --setup_file")
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(ROOT / "pyproject.toml", src)
    if (ROOT / "README.md").exists():
        shutil.copy(ROOT / "README.md", src)
    else:
        (src / "README.md").write_text("newsbeam\n")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for pkg in ("pipelines", "transforms", "schemas"):
        shutil.copytree(ROOT / pkg, src / pkg, ignore=ignore)
    # sdist first, then the wheel from the sdist: what --setup_file stages and what the image installs.
    proc = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--skip-dependency-check",
                           "--outdir", str(tmp_path / "dist"), str(src)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    data_files = sorted(p.name for p in (ROOT / "transforms" / "data").iterdir() if p.is_file())
    assert "NOTICE" in data_files and "entities.tsv" in data_files
    (sdist,) = (tmp_path / "dist").glob("*.tar.gz")
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    with tarfile.open(sdist) as t:
        in_sdist = {n.split("/", 1)[1] for n in t.getnames() if "/" in n}
    with zipfile.ZipFile(wheel) as z:
        in_wheel = set(z.namelist())
        for name in data_files:  # byte-identical, not just present
            assert z.read(f"transforms/data/{name}") == (ROOT / "transforms" / "data" / name).read_bytes(), name
    for name in data_files:
        assert f"transforms/data/{name}" in in_sdist, name
    for module in ("pipelines/cli.py", "pipelines/batch.py", "transforms/write/compact.py", "schemas/article.py"):
        assert module in in_wheel and module in in_sdist
