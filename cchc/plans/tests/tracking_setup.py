"""A small plan of ward A (and one of ward B) for the task tracking tests, built on the personas.

Ward A's plan has a task led by Văn phòng (office_a2), one led by Phòng VHXH (office_a), a continuous task reported
quarterly and a task whose deadline could not be read; `vp_officer` and `vhxh_officer` are officers of those two
offices.
"""

from datetime import date
from types import SimpleNamespace

from cchc.accounts import services as account_services
from cchc.core.scope import OFFICER, SYSTEM
from cchc.plans.choices import DeadlineKind, OfficeRole, Recurrence
from cchc.plans.models import Area, Plan, Task, TaskOffice
from cchc.plans.search_text import plan_search_text, task_search_text

TODAY = date(2026, 5, 20)
PASSWORD = "pw-test-2026"


def officer(username: str, office, email: str = ""):
    user = account_services.user_create(
        actor=SYSTEM,
        username=username,
        password=PASSWORD,
        full_name=username,
        email=email,
        office=office,
        audit_it=False,
    )
    account_services.grant_add(actor=SYSTEM, user=user, role=OFFICER, unit=office, audit_it=False)
    return user


def make_plan(unit, *, year: int = 2026) -> Plan:
    plan = Plan(unit=unit, year=year, title=f"Kế hoạch cải cách hành chính {unit.name} năm {year}")
    plan.search_text = plan_search_text(plan)
    plan.save()
    return plan


def make_task(plan, no: int, content: str, *, lead=None, area=None, **fields) -> Task:
    fields.setdefault(
        "deadline_kind", DeadlineKind.BY_DATE if fields.get("due_on") else DeadlineKind.CONTINUOUS
    )
    task = Task(
        plan=plan, area=area, no=no, content=content, lead_text=lead.name if lead else "", **fields
    )
    task.search_text = task_search_text(task)
    task.save()
    if lead is not None:
        TaskOffice.objects.create(task=task, role=OfficeRole.LEAD, unit=lead, text=lead.name)
    return task


def build(personas) -> SimpleNamespace:
    p = personas
    ns = SimpleNamespace(p=p)
    ns.plan = make_plan(p.ward_a)
    area = Area.objects.create(plan=ns.plan, code="III", title="Cải cách thủ tục hành chính")
    ns.vp_task = make_task(
        ns.plan,
        1,
        "Rà soát, đơn giản hóa thủ tục hành chính",
        lead=p.office_a2,
        area=area,
        due_on=date(2026, 5, 25),
        deadline_text="Trước ngày 25/5/2026",
        deadline_before=True,
    )
    ns.vhxh_task = make_task(
        ns.plan,
        2,
        "Tuyên truyền cải cách hành chính trên loa truyền thanh",
        lead=p.office_a,
        area=area,
        due_on=date(2026, 3, 31),
        start_on=date(2026, 1, 1),
        deadline_kind=DeadlineKind.PERIOD,
        deadline_text="Quý I/2026",
    )
    ns.continuous = make_task(
        ns.plan,
        3,
        "Công khai thủ tục hành chính tại bộ phận một cửa",
        lead=p.office_a,
        area=area,
        deadline_text="Thường xuyên",
        recurrence=Recurrence.QUARTERLY,
    )
    ns.unknown = make_task(
        ns.plan,
        4,
        "Tổ chức đối thoại với doanh nghiệp",
        lead=p.office_a2,
        deadline_kind=DeadlineKind.UNKNOWN,
        deadline_text="Khi có hướng dẫn",
    )
    ns.vp_officer = officer("t_vp", p.office_a2, email="vp@example.test")
    ns.vhxh_officer = officer("t_vhxh", p.office_a, email="vhxh@example.test")
    ns.b_plan = make_plan(p.ward_b)
    ns.b_task = make_task(
        ns.b_plan,
        1,
        "Rà soát thủ tục hành chính phường Bình Minh",
        lead=p.office_b,
        due_on=date(2026, 5, 22),
    )
    return ns
