"""Per-app state: settings and the analyzer, which may still be loading."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import current_app

from service.analysis.pipeline import Analyzer
from service.config import Settings
from service.problems import NotReady


@dataclass
class Engine:
    """Holds the analyzer once built; ``get`` raises :class:`NotReady` until then."""

    settings: Settings
    _analyzer: Analyzer | None = None
    _error: BaseException | None = None
    _ready: threading.Event = field(default_factory=threading.Event)

    def set(self, analyzer: Analyzer) -> None:
        self._analyzer = analyzer
        self._ready.set()

    def load(self, build: Callable[[], Analyzer], background: bool) -> None:
        """Build the analyzer now, or on a thread so the server answers /readyz meanwhile."""
        if not background:
            self.set(build())
            return

        def run() -> None:
            try:
                self.set(build())
            except BaseException as exc:  # reported by /readyz, then re-raised in the log
                self._error = exc
                raise

        threading.Thread(target=run, name="analyzer-loader", daemon=True).start()

    @property
    def ready(self) -> bool:
        return self._analyzer is not None

    @property
    def error(self) -> BaseException | None:
        return self._error

    def wait(self, timeout: float | None = None) -> bool:
        return self._ready.wait(timeout)

    def get(self) -> Analyzer:
        if self._analyzer is None:
            raise NotReady("The language pipeline and lexicons are still loading.",
                           headers={"Retry-After": "2"})
        return self._analyzer


def engine() -> Engine:
    """Return the current app's engine."""
    return current_app.extensions["rhetoric"]


def settings() -> Settings:
    """Return the current app's settings."""
    return engine().settings


def analyzer() -> Analyzer:
    """Return the current app's analyzer, or raise :class:`NotReady`."""
    return engine().get()
