"""Flows with several steps. Views call these; these call data functions and clients."""
