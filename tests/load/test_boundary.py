"""One folder boundary: referenced files outside the referring file's folder are never opened."""

import shutil

import pytest
from helpers import FIXTURES, PLANS, run_cli

SECRET = "DB_PASSWORD=hunter2"


@pytest.fixture
def tree(tmp_path):
    """project/ with the Laishan plan and its monitoring file; outside/ beside it with a secret."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(PLANS / "laishan.yaml", project)
    shutil.copy(PLANS / "laishan-2022.yaml", project)
    for name in ("with-review.yaml", "previous.yaml", "previous-2020.yaml"):
        shutil.copy(FIXTURES / name, project)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text(f"{SECRET}\n", encoding="utf-8")
    shutil.copy(PLANS / "laishan.yaml", outside)  # a valid plan, still refused
    return project


def line_of(path, text):
    return next(
        i for i, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if text in line
    )


@pytest.mark.parametrize(
    "ref", ["../outside/secret.yaml", "../outside/laishan.yaml", "/etc/passwd"]
)
@pytest.mark.parametrize("command", ["validate", "build"])
def test_monitoring_plan_outside_the_folder_is_refused_unopened(tree, ref, command):
    monitoring = tree / "laishan-2022.yaml"
    text = monitoring.read_text(encoding="utf-8")
    monitoring.write_text(text.replace("plan: laishan.yaml", f"plan: {ref}", 1), encoding="utf-8")
    row = line_of(monitoring, f"plan: {ref}")
    extra = ["-o", tree / "out", "-f", "html"] if command == "build" else []
    result = run_cli(command, monitoring, *extra)
    assert result.returncode == 1, result.stderr
    assert f"{monitoring}:{row}:" in result.stderr
    assert f"{ref} is outside this file's folder {tree}; it was not opened" in result.stderr
    assert SECRET not in result.stderr + result.stdout and "root:" not in result.stderr
    assert not (tree / "out").exists()


def test_symbolic_link_leading_out_is_refused(tree):
    (tree / "link.yaml").symlink_to(tree.parent / "outside" / "laishan.yaml")
    monitoring = tree / "laishan-2022.yaml"
    text = monitoring.read_text(encoding="utf-8")
    monitoring.write_text(
        text.replace("plan: laishan.yaml", "plan: link.yaml", 1), encoding="utf-8"
    )
    result = run_cli("validate", monitoring)
    assert result.returncode == 1 and "link.yaml is outside this file's folder" in result.stderr


@pytest.mark.parametrize(
    "key,ref", [("plan", "/etc/passwd"), ("monitoring", "../outside/secret.yaml")]
)
@pytest.mark.parametrize("command", ["validate", "build"])
def test_review_table_outside_the_folder_is_refused(tree, key, ref, command):
    plan = tree / "with-review.yaml"
    old = {"plan": "plan: previous.yaml", "monitoring": "monitoring: previous-2020.yaml"}[key]
    plan.write_text(
        plan.read_text(encoding="utf-8").replace(old, f"{key}: {ref}"), encoding="utf-8"
    )
    row = line_of(plan, f"{key}: {ref}")
    extra = ["-o", tree / "out", "-f", "html"] if command == "build" else []
    result = run_cli(command, plan, *extra)
    assert result.returncode == 1, result.stderr
    assert f"{plan}:{row}:" in result.stderr and "it was not opened" in result.stderr
    assert SECRET not in result.stderr and "root:" not in result.stderr


def test_validate_checks_the_review_tables_files_as_build_does(tree):
    """A review_table whose monitoring file belongs to another plan: build refuses, so must validate."""
    plan = tree / "with-review.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace(
            "monitoring: previous-2020.yaml", "monitoring: laishan-2022.yaml"
        ),
        encoding="utf-8",
    )
    built = run_cli("build", plan, "-o", tree / "out", "-f", "html")
    checked = run_cli("validate", plan)
    assert built.returncode == checked.returncode == 1
    assert "belongs to" in built.stderr and "belongs to" in checked.stderr


def test_files_inside_the_folder_tree_are_fine(tree):
    sub = tree / "old"
    sub.mkdir()
    for name in ("previous.yaml", "previous-2020.yaml"):
        shutil.move(tree / name, sub / name)
    (sub / "previous-2020.yaml").write_text(
        (sub / "previous-2020.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    plan = tree / "with-review.yaml"
    text = plan.read_text(encoding="utf-8").replace(
        "plan: previous.yaml", "plan: old/previous.yaml"
    )
    plan.write_text(
        text.replace("monitoring: previous-2020.yaml", "monitoring: old/previous-2020.yaml"),
        encoding="utf-8",
    )
    result = run_cli("validate", plan)
    assert result.returncode == 0, result.stderr


def test_allow_opens_one_more_folder(tree):
    monitoring = tree / "laishan-2022.yaml"
    text = monitoring.read_text(encoding="utf-8")
    monitoring.write_text(
        text.replace("plan: laishan.yaml", "plan: ../outside/laishan.yaml", 1), encoding="utf-8"
    )
    assert run_cli("validate", monitoring).returncode == 1
    result = run_cli("validate", monitoring, "--allow", tree.parent / "outside")
    assert result.returncode == 0, result.stderr
