"""Page weight: transferred bytes (gzip) of HTML, CSS and JS for each page type.

Goal: <= 50 KB per page in total, and no JavaScript required. Runs against the demo data on a
throwaway SQLite database through the app itself (no network), signed in as each role.
"No JavaScript required" is measured, not assumed: the script counts each page's <script>
tags (pages with none cannot need JavaScript); the browser suite runs the journeys with
JavaScript off. Exits non-zero if a page is over the goal or does not answer 200.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# Unset, ANKOMST_ENV means production, which refuses the development secrets a bench uses.
os.environ.setdefault("ANKOMST_ENV", "development")

GOAL_BYTES = 50 * 1024


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def main() -> int:
    import pyotp

    from portal import create_app
    from portal.config import TestConfig
    from portal.extensions import db
    from portal.services.demo import demo_totp_secret, seed

    tmp = tempfile.mkdtemp()
    config = {k: getattr(TestConfig, k) for k in dir(TestConfig) if k.isupper()}
    config.update(
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp}/weight.sqlite", WTF_CSRF_ENABLED=False, RATELIMIT_ENABLED=False
    )
    app = create_app(config)
    with app.app_context():
        db.create_all()
        seed()
        try:
            from portal.services.content import sync_from_files

            sync_from_files(ROOT / "content" / "samhallsinfo")
        except Exception as exc:  # content may not be loadable in every checkout; weigh what exists
            print(f"(content not loaded: {exc})")
        from portal.models import Objection, Person, StaffUser

        person = db.session.scalar(db.select(Person).where(Person.phone == "+46701740003"))
        staff = db.session.scalar(
            db.select(StaffUser).where(StaffUser.email == "handlaggare.sodertalje@demo.ankomst.se")
        )
        person_id = person.id
        staff_email = staff.email
        case_number = db.session.scalar(
            db.select(Objection.case_number).where(Objection.person_id == person_id).order_by(Objection.id)
        )

    pages: list[tuple[str, str, str]] = [
        ("anonymous", "home", "/?lang=ar"),
        ("anonymous", "language picker", "/language"),
        ("anonymous", "sign-in", "/signin?lang=ti"),
        ("anonymous", "info index", "/info/?lang=so"),
        ("anonymous", "info module", "/info/halsa-och-vard?lang=ar"),
        ("anonymous", "search", "/info/search?q=1177&lang=sv"),
        ("anonymous", "chat", "/chat?lang=fa"),
        ("newcomer", "my plan", "/plan"),
        ("newcomer", "upcoming", "/plan/upcoming"),
        ("newcomer", "changes", "/plan/changes"),
        ("newcomer", "print", "/plan/print"),
        ("newcomer", "calendar", "/plan/calendar"),
        ("newcomer", "objections", "/objections"),
        ("newcomer", "new objection", "/plan/objections/new"),
        ("caseworker", "dashboard", "/staff/"),
        ("caseworker", "people", "/staff/people"),
        ("caseworker", "person", f"/staff/people/{person_id}"),
        ("caseworker", "plan editor", f"/staff/people/{person_id}/plan"),
        ("caseworker", "objection queue", "/staff/objections"),
        ("editor", "text matrix", "/editor/"),
        ("editor", "edit module", "/editor/halsa-och-vard/ar"),
        ("editor", "history", "/editor/halsa-och-vard/sv/history"),
        ("reviewer", "review queue", "/staff/reviews"),
        ("coordinator", "follow-up", "/staff/follow-up"),
    ]
    if case_number:
        pages += [
            ("newcomer", "objection case", f"/objections/{case_number}"),
            ("caseworker", "objection case", f"/staff/objections/{case_number}"),
        ]
    staff_emails = {
        "caseworker": staff_email,
        "editor": "redaktor.region@demo.ankomst.se",
        "reviewer": "granskare.region@demo.ankomst.se",
        "coordinator": "samordnare.region@demo.ankomst.se",
    }
    clients = {role: app.test_client() for role in ("anonymous", "newcomer", *staff_emails)}
    # Requests run outside any pushed app context, so each gets its own `g`, as in production.
    from portal.models import SmsMessage

    c = clients["newcomer"]
    c.post("/signin", data={"phone": "0701740003"})
    with app.app_context():
        body = db.session.scalar(db.select(SmsMessage.body).order_by(SmsMessage.id.desc()))
    c.post("/signin/code", data={"code": re.search(r"\d{6}", body).group(0)})
    for role, email in staff_emails.items():
        c = clients[role]
        c.post("/staff/signin", data={"email": email, "password": "ankomst-demo-2026"})
        c.post("/staff/signin/totp", data={"code": pyotp.TOTP(demo_totp_secret(email)).now()})

    rows = []
    for role, name, path in pages:
        response = clients[role].get(path)
        if response.status_code != 200:
            rows.append({"page": name, "path": path, "status": response.status_code})
            continue
        html = response.get_data()
        scripts = len(re.findall(rb"<script\b", html))
        css = js = 0
        for href in re.findall(rb'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html):
            css += _gz(clients[role].get(href.decode()).get_data())
        for src in re.findall(rb'<script[^>]+src="([^"]+)"', html):
            js += _gz(clients[role].get(src.decode()).get_data())
        total = _gz(html) + css + js
        rows.append(
            {
                "page": name,
                "path": path,
                "status": 200,
                "html_gz": _gz(html),
                "css_gz": css,
                "js_gz": js,
                "total_gz": total,
                "within_goal": total <= GOAL_BYTES,
                "script_tags": scripts,
            }
        )
    print(f"Page weight (gzip bytes), goal <= {GOAL_BYTES} per page; measured {date.today()}")
    print(f"{'page':<18}{'html':>8}{'css':>8}{'js':>8}{'total':>9}{'scripts':>9}  ok")
    for r in rows:
        if r["status"] != 200:
            print(f"{r['page']:<18} status {r['status']} ({r['path']})")
            continue
        print(
            f"{r['page']:<18}{r['html_gz']:>8}{r['css_gz']:>8}{r['js_gz']:>8}{r['total_gz']:>9}{r['script_tags']:>9}"
            f"  {'yes' if r['within_goal'] else 'NO'}"
        )
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "page_weight.json").write_text(json.dumps({"date": date.today().isoformat(), "pages": rows}, indent=1))
    measured = [r for r in rows if r["status"] == 200]
    heaviest = max(measured, key=lambda r: r["total_gz"])
    print(
        f"{len(measured)} of {len(rows)} pages measured; heaviest {heaviest['page']} {heaviest['total_gz']} bytes; "
        f"pages with a <script> tag: {sum(1 for r in measured if r['script_tags'])}"
    )
    return 0 if len(measured) == len(rows) and all(r["within_goal"] for r in measured) else 1


if __name__ == "__main__":
    sys.exit(main())
