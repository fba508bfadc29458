"""The task's status moves only along its workflow; the progress form offers only those moves."""

import pytest
from django.urls import reverse

from cchc.core.errors import DomainError
from cchc.core.models import AuditLog
from cchc.plans import tracking, workflows
from cchc.plans.choices import TaskStatus
from cchc.plans.tests.tracking_setup import TODAY, build


@pytest.fixture
def t(personas):
    return build(personas)


def report(task, actor, status, percent):
    return tracking.progress_report(
        actor=actor, task=task, percent=percent, status=status, today=TODAY
    )


@pytest.mark.parametrize(
    "current, target, move",
    [
        (TaskStatus.TODO, TaskStatus.DOING, "start"),
        (TaskStatus.DOING, TaskStatus.DONE, "complete"),
        (TaskStatus.PAUSED, TaskStatus.DOING, "resume"),
        (TaskStatus.DONE, TaskStatus.DOING, "reopen"),
        (TaskStatus.DOING, TaskStatus.TODO, None),
        (TaskStatus.DONE, TaskStatus.PAUSED, None),
    ],
)
def test_each_status_change_is_a_named_transition_or_none(current, target, move):
    assert workflows.transition_to(current, target) == move


def test_a_status_change_is_recorded_by_the_workflow_with_its_own_audit_action(t):
    report(t.vp_task, t.vp_officer, TaskStatus.DOING, 40)
    report(t.vp_task, t.vp_officer, TaskStatus.DONE, 100)
    actions = list(
        AuditLog.objects.filter(model="plans.task", object_id=str(t.vp_task.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["task.start", "task.progress", "task.complete", "task.progress"]


def test_a_move_the_workflow_does_not_allow_is_refused_and_nothing_is_stored(t):
    report(t.vp_task, t.vp_officer, TaskStatus.DOING, 40)
    reports_before = t.vp_task.reports.count()
    with pytest.raises(DomainError) as exc:
        report(t.vp_task, t.vp_officer, TaskStatus.TODO, 0)
    assert exc.value.field == "status"
    assert "từ “Đang thực hiện” sang “Chưa thực hiện”" in exc.value.message
    assert t.vp_task.reports.count() == reports_before


def test_the_progress_form_offers_the_current_status_and_the_allowed_moves_only(t, client_for):
    report(t.vp_task, t.vp_officer, TaskStatus.DONE, 100)
    page = client_for(t.vp_officer).get(reverse("plans:task_detail", args=[t.vp_task.pk]))
    form = page.context["progress_form"]
    assert [value for value, _ in form.fields["status"].choices] == [
        TaskStatus.DONE,
        TaskStatus.DOING,
    ]
    attrs = form.fields["status"].widget.attrs
    assert attrs["data-confirm-unless"] == TaskStatus.DONE
    assert "Mở lại nhiệm vụ" in attrs["data-confirm"]
