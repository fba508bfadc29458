"""The gunicorn hook of config/gunicorn.py: after a worker loads the application, the URL configuration is loaded
and everything made so far is kept out of the garbage collector's full passes."""

import gc
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def hooks():
    spec = importlib.util.spec_from_file_location("gunicorn_conf", ROOT / "config" / "gunicorn.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    yield module
    gc.unfreeze()


def test_a_worker_freezes_what_it_loaded(hooks):
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    hooks.post_worker_init(worker=None)
    frozen = gc.get_freeze_count()
    assert frozen > 10_000  # the application's modules, models, URL patterns and API
    assert len(gc.get_objects(generation=2)) < frozen


def test_the_run_script_and_the_deployment_notes_use_it():
    assert "--config config/gunicorn.py" in (ROOT / "scripts" / "run").read_text()
    assert "--config config/gunicorn.py" in (ROOT / "docs" / "deployment.md").read_text()
