"""Vendors behind small clients: SMS (Twilio or the local outbox) and the assistant (Rasa)."""
