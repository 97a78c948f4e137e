"""``rhetoric evaluate|bench|soak`` come from the tools' entry points; ``rhetoric-dev`` too."""

from __future__ import annotations

from importlib.metadata import EntryPoint

import pytest
from rhetoric_tools import commands

from service import cli

GROUP = cli.COMMANDS_GROUP


def _tools_entry_points(**kwargs: str) -> list[EntryPoint]:
    return [EntryPoint(name, f"rhetoric_tools.commands:{name.upper()}", GROUP)
            for name in ("evaluate", "bench", "soak")]


def _subcommands(parser) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return dict(parser._subparsers._group_actions[0].choices)


@pytest.fixture()
def with_tools(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "entry_points", lambda group: _tools_entry_points()
                        if group == GROUP else [])


def test_without_the_tools_the_help_says_how_to_get_them(monkeypatch, capsys) -> None:
    monkeypatch.setattr(cli, "entry_points", lambda group: [])
    parser = cli.build_parser()
    assert set(_subcommands(parser)) == {"analyze", "lexicons", "report"}
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    assert "development tools" in out and "-e tools" in out


def test_the_tools_add_their_subcommands(with_tools: None) -> None:
    parser = cli.build_parser()
    assert set(_subcommands(parser)) == {"analyze", "lexicons", "report", "evaluate", "bench",
                                         "soak"}
    assert parser.epilog is None
    args = parser.parse_args(["evaluate", "--sets", "hedges", "--processes", "2"])
    assert args.func is commands.EVALUATE.run and args.processes == 2
    args = parser.parse_args(["bench", "--skip-http", "--articles", "3"])
    assert args.func is commands.BENCH.run and args.skip_http and args.articles == 3
    args = parser.parse_args(["soak", "--workers", "1", "--budget", "2"])
    assert args.func is commands.SOAK.run and args.workers == 1 and args.budget == 2.0


def test_a_broken_tool_leaves_the_service_commands_working(monkeypatch, capsys) -> None:
    broken = EntryPoint("bench", "rhetoric_tools.no_such_module:BENCH", GROUP)
    monkeypatch.setattr(cli, "entry_points", lambda group: [broken])
    parser = cli.build_parser()
    assert set(_subcommands(parser)) == {"analyze", "lexicons", "report"}
    assert "command bench (rhetoric_tools.no_such_module:BENCH) left out" in (
        capsys.readouterr().err)


@pytest.mark.parametrize(("argv", "message"), [
    (["evaluate", "--sets", "hedges,nope"], "unknown sets ['nope']"),
    (["evaluate", "--data", "/nonexistent/eval"], "no evaluation data at /nonexistent/eval"),
])
def test_evaluate_refuses_bad_arguments_before_loading(with_tools, capsys, argv,
                                                      message) -> None:
    assert cli.main(argv) == 2
    assert message in capsys.readouterr().err


def test_rhetoric_dev_has_the_tools_and_the_fitting(capsys) -> None:
    parser = commands.build_parser()
    assert set(_subcommands(parser)) == {"evaluate", "bench", "soak", "fit-opinion", "fit-genre",
                                         "genre-experiment", "build-encoder", "encoder-head"}
    args = parser.parse_args(["fit-opinion", "--dry-run", "--c", "0.3"])
    assert args.dry_run and args.c == 0.3
    args = parser.parse_args(["genre-experiment", "--data", "/data", "--cache", "/cache"])
    assert args.func is commands.GENRE_EXPERIMENT.run and str(args.cache) == "/cache"
    assert commands.main(["evaluate", "--sets", "nope"]) == 2
    assert "unknown sets ['nope']" in capsys.readouterr().err


def test_rhetoric_dev_builds_the_encoder_and_fits_its_head() -> None:
    parser = commands.build_parser()
    args = parser.parse_args(["build-encoder", "/tmp/encoder"])
    assert args.func is commands.BUILD_ENCODER.run and args.out == "/tmp/encoder"
    args = parser.parse_args(["encoder-head", "--data", "/data", "--out", "head.json"])
    assert args.func is commands.ENCODER_HEAD.run and str(args.out) == "head.json"
