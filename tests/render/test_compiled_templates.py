"""Templates are compiled once per process (batch workers, serve), never served stale."""

from __future__ import annotations

from helpers import FIXTURES

from plangen.pipeline.build import render_file
from plangen.render.environment import COMPILED, localize, make_environment, render


def test_a_second_build_reuses_the_compiled_templates_and_an_edit_is_compiled_again(tmp_path):
    (tmp_path / "plan").mkdir()
    override = tmp_path / "plan" / "toc.html.j2"
    override.write_text("<p>甲</p>\n", encoding="utf-8")
    first = render_file(FIXTURES / "minimal.yaml", tmp_path).xhtml
    compiled = len(COMPILED.code)
    assert render_file(FIXTURES / "minimal.yaml", tmp_path).xhtml == first
    assert len(COMPILED.code) == compiled  # nothing compiled the second time
    override.write_text("<p>乙</p>\n", encoding="utf-8")
    second = render_file(FIXTURES / "minimal.yaml", tmp_path).xhtml
    assert "<p>乙</p>" in second and "<p>甲</p>" not in second
    assert len(COMPILED.code) == compiled + 1


def test_a_localized_environment_is_not_served_the_plain_compilation(tmp_path):
    """Same file, same source (no words to convert), but the zh_TW overlay's finalize
    converts printed values: its compiled code differs and is kept apart."""
    (tmp_path / "t.j2").write_text("{{ x }}\n", encoding="utf-8")
    env = make_environment(tmp_path)
    assert render(env, "t.j2", x="规划") == "规划"
    assert render(localize(env, "zh_TW", False), "t.j2", x="规划") == "規劃"
    assert render(make_environment(tmp_path), "t.j2", x="规划") == "规划"


def test_a_new_process_loads_the_code_from_disk_and_a_broken_file_means_compiling(tmp_path):
    from plangen.render import environment

    source = tmp_path / "templates"
    source.mkdir()
    (source / "t.j2").write_text("{{ x }}！\n", encoding="utf-8")
    folder = tmp_path / "cache"
    folder.mkdir()
    first = environment.CompiledTemplates(str(folder))
    env = make_environment(source)
    env.bytecode_cache = first
    assert render(env, "t.j2", x="甲") == "甲！"
    (stored,) = folder.iterdir()
    later = environment.CompiledTemplates(str(folder))  # as a new process: memory empty
    bucket = later.get_bucket(env, "t.j2", str(source / "t.j2"), "{{ x }}！\n")
    assert bucket.code is not None  # read from the file, not compiled
    stored.write_bytes(b"j2 not a cache file")
    broken = environment.CompiledTemplates(str(folder))
    assert broken.get_bucket(env, "t.j2", str(source / "t.j2"), "{{ x }}！\n").code is None
