"""Load stage: YAML files become validated models that remember source positions."""

from plangen.load.plugins import skip_pydantic_plugin_search

skip_pydantic_plugin_search()
