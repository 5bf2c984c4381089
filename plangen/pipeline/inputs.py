"""Which files a command reads: folders expanded into their YAML files."""

from __future__ import annotations

from pathlib import Path


def collect_inputs(paths: list[Path]) -> list[Path]:
    """Expand folders into their YAML files, in name order; files stay as given."""
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files += sorted(q for q in p.iterdir() if q.suffix in (".yaml", ".yml") and q.is_file())
        else:
            files.append(p)
    return files
