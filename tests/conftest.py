"""Shared fixtures: the pipeline is built once per test session (as negspacy's conftest)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from rhetoric_lexicons import DIRECTORY
from service.analysis.pipeline import Analyzer
from service.api import create_app
from service.config import Settings
from tests.contract import ContractClient

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_000 = SEEDS / "000_5eb9459cdb95d9f7.txt"
SEED_001 = SEEDS / "001_31b38209a063945a.txt"
MODEL = Settings().spacy_model


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    """Return the analyzer with the real spaCy pipeline and the built-in lexicons."""
    return Analyzer.build(MODEL, DIRECTORY)


@pytest.fixture(scope="session")
def nlp(analyzer: Analyzer):  # type: ignore[no-untyped-def]
    return analyzer.nlp


@pytest.fixture(scope="session")
def seed_000() -> str:
    return SEED_000.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_001() -> str:
    return SEED_001.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def app(analyzer: Analyzer) -> Flask:
    """Return the app sharing the session's analyzer, with test settings."""
    app = create_app(Settings(max_text_chars=20_000), analyzer=analyzer)
    app.test_client_class = ContractClient
    return app


@pytest.fixture()
def client(app: Flask) -> Iterator[ContractClient]:
    """Return a test client whose every response is validated against openapi.yaml."""
    with app.test_client() as client:
        yield client  # type: ignore[misc]
