"""How many SMS segments a text costs: GSM-7 or UCS-2, as a phone network counts them."""

from __future__ import annotations

from dataclasses import dataclass

from portal.bidi import isolate_plain_text

# GSM 03.38 basic character set. Swedish åäöÅÄÖ are in it; most of the world's scripts are not.
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# The extension table: each costs two septets (an escape plus the character).
GSM7_EXTENDED = frozenset("^{}\\[~]|€\f")


@dataclass(frozen=True)
class SegmentInfo:
    encoding: str  # "GSM-7" or "UCS-2"
    units: int  # septets for GSM-7, UTF-16 code units for UCS-2
    segments: int


def is_gsm7(text: str) -> bool:
    """Tell whether `text` fits the GSM-7 alphabet (basic plus extension table)."""
    return all(ch in GSM7_BASIC or ch in GSM7_EXTENDED for ch in text)


def count_segments(text: str) -> SegmentInfo:
    """Count segments: 160/153 septets for GSM-7, 70/67 UTF-16 units for UCS-2."""
    if is_gsm7(text):
        units = sum(2 if ch in GSM7_EXTENDED else 1 for ch in text)
        single, multi, encoding = 160, 153, "GSM-7"
    else:
        units = len(text.encode("utf-16-le")) // 2  # emoji and other astral characters take two
        single, multi, encoding = 70, 67, "UCS-2"
    segments = 1 if units <= single else -(-units // multi)
    return SegmentInfo(encoding, units, max(segments, 1))


def isolated_if_free(text: str) -> str:
    """`text` with its numbers and links isolated (portal.bidi), unless that costs another segment.

    Every SMS passes here, so every Arabic-script SMS gets them; an SMS that was fitted to a
    number of segments (fit_sms) keeps that number.
    """
    isolated = isolate_plain_text(text)
    return isolated if count_segments(isolated).segments <= count_segments(text).segments else text
