"""`plangen schema`: the JSON Schemas for editors, written whole or not at all."""

from __future__ import annotations

from pathlib import Path

from plangen.load.schema import schema_texts
from plangen.write.atomic import write_bytes


def write_schemas(out_dir: Path) -> list[Path]:
    """Write every schema into out_dir (created if needed); raises OSError if it cannot."""
    texts = schema_texts()  # all built before anything is written
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in texts.items():
        write_bytes(out_dir / name, text.encode("utf-8"))
        written.append(out_dir / name)
    return written
