"""Render stage: Jinja templates turn the numbered model into one semantic document."""
