"""Load stage: YAML files become validated models that remember source positions."""
