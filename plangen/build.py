"""The pipeline in one place: load → compute → render → write, for one input file."""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from plangen.errors import PlanError
from plangen.load import source
from plangen.messages import _
from plangen.render.document import (
    Rendered,
    render_departments,
    render_plan_file,
    render_report,
)
from plangen.render.environment import make_environment, search_path
from plangen.write import atomic
from plangen.write.resources import RESOURCE_SCHEME, Resources
from plangen.write.stylesheet import find, load_docx_styles

FORMATS = ("docx", "pdf", "html")


@dataclass
class Result:
    """What one input produced, or why it failed."""

    path: Path
    outputs: list[Path] = field(default_factory=list)
    error: PlanError | None = None
    seconds: float = 0.0


def is_monitoring(src: source.Source) -> bool:
    """Monitoring files carry a top-level `monitoring:` key."""
    return isinstance(src.data, dict) and "monitoring" in src.data


def render_file(path: Path, templates: Path | None = None) -> Rendered:
    """Load and render a plan or a monitoring file into its semantic document."""
    env = make_environment(templates)
    src = source.load(path)
    if is_monitoring(src):
        return render_report(path, env, src)
    return render_plan_file(path, env, src)


def produce(
    doc: Rendered, out_dir: Path, formats: list[str], templates: Path | None = None
) -> dict[Path, bytes]:
    """Every requested format of one document, in memory, keyed by its output path."""
    search = search_path(templates)
    resources = Resources(doc.base_dir, search, doc.resources)
    data: dict[str, bytes] = {}
    if "html" in formats:
        data["html"] = standalone_html(doc, find(search, "base/print.css")).encode("utf-8")
    if "docx" in formats:
        from plangen.write.docx import write_docx

        data["docx"] = write_docx(
            doc.xhtml, load_docx_styles(search), resources, when=_stamp(doc.date)
        )
    if "pdf" in formats:
        from plangen.write.pdf import write_pdf

        data["pdf"] = write_pdf(doc.xhtml, find(search, "base/print.css"), resources)
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
    return {output_path(out_dir, doc.name, fmt): data[fmt] for fmt in formats if fmt in data}


def standalone_html(doc: Rendered, stylesheet: Path) -> str:
    """The semantic document as one file a browser shows well: CSS and chart inlined."""
    import base64

    xhtml = doc.xhtml
    for name, payload in doc.resources.items():
        uri = "data:image/png;base64," + base64.b64encode(payload).decode("ascii")
        xhtml = xhtml.replace(f"{RESOURCE_SCHEME}{name}", uri)
    style = f"<style>{stylesheet.read_text(encoding='utf-8')}</style>"
    return xhtml.replace("</head>", style + "\n</head>", 1)


def commit(files: dict[Path, bytes]) -> list[Path]:
    """Move finished outputs into place, each atomically."""
    for target, payload in files.items():
        atomic.write_bytes(target, payload)
    return list(files)


def write_outputs(
    doc: Rendered, out_dir: Path, formats: list[str], templates: Path | None = None
) -> list[Path]:
    """Produce every format in memory first, then move each into place atomically."""
    return commit(produce(doc, out_dir, formats, templates))


def _stamp(date: object):
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        import datetime as dt

        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return date


_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')


def safe_name(text: str) -> str:
    """A file name from free text (a department's name): no separators, no leading dots."""
    name = _UNSAFE.sub("_", text).strip(" .")[:80]
    return name or "_"


def output_path(out_dir: Path, name: str, fmt: str) -> Path:
    """out_dir/name.fmt, refusing any name that would land outside out_dir."""
    safe = Path(name).name
    if safe != name or safe in ("", ".", "..") or safe.startswith("."):
        raise PlanError.single(
            name,
            _("output name {name} is not a plain file name", name=repr(name)),
            _("use letters, digits, - and _ in meta.name"),
        )
    target = (out_dir / f"{safe}.{fmt}").resolve()
    if not target.is_relative_to(out_dir.resolve()):
        raise PlanError.single(
            name,
            _("output {target} would leave {folder}", target=target, folder=out_dir),
            _("use a plain name in meta.name"),
        )
    return target


def build_one(
    path: Path,
    out_dir: Path,
    formats: list[str],
    templates: Path | None = None,
    by_department: bool = False,
) -> Result:
    """Build one input; a user mistake becomes Result.error, never an exception."""
    start = time.perf_counter()
    result = Result(path)
    try:
        doc = render_file(path, templates)
        files = produce(doc, out_dir, formats, templates)
        if by_department and doc.kind == "plan":
            folder = out_dir / f"{doc.name}-departments"
            for dept in render_departments(path, make_environment(templates)):
                dept.name = safe_name(dept.name)
                files.update(produce(dept, folder, formats, templates))
        result.outputs = commit(files)
    except PlanError as exc:
        result.error = exc
    result.seconds = time.perf_counter() - start
    return result


def collect_inputs(paths: list[Path]) -> list[Path]:
    """Expand folders into their YAML files, plans before monitoring files."""
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files += sorted(q for q in p.iterdir() if q.suffix in (".yaml", ".yml") and q.is_file())
        else:
            files.append(p)
    return files
