"""Development tool, not installed: throughput benchmarks (`make bench`, `python -m bench`)."""
