"""The per-request time budget: SIGALRM cuts off a request that runs past it."""

from __future__ import annotations

import signal
import threading
from types import FrameType

from service.problems import TimeBudgetExceeded


class _Budget:
    """The armed/disarmed state of the SIGALRM budget of the request in progress."""

    armed = False
    seconds = 0.0
    handler_installed = False


_budget = _Budget()


# If code on the way up swallows the exception, the alarm fires again after this long,
# until an error handler or after_request disarms it.
REFIRE_SECONDS = 0.25


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    """Cut the request off if the budget is still armed (and re-fire until disarmed)."""
    if _budget.armed:
        signal.setitimer(signal.ITIMER_REAL, REFIRE_SECONDS)
        raise TimeBudgetExceeded(
            f"The request took longer than its budget of {_budget.seconds:g} seconds; "
            "send a shorter text or split it.")


def _can_use_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def arm(seconds: float) -> bool:
    """Start the budget: SIGALRM after ``seconds`` raises :class:`TimeBudgetExceeded`.

    Only in the main thread (gunicorn's sync worker, the test client): a signal handler
    runs there and nowhere else. Returns whether the budget was armed.
    """
    if seconds <= 0 or not _can_use_alarm():
        return False
    if not _budget.handler_installed:
        signal.signal(signal.SIGALRM, _on_alarm)
        _budget.handler_installed = True
    _budget.seconds = seconds
    _budget.armed = True
    signal.setitimer(signal.ITIMER_REAL, seconds)
    return True


def budget_seconds() -> float:
    """Return the budget of the request in progress (or the last one armed), in seconds."""
    return _budget.seconds


def disarm() -> None:
    """Stop the budget's timer (idempotent)."""
    if _budget.handler_installed and _can_use_alarm():
        _budget.armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
