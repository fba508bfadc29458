"""Fixtures of the PAR Index tests: the demo city's users and a fresh round for 2027 around a fixed date."""

import io
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model

from cchc.core.scope import SYSTEM
from cchc.orgs.choices import UnitKind
from cchc.orgs.models import Unit
from cchc.par import assessment_services, criteria_services, round_services
from cchc.par.answer_services import Entry
from cchc.par.models import Assessment, CriteriaSet

TODAY = date(2026, 11, 22)


class Demo:
    def user(self, username):
        return get_user_model().objects.get(username=username)

    def level(self, short_name):
        return Unit.objects.get(
            short_name=short_name, kind__in=[UnitKind.WARD, UnitKind.COMMUNE, UnitKind.SPECIAL_ZONE]
        )

    @property
    def city(self):
        return Unit.objects.get(kind=UnitKind.CITY, code="HP")


@pytest.fixture
def demo(db):
    return Demo()


@pytest.fixture
def fresh_round(demo):
    """An open 2027 round (sets cloned from 2026) whose windows are all open on TODAY."""
    for cs in CriteriaSet.objects.filter(year=2026, is_current=True):
        criteria_services.set_clone(actor=SYSTEM, source=cs, year=2027)
    r = round_services.round_create(
        actor=SYSTEM,
        organiser=demo.city,
        year=2027,
        self_start=TODAY - timedelta(days=10),
        self_end=TODAY + timedelta(days=5),
        appraisal_start=TODAY - timedelta(days=10),
        appraisal_end=TODAY + timedelta(days=10),
        response_start=TODAY - timedelta(days=10),
        response_end=TODAY + timedelta(days=15),
        audit_it=False,
    )
    round_services.round_open(actor=SYSTEM, round_=r)
    return r


def assessment_of(round_, unit) -> Assessment:
    return Assessment.objects.select_related("unit", "round", "criteria_set").get(
        round=round_, unit=unit
    )


def fill_all(assessment, actor=SYSTEM, share=1):
    """Self-score every criterion at its maximum (yes, or the top threshold) and attach required evidence."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cchc.par.choices import Method

    entries = {}
    answers = list(
        assessment.answers.select_related("criterion").exclude(criterion__method=Method.SURVEY)
    )
    for a in answers:
        c = a.criterion
        value = {Method.YES_NO: 1, Method.THRESHOLD: 100}.get(c.method, c.max_score)
        entries[c.pk] = Entry(value=value, text="Đã thực hiện")
    assessment_services.self_assessment_save(
        actor=actor, assessment=assessment, entries=entries, today=TODAY
    )
    for a in answers:
        if a.criterion.evidence_required:
            assessment_services.evidence_add(
                actor=actor,
                answer=a,
                upload=SimpleUploadedFile("mc.txt", b"minh chung", content_type="text/plain"),
                today=TODAY,
            )
    return answers


def sign_off_and_submit(assessment, officer, *, leader=None, today=TODAY):
    """The officer sends the self-assessment to the leader, the leader approves it (the unit's leader, or an
    administrator), the officer submits it."""
    leader = leader or get_user_model().objects.get(username="admin")
    assessment_services.assessment_request_approval(
        actor=officer, assessment=assessment, today=today
    )
    assessment_services.assessment_approve(actor=leader, assessment=assessment, today=today)
    return assessment_services.assessment_submit(actor=officer, assessment=assessment, today=today)


def xlsx(rows, sheets=None) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(list(row))
    for title, extra in (sheets or {}).items():
        other = wb.create_sheet(title)
        for row in extra:
            other.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
