"""The `plangen` command: validate, build, new, adopt, doctor, lint, diff, export, import…"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from plangen import __version__
from plangen.cli_help import translate_help
from plangen.errors import EX_CANTCREAT, OutputError, PlanError
from plangen.messages import _, ngettext, os_reason
from plangen.pipeline.inputs import collect_inputs
from plangen.write.registry import DEFAULT_PDF_ENGINE, FORMATS, PDF_ENGINES

if TYPE_CHECKING:  # build's import chain (renderer, Jinja) is loaded only by commands that build
    from plangen.pipeline.build import Result

EXIT_PROBLEMS = 1
EXIT_INTERNAL = 70


def _report(error: PlanError) -> None:
    for problem in error.problems:
        click.echo(str(problem), err=True)


def _formats(value: str) -> list[str]:
    chosen = [v.strip().lower() for v in value.split(",") if v.strip()]
    bad = [v for v in chosen if v not in FORMATS]
    if bad or not chosen:
        raise click.BadParameter(
            _(
                "unknown format {bad}; choose from {formats}",
                bad=", ".join(bad) or "-",
                formats=", ".join(FORMATS),
            )
        )
    return chosen


# Options several commands share.
OUTPUT_DIR = click.option(
    "-o",
    "--output",
    "out_dir",
    default="build",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder.",
)
TEMPLATES = click.option(
    "-t",
    "--templates",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of templates overriding the shipped ones file by file.",
)


ALLOW = click.option(
    "--allow",
    "allow",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Also allow referenced files (plan:, review_table) from this folder.",
)


def _allow(folders: tuple[Path, ...]) -> None:
    from plangen.load.refs import allow

    allow(list(folders))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="plangen")
def cli() -> None:
    """Draft health plans and their evaluation reports from YAML: DOCX and PDF in 公文 layout."""


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-q", "--quiet", is_flag=True, help="Print problems only.")
@ALLOW
def validate(files: tuple[Path, ...], quiet: bool, allow: tuple[Path, ...]) -> None:
    """Check plans and monitoring files; list every problem with file:line:column."""
    _allow(allow)
    from plangen.pipeline.check import check

    failed = 0
    for path in collect_inputs(list(files)):
        try:
            summary = check(path)
        except PlanError as exc:
            _report(exc)
            failed += 1
            continue
        if not quiet:
            click.echo(f"✓ {path}: {summary}")
    if failed:
        if not quiet:
            click.echo(_("{count} file(s) with problems", count=failed), err=True)
        sys.exit(EXIT_PROBLEMS)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@OUTPUT_DIR
@click.option(
    "-f",
    "--format",
    "formats",
    default="docx,pdf",
    show_default=True,
    help=f"Comma-separated formats: {', '.join(FORMATS)}.",
)
@TEMPLATES
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 64),
    default=None,
    help="Parallel builds (default: number of cores).",
)
@click.option(
    "--by-department",
    is_flag=True,
    help="Also write each department's task list into NAME-departments/.",
)
@click.option(
    "--pdf-engine",
    type=click.Choice(tuple(PDF_ENGINES)),
    default=DEFAULT_PDF_ENGINE,
    show_default=True,
    help="Who lays out the PDF: WeasyPrint (print.css) or Typst (print.typ, faster).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print problems only.")
@ALLOW
def build(
    files: tuple[Path, ...],
    out_dir: Path,
    formats: str,
    templates: Path | None,
    jobs: int | None,
    by_department: bool,
    pdf_engine: str,
    quiet: bool,
    allow: tuple[Path, ...],
) -> None:
    """Build DOCX/PDF for plans and monitoring files (files or folders)."""
    _allow(allow)
    from plangen.pipeline.build import build_one, warm_worker
    from plangen.write import transaction

    fmts = _formats(formats)
    inputs = collect_inputs(list(files))
    if not inputs:
        click.echo(_("no YAML files found"), err=True)
        sys.exit(EXIT_PROBLEMS)
    jobs = jobs or os.cpu_count() or 1
    transaction.recover(out_dir, [])  # a set left half-replaced by a crash goes back first
    results: list[Result] = []
    show = (lambda msg: None) if quiet else (lambda msg: click.echo(msg, err=True))
    if len(inputs) == 1 or jobs == 1:
        for path in inputs:
            show(_("… building {path}", path=path))
            results.append(
                _announce(
                    build_one(path, out_dir, fmts, templates, by_department, pdf_engine), quiet
                )
            )
    else:
        show(
            _(
                "… building {count} files on {jobs} processes",
                count=len(inputs),
                jobs=min(jobs, len(inputs)),
            )
        )
        from concurrent.futures import ProcessPoolExecutor, as_completed

        # Workers stay up for the whole batch: imports, fonts and print.css once each.
        with ProcessPoolExecutor(
            max_workers=min(jobs, len(inputs)),
            initializer=warm_worker,
            initargs=(fmts, pdf_engine),
        ) as pool:
            futures = [
                pool.submit(build_one, p, out_dir, fmts, templates, by_department, pdf_engine)
                for p in inputs
            ]
            try:
                for future in as_completed(futures):
                    results.append(_announce(future.result(), quiet))
            except KeyboardInterrupt:
                pool.shutdown(wait=True, cancel_futures=True)  # running builds finish or undo
                _note_finished(futures, results)
                raise
    failed = [r for r in results if r.error]
    if len(inputs) > 1 and not quiet:
        click.echo(
            _(
                "built {ok} of {total}; {failed} failed",
                ok=len(results) - len(failed),
                total=len(results),
                failed=len(failed),
            ),
            err=True,
        )
    if failed:
        sys.exit(EXIT_PROBLEMS)


def _note_finished(futures: list, seen: list[Result]) -> None:
    """Outputs that worker processes committed, so the interrupt message can name them."""
    from plangen.write import transaction

    for future in futures:
        if future.done() and not future.cancelled() and future.exception() is None:
            result = future.result()
            if result not in seen:
                transaction.COMMITTED.extend(result.outputs)


def _announce(result: Result, quiet: bool) -> Result:
    if result.error:
        _report(result.error)
        click.echo(_("✗ {path}: not built", path=result.path), err=True)
    elif not quiet:
        main = [p for p in result.outputs if not p.parent.name.endswith("-departments")]
        outs = ", ".join(str(p) for p in main)
        extra = len(result.outputs) - len(main)
        if extra:
            outs += _(
                " + {count} department files in {folder}",
                count=extra,
                folder=result.outputs[-1].parent,
            )
        click.echo(f"✓ {result.path} → {outs} ({result.seconds:.1f} s)")
    return result


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--region", required=True, help="Region name, e.g. 某某区.")
@click.option(
    "--level",
    type=click.Choice(["区", "县", "市"]),
    default=None,
    help="Administrative level (default: the region's last character).",
)
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def new(file: Path, region: str, level: str | None, force: bool) -> None:
    """Write a commented starter plan with the standard chapter skeleton."""
    from plangen.pipeline.starter import write_starter

    if file.exists() and not force:
        click.echo(
            _("{file}: already exists; choose another name or add --force", file=file), err=True
        )
        sys.exit(EXIT_PROBLEMS)
    try:
        schemas = write_starter(file, region, level)
    except PlanError as exc:
        _report(exc)
        sys.exit(EXIT_PROBLEMS)
    click.echo(_("✓ wrote {file}; next: plangen build {file}", file=file))
    if schemas is not None:
        click.echo(_("✓ wrote {folder} for completion in editors", folder=schemas))


@cli.command()
@click.option(
    "-t",
    "--templates",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Template folder whose print.css to check.",
)
def doctor(templates: Path | None) -> None:
    """Report which font each role uses in the PDF, and how to install missing ones."""
    from plangen.write.fonts import diagnose, office_mapping

    ok = True
    for line, good in diagnose(templates) + office_mapping(templates):
        click.echo(("✓ " if good else "✗ ") + line)
        ok = ok and good
    if not ok:
        sys.exit(EXIT_PROBLEMS)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-q", "--quiet", is_flag=True, help="Print findings and problems only.")
@ALLOW
def lint(files: tuple[Path, ...], quiet: bool, allow: tuple[Path, ...]) -> None:
    """Find text that drifted from the plan's indicator table, departments and units."""
    _allow(allow)
    from plangen.pipeline.check import lint_file

    inputs = collect_inputs(list(files))
    if not inputs:
        click.echo(_("no YAML files found"), err=True)
        sys.exit(EXIT_PROBLEMS)
    failed, findings, flagged = 0, 0, 0
    for path in inputs:
        try:
            found = lint_file(path)
        except PlanError as exc:
            _report(exc)
            failed += 1
            continue
        if found is None:
            if not quiet:
                click.echo(
                    _("- {path}: monitoring data, not linted (lint checks plans)", path=path)
                )
            continue
        for finding in found:
            click.echo(str(finding))
        findings += len(found)
        flagged += bool(found)
        if not found and not quiet:
            click.echo(_("✓ {path}: no findings", path=path))
    if findings and not quiet:
        click.echo(_("{count} finding(s) in {files} file(s)", count=findings, files=flagged))
    if failed and not quiet:
        click.echo(_("{count} file(s) with problems", count=failed), err=True)
    if findings or failed:
        sys.exit(EXIT_PROBLEMS)


@cli.command()
@click.option(
    "-o",
    "--output",
    "out_dir",
    default="schema",
    show_default=True,
    type=click.Path(path_type=Path),
    help="Folder for the schema files.",
)
def schema(out_dir: Path) -> None:
    """Write JSON Schemas of plans and monitoring files, for completion in editors."""
    from plangen.pipeline.schema import write_schemas

    try:
        written = write_schemas(out_dir)
    except (OSError, OutputError) as exc:
        if out_dir.is_file():
            reason = _("a file of that name is in the way")
        elif isinstance(exc, OutputError):
            reason = exc.reason
        else:
            reason = os_reason(exc)
        click.echo(
            _("cannot write the schemas into {folder}: {reason}", folder=out_dir, reason=reason),
            err=True,
        )
        click.echo(
            "    " + _("fix: {hint}", hint=_("give a folder with -o, e.g. -o schema")), err=True
        )
        sys.exit(exc.code if isinstance(exc, OutputError) else EX_CANTCREAT)
    for path in written:
        click.echo(_("✓ wrote {file}", file=path))


@cli.command()
@click.argument("old", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(dir_okay=False, path_type=Path))
@OUTPUT_DIR
@click.option(
    "-f",
    "--format",
    "formats",
    default="docx,html",
    show_default=True,
    help=f"Comma-separated formats: {', '.join(FORMATS)}.",
)
@TEMPLATES
@click.option(
    "--revisions",
    is_flag=True,
    help="Also write NEW-NAME-revisions.docx: the new draft with its changes as Word "
    "revisions (修订) to accept or reject.",
)
@click.option("--author", default=None, help="Author of the revisions (default: the issuer).")
@click.option("-q", "--quiet", is_flag=True, help="Print problems only.")
def diff(
    old: Path,
    new: Path,
    out_dir: Path,
    formats: str,
    templates: Path | None,
    revisions: bool,
    author: str | None,
    quiet: bool,
) -> None:
    """Compare two drafts of a plan: the 修改对照说明 as NEW-NAME-diff.docx/.html."""
    from plangen.pipeline.build import commit, output_path, produce
    from plangen.pipeline.compare import compare
    from plangen.pipeline.compare import revisions as tracked

    fmts = _formats(formats)
    try:
        files = produce(compare(old, new, templates), out_dir, fmts, templates)
        if revisions:
            name, data = tracked(old, new, templates, author)
            files[output_path(out_dir, name, "docx")] = data
        outputs = commit(files)
    except PlanError as exc:
        _report(exc)
        click.echo(_("✗ {old} → {new}: no comparison written", old=old, new=new), err=True)
        sys.exit(EXIT_PROBLEMS)
    if not quiet:
        click.echo(f"✓ {old} → {new}: " + ", ".join(map(str, outputs)))


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Plan YAML to write (default: NAME.yaml beside the input); the report goes "
    "beside it as NAME.adopt.txt.",
)
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@click.option("-q", "--quiet", is_flag=True, help="Print the summary only, not the report.")
def adopt(file: Path, output: Path | None, force: bool, quiet: bool) -> None:
    """Turn an existing plan (.docx, .html or .txt) into plan YAML, with a report of guesses."""
    from plangen.pipeline.adopt import adopt as run_adopt
    from plangen.pipeline.adopt import report_path

    out = output or file.with_suffix(".yaml")
    if out.suffix.lower() not in (".yaml", ".yml"):
        raise click.BadParameter(_("the plan's name must end in .yaml"), param_hint="-o")
    if not force and (out.exists() or report_path(out).exists()):
        click.echo(
            _("{file}: already exists; choose another name or add --force", file=out), err=True
        )
        sys.exit(EXIT_PROBLEMS)
    try:
        result = run_adopt(file, out)
    except PlanError as exc:
        _report(exc)
        click.echo(_("✗ {file}: nothing written", file=file), err=True)
        sys.exit(EXIT_PROBLEMS)
    lines = result.report[:1] if quiet else result.report
    for line in lines:
        click.echo(line)
    click.echo(
        _(
            "✓ wrote {yaml} and {report}; next: plangen validate {yaml}",
            yaml=result.yaml_path,
            report=result.report_path,
        )
    )


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-p",
    "--port",
    type=click.IntRange(1, 65535),
    default=8000,
    show_default=True,
    help="Port of the preview on 127.0.0.1.",
)
@TEMPLATES
def serve(file: Path, port: int, templates: Path | None) -> None:
    """Preview a plan or report in the browser, rebuilt on every save (127.0.0.1 only)."""
    from plangen.pipeline.serve import HOST, missing_packages
    from plangen.pipeline.serve import serve as run_server

    missing = missing_packages()
    if missing:
        click.echo(
            _("plangen serve needs its extra packages ({what})", what=", ".join(missing)),
            err=True,
        )
        click.echo("    " + _("fix: {hint}", hint="pip install 'plangen[serve]'"), err=True)
        sys.exit(EXIT_PROBLEMS)
    click.echo(
        _(
            "✓ previewing {file} at http://{host}:{port}/ (rebuilt on save; Ctrl-C stops)",
            file=file,
            host=HOST,
            port=port,
        )
    )
    try:
        run_server(file, port, templates)
    except PlanError as exc:
        _report(exc)
        sys.exit(EXIT_PROBLEMS)
    except KeyboardInterrupt:  # uvicorn re-raises Ctrl-C after its clean shutdown
        pass
    click.echo(_("stopped"))


@cli.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Workbook to write (default: build/NAME-indicators.xlsx).",
)
@click.option(
    "-t",
    "--templates",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder whose exchange/xlsx.yaml overrides the workbook's wording.",
)
@ALLOW
def export(
    file: Path, output: Path | None, templates: Path | None, allow: tuple[Path, ...]
) -> None:
    """Write a plan's indicators (or a monitoring file's values) as an XLSX workbook to fill."""
    _allow(allow)
    from plangen.load.xlsx_layout import load_layout
    from plangen.pipeline.exchange import export_file

    if output is not None and output.suffix.lower() != ".xlsx":
        raise click.BadParameter(_("the workbook's name must end in .xlsx"), param_hint="-o")
    out = export_file(file, load_layout(templates), output)
    click.echo(_("✓ {file} → {out}", file=file, out=out))


@cli.command("import")
@click.argument("book", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("monitoring", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--plan",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The plan, needed when MONITORING does not exist yet.",
)
@click.option(
    "-t",
    "--templates",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder whose exchange/xlsx.yaml names the workbook's sheets and headers.",
)
@ALLOW
def import_(
    book: Path,
    monitoring: Path,
    plan: Path | None,
    templates: Path | None,
    allow: tuple[Path, ...],
) -> None:
    """Read a filled workbook into monitoring YAML (updated in place, or created)."""
    _allow(allow)
    from plangen.load.xlsx_layout import load_layout
    from plangen.pipeline.exchange import import_book

    done = import_book(book, monitoring, load_layout(templates), plan)
    if done.created:
        click.echo(
            _(
                "✓ {book} → {file} (new, {count} entries, cut-off {cutoff})",
                book=book,
                file=monitoring,
                count=done.changes,
                cutoff=done.cutoff,
            )
        )
    elif done.changes:
        click.echo(
            _(
                "✓ {book} → {file} ({count} change(s))",
                book=book,
                file=monitoring,
                count=done.changes,
            )
        )
    else:
        click.echo(
            _("{file} already holds the workbook's values; nothing changed", file=monitoring)
        )


EXIT_INTERRUPTED = 130
_signal_seen: list[int] = []


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM (kill, systemd, CI timeouts) unwinds like Ctrl-C, so temporaries are removed."""
    _signal_seen.append(signum)
    raise KeyboardInterrupt


def _interrupted() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C cannot cut the message short
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    # transaction is imported by the commands that write, and only by them
    written = sys.modules.get("plangen.write.transaction")
    done = list(dict.fromkeys(getattr(written, "COMMITTED", [])))
    if done:
        click.echo(
            _(
                "interrupted; {count} output(s) had been written completely: {files}; "
                "nothing else was changed",
                count=len(done),
                files=", ".join(map(str, done)),
            ),
            err=True,
        )
    else:
        click.echo(_("interrupted; no output was changed"), err=True)
    sys.exit(128 + _signal_seen[-1] if _signal_seen else EXIT_INTERRUPTED)


def main() -> None:
    """Entry point: user mistakes exit 1 with messages; bugs exit 70 without a traceback.

    An output that cannot be written exits 73 (cannot create) or 74 (I/O error),
    as in sysexits.h, naming the path and the reason. Ctrl-C anywhere exits 130.
    """
    signal.signal(signal.SIGTERM, _terminate)
    _click_speaks_the_users_language()
    translate_help(cli)
    try:
        _run()
    except KeyboardInterrupt:  # also while a message below is being printed
        _interrupted()


def _click_speaks_the_users_language() -> None:
    """click's own messages (usage errors, --help headings) through plangen's catalog."""
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser
    import click.types

    for module in (
        click.core,
        click.decorators,
        click.exceptions,
        click.formatting,
        click.parser,
        click.types,
    ):
        module._ = _  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]


def _run() -> None:
    try:
        cli.main(standalone_mode=False)
    except (click.exceptions.Abort, KeyboardInterrupt):
        _interrupted()
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except PlanError as exc:
        _report(exc)
        sys.exit(EXIT_PROBLEMS)
    except OutputError as exc:
        click.echo(str(exc), err=True)
        sys.exit(exc.code)
    except SystemExit:
        raise
    except Exception as exc:  # a bug, not a user mistake
        if os.environ.get("PLANGEN_DEBUG"):
            raise
        click.echo(
            _(
                "plangen: internal error: {what}\n    please report it with the input "
                "file; set PLANGEN_DEBUG=1 for details",
                what=f"{type(exc).__name__}: {exc}",
            ),
            err=True,
        )
        sys.exit(EXIT_INTERNAL)
