"""WhatsApp through Twilio's same Messages API: the channel people use, with SMS behind it.

Decisions (the issue leaves these open):
- **Addresses.** Twilio sends WhatsApp messages to the same webhook with `From=whatsapp:+46...`.
  The webhook checks the signature exactly as for SMS (the prefix is part of what Twilio signed),
  then strips the prefix: the number is the person, so a WhatsApp message joins the number's one
  conversation, with its language, its assistant and its keywords. STOP on WhatsApp is STOP, and
  stops both channels (one opt-out per number).
- **The 24-hour window.** WhatsApp allows free-form messages only within 24 hours of the
  person's last message to us (`WhatsAppWindow`, per number). Inside it, anything goes as text.
  Outside it, only a template approved by Meta: a reminder or a case notice goes as the template
  configured for its purpose and the person's language (`WHATSAPP_TEMPLATES`, Content SIDs, one
  variable "1" holding the text). No template: SMS.
- **Who gets WhatsApp.** A person who chose it (`Person.message_channel`, on /plan/reminders),
  and any answer to a message that came in on WhatsApp (late assistant replies go back on the
  channel the question came on). Sign-in codes and other required messages always go by SMS: a
  code must reach a phone without WhatsApp, and WhatsApp's authentication templates are another
  approval process.
- **Fallback.** If WhatsApp refuses at once (an error from the API) or later (a status callback
  saying failed or undelivered, as for a number that is not on WhatsApp), the same text goes by
  SMS, once. Both rows stay in `sms_message`: the WhatsApp one with its error and a link to the
  SMS that delivered (`fallback_sms_id`), so every message records which channel delivered it.
- **Status callbacks** are the SMS ones (`/webhooks/twilio/status`), with WhatsApp's "read".
- The local outbox (/dev/outbox) shows each message's channel and template.
"""
