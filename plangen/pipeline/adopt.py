"""`plangen adopt`: an existing plan (DOCX, HTML or text) → plan YAML and a report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from plangen.compute.adopt import Adopted, adopt_document
from plangen.errors import PlanError
from plangen.load import source
from plangen.load.adopt import read_document
from plangen.load.model import Plan
from plangen.load.plan import check_plan
from plangen.load.validate import validate
from plangen.messages import _
from plangen.write.atomic import write_bytes
from plangen.write.plan_yaml import plan_yaml


@dataclass(frozen=True)
class AdoptResult:
    """Where the YAML and the report went, what was found, and the report's lines."""

    yaml_path: Path
    report_path: Path
    adopted: Adopted
    report: list[str]


def report_path(out: Path) -> Path:
    """plan.yaml → plan.adopt.txt beside it."""
    return out.with_name(out.stem + ".adopt.txt")


def adopt(path: Path, out: Path) -> AdoptResult:
    """Read, classify, check that the YAML validates, then write both files.
    Nothing is written when the input cannot be read or is not a plan."""
    doc = read_document(path)
    adopted = adopt_document(doc)
    if adopted is None:
        raise PlanError.single(
            path,
            _("not a plan: no chapter headings numbered 一、二、三… were found"),
            _("adopt reads plans whose chapters are numbered 一、 二、 …; check the file"),
        )
    header = [
        _("adopted from {name} by plangen adopt", name=path.name),
        _("check the guesses listed in {report}", report=report_path(out).name),
    ]
    text = plan_yaml(adopted.plan, header)
    src = source.parse(text, str(out))
    check_plan(out, validate(src, Plan), src)  # a failure here is a bug in adopt
    lines = _report(path, adopted)
    write_bytes(out, text.encode("utf-8"))
    write_bytes(report_path(out), ("\n".join(lines) + "\n").encode("utf-8"))
    return AdoptResult(out, report_path(out), adopted, lines)


def _report(path: Path, adopted: Adopted) -> list[str]:
    c = adopted.counts
    lines = [
        _(
            "{name}: {chapters} chapters, {sections} sections, {tasks} tasks "
            "({with_units} with departments), {boxes} boxes, {indicators} indicators, "
            "{departments} departments",
            name=path.name,
            chapters=c["chapters"],
            sections=c["sections"],
            tasks=c["tasks"],
            with_units=c["tasks_with_departments"],
            boxes=c["boxes"],
            indicators=c["indicators"],
            departments=c["departments"],
        )
    ]
    unplaced = [n for n in adopted.notes if n.kind == "unplaced"]
    guesses = [n for n in adopted.notes if n.kind == "guess"]
    lines.append("")
    lines.append(_("Not placed ({count}):", count=len(unplaced)))
    lines += [f"  {path.name}: {n}" for n in unplaced]
    lines.append("")
    lines.append(_("Guesses to check ({count}):", count=len(guesses)))
    lines += [f"  {path.name}: {n}" for n in guesses]
    return lines
