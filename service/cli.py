"""The ``rhetoric`` command: analyse files without a server, and check the lexicons."""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Sequence
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from service.config import Settings
from service.offsets import ENCODINGS
from service.render import SHAPES


def _analyzer(settings: Settings):
    from service.analysis.pipeline import Analyzer

    return Analyzer.from_settings(settings)


def _is_archive(args: argparse.Namespace) -> bool:
    """Tell archive mode (-o given, a folder, a .jsonl/.ndjson file) from one article."""
    from service.archive import JSONL_SUFFIXES

    if args.output is not None:
        return True
    source = Path(args.file)
    return args.file != "-" and (source.is_dir() or source.suffix.lower() in JSONL_SUFFIXES)


def _output_problem(source: Path, output: Path | None) -> str | None:
    """Return why ``output`` cannot take the results, checked before the model loads."""
    if output is None:
        return None
    if output.is_dir():
        return f"the output {output} is a folder"
    if not output.parent.is_dir():
        return f"no folder for the output: {output.parent}"
    if output.exists() and source.exists() and output.resolve() == source.resolve():
        return f"the output {output} is the input"
    return None


def _raise_terminated(signum: int, frame: Any) -> None:
    from service.archive import Terminated

    raise Terminated


def cmd_archive(args: argparse.Namespace) -> int:
    """Run archive mode; stdin (``-``) is spooled to a temporary file and read as JSONL."""
    from service.archive import ArchiveError, Job, Terminated, run

    settings = Settings.from_env()
    source = Path(args.file)
    if args.file != "-" and not source.exists():
        print(f"rhetoric: no such file or folder: {source}", file=sys.stderr)
        return 2
    if args.output is not None and "://" in args.output:
        print(f"rhetoric: the output {args.output} is a URL: only --dask writes to one (a "
              "folder of parts); archive mode in one process writes a local file",
              file=sys.stderr)
        return 2
    output = None if args.output is None else Path(args.output)
    problem = _output_problem(source, output)
    if problem is not None:
        print(f"rhetoric: {problem}", file=sys.stderr)
        return 2
    job = Job(args.offset_encoding, settings.max_text_chars, settings.pipe_batch_size,
              settings.pipe_batch_words, args.shape)
    resume = "run the same command again to resume"
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        with tempfile.TemporaryDirectory(prefix="rhetoric-") as spool:
            if args.file == "-":
                source = Path(spool) / "stdin.jsonl"
                with source.open("wb") as fh:
                    shutil.copyfileobj(_stdin_bytes(), fh)
            analyzer = _analyzer(settings)
            counts = run(analyzer, source, output, job, args.processes,
                         progress=not args.no_progress,
                         name="<stdin>" if args.file == "-" else None)
    except ArchiveError as exc:
        print(f"rhetoric: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"rhetoric: interrupted; {resume}", file=sys.stderr)
        return 130
    except Terminated:
        print(f"rhetoric: terminated (SIGTERM); {resume}", file=sys.stderr)
        return 128 + signal.SIGTERM
    except BrokenPipeError:
        # The reader of stdout went away (``| head``): stop quietly, as cat does.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + signal.SIGPIPE
    finally:
        signal.signal(signal.SIGTERM, previous)
    print(f"rhetoric: {counts['analysed']} documents analysed, {counts['errors']} with an "
          f"error line, {counts['skipped']} already done, {counts['words_per_second']:,.0f} "
          "words/s", file=sys.stderr)
    return 0


def _stdin_bytes() -> Any:
    """Return stdin as a binary stream (a text stream only when no bytes are behind it)."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        return buffer
    return io.BytesIO(sys.stdin.read().encode("utf-8", "surrogatepass"))


def _read_article(name: str) -> str:
    """Return the article in file ``name`` (or stdin for ``-``) exactly as stored."""
    data = _stdin_bytes().read() if name == "-" else Path(name).read_bytes()
    return data.decode("utf-8")


def cmd_dask(args: argparse.Namespace) -> int:
    """Run archive mode on a Dask cluster: partitions of the input to parts under ``-o``."""
    from service.archive import ArchiveError, Job
    from service.archive.cluster import DEFAULT_BLOCKSIZE, connect, run_dask

    if args.output is None or args.file == "-":
        print("rhetoric: --dask reads a JSONL or Parquet path or URL and writes a folder of "
              "parts: give both (rhetoric analyze archive.jsonl --dask -o results/)",
              file=sys.stderr)
        return 2
    settings = Settings.from_env()
    job = Job(args.offset_encoding, settings.max_text_chars, settings.pipe_batch_size,
              settings.pipe_batch_words, args.shape)
    try:
        with connect(None if args.dask == "auto" else args.dask, args.workers) as client:
            counts = run_dask(client, args.file, args.output, settings, job,
                              args.partition_size or DEFAULT_BLOCKSIZE,
                              progress=not args.no_progress)
    except (ArchiveError, FileNotFoundError) as exc:
        print(f"rhetoric: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("rhetoric: interrupted; run the same command again to resume (finished parts "
              "are kept)", file=sys.stderr)
        return 130
    print(f"rhetoric: {counts['analysed']} documents analysed, {counts['errors']} with an "
          f"error line, in {counts['parts_written']} parts ({counts['skipped']} of "
          f"{counts['partitions']} already done), {counts['words_per_second']:,.0f} words/s",
          file=sys.stderr)
    return 0


def _size(value: str) -> int:
    from dask.utils import parse_bytes

    try:
        size = parse_bytes(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {value} (e.g. 4MiB)") from None
    if size < 1:
        raise argparse.ArgumentTypeError(f"expected a positive size, not {value}")
    return size


def cmd_analyze(args: argparse.Namespace) -> int:
    from service.problems import Problem, TextTooLong, validate_text
    from service.render import render, response_document, shaped

    if args.dask is not None:
        return cmd_dask(args)
    if _is_archive(args):
        return cmd_archive(args)
    settings = Settings.from_env()
    where = "stdin" if args.file == "-" else args.file
    try:
        text = _read_article(args.file)
    except OSError as exc:
        print(f"rhetoric: cannot read {where}: {exc.strerror}", file=sys.stderr)
        return 2
    except UnicodeDecodeError as exc:
        print(f"rhetoric: {where} is not valid UTF-8 (byte {exc.start})", file=sys.stderr)
        return 2
    try:
        validate_text(text, settings.max_text_chars)
    except Problem as exc:
        hint = " (RHETORIC_MAX_TEXT_CHARS)" if isinstance(exc, TextTooLong) else ""
        print(f"rhetoric: {exc.detail}{hint}", file=sys.stderr)
        return 2
    analyzer = _analyzer(settings)
    started = time.perf_counter()
    analysis = analyzer.analyze(text)
    doc = shaped(response_document(analyzer, analysis, args.offset_encoding,
                                   args.id if args.id is not None else (
                                       None if args.file == "-" else Path(args.file).name),
                                   (time.perf_counter() - started) * 1000), args.shape)
    sys.stdout.write(render(doc, "json-indented" if args.pretty else "json-text").decode("utf-8"))
    sys.stdout.write("\n")
    return 0


def cmd_lexicons(args: argparse.Namespace) -> int:
    from service.lexicon.catalogue import catalogue
    from service.lexicon.errors import LexiconError

    settings = Settings.from_env()
    try:
        analyzer = _analyzer(settings)
    except LexiconError as exc:
        print(f"rhetoric: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(catalogue(analyzer.lexicons), indent=2))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Write the per-article tables of an archive's results, then render the HTML report."""
    from service.report import Options, build, input_texts, read_results, render, write

    folder: Path = args.output
    options = Options(by=args.by, date_field=args.date_field, top_groups=args.top_groups,
                      title=args.title)
    source = str(args.results) if args.results is not None else ""
    try:
        if args.results is not None:
            started = time.perf_counter()
            lines = list(read_results(args.results))
            texts = None
            if args.input is not None:
                texts = input_texts(args.input, {str(line["id"]) for line in lines})
            paths = write(build(lines, texts), folder, source)
            print(f"rhetoric: wrote {paths['articles_csv']}, {paths['articles_parquet']} and "
                  f"{paths['findings_parquet']} in {time.perf_counter() - started:.2f} s",
                  file=sys.stderr)
        elif not (folder / "articles.parquet").exists():
            print(f"rhetoric: no tables in {folder}: give the results to build them",
                  file=sys.stderr)
            return 2
        page = folder / "report.html"
        seconds, cpu = render(folder, page, options, source)
    except (OSError, ValueError, KeyError) as exc:
        print(f"rhetoric: {exc}", file=sys.stderr)
        return 2
    print(f"rhetoric: rendered {page} from {folder / 'articles.parquet'} and "
          f"{folder / 'findings.parquet'} in {seconds:.2f} s ({cpu:.2f} CPU-s)", file=sys.stderr)
    return 0


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, not {value}")
    return number


#: Entry-point group of extra subcommands. An entry point's name is the subcommand; its
#: object has ``help``, ``configure(parser)`` and ``run(args) -> exit status``. The
#: development tools (tools/, rhetoric-tools) register evaluate, bench and soak here.
COMMANDS_GROUP = "rhetoric.commands"
TOOLS_HINT = ("evaluate, bench and soak are development tools, not part of this package: "
              "from a source checkout, pip install --no-deps -e tools (scripts/bootstrap.sh "
              "dev does it) adds them here and as rhetoric-dev.")


def _add_tool_commands(sub: Any) -> bool:
    """Add the subcommands registered in ``COMMANDS_GROUP``; return whether there were any.

    One that cannot be loaded is left out with a line on stderr, so that a broken tools
    install never stops the service's own commands.
    """
    found = False
    for entry in entry_points(group=COMMANDS_GROUP):
        try:
            command = entry.load()
        except Exception as exc:
            print(f"rhetoric: command {entry.name} ({entry.value}) left out: {exc}",
                  file=sys.stderr)
            continue
        p = sub.add_parser(entry.name, help=command.help)
        command.configure(p)
        p.set_defaults(func=command.run)
        found = True
    return found


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rhetoric", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("analyze", help="analyse a file or stdin; print the JSON analysis")
    p.add_argument("file", nargs="?", default="-",
                   help="a UTF-8 text file (one article); a .jsonl/.ndjson file or a folder of "
                        ".txt files (archive mode); or - for stdin: one article, or JSONL "
                        "lines when -o is given")
    p.add_argument("--offset-encoding", choices=ENCODINGS, default="codepoint")
    p.add_argument("--id", default=None,
                   help="document id to echo (default: the file name; one article only)")
    p.add_argument("--pretty", action="store_true", help="indent the JSON (one article only)")
    p.add_argument("--shape", choices=list(SHAPES), default="full",
                   help="full: the API's document (default); summary: the summary and the "
                        "findings as spans, sentences without reasons, no copied text "
                        "(docs/archive.md)")
    archive = p.add_argument_group(
        "archive mode",
        "when FILE is a .jsonl file of {\"id\", \"text\"} lines (id: a unique string or "
        "integer; 1 and \"1\" are the same id; any other fields come back under "
        "\"metadata\") or a folder of .txt files (id: the relative "
        "path; ._* macOS files are skipped), or --output is given: one JSON line per "
        "document, in input order, every core, resumable. A document that cannot be read or "
        "analysed gets an error line, {\"id\", \"error\": {\"type\", \"title\", "
        "\"status\", \"detail\"}} (the batch endpoint's problem fields), a warning on "
        "stderr, and the run goes on; on resume an error line counts as done (delete it to "
        "retry). A line that is not {\"id\", \"text\"} or a repeated id stops the run "
        "before anything is written.")
    # A string, not a Path: with --dask it may be a URL (Path("s3://b/x") is "s3:/b/x").
    archive.add_argument("-o", "--output", default=None,
                         help="append results here; documents already in it are skipped")
    archive.add_argument("--processes", type=_positive, default=None,
                         help="worker processes (default: one per usable core)")
    archive.add_argument("--no-progress", action="store_true", help="no progress bar")
    dask = p.add_argument_group(
        "on a Dask cluster",
        "FILE is a JSONL or Parquet path, glob or fsspec URL (s3://..., gs://...), read in "
        "partitions; -o is a folder (or URL) that gets one part-NNNNN.jsonl per partition, "
        "written whole; a rerun skips the parts already there (docs/archive.md)")
    dask.add_argument("--dask", nargs="?", const="auto", default=None, metavar="ADDRESS",
                      help="tcp://HOST:8786: that scheduler; local: a LocalCluster; no value: "
                           "DASK_SCHEDULER_ADDRESS if set, else a LocalCluster")
    dask.add_argument("--workers", type=_positive, default=None,
                      help="LocalCluster worker processes (default: one per usable core)")
    dask.add_argument("--partition-size", type=_size, default=None,
                      help="bytes of JSONL per partition (default 1MiB); Parquet: one "
                           "partition per file or row group")
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser("report", help="tables (CSV, Parquet) and an HTML report of an "
                                      "archive's results")
    p.add_argument("results", nargs="?", type=Path, default=None,
                   help="archive mode's results: a JSONL file, or a --dask run's folder of "
                        "parts; without it, render the report again from the tables in -o")
    p.add_argument("-o", "--output", type=Path, required=True,
                   help="folder for articles.csv, articles.parquet, findings.parquet and "
                        "report.html")
    p.add_argument("--input", type=Path, default=None,
                   help="the archive's input (JSONL or a folder of .txt), for the words and "
                        "example sentences of results in the summary shape")
    p.add_argument("--by", default="outlet", metavar="FIELD",
                   help="the metadata field to group by (default: outlet)")
    p.add_argument("--date-field", default="date", metavar="FIELD",
                   help="the metadata field holding each article's date (default: date)")
    p.add_argument("--top-groups", type=_positive, default=20,
                   help="groups shown in the charts, the largest first (default 20)")
    p.add_argument("--title", default="Rhetoric report", help="the report's title")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("lexicons", help="validate the lexicons and print the catalogue")
    p.set_defaults(func=cmd_lexicons)

    if not _add_tool_commands(sub):
        parser.epilog = TOOLS_HINT
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
