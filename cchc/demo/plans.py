"""Demo CCHC plans: seed 004 imported for phường Lê Thanh Nghị, and the same plan rewritten for phường Lê Chân and
xã Khúc Thừa Dụ (their names, their chairmen, offices written the way those wards write them), each imported
through the plan import services as the ward's standing office, so the demo shows what an import gives.

The plans run from 2026 (the seed's year) to the demo day's year, each a copy of the seed for its year. A plan of a
year that has ended is closed: most tasks done on time, a few done late, a few never done (overdue). The plan of
the demo day's year is under way: its first tasks done (on time or late), some overdue, the rest coming. Every
report is dated on or before the demo day; then the reminders of that day are created.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model

from cchc.demo.orgs import LEADERS
from cchc.plans.choices import DeadlineKind
from cchc.plans.plan_services import plan_import_confirm
from cchc.plans.target_services import target_measure_record
from cchc.plans.tracking import progress_report, reminders_send

SEED = Path(__file__).resolve().parent.parent.parent / "data" / "seeds" / "004_b78bd4a0b75bbdc4.txt"
SEED_WARD = "Lê Thanh Nghị"
SEED_YEAR = 2026

# (ward, username, kind noun, number and date of the issuing decision per year, how its offices are written)
WARDS = [
    (SEED_WARD, "lethanhnghi", "phường", {}, {}),
    (
        "Lê Chân",
        "lechan",
        "phường",
        {2026: "12/QĐ-UBND:08/01/2026", 2027: "07/QĐ-UBND:06/01/2027"},
        {
            "Phòng Văn hóa - Xã hội": "Phòng VHXH",
            "Văn phòng HĐND&UBND phường": "Văn phòng HĐND và UBND phường",
            "Trung tâm Phục vụ hành chính công": "Trung tâm PVHCC",
            "Trung tâm phục vụ hành chính công": "TT Phục vụ HCC",
            "Phòng Kinh tế, Hạ tầng và Đô thị": "Phòng KT-HT-ĐT",
        },
    ),
    (
        "Khúc Thừa Dụ",
        "khucthuadu",
        "xã",
        {2026: "05/QĐ-UBND:06/01/2026", 2027: "04/QĐ-UBND:08/01/2027"},
        {
            "Phòng Văn hóa - Xã hội": "Phòng Văn hoá – Xã hội",
            "Văn phòng HĐND&UBND phường": "Văn phòng HĐND - UBND xã",
            "Trung tâm Dịch vụ sự nghiệp công": "Trung tâm DVSNC",
            "Phòng Kinh tế, Hạ tầng và Đô thị": "Phòng Kinh tế",
        },
    ),
]

# A plan under way (the demo day's year): (task no, status, percent, days from the due date to the report, words);
# days < 0: before the due date, None: a few days before the demo day. Tasks due before the demo day and left out of
# a ward's list are overdue.
DONE_ON_TIME = [
    (1, "done", 100, -3, "Đã ban hành Kế hoạch CCHC năm {year}."),
    (5, "done", 100, -10, "Đã ban hành và triển khai Kế hoạch tuyên truyền CCHC năm {year}."),
]
DONE_LATE = [
    (
        15,
        "done",
        100,
        12,
        "Kế hoạch công tác cải cách TTHC ban hành chậm do chờ hướng dẫn của thành phố.",
    ),
    (25, "done", 100, 20, "Hoàn thành tổng kiểm kê tài sản công, chậm so với kế hoạch."),
]
UNDER_WAY = [
    (7, "doing", 60, None, "Đang hoàn thiện các tác phẩm dự thi."),
    (8, "doing", 40, None, "Đã phát sóng 2 chuyên đề, còn 3 chuyên đề."),
    (10, "doing", 70, None, "Đã rà soát xong 7/10 lĩnh vực."),
    (27, "doing", 85, None, "Đã kích hoạt 85% tài khoản định danh điện tử mức 2."),
    (16, "doing", 75, None, "Đã cập nhật đầy đủ thủ tục hành chính công khai trong kỳ."),
]
PROGRESS = {
    SEED_WARD: DONE_ON_TIME[:1] + DONE_LATE + UNDER_WAY,  # task 5 (quý I) overdue
    "Lê Chân": DONE_ON_TIME[:1] + DONE_LATE[1:] + UNDER_WAY[1:],  # tasks 5 and 15 overdue
    "Khúc Thừa Dụ": DONE_ON_TIME + UNDER_WAY[:3],  # task 15 overdue
}

# A closed plan (a year before the demo day's): every dated task is reported done a few days before its due date,
# except those done late (days after the due date) and those never done (left overdue).
CLOSED_LATE = {
    SEED_WARD: {15: 12, 25: 20},
    "Lê Chân": {8: 9, 25: 20, 15: 30},
    "Khúc Thừa Dụ": {15: 12},
}
CLOSED_UNDONE = {SEED_WARD: {8}, "Lê Chân": {5, 10, 22}, "Khúc Thừa Dụ": {8, 25, 21}}

# (target code, value per ward for the last quarter reported): records processed on the city's system, citizens'
# satisfaction.
MEASURES = {
    "e": {SEED_WARD: "100", "Lê Chân": "100", "Khúc Thừa Dụ": "98.6"},
    "f": {SEED_WARD: "93.2", "Lê Chân": "91.5", "Khúc Thừa Dụ": "87.4"},
}

_SEED_YEAR = re.compile(rf"(?<!\d){SEED_YEAR}(?!\s*-\s*2030)(?!\d)")


def _for_year(text: str, year: int) -> str:
    """Seed 004 moved to another year: its year, deadlines and titles, not the 2026-2030 period it cites."""
    if year == SEED_YEAR:
        return text
    return _SEED_YEAR.sub(str(year), text)


def _variant(text: str, ward: str, noun: str, number: str, offices: dict, year: int) -> str:
    """Seed 004 rewritten for another ward: its name, chairman, decision number and office wording."""
    if ward == SEED_WARD:
        return text
    for old, new in offices.items():
        text = text.replace(old, new)
    seq, day = number.split(":")
    d, m, y = day.split("/")
    text = text.replace("Số: /QĐ-UBND", f"Số: {seq}", 1)
    text = text.replace(
        f"P. Lê Thanh Nghị, ngày tháng 01 năm {year}",
        f"{noun.title()[0]}. {ward}, ngày {d} tháng {m} năm {y}",
    )
    text = text.replace(
        f"Quyết định số /QĐ-UBND ngày tháng 01 năm {year}", f"Quyết định số {seq} ngày {d}/{m}/{y}"
    )
    text = text.replace(LEADERS[SEED_WARD], LEADERS[ward])
    text = text.replace(
        "698/QĐ-UBND ngày 30/9/2025", f"{700 + len(ward)}/QĐ-UBND ngày 29/9/2025"
    )  # the ward's own
    text = text.replace(f"PHƯỜNG {SEED_WARD.upper()}", f"{noun.upper()} {ward.upper()}")
    text = text.replace(f"phường {SEED_WARD}", f"{noun} {ward}")
    if noun != "phường":
        text = text.replace("phường", noun).replace("Phường", noun.title())
    return text


def _quarter(day: date) -> tuple[str, date]:
    """The last quarter ended on or before `day`: its label and last day."""
    q, year = (day.month - 1) // 3 + 1, day.year  # the quarter `day` falls in
    if day != date(year, 3 * q, 31 if q in (1, 4) else 30):
        q -= 1
        if q == 0:
            q, year = 4, year - 1
    end = date(year, 3 * q, 31 if q in (1, 4) else 30)
    return f"Quý {['I', 'II', 'III', 'IV'][q - 1]}/{year}", end


def _report(task, actor, status, percent, words, on: date, day: date) -> None:
    period = ""
    if task.deadline_kind == DeadlineKind.CONTINUOUS:
        period = _quarter(min(on, day))[0]
    progress_report(
        actor=actor,
        task=task,
        percent=percent,
        status=status,
        text=words,
        reported_on=min(on, day),
        period_label=period,
        today=day,
    )


def _progress_under_way(plan, ward: str, day: date) -> None:
    tasks = {t.no: t for t in plan.tasks.select_related("plan")}
    actor = plan.created_by
    for no, status, percent, days, words in PROGRESS[ward]:
        task = tasks.get(no)
        if task is None:
            continue
        if days is None:
            on = min(day - timedelta(days=5 + no % 7), task.due_on or day)
        else:
            on = (task.due_on or day) + timedelta(days=days)
        if on > day and status == "done":
            continue  # not done yet on the demo day
        _report(task, actor, status, percent, words.format(year=plan.year), on, day)


def _progress_closed(plan, ward: str, day: date) -> None:
    actor = plan.created_by
    year_end = date(plan.year, 12, 31)
    for task in plan.tasks.select_related("plan").order_by("no"):
        if task.due_on is None:
            if task.deadline_kind == DeadlineKind.CONTINUOUS:
                _report(
                    task, actor, "doing", 100, "Thực hiện thường xuyên trong năm.", year_end, day
                )
            continue
        if task.no in CLOSED_UNDONE[ward]:
            _report(
                task,
                actor,
                "doing",
                50,
                "Đang thực hiện; chưa hoàn thành trong năm.",
                min(task.due_on, year_end) - timedelta(days=10),
                day,
            )
            continue
        late = CLOSED_LATE[ward].get(task.no)
        on = (
            task.due_on + timedelta(days=late)
            if late
            else task.due_on - timedelta(days=3 + task.no % 9)
        )
        words = "Hoàn thành, chậm so với kế hoạch." if late else "Đã hoàn thành."
        _report(task, actor, "done", 100, words, on, day)


def _measures(plan, ward: str, day: date) -> None:
    """The values of two numeric targets for the last quarter ended, as the standing office enters them."""
    label, end = _quarter(min(day, date(plan.year, 12, 31)))
    if end.year != plan.year or end > day:
        return
    for target in plan.targets.filter(code__in=MEASURES):
        target_measure_record(
            actor=plan.created_by,
            target=target,
            period_label=label,
            period_end=end,
            value=MEASURES[target.code][ward],
            note="Số liệu trên Hệ thống thông tin giải quyết TTHC của thành phố.",
        )


def load(ctx: dict) -> None:
    """Import the demo plans of every year from 2026 to the demo day's, and report their progress."""
    day: date = ctx["day"]
    units = ctx["units"]
    users = get_user_model().objects
    seed = SEED.read_text(encoding="utf-8")
    plans: dict[tuple[str, int], object] = {}
    for year in range(SEED_YEAR, day.year + 1):
        if date(year, 1, 10) > day:
            continue  # a year's plan is issued in early January
        text = _for_year(seed, year)
        for ward, username, noun, numbers, offices in WARDS:
            number = numbers.get(year, f"{len(ward)}/QĐ-UBND:07/01/{year}") if numbers else ""
            body = _variant(text, ward, noun, number, offices, year)
            plans[(ward, year)] = plan_import_confirm(
                actor=users.get(username=username),
                unit=units[f"level:{ward}"],
                filename=f"ke-hoach-cchc-{year}-{username}.txt",
                data=body.encode("utf-8"),
                targets=["a", "b", "c", "d", "đ", "e", "f"],
            )
    for (ward, year), plan in plans.items():
        if year < day.year:
            _progress_closed(plan, ward, day)
        else:
            _progress_under_way(plan, ward, day)
        _measures(plan, ward, day)
    # The reminders the daily job leaves on the demo day: the wards' officers find them in their inbox.
    reminders_send(today=day)
    ctx["plans"] = {ward: plan for (ward, year), plan in plans.items() if year == day.year}
    ctx["plans_by_year"] = plans
