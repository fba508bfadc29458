"""Demo CCHC plans: seed 004 imported for phường Lê Thanh Nghị, and the same plan rewritten for phường Lê Chân and
xã Khúc Thừa Dụ (their names, their chairmen, offices written the way those wards write them), each imported
through the plan import services as the ward's standing office, so the demo shows what an import gives.

Progress is added on some tasks relative to the fixed demo date (22/11/2026, as in the PAR layer): a few done on
time, a few done late, a few overdue and still open, some in progress; then the reminders of that day are created.
"""

from datetime import date, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model

from cchc.demo.orgs import LEADERS
from cchc.plans.plan_services import plan_import_confirm
from cchc.plans.target_services import target_measure_record
from cchc.plans.tracking import progress_report, reminders_send

SEED = Path(__file__).resolve().parent.parent.parent / "data" / "seeds" / "004_b78bd4a0b75bbdc4.txt"
DEMO_TODAY = date(2026, 11, 22)
SEED_WARD = "Lê Thanh Nghị"

# (ward, username, kind noun, number and date of the issuing decision, how its offices are written)
WARDS = [
    (SEED_WARD, "lethanhnghi", "phường", "", {}),
    (
        "Lê Chân",
        "lechan",
        "phường",
        "12/QĐ-UBND:08/01/2026",
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
        "05/QĐ-UBND:06/01/2026",
        {
            "Phòng Văn hóa - Xã hội": "Phòng Văn hoá – Xã hội",
            "Văn phòng HĐND&UBND phường": "Văn phòng HĐND - UBND xã",
            "Trung tâm Dịch vụ sự nghiệp công": "Trung tâm DVSNC",
            "Phòng Kinh tế, Hạ tầng và Đô thị": "Phòng Kinh tế",
        },
    ),
]

# (task no, status, percent, days from the due date to the report, words of the report); days < 0: before the
# due date, None: a report a few days before the demo date. Tasks of the first half of the year left out of a
# ward's list are overdue at the demo date.
DONE_ON_TIME = [
    (1, "done", 100, -3, "Đã ban hành Kế hoạch CCHC năm 2026."),
    (5, "done", 100, -10, "Đã ban hành và triển khai Kế hoạch tuyên truyền CCHC năm 2026."),
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
    (16, "doing", 75, None, "Quý III: đã cập nhật đầy đủ thủ tục hành chính công khai."),
]
PROGRESS = {
    SEED_WARD: DONE_ON_TIME + DONE_LATE + UNDER_WAY,  # task 8 (tháng 10/2026) overdue at 40%
    "Lê Chân": DONE_ON_TIME[:1] + DONE_LATE[1:] + UNDER_WAY[1:],  # tasks 5, 8 and 15 overdue
    "Khúc Thừa Dụ": DONE_ON_TIME + DONE_LATE[:1] + UNDER_WAY[:3],  # tasks 8 and 25 overdue
}


def _variant(text: str, ward: str, noun: str, number: str, offices: dict) -> str:
    """Seed 004 rewritten for another ward: its name, chairman, decision number and office wording."""
    if ward == SEED_WARD:
        return text
    for old, new in offices.items():
        text = text.replace(old, new)
    seq, day = number.split(":")
    d, m, y = day.split("/")
    text = text.replace("Số: /QĐ-UBND", f"Số: {seq}", 1)
    text = text.replace(
        "P. Lê Thanh Nghị, ngày tháng 01 năm 2026",
        f"{noun.title()[0]}. {ward}, ngày {d} tháng {m} năm {y}",
    )
    text = text.replace(
        "Quyết định số /QĐ-UBND ngày tháng 01 năm 2026", f"Quyết định số {seq} ngày {d}/{m}/{y}"
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


def _progress(plan, ward: str) -> None:
    tasks = {t.no: t for t in plan.tasks.select_related("plan")}
    actor = plan.created_by
    for no, status, percent, days, words in PROGRESS[ward]:
        task = tasks.get(no)
        if task is None:
            continue
        if days is None:
            reported = min(DEMO_TODAY - timedelta(days=5 + no % 7), task.due_on or DEMO_TODAY)
        else:
            reported = (task.due_on or DEMO_TODAY) + timedelta(days=days)
        progress_report(
            actor=actor,
            task=task,
            percent=percent,
            status=status,
            text=words,
            reported_on=min(reported, DEMO_TODAY),
            period_label="Quý III/2026" if task.deadline_kind == "continuous" else "",
        )


# (target code, value per ward for Quý III/2026): records processed on the city's system, citizens' satisfaction.
MEASURES = {
    "e": {SEED_WARD: "100", "Lê Chân": "100", "Khúc Thừa Dụ": "98.6"},
    "f": {SEED_WARD: "93.2", "Lê Chân": "91.5", "Khúc Thừa Dụ": "87.4"},
}


def _measures(plan, ward: str) -> None:
    """The values of two numeric targets for the third quarter, as the standing office enters them."""
    for target in plan.targets.filter(code__in=MEASURES):
        target_measure_record(
            actor=plan.created_by,
            target=target,
            period_label="Quý III/2026",
            period_end=date(2026, 9, 30),
            value=MEASURES[target.code][ward],
            note="Số liệu trên Hệ thống thông tin giải quyết TTHC của thành phố.",
        )


def load(ctx: dict) -> None:
    """Import the three demo plans and report progress on some of their tasks."""
    units = ctx["units"]
    users = get_user_model().objects
    text = SEED.read_text(encoding="utf-8")
    plans = {}
    for ward, username, noun, number, offices in WARDS:
        body = _variant(text, ward, noun, number, offices)
        plans[ward] = plan_import_confirm(
            actor=users.get(username=username),
            unit=units[f"level:{ward}"],
            filename=f"ke-hoach-cchc-2026-{username}.txt",
            data=body.encode("utf-8"),
            targets=["a", "b", "c", "d", "đ", "e", "f"],
        )
    for ward, plan in plans.items():
        _progress(plan, ward)
        _measures(plan, ward)
    # The reminders the daily command would have left on the demo day: the wards' officers find them in "Nhắc việc".
    reminders_send(today=DEMO_TODAY)
    ctx["plans"] = plans
