"""What a message asks for that must never depend on the classifier's guess.

Three things are read here, by word lists in all 12 languages, before the assistant's
statistical NLU sees a message:

- **emergencies**: a sick child at night, danger, violence at home, thoughts of suicide. The
  right number is part of the answer whatever the NLU thinks, and such a message always leaves a
  half-filled form (a "yes" must never file "my daughter has a high fever" as an objection).
- **an explicit language request** ("in English please", "українською будь ласка"): the only
  thing that may change the stored language. A language name alone is not enough: "how can I
  learn Swedish" names a language and asks for a course.
- **an interpreter request** ("turjumaan soomaali ah ma heli karaa"): recorded on the person and
  passed to a caseworker; it never changes the conversation language.

The portal turns a recognised message into an explicit intent for the assistant
(``/emergency{...}``), so one dialogue manager still decides what happens next, and a form is
left through its normal rules.

One module per concern: ``matching`` (normalised words and phrase lists), ``emergencies``,
``languages`` (names, requests, interpreters), ``requests`` (stop, case numbers, independent
review, agreeing with the plan, signing it, objecting to it, how an objection is going) and
``greetings`` (what a message asks after its opening greeting, which is what the assistant's
classifier is given). The lists are a documented rule set: extend them with general words, never
with sentences copied from an evaluation set.
"""

from portal.channels.triage.emergencies import DANGER, HEALTH, SUICIDE, VIOLENCE, Emergency, find_emergencies
from portal.channels.triage.greetings import after_greeting, greeting_language
from portal.channels.triage.languages import interpreter_request, language_request, languages_named
from portal.channels.triage.matching import PhraseList, normalise_words
from portal.channels.triage.requests import (
    agrees_with_plan,
    asks_about_signing,
    asks_for_review,
    asks_objection_status,
    asks_to_stop,
    case_number,
    objects_to_plan,
)

__all__ = [
    "DANGER",
    "HEALTH",
    "SUICIDE",
    "VIOLENCE",
    "Emergency",
    "PhraseList",
    "after_greeting",
    "greeting_language",
    "agrees_with_plan",
    "asks_about_signing",
    "asks_for_review",
    "asks_objection_status",
    "asks_to_stop",
    "case_number",
    "find_emergencies",
    "interpreter_request",
    "language_request",
    "languages_named",
    "normalise_words",
    "objects_to_plan",
]
