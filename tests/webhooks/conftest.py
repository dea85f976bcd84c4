from tests.servers import fake_rasa, fake_twilio, rasa_down  # noqa: F401 - fixtures
