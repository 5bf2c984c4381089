"""`plangen new`: a starter plan rendered from templates/starter/plan.yaml.j2."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jinja2

from plangen.errors import PlanError
from plangen.load.schema import DEFAULT_DIR, PLAN_SCHEMA
from plangen.lookup import shipped_templates
from plangen.messages import _
from plangen.pipeline.schema import write_schemas
from plangen.write.atomic import write_bytes


def yaml_quote(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def starter_plan(region: str, level: str | None = None, file_hint: str = "PLAN.yaml") -> str:
    """The commented starter plan for a region, valid and buildable as it is."""
    region = region.strip()
    if not region or any(c in region for c in "\n\r\t/\\"):
        raise PlanError.single(
            "--region",
            _("region name {name} is not usable", name=repr(region)),
            _("give the region's name, e.g. --region NAME"),
        )
    if level is None:
        level = region[-1] if region[-1] in "区县市" else "区"
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(shipped_templates())),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["q"] = yaml_quote
    return env.get_template("starter/plan.yaml.j2").render(
        region=region,
        level=level,
        today=dt.date.today().isoformat(),
        file_hint=file_hint,
        schema=f"{DEFAULT_DIR}/{PLAN_SCHEMA}",
    )


def write_starter(file: Path, region: str, level: str | None = None) -> Path | None:
    """Write the starter plan, and the schemas beside it when missing; the folder written."""
    write_bytes(file, starter_plan(region, level, file.name).encode("utf-8"))
    schemas = file.parent / DEFAULT_DIR
    if (schemas / PLAN_SCHEMA).exists():  # editors find it from the plan's first line
        return None
    write_schemas(schemas)
    return schemas
