"""`plangen schema`: the JSON Schemas for editors, written whole or not at all."""

from __future__ import annotations

from pathlib import Path

from plangen.load.schema import schema_texts
from plangen.write.transaction import commit


def write_schemas(out_dir: Path) -> list[Path]:
    """Write every schema into out_dir (created if needed); OSError or OutputError if it cannot."""
    texts = schema_texts()  # all built before anything is written
    out_dir.mkdir(parents=True, exist_ok=True)
    return commit({out_dir / name: text.encode("utf-8") for name, text in texts.items()})
