"""Keep phone numbers, codes and message bodies out of every log line.

A log record factory redacts at the moment a record is made, so it covers every logger
(ours, Werkzeug's, libraries') and every handler, whatever is configured later.
"""

from __future__ import annotations

import logging
import re

# Phone numbers: + or 0 followed by 7+ digits, allowing spaces and dashes between them.
_PHONE = re.compile(r"(?<![\w])(?:\+|00|0)\d(?:[\s-]?\d){6,14}(?![\w])")
# Sign-in codes and other short numeric secrets.
_CODE = re.compile(r"(?<!\d)\d{6}(?!\d)")
# `extra={...}` keys that may carry personal data; their values are dropped.
SENSITIVE_FIELDS = frozenset(
    {"phone", "to", "from_", "from_number", "to_number", "body", "text", "code", "message_body"}
)

_installed = False


def redact(text: str) -> str:
    """Mask phone numbers and 6-digit codes in `text`."""
    return _CODE.sub("[code]", _PHONE.sub("[phone]", text))


def install_redaction() -> None:
    """Install the redacting record factory once per process."""
    global _installed
    if _installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args, **kwargs) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not hide the record
            message = str(record.msg)
        record.msg, record.args = redact(message), None
        return record

    logging.setLogRecordFactory(factory)
    # `extra` fields are set after the factory runs, so filter them on the way out as well.
    logging.getLogger().addFilter(_drop_sensitive_extras)
    for handler in logging.getLogger().handlers:
        handler.addFilter(_drop_sensitive_extras)
    _installed = True


def _drop_sensitive_extras(record: logging.LogRecord) -> bool:
    for field in SENSITIVE_FIELDS & record.__dict__.keys():
        setattr(record, field, "[redacted]")
    return True
