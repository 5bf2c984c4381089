"""The README's example of the forms real plans use is a plan that builds as shown."""

from __future__ import annotations

import io
import re

import yaml
from docx import Document
from helpers import ROOT, run_cli

REQUIRED = {
    "region": "东海市",
    "level": "市",
    "title": "东海市“十四五”卫生健康规划",
    "issuer": "东海市人民政府",
    "period": "2021-2025",
    "date": "2021-12-20",
}
REGISTRY = [{"name": n} for n in ("市卫生健康委", "市财政局", "市发展改革委")]


def readme_forms() -> dict:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(  meta: \{toc: false.*?)  ```", text, re.S)
    assert block, "the README lost its example of real-plan forms"
    return yaml.safe_load(block.group(1))


def test_readme_forms_build(tmp_path):
    plan = readme_forms()
    plan["meta"] = {**REQUIRED, **plan["meta"]}
    plan["departments"] = REGISTRY
    path = tmp_path / "forms.yaml"
    path.write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), "utf-8")
    done = run_cli("build", path, "-o", tmp_path / "out", "-f", "docx")
    assert done.returncode == 0, done.stderr
    doc = Document(io.BytesIO((tmp_path / "out" / "forms.docx").read_bytes()))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "东政发〔2021〕18号" in text and "附件" in text and "目录" not in text
    headers = [[c.text for c in t.rows[0].cells] for t in doc.tables]
    assert ["类别", "主要指标", "单位", "2025年目标"] in headers  # no base, no nature
    assert "加强实验室检测能力建设。（市发展改革委，各区人民政府分别负责）" in text
