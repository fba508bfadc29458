"""Writes of task tracking: progress reports with evidence files, deadlines entered by hand, and the reminders
sent to the officers of a task's lead office (a plan's targets and their measured values are written by
`cchc.plans.target_services`).

Timeliness is never stored: it is computed from the task's fields by `cchc.plans.timeliness`. A report sets the
task's status and percent; the day it says "Hoàn thành" becomes the task's completion date (cleared when a later
report reopens it). Reminders are notifications (`cchc.notifications`) unique per user, kind, task and due date, so
a reminder is never created or sent twice; the scheduler runs `reminders_send` every morning (`cchc.plans.jobs`).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.text import Truncator

from cchc.accounts.models import Grant
from cchc.core import audit, dates, versions
from cchc.core.attachments import attach, check_upload
from cchc.core.dates import fmt
from cchc.core.errors import DomainError, PermissionDenied
from cchc.core.scope import OFFICER, STANDING, SYSTEM, user_or_none
from cchc.core.text import nfc
from cchc.notifications import services as notifications
from cchc.plans import policies, timeliness
from cchc.plans.choices import DeadlineKind, OfficeRole, ReminderKind, TaskStatus
from cchc.plans.models import ProgressFile, ProgressReport, Task, TaskOffice
from cchc.plans.workflows import TASK_FLOW, transition_to
from cchc.registry.models import Document

MAX_FILES_PER_REPORT = 10
REMINDER_ROLES = frozenset({OFFICER, STANDING})
TASK_FIELDS = ["status", "percent", "completed_on"]


def _task_label(task: Task) -> str:
    return f"nhiệm vụ {task.no}"


# --- Progress -----------------------------------------------------------------------------------------------


def _check_progress(task: Task, *, percent, status: str, reported_on: date, today: date) -> int:
    """The validated percent; DomainError naming the field otherwise."""
    if status not in TaskStatus.values:
        raise DomainError(f"Trạng thái “{status}” không hợp lệ.", field="status")
    try:
        value = int(str(percent).strip().rstrip("%"))
    except (TypeError, ValueError):
        raise DomainError(
            f"Tiến độ (%) phải là số nguyên từ 0 đến 100, không phải “{percent}”.", field="percent"
        ) from None
    if not 0 <= value <= 100:
        raise DomainError(f"Tiến độ (%) phải từ 0 đến 100, không phải {value}.", field="percent")
    if status == TaskStatus.DONE and value != 100:
        raise DomainError(
            f"Nhiệm vụ {task.no} báo “Hoàn thành” thì tiến độ phải là 100% (đang ghi {value}%).",
            field="percent",
        )
    if status == TaskStatus.TODO and value != 0:
        raise DomainError(
            f"Nhiệm vụ {task.no} “Chưa thực hiện” thì tiến độ phải là 0% (đang ghi {value}%).",
            field="percent",
        )
    if reported_on > today:
        raise DomainError(
            f"Ngày báo cáo {fmt(reported_on)} chưa đến (hôm nay là {fmt(today)}).",
            field="reported_on",
        )
    return value


def _check_files(files) -> list:
    files = [f for f in files or () if f]
    if len(files) > MAX_FILES_PER_REPORT:
        raise DomainError(
            f"Mỗi lần báo cáo đính kèm tối đa {MAX_FILES_PER_REPORT} tệp.", field="files"
        )
    for f in files:
        check_upload(f, field="files")
    return files


def task_periods(task: Task) -> list[tuple[str, date, date]]:
    """The reporting periods of a continuous task: its own recurrence, else the plan's reporting period."""
    if task.deadline_kind != DeadlineKind.CONTINUOUS and not task.recurrence:
        return []
    year = task.plan.year
    return timeliness.report_periods(
        recurrence=task.recurrence or task.plan.report_every,
        start=task.start_on or date(year, 1, 1),
        end=task.due_on or date(year, 12, 31),
    )


def _period_end(task: Task, label: str) -> date | None:
    for period_label, _, last in task_periods(task):
        if period_label == label:
            return last
    return None


@transaction.atomic
def progress_report(
    *,
    actor,
    task: Task,
    percent,
    status: str,
    text: str = "",
    reported_on: date | None = None,
    period_label: str = "",
    period_end: date | None = None,
    files=(),
    product_document: Document | None = None,
    today: date | None = None,
    seen_version: int | None = None,
) -> ProgressReport:
    """Record a progress report by the lead office (or the plan's standing agency) and update the task.

    The task takes the report's status and percent; reporting "Hoàn thành" sets its completion date to the day of
    the report, reporting anything else after that clears it (the task is reopened).
    """
    if not policies.can_report_progress(actor, task):
        raise PermissionDenied(f"Bạn không có quyền báo cáo tiến độ {_task_label(task)}.")
    today = today or dates.today()
    reported_on = reported_on or today
    value = _check_progress(
        task, percent=percent, status=status, reported_on=reported_on, today=today
    )
    move = transition_to(task.status, status) if status != task.status else None
    if status != task.status and move is None:
        raise DomainError(
            f"Không thể chuyển {_task_label(task)} từ “{TaskStatus(task.status).label}” sang "
            f"“{TaskStatus(status).label}”.",
            field="status",
        )
    uploads = _check_files(files)
    if (
        product_document is not None
        and not Document.objects.visible_to(actor).filter(pk=product_document.pk).exists()
    ):
        raise DomainError(
            "Không tìm thấy văn bản sản phẩm trong sổ văn bản của bạn.", field="product_document"
        )
    period_label = nfc(period_label)[:40]
    if period_label and period_end is None:
        period_end = _period_end(task, period_label)
    # Two reports at once on one task: the second is refused, naming who reported first.
    versions.check_version(task, seen_version, actor, label=_task_label(task).capitalize())

    report = ProgressReport.objects.create(
        task=task,
        reported_on=reported_on,
        period_label=period_label,
        period_end=period_end,
        status=status,
        percent=value,
        text=unicodedata.normalize("NFC", text or "").strip(),
        product_document=product_document,
        created_by=user_or_none(actor),
    )
    for upload in uploads:
        attach(ProgressFile(report=report), upload, actor=actor, field="files")

    before = audit.snapshot(task, TASK_FIELDS)
    completed_on = task.completed_on
    if status == TaskStatus.DONE and task.status != TaskStatus.DONE:
        completed_on = reported_on
    elif status != TaskStatus.DONE:
        completed_on = None
    if move:
        TASK_FLOW.apply(
            move,
            actor=actor,
            obj=task,
            changes={"percent": value, "completed_on": completed_on},
            unit_path=task.plan.unit.path,
        )
    else:
        task.percent, task.completed_on = value, completed_on
        task.save(update_fields=[*TASK_FIELDS, "updated_at"])
    audit.record(
        actor=actor,
        action="task.progress",
        obj=task,
        before=before,
        after={
            **audit.snapshot(task, TASK_FIELDS),
            "reported_on": reported_on,
            "period": period_label,
            "files": [u.name for u in uploads],
            "product_document": product_document.pk if product_document else None,
        },
        unit_path=task.plan.unit.path,
        note=report.text[:500],
    )
    return report


# --- Deadlines entered by hand ------------------------------------------------------------------------------


@transaction.atomic
def task_set_deadline(
    *, actor, task: Task, due_on: date | None, start_on: date | None = None, note: str = ""
) -> Task:
    """Enter the date of a task whose deadline could not be read, or that was "theo yêu cầu" and the request came.

    An unreadable deadline becomes a date ("Đến ngày") or a window when a start is given; an on-request deadline
    keeps its kind and gets its date.
    """
    if not policies.deadline_set_by_hand(task):
        raise DomainError(
            f"Thời hạn của {_task_label(task)} đã đọc được từ kế hoạch (“{task.deadline_text}”); không nhập tay.",
            field="due_on",
        )
    if not policies.can_set_deadline(actor, task):
        raise PermissionDenied(f"Bạn không có quyền nhập thời hạn cho {_task_label(task)}.")
    if due_on is None:
        raise DomainError("Nhập hạn hoàn thành (dd/mm/yyyy).", field="due_on")
    if start_on is not None and start_on > due_on:
        raise DomainError(
            f"Ngày bắt đầu {fmt(start_on)} sau hạn hoàn thành {fmt(due_on)}.", field="start_on"
        )
    fields = ["deadline_kind", "start_on", "due_on", "deadline_before"]
    before = audit.snapshot(task, fields)
    if task.deadline_kind != DeadlineKind.ON_REQUEST:
        task.deadline_kind = DeadlineKind.PERIOD if start_on else DeadlineKind.BY_DATE
    task.start_on, task.due_on, task.deadline_before = start_on, due_on, False
    task.save(update_fields=[*fields, "updated_at"])
    audit.record(
        actor=actor,
        action="task.set_deadline",
        obj=task,
        before=before,
        after=audit.snapshot(task, fields),
        unit_path=task.plan.unit.path,
        note=nfc(note),
    )
    return task


# --- Reminders ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Due:
    task: Task
    kind: str
    due_on: date
    message: str


def _due_reminders(task: Task, *, today: date, days_ahead: int, covered: set) -> list[_Due]:
    """What a not-done task is due for today: its last day is near or past; its last ended period is unreported."""
    found = []
    head = f"Nhiệm vụ {task.no} ({task.plan.unit.name}): {Truncator(task.content.rstrip('.')).words(24)}"
    last = timeliness.last_day(task.due_on, task.deadline_before)
    if last is not None and today > last:
        found.append(
            _Due(
                task,
                ReminderKind.OVERDUE,
                task.due_on,
                f"{head} – đã quá hạn {fmt(last)}, tiến độ {task.percent}%.",
            )
        )
    elif timeliness.due_within(task.due_on, task.deadline_before, today, days_ahead):
        left = (last - today).days
        when = "hôm nay" if left == 0 else f"còn {left} ngày"
        found.append(
            _Due(task, ReminderKind.DUE_SOON, task.due_on, f"{head} – hạn {fmt(last)} ({when}).")
        )
    ended = [p for p in task_periods(task) if p[2] < today]
    if ended:
        label, first, end = ended[-1]
        if not ({(task.pk, label), (task.pk, end)} & covered or (task.pk, first, end) in covered):
            found.append(
                _Due(
                    task,
                    ReminderKind.REPORT_DUE,
                    end,
                    f"{head} – chưa báo cáo kết quả {label} (hết kỳ {fmt(end)}).",
                )
            )
    return found


def _covered_periods(tasks: list[Task]) -> set:
    """(task id, label) and (task id, period end) of every report of continuous tasks, and the periods whose
    window holds a report's date."""
    ids = [t.pk for t in tasks if task_periods(t)]
    covered: set = set()
    if not ids:
        return covered
    periods = {t.pk: task_periods(t) for t in tasks if t.pk in set(ids)}
    for task_id, label, end, reported_on in ProgressReport.objects.filter(
        task_id__in=ids
    ).values_list("task_id", "period_label", "period_end", "reported_on"):
        covered.update({(task_id, label), (task_id, end)})
        for _, first, last in periods[task_id]:
            if first <= reported_on <= last:
                covered.add((task_id, first, last))
    return covered


def _recipients(grants: list[Grant], task: Task) -> set[int]:
    """Users with an officer or standing grant on a lead office of the task or on a unit between it and the plan's
    unit (the ward's standing office follows every task of the ward's plan; the city's does not get the ward's)."""
    plan_path = task.plan.unit.path
    leads = [o.unit.path for o in task.offices.all() if o.unit_id] or [plan_path]
    return {
        g.user_id
        for g in grants
        if g.unit.path.startswith(plan_path) and any(path.startswith(g.unit.path) for path in leads)
    }


def reminders_send(*, today: date, days_ahead: int = 7) -> dict[str, int]:
    """Notify the reminders due today for every task not done (through `cchc.notifications`), then e-mail every
    notification not sent yet.

    Returns counts: new reminders per kind, `emailed` (messages sent) and `already` (reminders that existed).
    """
    lead_offices = TaskOffice.objects.filter(role=OfficeRole.LEAD).select_related("unit")
    tasks = list(
        Task.objects.exclude(status=TaskStatus.DONE)
        .filter(
            Q(due_on__isnull=False) | Q(deadline_kind=DeadlineKind.CONTINUOUS) | ~Q(recurrence="")
        )
        .select_related("plan__unit")
        .prefetch_related(Prefetch("offices", queryset=lead_offices))
        .order_by("plan_id", "no")
    )
    covered = _covered_periods(tasks)
    grants = list(
        Grant.objects.filter(role__in=REMINDER_ROLES, user__is_active=True)
        .select_related("unit")
        .order_by("pk")
    )
    counts = {kind: 0 for kind in ReminderKind.values}
    wanted = 0
    with transaction.atomic():
        for task in tasks:
            users = _recipients(grants, task)
            if not users:
                continue
            url = reverse("plans:task_detail", args=[task.pk])
            for due in _due_reminders(task, today=today, days_ahead=days_ahead, covered=covered):
                wanted += len(users)
                counts[due.kind] += notifications.notify(
                    users=users,
                    kind=due.kind,
                    subject=task,
                    text=due.message,
                    url=url,
                    due_on=due.due_on,
                    unit_path=task.plan.unit.path,
                )
        created = sum(counts.values())
        if created:
            audit.record(
                actor=SYSTEM,
                action="reminder.send",
                model="notifications.notification",
                object_repr=f"Nhắc việc ngày {fmt(today)}",
                after={ReminderKind(kind).label: n for kind, n in counts.items()},
            )
    counts["emailed"] = notifications.send_emails()
    counts["already"] = wanted - created
    return counts


def reminders_summary(counts: dict[str, int]) -> list[str]:
    """The lines of the command's and the scheduler's report, in Vietnamese."""
    return [
        *(f"{kind.label}: {counts[kind.value]}" for kind in ReminderKind),
        f"Thư đã gửi: {counts['emailed']}",
        f"Đã nhắc trước đó (không gửi lại): {counts['already']}",
    ]
