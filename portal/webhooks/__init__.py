"""Twilio's webhooks: inbound SMS and delivery status. Signed by Twilio, so exempt from CSRF."""

from portal.webhooks.views import bp

__all__ = ["bp"]
