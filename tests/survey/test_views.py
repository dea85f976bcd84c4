"""The web survey: answered once per milestone, stored without the person; the coordinator's page."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import Gender, Role, SurveyInvitation, SurveyResponse
from portal.services.objections.rules import stockholm_date
from portal.survey.demo import seed_demo_responses
from portal.survey.plan_figures import OBJECTION_COLUMNS
from portal.survey.questions import OVERALL
from tests.factories import create_person, create_plan, create_staff
from tests.helpers import check_page, sign_in_newcomer, sign_in_staff


@pytest.fixture
def caseworker(region):
    return create_staff(region["sodertalje"], Role.CASEWORKER)


def _person_with_plan(region, caseworker, *, months=4, language="ar"):
    person = create_person(region["sodertalje"], language=language, gender=Gender.WOMAN, name="Amal Survey")
    create_plan(person, caseworker, start=stockholm_date() - timedelta(days=31 * months), status="active")
    return person


ANSWERS = {q.key: "8" for q in OVERALL} | {"factor_goals": "3"}


def test_a_newcomer_answers_once_per_milestone(client, region, caseworker):
    person = _person_with_plan(region, caseworker)
    sign_in_newcomer(client, person)
    page = check_page(client.get("/survey"))
    assert page.find("input", attrs={"name": "overall_satisfied", "value": "10"}) is not None
    assert client.post("/survey", data=ANSWERS).status_code == 302
    stored = db.session.scalars(select(SurveyResponse)).all()
    assert len(stored) == 1
    answer = stored[0]
    assert (answer.milestone, answer.gender, answer.language_group) == ("three_months", "woman", "ar")
    assert answer.municipality_id == region["sodertalje"].id and answer.months_in_programme >= 3
    assert answer.answered_month.day == 1 and answer.factor_goals == 3 and answer.factor_object is None
    # A second answer to the same milestone is refused.
    client.post("/survey", data=ANSWERS)
    assert db.session.scalar(select(func.count()).select_from(SurveyResponse)) == 1
    invitation = db.session.scalar(select(SurveyInvitation))
    assert invitation.person_id == person.id and invitation.answered
    # Nothing on the answer row points back to the person.
    columns = set(SurveyResponse.__table__.columns.keys())
    assert not any("person" in c or "phone" in c or "invitation" in c for c in columns)


def test_the_overall_questions_must_be_answered(client, region, caseworker):
    person = _person_with_plan(region, caseworker)
    sign_in_newcomer(client, person)
    response = client.post("/survey", data={"overall_satisfied": "8"})
    assert response.status_code == 200
    assert db.session.scalar(select(func.count()).select_from(SurveyResponse)) == 0


def test_no_survey_before_three_months(client, region, caseworker):
    person = _person_with_plan(region, caseworker, months=1)
    sign_in_newcomer(client, person)
    client.post("/survey", data=ANSWERS)
    assert db.session.scalar(select(func.count()).select_from(SurveyResponse)) == 0


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_coordinator_sees_charts_from_the_demo_answers(client, region, lang):
    municipalities = [region[s].id for s in ("stockholm", "sodertalje", "botkyrka")]
    seed_demo_responses(municipalities, today=date(2026, 12, 1))
    db.session.commit()
    coordinator = create_staff(region["region"], Role.COORDINATOR)
    sign_in_staff(client, coordinator)
    client.get(f"/language/{lang}")
    soup = check_page(client.get("/staff/follow-up/satisfaction"), lang=lang)
    assert soup.find("html")["dir"] == ("rtl" if lang == "ar" else "ltr")
    assert len(soup.select("svg.nki-bars rect.bar")) >= 6
    assert soup.select("svg.nki-series circle.point")
    assert all(fig.find("figcaption") for fig in soup.select("figure.nki-chart"))
    bars = soup.select("svg.nki-bars rect.bar")
    if lang == "ar":  # the bars grow from the right: each ends at the right edge
        assert all(float(b["x"]) + float(b["width"]) == pytest.approx(300) for b in bars)
    else:
        assert all(float(b["x"]) == 0 for b in bars)
    export = client.get("/staff/follow-up/satisfaction.csv")
    assert export.status_code == 200 and export.data.decode().startswith("breakdown,group,respondents,nki")


def test_the_coordinator_page_suppresses_small_groups(client, region, caseworker):
    coordinator = create_staff(region["region"], Role.COORDINATOR)
    seed_demo_responses([region["sodertalje"].id], today=date(2026, 12, 1))
    db.session.commit()
    sign_in_staff(client, coordinator)
    client.get("/language/en")
    text = check_page(client.get("/staff/follow-up/satisfaction")).get_text(" ", strip=True)
    assert "fewer than 5" in text  # the few who gave 'other gender', at least
    rows = list(csv.reader(io.StringIO(client.get("/staff/follow-up/satisfaction.csv").data.decode())))[1:]
    assert any(row[2] == "<5" for row in rows)
    for row in rows:
        assert row[2] == "<5" or int(row[2]) >= 5


def test_newcomers_and_caseworkers_cannot_see_the_figures(client, region, caseworker):
    person = _person_with_plan(region, caseworker)
    sign_in_newcomer(client, person)
    assert client.get("/staff/follow-up/satisfaction").status_code == 403


def test_the_survey_reads_in_the_newcomers_language(client, region, caseworker):
    person = _person_with_plan(region, caseworker, language="ar")
    sign_in_newcomer(client, person)
    client.get("/language/ar")
    soup = check_page(client.get("/survey"), lang="ar")
    assert soup.find("html")["dir"] == "rtl"
    legends = [legend.get_text(strip=True) for legend in soup.select("fieldset legend")]
    assert len(legends) == 8 and legends[0].startswith("بشكل عام")


def test_seeing_the_figures_is_audited(client, region):
    from portal.models import AuditEvent

    coordinator = create_staff(region["region"], Role.COORDINATOR)
    sign_in_staff(client, coordinator)
    client.get("/staff/follow-up/satisfaction")
    client.get("/staff/follow-up/satisfaction.csv")
    actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {"survey.figures", "survey.figures_csv"} <= actions


def _plans_for_figures(region, caseworker):
    """Six women with SFI only, six men with SFI and an internship; three men objected, one woman too."""
    from tests.factories import create_decided_objection, create_objection

    people = []
    for i in range(12):
        woman = i < 6
        person = create_person(region["sodertalje"], gender=Gender.WOMAN if woman else Gender.MAN)
        extra = [] if woman else [{"type_key": "praktik", "weekdays": [2, 4]}]
        create_plan(
            person, caseworker, start=stockholm_date() - timedelta(days=20), status="active", activities=[{}, *extra]
        )
        people.append(person)
    create_decided_objection(people[6], caseworker)
    create_decided_objection(people[7], caseworker)
    create_objection(people[8])
    create_objection(people[0])
    return people


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_coordinator_sees_activity_types_by_gender_and_the_objections_per_plan(client, region, caseworker, lang):
    _plans_for_figures(region, caseworker)
    sign_in_staff(client, create_staff(region["region"], Role.COORDINATOR))
    client.get(f"/language/{lang}")
    soup = check_page(client.get("/staff/follow-up/satisfaction"), lang=lang)
    chart = soup.find("figcaption", id="chart-activity_types-summary").find_parent("figure")
    bars = chart.select("rect.bar")
    # Internship: 0 % of women (no bar width), 100 % of men; SFI: 100 % of both.
    widths = sorted(float(b["width"]) for b in bars)
    assert widths == [0.0, 300.0, 300.0, 300.0]
    if lang == "ar":
        assert all(float(b["x"]) + float(b["width"]) == pytest.approx(300) for b in bars)
    # Each activity type heads its women's and men's bars; every label starts at the inline
    # start, the right edge in Arabic ("end" there drew the labels off the chart).
    assert len(chart.select("text.bar-heading")) == 2
    labels = chart.select("text.bar-label")
    assert {(t["x"], t["text-anchor"], t["direction"]) for t in labels} == {
        ("300", "start", "rtl") if lang == "ar" else ("0", "start", "ltr")
    }
    # Hours: SFI twice a week, 3 hours (15 % of full time); the men have an internship as long.
    hours = soup.find("figcaption", id="chart-full_time-summary")
    assert sorted(float(b["width"]) for b in hours.find_parent("figure").select("rect.bar")) == [45.0, 90.0]
    if lang == "en":
        assert "women's plans fill 15% of full time and men's 30%" in hours.get_text()
    table = soup.find("caption", id="objections-all").find_parent("table")
    cells = [td.get_text(strip=True) for td in table.select("tbody td")]
    # 12 plans, 4 objections from 4 people: every count is a small cell, the rate too.
    assert cells[0] == "12" and "4" not in cells
    export = list(csv.reader(io.StringIO(client.get("/staff/follow-up/plans.csv").data.decode())))
    assert export[0] == ["breakdown", "group", "measure", "value"]
    values = {(row[0], row[2]): row[3] for row in export[1:] if row[0] == "all"}
    assert values[("all", "plans")] == "12" and values[("all", "objections_objections")] == "<5"
    shares = {(row[1], row[2]): row[3] for row in export[1:] if row[0] == "activity_type_by_gender"}
    assert set(shares.values()) == {"0.000", "1.000", "0.500"}
    counts = {"plans", *(f"objections_{c}" for c in OBJECTION_COLUMNS)}
    for row in export[1:]:
        if row[2] in counts:
            assert row[3] == "<5" or int(row[3]) == 0 or int(row[3]) >= 5, row


@pytest.mark.parametrize(("months", "linked"), [(4, True), (1, False)])
def test_the_plan_page_links_to_the_survey_only_while_one_is_due(client, region, caseworker, months, linked):
    person = _person_with_plan(region, caseworker, months=months)
    sign_in_newcomer(client, person)
    soup = check_page(client.get("/plan"))
    assert bool(soup.select("a[href='/survey']")) is linked
    if linked:
        client.post("/survey", data=ANSWERS)
        assert not check_page(client.get("/plan")).select("a[href='/survey']")  # answered: the link goes
