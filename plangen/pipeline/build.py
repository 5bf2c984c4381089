"""`plangen build`: load → compute → render → write, for one input file at a time."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from plangen.compute.departments import department_lists
from plangen.compute.outline import build_outline
from plangen.errors import PlanError
from plangen.load import source
from plangen.load.plan import load_plan
from plangen.lookup import search_path, shipped_templates
from plangen.messages import _
from plangen.pipeline.inputs import collect_inputs  # noqa: F401  (re-exported)
from plangen.pipeline.reviews import plan_reviews
from plangen.render.document import Rendered, render_department, render_plan, render_report
from plangen.render.environment import make_environment
from plangen.write import transaction
from plangen.write.registry import DEFAULT_PDF_ENGINE, WRITERS, write_all
from plangen.write.resources import Resources

CHART_LABELS = "report/chart.yaml"


@dataclass
class Result:
    """What one input produced, or why it failed."""

    path: Path
    outputs: list[Path] = field(default_factory=list)
    error: PlanError | None = None
    seconds: float = 0.0


def chart_labels(templates: Path | None) -> dict[str, str]:
    """The chart's wording: an overriding chart.yaml replaces the shipped labels key by key."""
    labels = dict(source.load(shipped_templates() / CHART_LABELS).data)
    path = templates / CHART_LABELS if templates is not None else None
    if path is None or not path.is_file():
        return labels
    src = source.load(path)
    if not isinstance(src.data, dict):
        raise PlanError(
            [
                src.problem(
                    (),
                    _("expected keys with values"),
                    _("write keys with values here (key: value)"),
                )
            ]
        )
    wrong = [k for k, v in src.data.items() if not isinstance(v, str)]
    if wrong:
        raise PlanError(
            [src.problem((k,), _("expected text"), _("write text here")) for k in wrong]
        )
    return {**labels, **src.data}


def render_file(path: Path, templates: Path | None = None) -> Rendered:
    """A plan or a monitoring file, loaded, computed and rendered into its semantic document."""
    env = make_environment(templates)
    src = source.load(path)
    if src.kind == source.MONITORING:
        from plangen.compute.review import review  # reports only: a plan's build starts faster
        from plangen.load.monitoring import load_monitoring

        lm = load_monitoring(path, src)
        return render_report(lm, review(lm), env, chart_labels(templates))
    lp = load_plan(path, src)
    return render_plan(lp, build_outline(lp, plan_reviews(path, lp)), env)


def render_departments(path: Path, templates: Path | None = None) -> list[Rendered]:
    """One task list per department that leads or supports a task, in registry order."""
    env = make_environment(templates)
    lp = load_plan(path)
    return [render_department(lp, share, env) for share in department_lists(lp, build_outline(lp))]


def produce(
    doc: Rendered,
    out_dir: Path,
    formats: list[str],
    templates: Path | None = None,
    pdf_engine: str = DEFAULT_PDF_ENGINE,
) -> dict[Path, bytes]:
    """Every requested format of one document, in memory, keyed by its output path."""
    resources = Resources(doc.base_dir, search_path(templates), doc.resources)
    data = write_all(doc, resources, formats, pdf_engine)
    if resources.refused:
        refused = ", ".join(sorted(set(resources.refused)))
        raise PlanError.single(
            doc.path,
            _("refused to load {urls}", urls=refused),
            _(
                "images and stylesheets may only come from the plan's "
                "folder or the template folders"
            ),
        )
    return {output_path(out_dir, doc.name, fmt): data[fmt] for fmt in formats}


def commit(files: dict[Path, bytes]) -> list[Path]:
    """Move finished outputs into place as one transaction: all of them or none."""
    return transaction.commit(files)


def write_outputs(
    doc: Rendered, out_dir: Path, formats: list[str], templates: Path | None = None
) -> list[Path]:
    """Produce every format in memory first, then move each into place atomically."""
    return commit(produce(doc, out_dir, formats, templates))


_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')


def safe_name(text: str) -> str:
    """A file name from free text (a department's name): no separators, no leading dots."""
    name = _UNSAFE.sub("_", text).strip(" .")[:80]
    return name or "_"


def output_path(out_dir: Path, name: str, fmt: str) -> Path:
    """out_dir/name.suffix, refusing any name that would land outside out_dir."""
    safe = Path(name).name
    if safe != name or safe in ("", ".", "..") or safe.startswith("."):
        raise PlanError.single(
            name,
            _("output name {name} is not a plain file name", name=repr(name)),
            _("use letters, digits, - and _ in meta.name"),
        )
    suffix = WRITERS[fmt].suffix if fmt in WRITERS else f".{fmt}"
    target = (out_dir / f"{safe}{suffix}").resolve()
    if not target.is_relative_to(out_dir.resolve()):
        raise PlanError.single(
            name,
            _("output {target} would leave {folder}", target=target, folder=out_dir),
            _("use a plain name in meta.name"),
        )
    return target


def warm_worker(formats: list[str], pdf_engine: str = DEFAULT_PDF_ENGINE) -> None:
    """Run once in each `-j` worker: import the writers before its first plan arrives."""
    if {"pdf", "docx"} & set(formats):  # the DOCX's TOC cites the PDF layout's pages
        if pdf_engine == "typst":
            import plangen.write.typst_pdf  # noqa: F401
        else:
            import plangen.write.pdf  # noqa: F401
    if "docx" in formats:
        import plangen.write.docx  # noqa: F401


def build_one(
    path: Path,
    out_dir: Path,
    formats: list[str],
    templates: Path | None = None,
    by_department: bool = False,
    pdf_engine: str = DEFAULT_PDF_ENGINE,
) -> Result:
    """Build one input; a user mistake becomes Result.error, never an exception."""
    start = time.perf_counter()
    result = Result(path)
    try:
        doc = render_file(path, templates)
        files = produce(doc, out_dir, formats, templates, pdf_engine)
        if by_department and doc.kind == "plan":
            folder = out_dir / f"{doc.name}-departments"
            for dept in render_departments(path, templates):
                dept.name = safe_name(dept.name)
                files.update(produce(dept, folder, formats, templates, pdf_engine))
        result.outputs = commit(files)
    except PlanError as exc:
        result.error = exc
    result.seconds = time.perf_counter() - start
    return result
