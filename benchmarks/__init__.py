"""Benchmarks: throughput over ../shared/data corpora (run with `make bench`)."""
