"""The reliability report's arithmetic: what counts as a failure, a reset, a 429."""

from __future__ import annotations

from rhetoric_tools.loadgen import Request, Sample
from rhetoric_tools.reliability import checks, format_report, stats

OK = Request("/v1/analyze", b"{}")
BAD = Request("/v1/analyze", b"{}", expect=422)


def _phase(**extra: object) -> dict:  # type: ignore[type-arg]
    samples = [Sample(OK, 0, 0.1, 200), Sample(OK, 0, 0.3, 200)]
    return {**stats(samples, 1.0), **extra}


def test_resets_429s_and_failures_are_counted_apart() -> None:
    samples = [Sample(OK, 0, 0.1, 200), Sample(BAD, 0, 0.1, 422), Sample(OK, 0, 0.1, 429),
               Sample(OK, 0, 0.1, None, "reset"), Sample(OK, 0, 0.1, None, "incomplete"),
               Sample(OK, 0, 0.1, None, "refused")]
    got = stats(samples, 2.0)
    assert (got["tried"], got["failures"], got["resets"], got["429s"]) == (6, 4, 2, 1)


def _report(**sigterm: object) -> dict:  # type: ignore[type-arg]
    term = _phase(in_flight=2, in_flight_completed=2, exited_after_s=1.0,
                  after_sigterm={}, unclean_after=0)
    term.update(sigterm)
    hot = _phase()
    hot["429s"] = 5
    return {"workers": 2, "concurrency": 4, "budget_s": 90.0, "quota_per_minute": 10,
            "ready_s": 1.0, "sustained": _phase(), "slow": _phase(slow_open=8),
            "quota": {"hot": hot, "other": _phase(), "hot_429s": 5},
            "kill": _phase(replaced=True), "sigterm": term,
            "big": {"prose": {"status": 200, "failure": "", "seconds": 3.0, "ok": True}}}


def test_a_clean_run_passes_and_a_reset_on_sigterm_fails_it() -> None:
    clean = _report()
    assert checks(clean) == []
    clean["failures"] = []
    assert "RESULT: PASS" in format_report(clean)
    reset = _report(resets=1)
    assert checks(reset) == ["connections reset on SIGTERM"]
