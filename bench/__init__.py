"""Benchmarks and the synthetic corpus generator (see BENCHMARKS.md)."""
