"""Fixtures of the PAR Index tests: the demo city's users and a fresh round for 2027 around a fixed date."""

import io
from datetime import date, timedelta
from decimal import Decimal as D

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


@pytest.fixture
def persona_round(personas):
    """An open 2027 round of the personas' small city, with ward A's and ward B's assessments on a tiny set:
    1.1 yes/no (evidence required), 1.2 a threshold fed by the plan on-time rate, S1 survey. Windows open on
    TODAY. Built directly: the personas' wards share the demo city's blocs, so no round of theirs can open."""
    from cchc.par.choices import Method, Part, RoundStatus
    from cchc.par.models import Answer, Round
    from cchc.par.scoring import Node, ThresholdRow

    p = personas
    cs = criteria_services.set_create(
        actor=SYSTEM,
        organiser=p.city,
        year=2027,
        bloc_code="phuong",
        name="Bộ chỉ số thử – phường 2027",
        appraised_max=D("3"),
        survey_max=D("2"),
        nodes=[
            Node("1", "Chỉ đạo, điều hành", D("3")),
            Node(
                "1.1",
                "Ban hành kế hoạch CCHC",
                D("1"),
                method=Method.YES_NO,
                evidence_required=True,
            ),
            Node(
                "1.2",
                "Mức độ hoàn thành kế hoạch CCHC năm",
                D("2"),
                method=Method.THRESHOLD,
                thresholds=[ThresholdRow(D("100"), D("2")), ThresholdRow(D("0"), D("0"))],
                measure_code="plan_on_time_rate",
            ),
            Node("S1", "Khảo sát", D("2"), part=Part.SURVEY, method=Method.SURVEY),
        ],
        audit_it=False,
    )
    r = Round.objects.create(
        organiser=p.city,
        year=2027,
        name="Xác định Chỉ số CCHC năm 2027",
        status=RoundStatus.OPEN,
        self_start=TODAY - timedelta(days=10),
        self_end=TODAY + timedelta(days=5),
        appraisal_start=TODAY - timedelta(days=10),
        appraisal_end=TODAY + timedelta(days=10),
        response_start=TODAY - timedelta(days=10),
        response_end=TODAY + timedelta(days=15),
    )
    leaves = list(cs.criteria.filter(is_leaf=True))
    p.round = r
    for key in ("ward_a", "ward_b"):
        a = Assessment.objects.create(
            round=r, unit=getattr(p, key), criteria_set=cs, bloc_code="phuong"
        )
        Answer.objects.bulk_create([Answer(assessment=a, criterion=c) for c in leaves])
        setattr(p, f"{key}_assessment", assessment_of(r, getattr(p, key)))
    return p


def fill_persona(assessment, officer, today=TODAY):
    """Answer 1.1 (Đạt, with an evidence file) and 1.2 (a typed figure) of a persona assessment."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    answers = {a.criterion.code: a for a in assessment.answers.select_related("criterion")}
    assessment_services.self_assessment_save(
        actor=officer,
        assessment=assessment,
        entries={
            answers["1.1"].criterion_id: Entry(value=D("1"), text="Kế hoạch số 12/KH-UBND"),
            answers["1.2"].criterion_id: Entry(value=D("100"), text="Tự tính"),
        },
        today=today,
    )
    assessment_services.evidence_add(
        actor=officer,
        answer=answers["1.1"],
        upload=SimpleUploadedFile("ke-hoach.txt", b"ke hoach", content_type="text/plain"),
        today=today,
    )
    return answers
