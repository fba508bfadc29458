"""Progress reports and deadlines entered by hand: who may, what is checked, what the task becomes."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from cchc.core.errors import DomainError, PermissionDenied
from cchc.core.models import AuditLog
from cchc.plans import task_selectors, tracking
from cchc.plans.choices import DeadlineKind, TaskStatus, Timeliness
from cchc.plans.tests.tracking_setup import TODAY, build
from cchc.registry.models import Document


@pytest.fixture
def t(personas):
    return build(personas)


def report(task, actor, percent=50, status=TaskStatus.DOING, **kwargs):
    kwargs.setdefault("today", TODAY)
    return tracking.progress_report(
        actor=actor, task=task, percent=percent, status=status, **kwargs
    )


def test_an_officer_of_the_lead_office_reports_progress_and_the_task_takes_its_status_and_percent(
    t,
):
    r = report(t.vp_task, t.vp_officer, 60, text="Đã rà soát 6/10 thủ tục.")
    t.vp_task.refresh_from_db()
    assert (t.vp_task.status, t.vp_task.percent, t.vp_task.completed_on) == (
        TaskStatus.DOING,
        60,
        None,
    )
    assert r.reported_on == TODAY and r.created_by == t.vp_officer
    entry = AuditLog.objects.get(action="task.progress", object_id=str(t.vp_task.pk))
    assert entry.before["percent"] == 0 and entry.after["percent"] == 60
    assert entry.unit_path == t.p.ward_a.path


def test_an_officer_of_one_office_cannot_report_on_another_offices_task(t):
    with pytest.raises(PermissionDenied, match="nhiệm vụ 2"):
        report(t.vhxh_task, t.vp_officer)
    t.vhxh_task.refresh_from_db()
    assert t.vhxh_task.percent == 0 and not t.vhxh_task.reports.exists()


def test_the_wards_standing_office_reports_on_every_task_of_the_wards_plan(t):
    report(t.vhxh_task, t.p.ward_a_officer, 30)
    report(t.vp_task, t.p.ward_a_officer, 40)
    assert t.vhxh_task.reports.count() == t.vp_task.reports.count() == 1


def test_a_user_of_another_ward_can_neither_read_nor_change_the_wards_tasks(t):
    with pytest.raises(Http404):
        task_selectors.task_get(actor=t.p.ward_b_officer, pk=t.vp_task.pk)
    with pytest.raises(Http404):
        task_selectors.plan_get(actor=t.p.ward_b_officer, pk=t.plan.pk)
    assert t.vp_task not in task_selectors.task_list(actor=t.p.ward_b_officer)
    with pytest.raises(PermissionDenied):
        report(t.vp_task, t.p.ward_b_officer)


def test_the_read_only_viewer_and_the_leader_cannot_report(t):
    for user in (t.p.ward_a_viewer, t.p.ward_a_leader):
        with pytest.raises(PermissionDenied):
            report(t.vp_task, user)


@pytest.mark.parametrize(
    "percent, status, field, words",
    [
        (101, TaskStatus.DOING, "percent", "từ 0 đến 100"),
        (-5, TaskStatus.DOING, "percent", "từ 0 đến 100"),
        ("bốn mươi", TaskStatus.DOING, "percent", "số nguyên"),
        (90, TaskStatus.DONE, "percent", "“Hoàn thành” thì tiến độ phải là 100%"),
        (20, TaskStatus.TODO, "percent", "“Chưa thực hiện” thì tiến độ phải là 0%"),
        (50, "finished", "status", "Trạng thái “finished” không hợp lệ"),
    ],
)
def test_a_report_with_an_impossible_percent_or_status_is_refused_naming_the_field(
    t, percent, status, field, words
):
    with pytest.raises(DomainError) as exc:
        report(t.vp_task, t.vp_officer, percent, status)
    assert exc.value.field == field and words in exc.value.message
    assert not t.vp_task.reports.exists()


def test_a_report_dated_in_the_future_is_refused(t):
    with pytest.raises(DomainError, match="Ngày báo cáo 21/05/2026 chưa đến") as exc:
        report(t.vp_task, t.vp_officer, reported_on=TODAY + timedelta(days=1))
    assert exc.value.field == "reported_on"


def test_done_sets_the_completion_day_to_the_report_day_and_the_timeliness_follows(t):
    report(
        t.vp_task,
        t.vp_officer,
        100,
        TaskStatus.DONE,
        reported_on=date(2026, 5, 24),
        today=date(2026, 5, 30),
    )
    task = task_selectors.task_get(actor=t.vp_officer, pk=t.vp_task.pk)
    assert task.completed_on == date(2026, 5, 24)
    assert task_selectors.task_timeliness(task, date(2026, 5, 30)) == Timeliness.ON_TIME


def test_done_on_the_day_of_a_before_deadline_is_late(t):
    """“Trước ngày 25/5/2026”: the last acceptable day is 24/05."""
    report(
        t.vp_task,
        t.vp_officer,
        100,
        TaskStatus.DONE,
        reported_on=date(2026, 5, 25),
        today=date(2026, 5, 26),
    )
    t.vp_task.refresh_from_db()
    assert task_selectors.task_timeliness(t.vp_task, date(2026, 5, 26)) == Timeliness.LATE


def test_a_later_report_keeps_the_first_completion_day_and_reopening_clears_it(t):
    report(t.vp_task, t.vp_officer, 100, TaskStatus.DONE, reported_on=date(2026, 5, 10))
    report(t.vp_task, t.vp_officer, 100, TaskStatus.DONE, reported_on=date(2026, 5, 15))
    t.vp_task.refresh_from_db()
    assert t.vp_task.completed_on == date(2026, 5, 10)
    report(
        t.vp_task,
        t.vp_officer,
        80,
        TaskStatus.DOING,
        text="Phải làm lại theo yêu cầu của thành phố.",
    )
    t.vp_task.refresh_from_db()
    assert (t.vp_task.status, t.vp_task.percent, t.vp_task.completed_on) == (
        TaskStatus.DOING,
        80,
        None,
    )


def test_evidence_files_are_stored_with_the_report_and_an_empty_or_too_large_file_is_refused(
    t, settings
):
    settings.MAX_UPLOAD_BYTES = 1024
    upload = SimpleUploadedFile("bien-ban.txt", "Biên bản rà soát".encode())
    r = report(t.vp_task, t.vp_officer, files=[upload])
    stored = r.files.get()
    assert stored.name == "bien-ban.txt" and stored.size == upload.size
    assert stored.file.read().decode() == "Biên bản rà soát"
    with pytest.raises(DomainError, match="Tệp “lon.pdf” quá lớn") as exc:
        report(t.vp_task, t.vp_officer, files=[SimpleUploadedFile("lon.pdf", b"x" * 2048)])
    assert exc.value.field == "files"
    with pytest.raises(DomainError, match="Tệp “rong.txt” rỗng"):
        report(t.vp_task, t.vp_officer, files=[SimpleUploadedFile("rong.txt", b"")])
    assert t.vp_task.reports.count() == 1


def test_the_product_document_must_be_one_the_reporter_may_see(t):
    own = Document.objects.create(
        number="20/QĐ-UBND", org_unit=t.p.ward_a, title="Quyết định công bố thủ tục"
    )
    other = Document.objects.create(
        number="21/QĐ-UBND", org_unit=t.p.ward_b, title="Quyết định của phường khác"
    )
    assert report(t.vp_task, t.vp_officer, product_document=own).product_document == own
    with pytest.raises(DomainError, match="văn bản sản phẩm") as exc:
        report(t.vp_task, t.vp_officer, product_document=other)
    assert exc.value.field == "product_document"


def test_a_continuous_tasks_report_names_its_period_and_gets_the_periods_last_day(t):
    r = report(t.continuous, t.vhxh_officer, 50, period_label="Quý I/2026")
    assert r.period_end == date(2026, 3, 31)


def test_a_date_entered_for_an_unreadable_deadline_makes_it_a_date_and_is_audited(t):
    tracking.task_set_deadline(
        actor=t.vp_officer, task=t.unknown, due_on=date(2026, 9, 30), note="Công văn 45/UBND"
    )
    t.unknown.refresh_from_db()
    assert (t.unknown.deadline_kind, t.unknown.due_on) == (DeadlineKind.BY_DATE, date(2026, 9, 30))
    assert task_selectors.deadline_label(t.unknown) == "Đến hết 30/09/2026"
    entry = AuditLog.objects.get(action="task.set_deadline")
    assert entry.note == "Công văn 45/UBND" and entry.after["due_on"] == "2026-09-30"


def test_a_window_entered_by_hand_becomes_a_period_and_a_start_after_the_due_date_is_refused(t):
    with pytest.raises(
        DomainError, match="Ngày bắt đầu 01/10/2026 sau hạn hoàn thành 30/09/2026"
    ) as exc:
        tracking.task_set_deadline(
            actor=t.vp_officer, task=t.unknown, due_on=date(2026, 9, 30), start_on=date(2026, 10, 1)
        )
    assert exc.value.field == "start_on"
    tracking.task_set_deadline(
        actor=t.vp_officer, task=t.unknown, due_on=date(2026, 9, 30), start_on=date(2026, 7, 1)
    )
    t.unknown.refresh_from_db()
    assert t.unknown.deadline_kind == DeadlineKind.PERIOD


def test_an_on_request_task_keeps_its_kind_and_gets_the_date_of_the_request(t):
    t.unknown.deadline_kind = DeadlineKind.ON_REQUEST
    t.unknown.save()
    tracking.task_set_deadline(actor=t.p.ward_a_officer, task=t.unknown, due_on=date(2026, 8, 15))
    t.unknown.refresh_from_db()
    assert t.unknown.deadline_kind == DeadlineKind.ON_REQUEST
    assert task_selectors.deadline_label(t.unknown) == "Theo yêu cầu, hạn 15/08/2026"


def test_a_deadline_read_from_the_plan_is_not_entered_by_hand_and_other_offices_may_not_enter_one(
    t,
):
    with pytest.raises(DomainError, match="đã đọc được từ kế hoạch"):
        tracking.task_set_deadline(actor=t.vp_officer, task=t.vp_task, due_on=date(2026, 9, 30))
    with pytest.raises(PermissionDenied):
        tracking.task_set_deadline(actor=t.vhxh_officer, task=t.unknown, due_on=date(2026, 9, 30))
    with pytest.raises(DomainError, match="Nhập hạn hoàn thành") as exc:
        tracking.task_set_deadline(actor=t.vp_officer, task=t.unknown, due_on=None)
    assert exc.value.field == "due_on"
