"""Staff notifications: a new objection, a handoff, a deadline near or past, an escalation.

Who is told:
- **Caseworkers** of the person's organisation (a caseworker membership in the organisation
  responsible for the person, or one above it: the same people who may open the case,
  `portal.data.people.can_see_person`) about a new objection, a request to talk to a person
  (with its language and interpreter need, shown in the inbox) and a first decision due within
  OBJECTION_DUE_WITHIN_DAYS days (`portal.services.tasks`, one home for the threshold) or past
  its due date.
- **Independent reviewers** of the region above the person (`reviewer_covers`) who are
  independent of the plan (`is_independent`) about an escalation and about a review decision
  due soon or overdue. A reviewer who may not decide the case is not told about it.
Nobody else: staff of another organisation never see a notification about a person who is not
theirs, and the inbox checks visibility again when it shows them (a person may have moved).

How:
- Each notification is a row per staff member (`StaffNotification`), unique per event, so
  telling twice is impossible. The events are noticed at once (filing and escalation through
  `portal.services.objections.notices`, handoffs in `portal.services.handoffs`) and again by
  `sweep()`, which also finds deadlines. The sweep is the safety net: a process that dies
  between the case's commit and the notification loses nothing, the next sweep tells.
- The sweep runs on the worker's scheduler every NOTIFICATION_SWEEP_INTERVAL (RQ `enqueue_in`,
  as the reminder planner); without Redis, `flask notifications sweep` from cron, every few
  minutes. Nothing waits on it for new objections and handoffs: those are told at once.
- E-mail: one per notification by default, sent as a worker job (inline without Redis), or a
  daily digest at NOTIFICATION_DIGEST_HOUR (Stockholm) of what no e-mail has told yet, or none;
  each staff member chooses on their inbox page. An e-mail carries no personal data: not the
  name, not the case number, not the language; only what kind of thing happened and a link to
  the inbox, which needs a staff sign-in with its second factor.
- In the portal: /staff/inbox, with the unread count in the staff header. Opening a
  notification marks it read and goes to the case or the list of requests; reading is audited
  like any other access to a person.
"""

from portal.notifications.events import notify_handoff, notify_objection_step, sweep
from portal.notifications.inbox import (
    inbox_for,
    mail_mode_for,
    mark_all_read,
    open_notification,
    set_mail_mode,
    unread_count,
)

__all__ = [
    "inbox_for",
    "mail_mode_for",
    "mark_all_read",
    "notify_handoff",
    "notify_objection_step",
    "open_notification",
    "set_mail_mode",
    "sweep",
    "unread_count",
]
