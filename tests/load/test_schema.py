"""The JSON Schemas editors use: generated from the models, accepting what the loader accepts."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from helpers import FIXTURES, PLANS, ROOT, run_cli
from jsonschema import Draft202012Validator
from pydantic import BaseModel, ValidationError
from referencing import Registry, Resource

from plangen.load import model, monitoring, source
from plangen.load.model import BLOCK_KEYS, Plan, Strict
from plangen.load.monitoring import Monitoring
from plangen.load.schema import BLOCK, PARAGRAPH, SCHEMAS, build_schema, fields_table, schema_texts
from plangen.load.source import MONITORING
from plangen.script import to_simplified

MODELS = [
    cls
    for module in (model, monitoring)
    for cls in vars(module).values()
    if isinstance(cls, type)
    and issubclass(cls, Strict)
    and cls is not Strict
    and cls.__module__ == module.__name__
]
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$", re.M)


def editor_view(data: Any) -> Any:
    """The YAML as yaml-language-server sees it: keys are strings, dates are text."""
    if isinstance(data, dict):
        return {str(k): editor_view(v) for k, v in data.items()}
    if isinstance(data, list):
        return [editor_view(v) for v in data]
    if isinstance(data, dt.date):
        return data.isoformat()
    return data


def validator(file_name: str) -> Draft202012Validator:
    return Draft202012Validator(
        build_schema(file_name), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def schema_errors(file_name: str, data: Any) -> list[str]:
    return [e.message for e in validator(file_name).iter_errors(editor_view(data))]


def loader_accepts(cls: type[BaseModel], data: Any) -> bool:
    try:
        cls.model_validate(data)
    except ValidationError:
        return False
    return True


def inputs() -> list[Path]:
    return sorted([*PLANS.glob("*.yaml"), *FIXTURES.glob("*.yaml")])


def kind(path: Path) -> tuple[str, type[BaseModel], Any]:
    src = source.load(path)
    if src.kind == MONITORING:
        return "monitoring.schema.json", Monitoring, src.data
    return "plan.schema.json", Plan, src.data


# --- generated, committed, complete ---------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schema_is_up_to_date(name):
    committed = ROOT / "schema" / name
    assert committed.is_file(), f"schema/{name} is missing: run `plangen schema`"
    assert committed.read_text(encoding="utf-8") == schema_texts()[name], (
        f"schema/{name} differs from the models and fields.yaml: run `plangen schema`"
    )


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schema_is_valid_draft_2020_12_with_id_and_title(name):
    schema = build_schema(name)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].startswith("urn:plangen:") and schema["title"]


@pytest.mark.parametrize("cls", MODELS, ids=lambda c: c.__name__)
def test_every_model_field_has_a_description_and_examples(cls):
    entry = fields_table().get(cls.__name__)
    assert entry, f"fields.yaml has no entry for {cls.__name__}"
    assert entry.get("title") and entry.get("description"), cls.__name__
    missing = [
        f for f in cls.model_fields if not (entry.get("fields") or {}).get(f, {}).get("description")
    ]
    assert not missing, f"describe {cls.__name__}: {', '.join(missing)} in plangen/load/fields.yaml"
    no_examples = [f for f in cls.model_fields if not entry["fields"][f].get("examples")]
    assert not no_examples, f"give examples for {cls.__name__}: {', '.join(no_examples)}"


def test_fields_table_names_only_existing_models_and_fields():
    known = {cls.__name__: cls for cls in MODELS}
    for name, entry in fields_table().items():
        if name in (BLOCK, PARAGRAPH):  # labels of the block union and its string form
            assert set(entry) == {"title", "description"}
            continue
        assert name in known, f"fields.yaml: {name} is not a model"
        gone = set(entry.get("fields") or {}) - set(known[name].model_fields)
        assert not gone, f"fields.yaml: {name} has no field {', '.join(sorted(gone))} any more"


def _properties(file_name: str) -> list[tuple[str, str, dict, Registry]]:
    schema = build_schema(file_name)
    registry = Registry().with_resource(schema["$id"], Resource.from_contents(schema))
    nodes = {schema["title"]: ("", schema)}
    nodes |= {name: (f"/$defs/{name}", node) for name, node in schema["$defs"].items()}
    return [
        (f"{schema['$id']}#{at}/properties/{field}", f"{name}.{field}", prop, registry)
        for name, (at, node) in nodes.items()
        for field, prop in node.get("properties", {}).items()
    ]


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_example_is_valid_for_its_field(name):
    checked = 0
    for pointer, where, prop, registry in _properties(name):
        check = Draft202012Validator(
            {"$ref": pointer}, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
        )
        for example in prop.get("examples", []):
            errors = [e.message for e in check.iter_errors(example)]
            assert not errors, f"{where}: example {example!r}: {errors}"
            checked += 1
    assert checked > 20


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_enum_meanings_match_the_allowed_values(name):
    def enums(node: Any) -> list[list]:
        if isinstance(node, dict):
            return ([node["enum"]] if "enum" in node else []) + [
                e for k, v in node.items() if k != "$ref" for e in enums(v)
            ]
        return [e for v in node for e in enums(v)] if isinstance(node, list) else []

    table = fields_table()
    for _pointer, where, prop, _registry in _properties(name):
        model_name, field = where.split(".")
        meanings = table.get(model_name, {}).get("fields", {}).get(field, {}).get("values")
        if meanings is not None:
            found = enums(prop)
            assert found, f"{where} has values: in fields.yaml but no fixed list"
            assert set(meanings) == {to_simplified(v) for e in found for v in e}, where


# --- accepts what the loader accepts ----------------------------------------------------------


def test_examples_and_fixtures_validate_against_the_schema():
    checked = []
    for path in inputs():
        file_name, cls, data = kind(path)
        if not loader_accepts(cls, data):
            continue  # a broken fixture for some other test: the loader rejects it too
        assert schema_errors(file_name, data) == [], path
        checked.append(path.name)
    assert {
        "laishan.yaml",
        "longhu.yaml",
        "laishan-2022.yaml",
        "minimal.yaml",
        "previous.yaml",
        "previous-2020.yaml",
        "with-review.yaml",
    } <= set(checked)


def test_examples_name_the_committed_schema_on_their_first_line():
    for path in sorted(PLANS.glob("*.yaml")):
        file_name, _cls, _data = kind(path)
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = MODELINE.match(first)
        assert match, f"{path.name}: first line should name its schema"
        target = (path.parent / match.group(1)).resolve()
        assert target == (ROOT / "schema" / file_name).resolve(), path.name


def minimal() -> dict:
    return source.load(FIXTURES / "minimal.yaml").data


def final_data() -> dict:
    return source.load(FIXTURES / "previous-2020.yaml").data


REJECTED = [  # (name, data, change): rejected by the loader and by the schema alike
    ("typo key", minimal, lambda d: d["indicators"][0].update(unti=d["indicators"][0].pop("unit"))),
    ("wrong enum", minimal, lambda d: d["indicators"][0].update(nature="预期")),
    ("unknown block kind", minimal, lambda d: d["chapters"][0]["body"].append({"sectoin": "x"})),
    (
        "two block kinds",
        minimal,
        lambda d: d["chapters"][0]["body"].append({"section": "x", "task": "y"}),
    ),
    ("empty block", minimal, lambda d: d["chapters"][0]["body"].append(None)),
    ("year key 20x1", final_data, lambda d: d["indicators"]["life"]["values"].update({"20x1": 1})),
    ("task number key", final_data, lambda d: d.update(tasks={"一": {"status": "推进中"}})),
    ("period as words", minimal, lambda d: d["meta"].update(period="2021到2025年")),
    ("period of three", minimal, lambda d: d["meta"].update(period=[2021, 2023, 2025])),
    ("blank title", minimal, lambda d: d["meta"].update(title="   ")),
    ("bad date", minimal, lambda d: d["meta"].update(date="2022-13-01")),
    ("baseline key", minimal, lambda d: d.update(baseline={"1st": {"label": "x", "value": 1}})),
    ("monitoring typo", final_data, lambda d: d["monitoring"].update(cutof=2020)),
    ("task status", final_data, lambda d: d.update(tasks={1: {"status": "进行中"}})),
]


@pytest.mark.parametrize("name, data, change", REJECTED, ids=[r[0] for r in REJECTED])
def test_schema_rejects_what_the_loader_rejects(name, data, change):
    bad = copy.deepcopy(data())
    change(bad)
    file_name, cls = (
        ("monitoring.schema.json", Monitoring)
        if "monitoring" in bad
        else ("plan.schema.json", Plan)
    )
    assert not loader_accepts(cls, bad), name
    assert schema_errors(file_name, bad), name


ACCEPTED = [
    ("period with 至", minimal, lambda d: d["meta"].update(period="2021 至 2025")),
    ("period as a list", minimal, lambda d: d["meta"].update(period=[2021, 2025])),
    ("every block kind", lambda: source.load(FIXTURES / "with-review.yaml").data, lambda d: None),
    (
        "ratio value",
        final_data,
        lambda d: d["indicators"]["life"]["values"].update({2019: "1:1.3"}),
    ),
    ("null value", final_data, lambda d: d["indicators"]["life"]["values"].update({2019: None})),
    ("locale", minimal, lambda d: d["meta"].update(locale="zh_HK", department_line="responsible")),
]


@pytest.mark.parametrize("name, data, change", ACCEPTED, ids=[a[0] for a in ACCEPTED])
def test_schema_accepts_what_the_loader_accepts(name, data, change):
    good = copy.deepcopy(data())
    change(good)
    file_name, cls = (
        ("monitoring.schema.json", Monitoring)
        if "monitoring" in good
        else ("plan.schema.json", Plan)
    )
    assert loader_accepts(cls, good), name
    assert schema_errors(file_name, good) == [], name


def test_block_union_offers_every_kind_to_complete():
    schema = build_schema("plan.schema.json")
    alternatives = schema["$defs"][BLOCK]["oneOf"]
    kinds = set()
    for alt in alternatives:
        if "$ref" in alt:
            target = schema["$defs"][alt["$ref"].rsplit("/", 1)[1]]
            assert target["additionalProperties"] is False
            kinds |= set(target["required"]) & set(BLOCK_KEYS)
    assert kinds == set(BLOCK_KEYS)
    assert any(alt.get("type") == "string" and alt.get("description") for alt in alternatives)
    body = schema["$defs"]["Chapter"]["properties"]["body"]
    assert body["items"] == {"$ref": f"#/$defs/{BLOCK}"} and body["description"]


# --- the command -----------------------------------------------------------------------------


def test_cli_writes_both_schemas(tmp_path):
    out = tmp_path / "sch"
    result = run_cli("schema", "-o", out)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(SCHEMAS)
    for name in SCHEMAS:
        assert (out / name).read_text(encoding="utf-8") == schema_texts()[name]
        assert str(out / name) in result.stdout


def test_cli_refuses_a_file_in_the_way(tmp_path):
    blocker = tmp_path / "schema"
    blocker.write_text("keep me", encoding="utf-8")
    for target in (blocker, blocker / "sub"):
        result = run_cli("schema", "-o", target)
        assert result.returncode == 73  # EX_CANTCREAT: the user's disk, not their input
        assert "cannot write the schemas into" in result.stderr and "fix: " in result.stderr
        assert "Traceback" not in result.stderr
    assert blocker.read_text(encoding="utf-8") == "keep me"


def test_starter_plan_names_the_schema_that_plangen_schema_writes_beside_it(tmp_path):
    plan = tmp_path / "mine.yaml"
    assert run_cli("new", plan, "--region", "某某区").returncode == 0
    match = MODELINE.match(plan.read_text(encoding="utf-8").splitlines()[0])
    assert match
    assert run_cli("schema", cwd=tmp_path).returncode == 0
    target = plan.parent / match.group(1)
    assert target.is_file()
    written = Draft202012Validator(
        json.loads(target.read_text(encoding="utf-8")),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )
    assert [e.message for e in written.iter_errors(editor_view(source.load(plan).data))] == []
