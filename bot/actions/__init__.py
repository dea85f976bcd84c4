"""Custom actions of the Ankomst assistant, one module per topic.

``rasa run actions --actions actions`` imports every module of this package and registers each
``Action`` subclass by its ``name()``.
"""
