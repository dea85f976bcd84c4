"""Assistant replies made fit for SMS: one text, at most a few segments, links short.

- The bot's replies are joined into one text (one SMS conversation turn).
- Links to the portal become short: "ankomst.example.se/info/boende" (or just the path when no
  public address is configured); other links stay as they are.
- Typographic quotes, dashes and ellipses become their plain forms when that keeps an
  otherwise GSM-7 text in GSM-7: one curly quote would switch the whole text to UCS-2 and
  more than double its cost (160 → 70 characters a segment).
- Past `max_segments`, whole sentences are dropped from the end (lines with a link are kept,
  since the link is where the rest can be read); a single sentence too long on its own is cut
  at a word and ends with an ellipsis ("..." in GSM-7 texts). A dot in an abbreviation
  ("t.ex.", Tigrinya "ቅ.ቀ.") does not end a sentence.
- Lists are not cut here: the bot fits them line by line to the same budget, so that its
  "N more" count is the number of lines really left out (bot/actions/sms_budget.py).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from portal.bidi import LRI, PDI, isolate_plain_text
from portal.clients.sms.segments import count_segments, is_gsm7

_PLAIN = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "–": "-",
        "—": "-",
        "…": "...",
        "\u00a0": " ",  # no-break space
        "\u2009": " ",  # thin space (CLDR's time ranges: "9:00 – 12:00")
        "\u202f": " ",  # narrow no-break space (CLDR's "9:00 AM")
        "\u200a": " ",  # hair space
    }
)
_URL = re.compile(r"https?://[^\s<>\"']+")
# A bare portal path as the bot writes it ("/info/boende#hyra"), not a fraction or "and/or".
_PATH = re.compile(r"(?<!\S)/[a-z][\w\-/#?=&.%]*", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?؟።\n])\s+")


def _ellipsis(text: str) -> str:
    # "…" is not in GSM-7: in a GSM-7 text it would double the cost of the whole message.
    return "..." if is_gsm7(text) else "…"


def short_links(text: str, public_base_url: str | None, own_hosts: set[str] | None = None) -> str:
    """Rewrite links to the portal as host/path (no scheme), or the path alone without a host.

    Bare paths ("/plan") get the public host in front, so a phone can open them.
    """
    hosts = {h.lower().removeprefix("www.") for h in (own_hosts or set())}
    base_host = urlsplit(public_base_url).netloc.lower().removeprefix("www.") if public_base_url else ""
    if base_host:
        hosts.add(base_host)

    def shorten(match: re.Match[str]) -> str:
        url = match.group(0).rstrip(".,;:!?)")
        tail = match.group(0)[len(url) :]
        parts = urlsplit(url)
        if parts.netloc.lower().removeprefix("www.") not in hosts:
            return match.group(0)
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        if parts.fragment:
            path += "#" + parts.fragment
        return (base_host + path if base_host else path) + tail

    text = _URL.sub(shorten, text)
    if base_host:
        text = _PATH.sub(lambda m: base_host + m.group(0), text)
    return text


def portal_url(path: str, public_base_url: str | None) -> str:
    """An absolute link to a portal page when the public address is known, else the path."""
    return (public_base_url or "").rstrip("/") + path


def plain_punctuation(text: str) -> str:
    """Typographic punctuation as plain ASCII, if that makes the whole text GSM-7."""
    plain = text.translate(_PLAIN)
    return plain if is_gsm7(plain) and not is_gsm7(text) else text


def _fits(text: str, max_segments: int) -> bool:
    return count_segments(text).segments <= max_segments


def _ends_with_abbreviation(head: str, rest: str) -> bool:
    # "t.ex. ", Tigrinya "ቅ.ቀ. " (a.m.), "kl. 9": a dot inside the word, a one-letter word, or a
    # number right after is an abbreviation, not the end of a sentence.
    word = head.rsplit(None, 1)[-1] if head.strip() else ""
    if not word.endswith("."):
        return False
    return "." in word[:-1] or len(word) <= 2 or rest[:1].isdigit()


def _split_sentences(text: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if _ends_with_abbreviation(text[start : match.start()], text[match.end() :]):
            continue
        parts.append(text[start : match.start()])
        start = match.end()
    parts.append(text[start:])
    return [part for part in parts if part.strip()]


def _join(units: list[str]) -> str:
    out = ""
    for unit in units:
        if not out:
            out = unit
        elif unit.startswith("\n") or out.endswith("\n"):
            out += unit
        else:
            out += " " + unit
    return out.strip()


def _cut_to_fit(text: str, max_segments: int) -> str:
    ellipsis = _ellipsis(text)
    words = text.split(" ")
    while len(words) > 1:
        words.pop()
        candidate = " ".join(words).rstrip(" ,;:") + ellipsis
        if _fits(candidate, max_segments):
            return candidate
    # One enormous "word": cut characters.
    chars = text
    while chars and not _fits(chars + ellipsis, max_segments):
        chars = chars[:-1]
    return chars + ellipsis


def _is_link(token: str) -> bool:
    token = token.strip(LRI + PDI)  # a link in an Arabic text is isolated (portal.bidi)
    if _URL.match(token):
        return True
    head, slash, _rest = token.partition("/")
    return bool(slash) and (head == "" or "." in head)


def _has_link(sentence: str) -> bool:
    return any(_is_link(token) for token in sentence.split())


def fit_sms(texts: list[str], *, max_segments: int = 3, public_base_url: str | None = None) -> str:
    """Join the bot's replies into one SMS text of at most `max_segments` segments."""
    paragraphs = [short_links(t.strip(), public_base_url) for t in texts if t and t.strip()]
    text = plain_punctuation("\n".join(paragraphs))
    # Numbers in an Arabic-script text are isolated (portal.bidi) before the budget is measured,
    # so the count stays honest; but never at the price of a sentence, or of a line the bot
    # counted when it fitted a list (bot/actions/sms_budget.py does not know about isolates).
    isolated = isolate_plain_text(text)
    if _fits(isolated, max_segments) or not _fits(text, max_segments):
        text = isolated
    if _fits(text, max_segments):
        return text
    # Units are sentences; a paragraph break stays on the unit that starts a paragraph.
    units: list[str] = []
    for number, paragraph in enumerate(text.split("\n")):
        for index, sentence in enumerate(_split_sentences(paragraph)):
            units.append(("\n" if number and index == 0 and units else "") + sentence.strip())
    if not units:
        return _cut_to_fit(text, max_segments)
    links = {i for i, unit in enumerate(units) if _has_link(unit)}
    if not _fits(_join([units[i] for i in sorted(links)]), max_segments):
        links = set()
    chosen = set(links)
    for i in range(len(units)):
        if i in chosen:
            continue
        trial = chosen | {i}
        if not _fits(_join([units[j] for j in sorted(trial)]), max_segments):
            break  # drop from here on: skipping a sentence would leave a reply that does not follow
        chosen = trial
    if 0 not in chosen:
        # Even the first sentence is too long: cut it at a word, keeping any link after it.
        tail = [units[i] for i in sorted(links) if i != 0]
        words = units[0].split(" ")
        while len(words) > 1:
            words.pop()
            candidate = _join([" ".join(words).rstrip(" ,;:") + _ellipsis(units[0]), *tail])
            if _fits(candidate, max_segments):
                return candidate
        return _cut_to_fit(units[0], max_segments)
    return _join([units[i] for i in sorted(chosen)])
