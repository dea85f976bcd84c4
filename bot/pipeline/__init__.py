"""Custom Rasa NLU components of the Ankomst assistant (registered through DefaultV1Recipe)."""
