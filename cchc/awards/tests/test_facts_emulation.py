"""Registration (đăng ký thi đua) and the yearly movement report on time, read from the movements for the award
rules: pass, fail and unknown through a programme's eligibility, each reason naming its clause, and the loader's
queries do not grow with the units."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cchc.awards import eligibility, facts_emulation
from cchc.awards.facts_loader import load_units, needs_of
from cchc.awards.rule_files import programme_rule, save_rule_file
from cchc.core.scope import SYSTEM
from cchc.emulation.choices import RegistrationStatus, ReportKind, ReportStatus
from cchc.emulation.models import Movement, MovementReport, Participant, Registration
from cchc.orgs import services as org_services
from cchc.orgs.choices import UnitKind
from cchc.orgs.models import Person

pytestmark = pytest.mark.django_db

YEAR = 2026
REGISTER = "55/KH-UBND, mục III.1"
REPORT = "55/KH-UBND, mục V.2"
RULES = f"""
schema_version: 1
id: thu-dang-ky-bao-cao
document:
  number: "55/KH-UBND"
  type: "Kế hoạch"
  issuer: "Ủy ban nhân dân thành phố Thử Nghiệm"
  date: "10/01/2026"
  title: "Thi đua năm 2026 (tệp thử)"
programmes:
  - code: thu_bk_tap_the
    name: "Bằng khen cho tập thể đăng ký thi đua và báo cáo đúng hạn"
    kind: annual
    form: bang_khen_chu_tich_ubnd_tp
    subject: collective
    conferred_by: {{level: city, role: chairman}}
    source: "55/KH-UBND, mục IV.1"
    criteria:
      - kind: registration
        source: "{REGISTER}"
      - kind: movement_report_on_time
        source: "{REPORT}"
  - code: thu_bk_ca_nhan
    name: "Bằng khen cho cá nhân của đơn vị có đăng ký thi đua"
    kind: annual
    form: bang_khen_chu_tich_ubnd_tp
    subject: person
    conferred_by: {{level: city, role: chairman}}
    source: "55/KH-UBND, mục IV.2"
    criteria:
      - kind: registration
        applies_to: own_unit
        source: "{REGISTER}"
"""


@pytest.fixture
def movement_city(personas, settings):
    """The city's movement (reports "trước ngày 30/11 hằng năm"), the department's movement whose plan gives no
    date, and their participants; the system's day is 15/12/2026."""
    settings.CCHC_TODAY = "15/12/2026"
    p = personas
    save_rule_file(RULES, unit=p.city, actor=SYSTEM)
    p.movement = Movement.objects.create(
        unit=p.city,
        name="Thi đua cải cách hành chính (thử)",
        start_year=2026,
        end_year=2030,
        report_due_text="trước ngày 30/11 hằng năm",
        report_due_clause="mục IV.1",
        report_due_day=30,
        report_due_month=11,
    )
    p.undated = Movement.objects.create(
        unit=p.dept,
        name="Thi đua của Sở (thử)",
        start_year=2026,
        end_year=2026,
        report_due_text="định kỳ hằng năm",
    )
    p.ward_c = org_services.unit_create(
        actor=SYSTEM, name="Phường Cẩm Phú", kind=UnitKind.WARD, parent=p.city, code="TN-CP"
    )
    p.part = {}
    for unit in (p.ward_a, p.ward_b, p.office_a):
        p.part[unit.pk] = Participant.objects.create(movement=p.movement, unit=unit)
    p.part[p.office_b.pk] = Participant.objects.create(movement=p.undated, unit=p.office_b)
    return p


def _register(p, unit, status, *, sent=date(YEAR, 2, 10), reviewed=None, movement=None):
    movement = movement or p.movement
    Registration.objects.create(
        movement=movement,
        participant=p.part[unit.pk],
        unit=unit,
        year=YEAR,
        status=status,
        submitted_on=sent if status != RegistrationStatus.DRAFT else None,
        reviewed_on=reviewed,
    )


def _report(p, unit, submitted_on, *, movement=None):
    MovementReport.objects.create(
        movement=movement or p.movement,
        participant=p.part[unit.pk],
        unit=unit,
        year=YEAR,
        kind=ReportKind.ANNUAL,
        status=ReportStatus.SUBMITTED,
        submitted_on=submitted_on,
    )


def _programme(code="thu_bk_tap_the"):
    from cchc.awards.models import Programme

    return Programme.objects.select_related("unit", "rule_file").get(code=code)


def _verdicts(units):
    found = eligibility.verdicts(_programme(), year=YEAR, units=[u.pk for u in units])
    return {v.subject_id: v for v in found}


def _reason(verdict, clause):
    (reason,) = [r for r in verdict.reasons if r.clause == clause]
    assert reason.text.endswith(f"({clause})")
    return reason


def test_registered_and_reported_before_the_due_date_passes_both_standards(movement_city):
    p = movement_city
    _register(p, p.ward_a, RegistrationStatus.APPROVED, reviewed=date(YEAR, 2, 20))
    _report(p, p.ward_a, date(YEAR, 11, 20))
    verdict = _verdicts([p.ward_a])[p.ward_a.pk]
    assert verdict.verdict == "eligible"
    registered = _reason(verdict, REGISTER)
    assert registered.outcome == "pass"
    assert registered.text.startswith("Có đăng ký thi đua năm 2026 — đạt: phong trào “Thi đua")
    assert "gửi ngày 10/02/2026, duyệt ngày 20/02/2026" in registered.text
    on_time = _reason(verdict, REPORT)
    assert on_time.outcome == "pass"
    assert "nộp ngày 20/11/2026, trong hạn" in on_time.text
    assert "Hạn nộp trước ngày 30/11/2026 (“trước ngày 30/11 hằng năm”, mục IV.1)" in on_time.text


def test_no_registration_and_a_late_or_missing_report_fail_naming_the_dates(movement_city):
    p = movement_city
    _report(p, p.ward_b, date(YEAR, 11, 30))  # "trước ngày 30/11": the 30th is late
    _register(p, p.office_a, RegistrationStatus.DRAFT)
    found = _verdicts([p.ward_b, p.office_a])
    late = found[p.ward_b.pk]
    assert late.verdict == "not_eligible"
    assert _reason(late, REGISTER).outcome == "fail"
    assert _reason(late, REGISTER).text.startswith(
        "Không đăng ký thi đua năm 2026 — không đạt: phong trào “Thi đua cải cách hành chính (thử)”: "
        "không có bản đăng ký thi đua năm 2026"
    )
    report = _reason(late, REPORT)
    assert report.outcome == "fail"
    assert "nộp ngày 30/11/2026, muộn 1 ngày" in report.text
    missing = found[p.office_a.pk]
    assert missing.verdict == "not_eligible"
    assert "bản đăng ký thi đua năm 2026 còn đang soạn, chưa gửi" in _reason(missing, REGISTER).text
    assert _reason(missing, REPORT).outcome == "fail"
    assert "chưa nộp, đã quá hạn 16 ngày" in _reason(missing, REPORT).text


def test_what_the_data_cannot_say_stays_to_check_with_the_reason(movement_city):
    p = movement_city
    _register(
        p, p.office_b, RegistrationStatus.RETURNED, reviewed=date(YEAR, 3, 1), movement=p.undated
    )
    _report(p, p.office_b, date(YEAR, 11, 1), movement=p.undated)
    found = _verdicts([p.office_b, p.ward_c])
    returned = found[p.office_b.pk]
    assert returned.verdict == "to_check"
    assert _reason(returned, REGISTER).outcome == "unknown"
    assert (
        "bị trả lại ngày 01/03/2026, chưa gửi lại — cần kiểm tra"
        in _reason(returned, REGISTER).text
    )
    undated = _reason(returned, REPORT)
    assert undated.outcome == "unknown"
    assert "nộp ngày 01/11/2026" in undated.text
    assert "Kế hoạch không ghi ngày hạn báo cáo" in undated.text
    outside = found[p.ward_c.pk]
    assert outside.verdict == "to_check"
    for clause in (REGISTER, REPORT):
        reason = _reason(outside, clause)
        assert reason.outcome == "unknown"
        assert (
            "không có trong danh sách tham gia phong trào thi đua nào của năm 2026" in reason.text
        )


def test_a_report_not_yet_due_is_to_check_and_a_future_year_is_unknown(movement_city, settings):
    p = movement_city
    settings.CCHC_TODAY = "15/11/2026"
    _register(p, p.ward_a, RegistrationStatus.SUBMITTED)
    verdict = _verdicts([p.ward_a])[p.ward_a.pk]
    assert verdict.verdict == "to_check"
    assert _reason(verdict, REGISTER).outcome == "pass"
    pending = _reason(verdict, REPORT)
    assert pending.outcome == "unknown"
    assert "chưa nộp, còn 15 ngày" in pending.text and "cần kiểm tra" in pending.text
    later = facts_emulation.load([p.ward_a.pk], range(2027, 2028))
    assert later.registered[p.ward_a.pk] == {2027: None}
    assert later.notes[p.ward_a.pk]["registered"][2027] == "chưa đến năm 2027"
    assert later.report_on_time[p.ward_a.pk] == {2027: None}


def test_two_movements_that_disagree_leave_the_year_to_check(movement_city):
    p = movement_city
    p.part[p.ward_a.pk + 10**6] = Participant.objects.create(movement=p.undated, unit=p.ward_a)
    _register(p, p.ward_a, RegistrationStatus.APPROVED)
    found = facts_emulation.load([p.ward_a.pk], range(YEAR, YEAR + 1))
    assert found.registered[p.ward_a.pk][YEAR] is None
    note = found.notes[p.ward_a.pk]["registered"][YEAR]
    assert "“Thi đua cải cách hành chính (thử)”: có bản đăng ký" in note
    assert "“Thi đua của Sở (thử)”: không có bản đăng ký" in note
    assert note.endswith("các phong trào cho kết quả khác nhau")


def test_a_persons_programme_reads_the_registration_of_the_persons_unit(movement_city):
    p = movement_city
    _register(p, p.ward_a, RegistrationStatus.APPROVED)
    ana = Person.objects.create(
        full_name="Nguyễn Thị An", gender="female", employment_kind="civil_servant", unit=p.ward_a
    )
    bao = Person.objects.create(
        full_name="Trần Văn Bảo", gender="male", employment_kind="civil_servant", unit=p.ward_b
    )
    found = {
        v.subject_id: v
        for v in eligibility.verdicts(
            _programme("thu_bk_ca_nhan"), year=YEAR, persons=[ana.pk, bao.pk]
        )
    }
    assert _reason(found[ana.pk], REGISTER).outcome == "pass"
    assert _reason(found[bao.pk], REGISTER).outcome == "fail"


def test_the_facts_are_loaded_only_for_programmes_that_read_them(movement_city):
    _pf, rule = programme_rule(_programme())
    assert needs_of([rule], year=YEAR, period=None).emulation
    from cchc.awards.tests.eligibility_fixtures import programme

    _pf, other = programme_rule(programme("hp2162_tp_hang_nam_tap_the"))
    needs = needs_of([other], year=YEAR, period=None)
    assert not needs.emulation
    unit = load_units([movement_city.ward_a.pk], needs)[movement_city.ward_a.pk]
    assert unit.registered is None and unit.movement_report_on_time is None


def test_the_loaders_queries_do_not_grow_with_the_units(movement_city):
    p = movement_city
    _pf, rule = programme_rule(_programme())
    needs = needs_of([rule], year=YEAR, period=None)

    def count(unit_ids):
        with CaptureQueriesContext(connection) as ctx:
            loaded = load_units(unit_ids, needs)
        assert set(loaded) == set(unit_ids)
        return len(ctx.captured_queries), loaded

    few, _ = count([p.ward_a.pk])
    extra = []
    for i in range(12):
        unit = org_services.unit_create(
            actor=SYSTEM,
            name=f"Phường Thêm {i}",
            kind=UnitKind.WARD,
            parent=p.city,
            code=f"TN-X{i}",
        )
        Participant.objects.create(movement=p.movement, unit=unit)
        Registration.objects.create(
            movement=p.movement,
            participant=Participant.objects.get(movement=p.movement, unit=unit),
            unit=unit,
            year=YEAR,
            status=RegistrationStatus.SUBMITTED,
            submitted_on=date(YEAR, 2, 1),
        )
        extra.append(unit.pk)
    many, loaded = count([p.ward_a.pk, p.ward_b.pk, p.office_b.pk, *extra])
    assert many == few
    assert all(loaded[pk].registered == {YEAR: True} for pk in extra)
    with CaptureQueriesContext(connection) as ctx:
        facts_emulation.load([p.ward_a.pk, *extra], range(2024, 2031))
    assert len(ctx.captured_queries) == 3
