"""A participant's yearly movement report: written by the unit's staff, signed off by its leader, submitted;
its status against the movement's rule; the figures of the system with their source, frozen when submitted."""

from datetime import date
from decimal import Decimal

import pytest

from cchc.core import measures
from cchc.core.errors import DomainError, PermissionDenied
from cchc.emulation import figures, selectors, services
from cchc.emulation.choices import ReportStatus
from cchc.emulation.tests.conftest import participant, submit_report, write_report
from cchc.emulation.workflows import REPORT_FLOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def ward_a_part(personas, city_movement):
    return participant(city_movement, personas.ward_a)


@pytest.fixture
def initiatives_measure():
    """The measure the initiatives module offers, registered for the test and removed after it."""
    saved = measures._MEASURES.get(figures.INITIATIVES)

    def count(*, unit, year, **_):
        return measures.MeasureValue(
            Decimal(3),
            source_label=f"Sáng kiến được công nhận năm {year}",
            source_url="/sang-kien/?year=" + str(year),
        )

    measures.register(
        measures.Measure(
            code=figures.INITIATIVES, label="Sáng kiến được công nhận", unit="", compute=count
        )
    )
    yield
    if saved is None:
        measures._MEASURES.pop(figures.INITIATIVES, None)
    else:
        measures.register(saved)


def test_the_officer_cannot_submit_before_the_leader_approves(personas, ward_a_part):
    report = write_report(actor=personas.ward_a_officer, participant=ward_a_part)
    names = [o.name for o in REPORT_FLOW.options(personas.ward_a_officer, report)]
    assert names == ["request_approval"]
    with pytest.raises(DomainError, match="Không thể “nộp báo cáo”"):
        services.report_submit(actor=personas.ward_a_officer, report=report)
    services.report_request_approval(actor=personas.ward_a_officer, report=report)
    with pytest.raises(PermissionDenied, match="Chỉ lãnh đạo"):
        services.report_approve(actor=personas.ward_a_officer, report=report)
    with pytest.raises(DomainError):
        services.report_submit(actor=personas.ward_a_officer, report=report)
    services.report_approve(actor=personas.ward_a_leader, report=report)
    services.report_submit(actor=personas.ward_a_officer, report=report, today=date(2026, 11, 25))
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.submitted_on == date(2026, 11, 25)


def test_the_leader_returns_the_report_with_a_reason_and_it_is_a_draft_again(personas, ward_a_part):
    report = write_report(actor=personas.ward_a_officer, participant=ward_a_part)
    services.report_request_approval(actor=personas.ward_a_officer, report=report)
    with pytest.raises(DomainError):
        services.report_save(actor=personas.ward_a_officer, report=report, results={})
    services.report_return(
        actor=personas.ward_a_leader, report=report, note="Bổ sung số liệu nội dung 2."
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    assert report.return_note == "Bổ sung số liệu nội dung 2."


def test_a_report_without_any_result_cannot_go_to_the_leader(personas, ward_a_part):
    report = services.report_start(
        actor=personas.ward_a_officer, participant=ward_a_part, year=2026, today=date(2026, 11, 1)
    )
    with pytest.raises(DomainError, match="Chưa ghi kết quả"):
        services.report_request_approval(actor=personas.ward_a_officer, report=report)


@pytest.mark.parametrize(
    "submitted_on, status",
    [(date(2026, 11, 29), "submitted"), (date(2026, 11, 30), "late"), (date(2026, 12, 10), "late")],
)
def test_a_submitted_report_is_on_time_or_late_by_the_30_11_rule(
    personas, ward_a_part, submitted_on, status
):
    report = submit_report(
        staff=personas.ward_a_officer,
        leader=personas.ward_a_leader,
        participant=ward_a_part,
        on=submitted_on,
    )
    verdict = selectors.report_verdict(report, date(2027, 1, 10))
    assert verdict.status == status
    assert "trước ngày 30/11/2026" in verdict.reason and "mục IV.1" in verdict.reason
    board = selectors.report_board(
        actor=personas.city_officer,
        movement=ward_a_part.movement,
        year=2026,
        today=date(2027, 1, 10),
    )
    assert dict(board.values_list("unit_id", "timeliness")) == {
        personas.ward_a.pk: status,
        personas.ward_b.pk: "missing",
        personas.dept.pk: "missing",
    }


def test_before_the_due_date_a_unit_without_report_is_pending_not_missing(personas, city_movement):
    board = selectors.report_board(
        actor=personas.city_officer, movement=city_movement, year=2026, today=date(2026, 11, 29)
    )
    assert set(board.values_list("timeliness", flat=True)) == {"pending"}


def test_the_figures_are_filled_from_the_system_with_their_source_and_frozen_at_submission(
    personas, ward_a_part, initiatives_measure
):
    live = {f.code: f for f in figures.unit_figures(unit=personas.ward_a, year=2026)}
    expected_plan = measures.compute(
        "plan_on_time_rate", unit=personas.ward_a, year=2026, today=date(2026, 11, 20)
    )
    assert live["initiatives_recognised"].value == "3"
    assert live["initiatives_recognised"].source_url == "/sang-kien/?year=2026"
    assert expected_plan.value is None  # ward A has no CCHC plan in the system
    assert live["plan_on_time_rate"].text == "chưa có số liệu"
    assert live["plan_on_time_rate"].reason == expected_plan.reason
    par = live["par_index"]
    assert par.value is None and "Chưa có kết quả Chỉ số CCHC" in par.reason
    report = submit_report(
        staff=personas.ward_a_officer,
        leader=personas.ward_a_leader,
        participant=ward_a_part,
        on=date(2026, 11, 20),
    )
    frozen = {f.code: f for f in figures.thawed(report.figures)}
    assert report.figures["computed_on"] == "2026-11-20"
    assert frozen["initiatives_recognised"].number == "3"
    assert frozen["initiatives_recognised"].source_label == "Sáng kiến được công nhận năm 2026"
    measures._MEASURES.pop(figures.INITIATIVES)  # the figure disappears from the system...
    report.refresh_from_db()
    kept = {f.code: f for f in figures.thawed(report.figures)}
    assert kept["initiatives_recognised"].value == "3"  # ...but stays in the submitted report


def test_the_plan_figure_is_the_plans_own_measure_with_its_source(demo_city):
    from cchc.orgs.models import Unit

    ward = Unit.objects.get(short_name="Lê Chân", kind="ward")
    on = date(2026, 11, 20)
    expected = measures.compute("plan_on_time_rate", unit=ward, year=2026, today=on)
    figure = figures.unit_figures(unit=ward, year=2026, today=on)[0]
    assert figure.code == "plan_on_time_rate"
    assert figure.number == (None if expected.value is None else str(expected.value))
    assert (figure.source_url, figure.reason) == (expected.source_url, expected.reason)
    if expected.value is not None:
        assert figure.value.endswith("%") and figure.source_label == expected.source_label


def test_a_missing_measure_is_no_data_with_its_reason_never_zero(personas, monkeypatch):
    monkeypatch.delitem(measures._MEASURES, figures.INITIATIVES, raising=False)
    figure = figures.measure_figure(figures.INITIATIVES, unit=personas.ward_a, year=2026)
    assert figure.value is None and figure.text == "chưa có số liệu"
    assert figure.reason.startswith("Hệ thống chưa có số liệu “sáng kiến được công nhận”")


def test_the_par_figure_is_the_latest_published_year_with_rank_and_band(demo_city):
    from cchc.orgs.models import Unit
    from cchc.par import selectors as par_selectors
    from cchc.par.models import Result

    ward = Unit.objects.get(short_name="Lê Chân", kind="ward")
    latest = Result.objects.filter(unit=ward, published=True).order_by("-year").first()
    assert latest is not None, "the demo publishes PAR results of Lê Chân"
    row = next(
        r
        for r in par_selectors.bloc_ranking(year=latest.year, bloc_code=latest.bloc_code)
        if r.unit_id == ward.pk
    )
    figure = figures.par_figures([ward.pk], 2030)[ward.pk]
    assert (figure.year, figure.rank, figure.bloc_size, figure.band) == (
        latest.year,
        row.rank,
        row.bloc_size,
        row.band,
    )
    assert (
        f"(năm {latest.year})" in figure.value
        and f"hạng {row.rank}/{row.bloc_size}" in figure.value
    )
    assert figure.source_url == f"/chi-so/ket-qua/{latest.year}/{latest.bloc_code}/"
    assert "lấy năm gần nhất" in figure.reason
    earlier = figures.par_figures([ward.pk], 2000)[ward.pk]
    assert earlier.value is None and "cần kiểm tra" in earlier.reason


def test_a_report_of_a_year_not_come_or_a_review_of_a_one_year_movement_is_refused(
    personas, ward_a_part
):
    with pytest.raises(DomainError, match="Chưa đến năm 2028"):
        services.report_start(
            actor=personas.ward_a_officer,
            participant=ward_a_part,
            year=2028,
            today=date(2027, 1, 1),
        )
    report = services.report_start(
        actor=personas.ward_a_officer,
        participant=ward_a_part,
        year=2027,
        kind="mid_term",
        today=date(2027, 1, 1),
    )
    assert report.kind == "mid_term"
    assert "chưa có ngày sơ kết" in selectors.report_verdict(report, date(2027, 1, 1)).reason


def test_only_the_units_staff_write_its_report(personas, ward_a_part):
    report = write_report(actor=personas.ward_a_officer, participant=ward_a_part)
    for outsider in (personas.ward_b_officer, personas.ward_a_viewer, personas.city_officer):
        with pytest.raises(PermissionDenied):
            services.report_save(actor=outsider, report=report, results={})


def test_results_of_contents_of_another_movement_are_refused(personas, ward_a_part, ward_movement):
    report = write_report(actor=personas.ward_a_officer, participant=ward_a_part)
    foreign = ward_movement.contents.first()
    with pytest.raises(DomainError, match="không thuộc phong trào"):
        services.report_save(
            actor=personas.ward_a_officer, report=report, results={foreign.pk: "x"}
        )
