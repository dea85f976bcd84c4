"""Configuration, one class per environment. Secrets come only from the environment."""

from __future__ import annotations

import json
import os
from datetime import time, timedelta

from portal.languages import CODES
from portal.phones import parse_regions


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


# Secrets that are public (in this repository): production refuses to start with any of them.
KNOWN_DEVELOPMENT_SECRETS = frozenset(
    {
        "dev-secret-key-change-me",
        "dev-internal-token",
        "dev-twilio-auth-token",
        "test-secret-key",
        "test-internal-token",
        "test-twilio-auth-token",
        "change-me",
        "changeme",
        "secret",
        "ZGV2LWlkZW50aXR5LW51bWJlci1rZXktMzItYnl0ZXM=",
        "dGVzdC1pZGVudGl0eS1udW1iZXIta2V5LTMyLWJ5dGU=",
    }
)
# Config keys production needs from the environment (TWILIO_AUTH_TOKEN too, with SMS_BACKEND=twilio).
PRODUCTION_SECRETS = ("SECRET_KEY", "INTERNAL_API_TOKEN")


def _env_quiet_hours(name: str, default: str) -> tuple[time, time]:
    """ "21:00-08:00" → (21:00, 08:00); the same start and end means no quiet hours."""
    start, _, end = (os.environ.get(name) or default).partition("-")
    return time.fromisoformat(start.strip()), time.fromisoformat(end.strip())


def _env_json(name: str, default: dict) -> dict:
    value = os.environ.get(name)
    return json.loads(value) if value else default


def _env_optional_int(name: str, default: int | None) -> int | None:
    value = os.environ.get(name)
    if value is None:
        return default
    return int(value) if value.strip() not in ("", "0", "off") else None


class Config:
    """Production settings: what runs when ANKOMST_ENV is unset. Secrets have no defaults here."""

    ANKOMST_ENV = "production"
    SECRET_KEY = os.environ.get("SECRET_KEY")
    # Fernet key for personnummer/samordningsnummer (services.identity_numbers); optional: without
    # it no number can be stored. Generate one with
    # python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())".
    IDENTITY_NUMBER_KEY = os.environ.get("IDENTITY_NUMBER_KEY")
    # None means "the SQLite file in the instance folder"; create_app() fills it in.
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL")
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    REDIS_URL = os.environ.get("REDIS_URL")
    RATELIMIT_STORAGE_URI = os.environ.get("REDIS_URL") or "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_ENABLED = True

    BABEL_DEFAULT_LOCALE = "sv"
    BABEL_DEFAULT_TIMEZONE = "Europe/Stockholm"
    BABEL_TRANSLATION_DIRECTORIES = os.path.join(os.path.dirname(os.path.dirname(__file__)), "locales")

    WTF_CSRF_TIME_LIMIT = 3600 * 12
    SESSION_COOKIE_NAME = "ankomst_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", False)
    REMEMBER_COOKIE_HTTPONLY = True
    # Server-side sign-in sessions (see portal.models.auth.SignInSession).
    SESSION_IDLE_TIMEOUT = timedelta(minutes=30)
    SESSION_ABSOLUTE_LIFETIME = timedelta(hours=12)
    MAX_CONTENT_LENGTH = 256 * 1024

    # Newcomer sign-in codes.
    SIGNIN_CODE_TTL = timedelta(minutes=10)
    SIGNIN_CODE_MAX_TRIES = 5
    SIGNIN_CODES_PER_NUMBER_PER_HOUR = 5
    # Mobile numbers of these countries may sign in (ISO 3166 codes, or "*"); see portal/phones.py
    # for the default: where our languages are spoken, the Nordics and the EU/EEA.
    SIGNIN_COUNTRIES = parse_regions(os.environ.get("ANKOMST_SIGNIN_COUNTRIES"))
    # Codes sent to one foreign country calling code, over all numbers (SMS cost, toll fraud).
    SIGNIN_CODES_PER_COUNTRY = os.environ.get("ANKOMST_SIGNIN_CODES_PER_COUNTRY", "200 per hour")
    SIGNIN_IP_LIMIT = "20 per hour"
    SIGNIN_CODE_IP_LIMIT = "40 per hour"
    # Staff sign-in: failures count per account and client address (portal.services.staff_signin).
    # Past the free ones, each failure doubles the wait, from the first wait up to the longest;
    # the count is forgotten after a quiet while.
    STAFF_FREE_ATTEMPTS = 5
    STAFF_FIRST_WAIT = timedelta(seconds=30)
    STAFF_LONGEST_WAIT = timedelta(minutes=15)
    STAFF_FAILURE_MEMORY = timedelta(hours=1)
    STAFF_IP_LIMIT = "30 per hour"

    # 0 means "not behind a proxy": X-Forwarded-* headers are ignored unless configured.
    TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL")

    SMS_BACKEND = os.environ.get("SMS_BACKEND", "outbox")  # "outbox" or "twilio"
    TWILIO_ACCOUNT_SID = os.environ.get("TWILIO_ACCOUNT_SID")
    TWILIO_AUTH_TOKEN = os.environ.get("TWILIO_AUTH_TOKEN")
    TWILIO_FROM_NUMBER = os.environ.get("TWILIO_FROM_NUMBER")
    TWILIO_MESSAGING_SERVICE_SID = os.environ.get("TWILIO_MESSAGING_SERVICE_SID")
    # WhatsApp through the same Messages API (portal.whatsapp). Unset: WhatsApp is off, all SMS.
    TWILIO_WHATSAPP_FROM = os.environ.get("TWILIO_WHATSAPP_FROM")  # "whatsapp:+46..."
    # Approved templates for messages outside the 24-hour window: {purpose: {language: Content SID}}.
    WHATSAPP_TEMPLATES: dict = _env_json("ANKOMST_WHATSAPP_TEMPLATES", {})
    WHATSAPP_WINDOW = timedelta(hours=24)

    # Objections: a decision is due this many days after filing (and after an escalation);
    # the newcomer may escalate this many days after the first decision.
    OBJECTION_DECISION_DAYS = int(os.environ.get("OBJECTION_DECISION_DAYS", "14"))
    OBJECTION_ESCALATION_DAYS = int(os.environ.get("OBJECTION_ESCALATION_DAYS", "21"))
    # Case lookups by number are rate limited, so nobody can try numbers in bulk.
    OBJECTION_LOOKUP_LIMIT = "120 per hour"
    OBJECTION_FILE_LIMIT = "30 per hour"

    INTERNAL_API_TOKEN = os.environ.get("ANKOMST_INTERNAL_TOKEN")
    # Where someone the assistant cannot identify is sent when they ask for a person.
    RECEPTION_PHONE = os.environ.get("ANKOMST_RECEPTION_PHONE", "08-508 00 000")
    RECEPTION_HOURS = os.environ.get("ANKOMST_RECEPTION_HOURS", "Mon-Fri 9-16")
    # Whose reception takes a stranger's request for a person (services.reception): the
    # organisation (slug) that owns the service number they wrote to, {"+4676...": "sodertalje"};
    # else DEFAULT_RECEPTION (a slug); else the region.
    RECEPTION_NUMBERS: dict = _env_json("ANKOMST_RECEPTION_NUMBERS", {})
    DEFAULT_RECEPTION = os.environ.get("ANKOMST_DEFAULT_RECEPTION")
    RASA_URL = os.environ.get("ANKOMST_RASA_URL", "http://127.0.0.1:5005")
    # The assistant (Rasa). Past RASA_TIMEOUT it counts as down and the portal's own menu answers.
    RASA_TIMEOUT = float(os.environ.get("ANKOMST_RASA_TIMEOUT", "12"))
    # Twilio waits 15 s for a webhook's answer. Past this deadline the SMS webhook answers with
    # empty TwiML and the reply goes out later through the REST API, from a worker job.
    SMS_REPLY_DEADLINE = float(os.environ.get("ANKOMST_SMS_REPLY_DEADLINE", "4"))
    SMS_MAX_SEGMENTS = 3  # an assistant reply never costs more than this
    # The internal API (the action server) reaches an SMS or anonymous chat conversation only
    # this long after its last inbound message; a signed-in chat only while its session lasts.
    ASSISTANT_LIVE_WINDOW = timedelta(minutes=int(os.environ.get("ANKOMST_ASSISTANT_LIVE_MINUTES", "5")))
    # How long a fallback menu stays open for its digit replies.
    ASSISTANT_MENU_MINUTES = 30
    CHAT_MESSAGE_MAX_CHARS = 1000
    CHAT_POST_LIMIT = "30 per minute"
    SMS_WEBHOOK_LIMIT = os.environ.get("ANKOMST_SMS_WEBHOOK_LIMIT", "600 per minute")
    # The worker queue (RQ) for outbound SMS retries and late replies; without REDIS_URL jobs run inline.
    WORKER_QUEUE = os.environ.get("ANKOMST_WORKER_QUEUE", "ankomst")

    # Activity reminders by SMS (portal.reminders). Times are wall-clock times in REMINDER_TIMEZONE.
    REMINDER_TIMEZONE = os.environ.get("ANKOMST_REMINDER_TIMEZONE", "Europe/Stockholm")
    # Nothing personal is sent from start to end (across midnight when start > end).
    REMINDER_QUIET_HOURS = _env_quiet_hours("ANKOMST_REMINDER_QUIET_HOURS", "21:00-08:00")
    # What a newcomer gets until they choose: the evening before at this hour, and/or N hours before.
    REMINDER_EVENING_HOUR = int(os.environ.get("ANKOMST_REMINDER_EVENING_HOUR", "18"))
    REMINDER_DEFAULT_EVENING = _env_bool("ANKOMST_REMINDER_DEFAULT_EVENING", True)
    REMINDER_DEFAULT_HOURS_BEFORE = _env_optional_int("ANKOMST_REMINDER_DEFAULT_HOURS_BEFORE", None)
    # The choices the settings page offers.
    REMINDER_EVENING_HOURS = (16, 17, 18, 19, 20)
    REMINDER_HOURS_BEFORE_CHOICES = (1, 2, 3, 4, 6)
    # Reminders are planned (a row and an RQ job each) this far ahead, by a planner job that runs
    # every REMINDER_PLANNER_INTERVAL; any plan or setting change plans that person's at once.
    REMINDER_HORIZON = timedelta(hours=int(os.environ.get("ANKOMST_REMINDER_HORIZON_HOURS", "48")))
    REMINDER_PLANNER_INTERVAL = timedelta(minutes=int(os.environ.get("ANKOMST_REMINDER_PLANNER_MINUTES", "60")))

    # Staff notifications (portal.notifications): e-mail through the local outbox (/dev/mail) or SMTP.
    MAIL_BACKEND = os.environ.get("MAIL_BACKEND", "outbox")  # "outbox" or "smtp"
    MAIL_FROM = os.environ.get("MAIL_FROM", "Ankomst <no-reply@ankomst.invalid>")
    MAIL_SMTP_HOST = os.environ.get("MAIL_SMTP_HOST")
    MAIL_SMTP_PORT = int(os.environ.get("MAIL_SMTP_PORT", "587"))
    MAIL_SMTP_USERNAME = os.environ.get("MAIL_SMTP_USERNAME")
    MAIL_SMTP_PASSWORD = os.environ.get("MAIL_SMTP_PASSWORD")
    MAIL_SMTP_STARTTLS = _env_bool("MAIL_SMTP_STARTTLS", True)
    # The daily digest goes at this hour (Europe/Stockholm) to staff who chose it.
    NOTIFICATION_DIGEST_HOUR = int(os.environ.get("ANKOMST_NOTIFICATION_DIGEST_HOUR", "7"))
    # The sweep (deadlines, digests, anything missed) runs this often on the worker's scheduler.
    NOTIFICATION_SWEEP_INTERVAL = timedelta(minutes=int(os.environ.get("ANKOMST_NOTIFICATION_SWEEP_MINUTES", "15")))

    # Rendered plan fragments per process (portal.services.fragments); size 0 turns the cache off.
    FRAGMENT_CACHE_SIZE = int(os.environ.get("ANKOMST_FRAGMENT_CACHE_SIZE", "2048"))
    FRAGMENT_CACHE_SECONDS = float(os.environ.get("ANKOMST_FRAGMENT_CACHE_SECONDS", "600"))

    # Rasa's SQL tracker store, so an erasure deletes the person's trackers too (services.erasure).
    RASA_TRACKER_DB_URL = os.environ.get("RASA_TRACKER_DB_URL")
    # How long personal data is kept (portal.services.retention; the README explains each).
    RETENTION_PERIODS = {
        name: timedelta(days=int(os.environ.get(f"ANKOMST_RETAIN_{name.upper()}_DAYS", str(days))))
        for name, days in (("signin_codes", 1), ("expired_sessions", 1), ("message_bodies", 90), ("audit", 730))
    }

    DEV_PAGES = False
    SEED_DEMO_TOTP = False
    # Full time in the introduction; a plan below this gets a warning (seed 002: most were under 20).
    PLAN_FULL_TIME_HOURS = float(os.environ.get("PLAN_FULL_TIME_HOURS", "40"))


class DevelopmentConfig(Config):
    ANKOMST_ENV = "development"
    DEV_PAGES = True
    # Public values, so `make run` needs nothing set; production refuses every one of them.
    SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-secret-key-change-me"
    IDENTITY_NUMBER_KEY = os.environ.get("IDENTITY_NUMBER_KEY") or "ZGV2LWlkZW50aXR5LW51bWJlci1rZXktMzItYnl0ZXM="
    INTERNAL_API_TOKEN = os.environ.get("ANKOMST_INTERNAL_TOKEN") or "dev-internal-token"
    RASA_TRACKER_DB_URL = os.environ.get("RASA_TRACKER_DB_URL") or "sqlite:///" + os.path.join(
        os.path.dirname(os.path.dirname(__file__)), "bot", "tracker.db"
    )
    # The SMS simulator (/dev/sms) signs its requests like Twilio does, so the webhook needs a
    # token to check against even without a Twilio account.
    TWILIO_AUTH_TOKEN = os.environ.get("TWILIO_AUTH_TOKEN") or "dev-twilio-auth-token"
    TWILIO_ACCOUNT_SID = os.environ.get("TWILIO_ACCOUNT_SID") or "AC" + "0" * 32
    # The demo has no caseworker at the region, so its strangers' requests go to Stockholm's
    # reception, where a demo caseworker sees them.
    DEFAULT_RECEPTION = os.environ.get("ANKOMST_DEFAULT_RECEPTION") or "stockholm"
    # WhatsApp in the local outbox, so the demo shows it (a real sender needs TWILIO_WHATSAPP_FROM),
    # with made-up template ids for reminders and case notices outside the 24-hour window.
    if Config.SMS_BACKEND == "outbox":
        TWILIO_WHATSAPP_FROM = os.environ.get("TWILIO_WHATSAPP_FROM") or "whatsapp:+46700000000"
        WHATSAPP_TEMPLATES = _env_json(
            "ANKOMST_WHATSAPP_TEMPLATES",
            {purpose: {code: f"HXdev{purpose}{code}" for code in CODES} for purpose in ("reminder", "objection")},
        )


class TestConfig(Config):
    ANKOMST_ENV = "test"
    TESTING = True
    SECRET_KEY = "test-secret-key"  # noqa: S105 - test only
    IDENTITY_NUMBER_KEY = "dGVzdC1pZGVudGl0eS1udW1iZXIta2V5LTMyLWJ5dGU="  # noqa: S105 - test only
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    RATELIMIT_STORAGE_URI = "memory://"
    DEV_PAGES = True
    INTERNAL_API_TOKEN = "test-internal-token"  # noqa: S105 - test only
    TWILIO_AUTH_TOKEN = "test-twilio-auth-token"  # noqa: S105 - test only
    TWILIO_ACCOUNT_SID = "AC" + "1" * 32
    TWILIO_FROM_NUMBER = "+46766860000"
    # Nothing listens here: tests that need an assistant start one or stub the client.
    RASA_URL = "http://127.0.0.1:9"
    RASA_TIMEOUT = 3.0
    # Argon2 at full cost makes the suite slow; tests check behaviour, not cost.
    ARGON2_FAST = True


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    DEV_PAGES = False


CONFIGS = {
    "development": DevelopmentConfig,
    "test": TestConfig,
    "production": ProductionConfig,
}


def config_from_env() -> type[Config]:
    """Pick the config class named by ANKOMST_ENV; unset means production (safe by default)."""
    name = os.environ.get("ANKOMST_ENV") or "production"
    if name not in CONFIGS:
        raise RuntimeError(f"ANKOMST_ENV must be one of {', '.join(CONFIGS)}")
    return CONFIGS[name]
