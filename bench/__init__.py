"""Benchmarks. ``make bench`` (``python -m bench``) runs them all and records bench/RESULTS.md."""
