"""Benchmarks: scripts run one by one (make bench); a package only so the import contract can read them."""
