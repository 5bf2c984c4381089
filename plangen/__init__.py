"""plangen: health plans and their evaluations, from YAML to DOCX and PDF."""

__version__ = "0.1.0"
