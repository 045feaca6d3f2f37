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
