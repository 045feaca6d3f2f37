import os
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = pathlib.Path(os.environ.get("NEWSBEAM_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
SEEDS = ROOT / "seeds"


def need_shared():
    if not CORPUS.is_dir():
        pytest.skip(f"shared data not found at {SHARED}")


@pytest.fixture
def corpus_dir():
    need_shared()
    return CORPUS


@pytest.fixture(scope="session", autouse=True)
def _contain_temp_files(tmp_path_factory):
    """TestPipeline runs (not through the CLI) would leave beam-temp*/jieba.cache in /tmp otherwise."""
    import tempfile

    folder = str(tmp_path_factory.mktemp("tmpdir"))
    old_env, old_tempdir = os.environ.get("TMPDIR"), tempfile.tempdir
    os.environ["TMPDIR"], tempfile.tempdir = folder, folder
    yield
    tempfile.tempdir = old_tempdir
    if old_env is None:
        os.environ.pop("TMPDIR", None)
    else:
        os.environ["TMPDIR"] = old_env
