"""Pydantic's plugin search, skipped: plangen uses no pydantic plugins.

On its first model, pydantic imports importlib.metadata and reads the entry points of
every installed distribution to find plugins: 20–30 ms of each `plangen` start, a
tenth of `validate`. Registering a loader that finds none saves it. A plugin can be
let back in with PLANGEN_PYDANTIC_PLUGINS=1 (for instance to trace validation).
"""

from __future__ import annotations

import os
import sys
import types

LOADER = "pydantic.plugin._loader"


def skip_pydantic_plugin_search() -> bool:
    """Register an empty plugin loader unless pydantic loaded its own; True if registered."""
    if os.environ.get("PLANGEN_PYDANTIC_PLUGINS") == "1" or LOADER in sys.modules:
        return False
    loader = types.ModuleType(LOADER, "plangen: pydantic plugins are not searched for")
    loader.get_plugins = lambda: ()  # type: ignore[attr-defined]
    sys.modules[LOADER] = loader
    return True
