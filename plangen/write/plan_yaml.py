"""Plan data as YAML text in the examples' style (ruamel.yaml), and the adopt report."""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

FLOW_KEYS = {"lead", "support", "short", "merge", "indicators"}


def _styled(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        out = CommentedMap()
        for k, v in value.items():
            out[k] = _styled(v, k)
        return out
    if isinstance(value, list):
        seq = CommentedSeq(_styled(v) for v in value)
        if key in FLOW_KEYS and all(not isinstance(v, (dict, list)) for v in value):
            seq.fa.set_flow_style()
        return seq
    return value


def plan_yaml(plan: dict[str, Any], header: list[str]) -> str:
    """YAML text of a plan; header lines become comments at the top."""
    yaml = YAML()
    yaml.width = 4096
    yaml.allow_unicode = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    for line in header:
        out.write(f"# {line}\n")
    if header:
        out.write("\n")
    data = _styled(plan)
    for i, key in enumerate(data):
        if i:
            data.yaml_set_comment_before_after_key(key, before="\n", indent=0)
    yaml.dump(data, out)
    return out.getvalue()
