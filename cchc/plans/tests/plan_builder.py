"""A small CCHC plan built directly in the database for dashboard and report tests."""

from datetime import date

from cchc.plans.choices import DeadlineKind, OfficeRole, TaskStatus
from cchc.plans.models import Area, Plan, Task, TaskOffice
from cchc.registry.choices import DocType
from cchc.registry.models import Document

TODAY = date(2026, 6, 15)
DONE, TODO, DOING = TaskStatus.DONE, TaskStatus.TODO, TaskStatus.DOING


class PlanBuilder:
    """`PlanBuilder(unit).area("I", "Cải cách thể chế").task(due_on=..., status=..., lead=office)`."""

    def __init__(
        self, unit, *, year: int = 2026, number: str = "15/KH-UBND", issued_on=date(2026, 1, 10)
    ):
        document = Document.objects.create(
            number=number,
            doc_type=DocType.KH,
            org_unit=unit,
            issued_on=issued_on,
            title="Kế hoạch CCHC",
        )
        self.plan = Plan.objects.create(
            unit=unit,
            document=document,
            year=year,
            title=f"Kế hoạch cải cách hành chính năm {year}",
        )
        self._area = None
        self._no = 0

    def area(self, code: str, title: str) -> "PlanBuilder":
        self._area = Area.objects.create(
            plan=self.plan,
            code=code,
            title=title,
            order=Area.objects.filter(plan=self.plan).count(),
        )
        return self

    def task(
        self,
        *,
        due_on: date | None,
        status: str = TaskStatus.TODO,
        completed_on: date | None = None,
        start_on: date | None = None,
        before: bool = False,
        lead=None,
        lead_text: str = "",
        content: str = "",
    ) -> Task:
        self._no += 1
        task = Task.objects.create(
            plan=self.plan,
            area=self._area,
            no=self._no,
            content=content or f"Nhiệm vụ số {self._no}",
            deadline_kind=DeadlineKind.BY_DATE if due_on else DeadlineKind.CONTINUOUS,
            due_on=due_on,
            start_on=start_on,
            deadline_before=before,
            status=status,
            percent=100 if status == TaskStatus.DONE else 0,
            completed_on=completed_on,
        )
        if lead is not None or lead_text:
            TaskOffice.objects.create(
                task=task,
                role=OfficeRole.LEAD,
                unit=lead,
                text=lead_text or (lead.name if lead else ""),
            )
        return task


def small_plan(personas):
    """Ward A's plan: early, on time, late in area I; two overdue, two in progress, one without a due date in II."""
    b = PlanBuilder(personas.ward_a).area("I", "Cải cách thể chế")
    b.task(
        due_on=date(2026, 3, 31),
        status=DONE,
        completed_on=date(2026, 3, 20),
        lead=personas.office_a,
    )
    b.task(
        due_on=date(2026, 3, 31),
        status=DONE,
        completed_on=date(2026, 3, 31),
        lead=personas.office_a,
    )
    b.task(
        due_on=date(2026, 4, 30),
        status=DONE,
        completed_on=date(2026, 5, 10),
        lead=personas.office_a2,
    )
    b.area("II", "Cải cách thủ tục hành chính")
    b.task(due_on=date(2026, 5, 31), status=TODO, lead=personas.office_a)
    b.task(due_on=date(2026, 6, 20), status=DOING, lead=personas.office_a2)
    b.task(due_on=None, status=DOING, lead_text="Các phòng chuyên môn")
    b.task(due_on=date(2026, 12, 31), status=TODO)
    b.task(due_on=date(2026, 6, 15), before=True, status=TODO, lead=personas.office_a)
    return b.plan


def small_ward_b_plan(personas):
    """Ward B's plan: one task done early, one overdue."""
    b = PlanBuilder(personas.ward_b).area("I", "Cải cách thể chế")
    b.task(
        due_on=date(2026, 2, 28),
        status=DONE,
        completed_on=date(2026, 2, 27),
        start_on=date(2026, 2, 1),
    )
    b.task(due_on=date(2026, 5, 15), status=DOING)
    return b.plan
