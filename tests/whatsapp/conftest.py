from __future__ import annotations

import pytest

from tests.servers import fake_rasa, fake_twilio  # noqa: F401 - fixtures

WHATSAPP_FROM = "whatsapp:+46766860001"
TEMPLATES = {"reminder": {"sv": "HX" + "1" * 32, "ar": "HX" + "2" * 32}}


@pytest.fixture
def whatsapp(config):
    """WhatsApp configured: a sender and reminder templates in Swedish and Arabic (not Somali)."""
    config.update(TWILIO_WHATSAPP_FROM=WHATSAPP_FROM, WHATSAPP_TEMPLATES=TEMPLATES)
