"""Helpers that both the tests and the benchmarks use: free ports, the live assistant stack, factories.

They live here, not in tests/, because bench/ never imports tests/ (the import contract in
.importlinter): a benchmark measures the product, and a test's fixture changing under it
would change the figures without anyone looking.
"""
