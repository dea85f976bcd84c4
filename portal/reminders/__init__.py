"""Activity reminders by SMS: the right message at the right time, in the person's language, never at night.

How a reminder travels:

1. **Planning** (`planning.plan_reminders`). Each occurrence starting within REMINDER_HORIZON
   gets one `ActivityReminder` row per kind the person chose (the evening before, N hours
   before). Its due time comes from `timing`: quiet hours push it to the morning, and a reminder
   that could only arrive after the activity has begun is not planned at all. A plan change, a
   settings change and the hourly planner job all call the same function, so a cancelled
   occurrence cancels its reminder and a moved one moves it.
2. **Waiting.** With REDIS_URL, each row becomes an RQ job scheduled with `enqueue_at` for its
   due time; a worker run `--with-scheduler` moves it to the queue when the time comes. Without
   Redis (the `make run` default), rows wait in the database for `flask reminders send-due`
   (from cron, or by hand): nothing is ever sent inline from a web request.
3. **Sending** (`sending.send_reminder`). The job claims its row atomically (scheduled →
   sending, for the revision it was made for) before anything else, then checks again what may
   have changed while it waited (STOP, the occurrence, quiet hours, a late worker) and sends.
   A second job, a retried one or one re-run after a worker restart finds the row claimed and
   does nothing: a reminder is sent at most once.
4. **"I can't come"** (`replies`). The reminder asks the person to reply 0. A 0 soon after a
   reminder opens a handoff request for their caseworkers, linked to that occurrence.

The calendar feed carries the same timing as a VALARM (`timing.alarm_triggers`).
"""
