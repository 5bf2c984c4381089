"""Compute stage: numbering, derived values and evaluation, free of document code."""
