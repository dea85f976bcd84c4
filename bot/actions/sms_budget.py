"""How much of a list fits the SMS budget: the portal's segment arithmetic, and whole-line fitting.

The segment arithmetic is a copy of ``portal/clients/sms/segments.py``: the action server runs
in its own environment without the portal package. ``tests/channels/test_sms_budget.py``
checks, in the portal's environment, that the copy counts every text as the original does.

A list is fitted here, not cut later by the portal, because only here is it known which lines
are left out, so the "N more" count is always the number of lines the person does not see.
"""

from __future__ import annotations

from collections.abc import Callable

# GSM 03.38 basic character set, and the extension table (two septets each).
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENDED = frozenset("^{}\\[~]|€\f")


def is_gsm7(text: str) -> bool:
    """Tell whether ``text`` fits the GSM-7 alphabet (basic plus extension table)."""
    return all(ch in GSM7_BASIC or ch in GSM7_EXTENDED for ch in text)


def count_segments(text: str) -> int:
    """Count segments: 160/153 septets for GSM-7, 70/67 UTF-16 units for UCS-2."""
    if is_gsm7(text):
        units = sum(2 if ch in GSM7_EXTENDED else 1 for ch in text)
        single, multi = 160, 153
    else:
        units = len(text.encode("utf-16-le")) // 2
        single, multi = 70, 67
    segments = 1 if units <= single else -(-units // multi)
    return max(segments, 1)


def fit_lines(
    header: str,
    variants: list[list[str]],
    tail: Callable[[int], str],
    *,
    max_segments: int | None,
    max_lines: int,
) -> str:
    """Join a header, as many whole lines as fit, and ``tail(left_out)`` (which carries the link).

    ``variants`` are the same lines written in several ways, fullest first ("09:00: SFI, Komvux"
    and "09:00: SFI"); the one that shows the most lines wins, the fuller one on a tie.
    ``max_segments`` None means no SMS budget (a web chat): only ``max_lines`` limits the list.
    """
    best, best_shown = "", -1
    for lines in variants:
        text, shown = _fit(header, lines, tail, max_segments, max_lines)
        if shown > best_shown:
            best, best_shown = text, shown
    return best


def _fit(
    header: str, lines: list[str], tail: Callable[[int], str], max_segments: int | None, max_lines: int
) -> tuple[str, int]:
    text = ""
    for shown in range(min(len(lines), max_lines), -1, -1):
        text = "\n".join([header, *lines[:shown], tail(len(lines) - shown)])
        if max_segments is None or count_segments(text) <= max_segments:
            return text, shown
    return text, 0  # even the header and the tail alone are over budget: the portal cuts that
