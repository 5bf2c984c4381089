"""JSON Schemas of plans and monitoring files, so editors complete and check as you type.

Generated from the pydantic models that validate the files, never kept by hand; the
Chinese descriptions and examples come from fields.yaml beside this module. The
schemas describe the YAML as an editor sees it: keys are strings, dates are text.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from plangen.load.model import SIMPLIFIED, Plan
from plangen.load.monitoring import Monitoring
from plangen.script import LOCALES, is_traditional_locale, to_locale, to_simplified

DIALECT = "https://json-schema.org/draft/2020-12/schema"
DEFAULT_DIR = "schema"  # `plangen schema` writes here; the examples in plans/ point here
PLAN_SCHEMA = "plan.schema.json"
SCHEMAS: dict[str, type[BaseModel]] = {PLAN_SCHEMA: Plan, "monitoring.schema.json": Monitoring}
FIELDS = Path(__file__).with_name("fields.yaml")
BLOCK = "Block"  # $defs name of a body block: a paragraph string or an object of one kind
PARAGRAPH = "Paragraph"  # fields.yaml entry describing the paragraph string

NON_BLANK = r"\S"  # Text fields are stripped, then must not be empty
YEAR_KEY = r"^[0-9]{4}$"  # every dict with int keys is by year, except those in INT_KEYS
INT_KEYS = {("Monitoring", "tasks"): r"^[1-9][0-9]*$"}  # task numbers
PERIOD_TEXT = r"^\s*[0-9]{4}\s*[-–—~至]\s*[0-9]{4}\s*$"  # Meta._period reads this form too


class _Generator(GenerateJsonSchema):
    """pydantic's generator, adjusted to what a YAML editor sees and checks."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False  # titles and descriptions come from fields.yaml

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        out = super().str_schema(schema)
        if out.get("minLength") == 1 and "pattern" not in out:
            out["pattern"] = NON_BLANK  # "  " is empty once stripped
        return out

    def function_before_schema(
        self, schema: core_schema.BeforeValidatorFunctionSchema
    ) -> JsonSchemaValue:
        out = super().function_before_schema(schema)
        if schema["function"].get("function") is SIMPLIFIED.func and "enum" in out:
            out["enum"] = _with_traditional(out["enum"])  # 區 and 約束性 are read too
        return out

    def dict_schema(self, schema: core_schema.DictSchema) -> JsonSchemaValue:
        out = super().dict_schema(schema)
        if schema.get("keys_schema", {}).get("type") == "int":
            out["propertyNames"] = {"pattern": YEAR_KEY}  # `2021:` reaches editors as "2021"
        elif "patternProperties" in out:
            # pydantic lets keys that miss the pattern through; the loader does not
            ((pattern, values),) = out.pop("patternProperties").items()
            out["propertyNames"] = {**out.get("propertyNames", {}), "pattern": pattern}
            out["additionalProperties"] = values
        return out


def _with_traditional(values: list) -> list:
    """Fixed words plus their traditional spellings that the loader reads back as them."""
    out = list(values)
    for value in values:
        for locale in filter(is_traditional_locale, LOCALES):
            spelled = to_locale(value, locale)
            if spelled not in out and to_simplified(spelled) == value:
                out.append(spelled)
    return out


def build_schema(file_name: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) for one of SCHEMAS, with descriptions and examples."""
    model = SCHEMAS[file_name]
    schema = model.model_json_schema(schema_generator=_Generator, mode="validation")
    defs = schema.setdefault("$defs", {})
    _hoist_block(schema, defs)
    nodes = {model.__name__: schema, **defs}
    _loader_forms(nodes)
    table = fields_table()
    for name, node in nodes.items():
        _describe(node, table.get(name, {}))
    stem = file_name.split(".")[0]
    head = {
        "$schema": DIALECT,
        "$id": f"urn:plangen:schema:{stem}",
        **{key: schema.pop(key) for key in ("title", "description") if key in schema},
    }
    schema.pop("$defs")
    return {**head, **schema, "$defs": defs}  # definitions last, for readers


def schema_texts() -> dict[str, str]:
    """File name → JSON text of every schema, as `plangen schema` writes it."""
    return {
        name: json.dumps(build_schema(name), ensure_ascii=False, indent=2) + "\n"
        for name in SCHEMAS
    }


@lru_cache(maxsize=1)
def fields_table() -> dict[str, dict[str, Any]]:
    """fields.yaml: model name → {title, description, fields: {field: {description, …}}}."""
    return yaml.safe_load(FIELDS.read_text(encoding="utf-8"))


def _hoist_block(schema: dict, defs: dict) -> None:
    """Name the body-block union (pydantic's oneOf from the callable Discriminator) Block."""
    paragraph = fields_table().get(PARAGRAPH, {})

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            if "oneOf" in node and _is_block(node["oneOf"]):
                defs[BLOCK] = {"oneOf": node.pop("oneOf")}
                node["$ref"] = f"#/$defs/{BLOCK}"
                for alt in defs[BLOCK]["oneOf"]:
                    if alt.get("type") == "string":
                        alt.update(_labels(paragraph))
            for value in list(node.values()):
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(schema)


def _is_block(alternatives: list) -> bool:
    return {"$ref": "#/$defs/Section"} in alternatives and {"type": "string"} in alternatives


def _loader_forms(nodes: dict[str, dict]) -> None:
    """Add what validators accept beyond a field's type, and key patterns that are not years."""
    meta = nodes.get("Meta")
    if meta:
        # items: also read by draft-07 editors, which ignore prefixItems
        period = {**meta["properties"]["period"], "items": {"type": "integer"}}
        meta["properties"]["period"] = {
            "anyOf": [{"type": "string", "pattern": PERIOD_TEXT}, period]
        }
    for (model, field), pattern in INT_KEYS.items():
        if model in nodes:
            nodes[model]["properties"][field]["propertyNames"] = {"pattern": pattern}


def _describe(node: dict, entry: dict) -> None:
    """Title and description of a model, description and examples of each of its fields."""
    node.update(_labels(entry))
    fields = entry.get("fields") or {}
    for name, prop in node.get("properties", {}).items():
        info = fields.get(name)
        if not info:
            continue  # tests/load/test_schema.py names the missing entry
        prop["description"] = info["description"]
        if "examples" in info:
            prop["examples"] = info["examples"]
        if "values" in info:
            _enum_descriptions(prop, info["values"])


def _labels(entry: dict) -> dict[str, str]:
    return {key: entry[key] for key in ("title", "description") if key in entry}


def _enum_descriptions(node: Any, meanings: dict) -> None:
    """enumDescriptions beside each enum (VS Code and yaml-language-server show them)."""
    if isinstance(node, dict):
        if "enum" in node:
            node["enumDescriptions"] = [
                str(meanings.get(v, meanings.get(to_simplified(v), ""))) for v in node["enum"]
            ]
        for key, value in node.items():
            if key != "$ref":
                _enum_descriptions(value, meanings)
    elif isinstance(node, list):
        for value in node:
            _enum_descriptions(value, meanings)
