"""Keep personal data out of every log line: phone numbers, codes, message bodies, search text,
conversation ids and calendar tokens.

A log record factory redacts at the moment a record is made, so it covers every logger
(ours, Werkzeug's and gunicorn's access logs, libraries') and every handler, whatever is
configured later.

- Query strings are dropped from every path and URL in a message: they carry search questions,
  phone numbers typed into forms and `next` values, and nothing in them is needed to operate
  the service. The path stays, with `?…` to show that there was one.
- Paths whose segments are secrets or keys keep their shape with the segment masked:
  `/calendar/[token].ics`, `/internal/v1/conversations/[id]/plan`.
- Phone numbers in any spelling: +46 70…, 0046…, 070-174 00 03, 46701740003, and URL- or
  form-encoded (%2B46…, 070%20174…, 070+174…).
"""

from __future__ import annotations

import logging
import os
import re

# Between the digits of a phone number: a space, a dash, or their URL/form encodings.
_SEP = r"(?:[ \t-]|%20|%2[dD]|\+)?"
# 7 to 17 digits with optional separators, optionally led by + or %2B. Not inside a word or an
# encoded sequence, not an ISO date, and not an access log's status and size after the request
# line ("GET / HTTP/1.1" 200 1234).
_PHONE = re.compile(r"(?<![\w%])(?<!\d\" )(?:\+|%2[bB])?(?!\d{4}-\d\d-\d\d)\d(?:" + _SEP + r"\d){6,16}(?!\w)")
# Sign-in codes and other short numeric secrets.
_CODE = re.compile(r"(?<!\d)\d{6}(?!\d)")
# A path or URL followed by a query string (up to whitespace or a quote).
_QUERY = re.compile(r"((?:https?://[^\s/\"'<>]+)?/[^\s?\"'<>]*)\?[^\s\"'<>]*")
_SECRET_SEGMENTS = (
    # The feed (/calendar/<token>.ics) and its phone page (/calendar/<token>/add).
    (re.compile(r"(/calendar/)[^/\s\"'?<>.]+(?=\.ics|/add)"), r"\1[token]"),
    (re.compile(r"(/internal/v1/conversations/)[^/\s\"'?<>]+"), r"\1[id]"),
)
# `extra={...}` keys that may carry personal data; their values are dropped.
SENSITIVE_FIELDS = frozenset(
    {"phone", "to", "from_", "from_number", "to_number", "body", "text", "code", "message_body", "query", "q"}
)
# Attributes every LogRecord has; anything else on a record came from `extra`.
_STANDARD = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}

_installed = False


def redact(text: str) -> str:
    """Mask query strings, secret path segments, phone numbers and 6-digit codes in `text`."""
    text = _QUERY.sub(r"\1?…", text)
    for pattern, replacement in _SECRET_SEGMENTS:
        text = pattern.sub(replacement, text)
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
    # `extra` fields are set on the record after the factory runs, by Logger.makeRecord; wrap
    # it, so they are redacted for every handler, including ones added later (a filter on the
    # root logger would miss records propagated from other loggers).
    make_record = logging.Logger.makeRecord

    def make_redacted_record(self, *args, **kwargs) -> logging.LogRecord:
        record = make_record(self, *args, **kwargs)
        _redact_extras(record)
        return record

    logging.Logger.makeRecord = make_redacted_record  # type: ignore[method-assign]
    _installed = True


def _redact_extras(record: logging.LogRecord) -> None:
    for field in record.__dict__.keys() - _STANDARD:
        value = record.__dict__[field]
        if field in SENSITIVE_FIELDS:
            setattr(record, field, "[redacted]")
        elif isinstance(value, str):
            setattr(record, field, redact(value))


def create_private_file(path: str) -> None:
    """Make sure `path` exists and only its owner can read or write it (0600).

    For files that hold personal data (the SQLite database): created with that mode, and an
    older file with looser permissions is tightened.
    """
    fd = os.open(path, os.O_CREAT | os.O_APPEND | os.O_WRONLY, 0o600)
    os.close(fd)
    if os.stat(path).st_mode & 0o077:
        os.chmod(path, 0o600)
