"""Demo movements: the four seed plans imported through the movement import (so the demo shows what an import
gives), their yearly registrations and their 2026 reports, all dated on or before the demo's day (15/04/2027 by
default; built for another day, what would come after it is left out).

- 2162/QĐ-UBND (the city, 2026-2030, reports "trước ngày 30/11 hằng năm"), imported by Sở Nội vụ;
- 259/KH-UBND (phường Lê Chân), cascading 2162, imported by the ward's standing office;
- the plan of xã Khúc Thừa Dụ (no number, reports "trước ngày 25/11 hằng năm"), cascading 2162;
- 26/KH-UBND (phường Phú Lương, Hà Nội, 2023).

Reports of 2026 to the city: Khúc Thừa Dụ and some wards, communes and departments on time, some late, the rest
missing; phường Lê Chân's is left missing (a browser journey writes it) and so is phường Lê Thanh Nghị's, so their
officers find the overdue reminder of the demo's day in their inbox. Reports of 2027 (due after the demo's day of
26/11/2027): Khúc Thừa Dụ's and a few others sent, Lê Chân's and Lê Thanh Nghị's not yet, with the reminder
before the due date. One registration is returned with a reason.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from cchc.core.scope import SYSTEM
from cchc.demo.day import DEMO_DAY
from cchc.emulation import selectors, services
from cchc.emulation.choices import TitleChoice
from cchc.emulation.models import Movement, Participant
from cchc.orgs.models import Person

SEEDS = Path(__file__).resolve().parent.parent.parent / "data" / "seeds"

# (seed prefix, unit key, importing user, the day the plan was issued: imported from then on)
IMPORTS = [
    ("002", "city", "snv", date(2026, 6, 9)),
    ("000", "level:Lê Chân", "lechan", date(2026, 6, 19)),
    ("001", "level:Khúc Thừa Dụ", "khucthuadu", date(2026, 6, 19)),  # undated: after the city's
    ("003", "phu_luong", "phuluong", date(2023, 2, 22)),
]

RESULTS = [
    "Người đứng đầu {unit} trực tiếp chỉ đạo, ban hành kế hoạch cải cách hành chính năm {year}, phân công "
    "rõ trách nhiệm và kiểm tra việc thực hiện; không để xảy ra vi phạm kỷ luật, kỷ cương hành chính.",
    "Triển khai đồng bộ sáu nội dung cải cách hành chính; rà soát, đơn giản hóa thủ tục hành chính, "
    "cung cấp dịch vụ công trực tuyến toàn trình, số hóa hồ sơ, kết quả giải quyết thủ tục hành chính.",
    "Thực hiện các tiêu chí của Bộ chỉ số cải cách hành chính; tự đánh giá, chấm điểm và bổ sung tài liệu "
    "kiểm chứng đầy đủ, đúng thời hạn.",
    "Tuyên truyền cải cách hành chính trên trang thông tin điện tử, hệ thống truyền thanh và tại bộ phận "
    "một cửa; hướng dẫn người dân sử dụng dịch vụ công trực tuyến.",
    "Đề xuất, áp dụng các giải pháp, sáng kiến nâng cao chất lượng giải quyết thủ tục hành chính, "
    "rút ngắn thời gian xử lý hồ sơ.",
    "Cán bộ, công chức tích cực thi đua, hoàn thành tốt nhiệm vụ cải cách hành chính được giao.",
]
GOOD_MODEL = "Mô hình “Tổ công nghệ số cộng đồng” hỗ trợ người dân thực hiện dịch vụ công trực tuyến tại nhà."
DIFFICULTY = (
    "Hạ tầng công nghệ thông tin còn hạn chế; một bộ phận người dân chưa quen giao dịch trực tuyến."
)
PROPOSAL = (
    "Đề nghị thành phố tiếp tục đầu tư thiết bị và tổ chức tập huấn kỹ năng số cho cán bộ một cửa."
)

# City movement 2026: every n-th participant (in the participants' order) on time or late; these levels keep
# their fixed outcome.
ON_TIME_EVERY, LATE_EVERY = 9, 13
LEFT_MISSING = {"Lê Chân", "Lê Thanh Nghị"}


def _seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def _report(
    *,
    participant: Participant,
    year: int,
    submitted_on: date,
    day: date,
    writer=SYSTEM,
    leader=SYSTEM,
    with_file: bool = False,
) -> None:
    """A report written, signed off and submitted on `submitted_on`, with texts for every content (nothing when
    that comes after the demo's day)."""
    if submitted_on > day:
        return
    report = services.report_start(
        actor=writer, participant=participant, year=year, today=submitted_on
    )
    contents = selectors.movement_contents(movement=participant.movement)
    unit = participant.unit.name
    files = []
    if with_file:
        files.append(
            SimpleUploadedFile(
                f"bao-cao-phong-trao-{year}.txt",
                f"Báo cáo kết quả thực hiện phong trào thi đua năm {year} của {unit}.".encode(),
                content_type="text/plain",
            )
        )
    services.report_save(
        actor=writer,
        report=report,
        results={
            c.pk: RESULTS[i % len(RESULTS)].format(unit=unit, year=year)
            for i, c in enumerate(contents)
        },
        good_models=GOOD_MODEL,
        difficulties=DIFFICULTY,
        proposals=PROPOSAL,
        files=files,
    )
    services.report_request_approval(actor=writer, report=report)
    services.report_approve(actor=leader, report=report)
    services.report_submit(actor=writer, report=report, today=submitted_on)


def _register(
    *,
    participant: Participant,
    year: int,
    collective: str,
    people: list[tuple[Person, str]],
    day: date,
    writer=SYSTEM,
    submitted_on: date | None = None,
    reviewer=SYSTEM,
    approved_on: date | None = None,
    returned: tuple[date, str] | None = None,
) -> None:
    registration = services.registration_start(actor=writer, participant=participant, year=year)
    services.registration_save(
        actor=writer,
        registration=registration,
        titles=[services.TitleLine(title=collective)]
        + [services.TitleLine(title=t, person_id=p.pk) for p, t in people],
        pledges=[
            services.PledgeLine(
                kind="pledge",
                text=f"Hoàn thành 100% nhiệm vụ của Kế hoạch cải cách hành chính năm {year} đúng hạn.",
            ),
            services.PledgeLine(
                kind="pledge",
                text="Không để xảy ra hồ sơ thủ tục hành chính trễ hạn do lỗi của cán bộ, công chức.",
            ),
            services.PledgeLine(
                kind="target",
                text=f"Chỉ số cải cách hành chính năm {year} thuộc nhóm 10 đơn vị dẫn đầu của khối.",
            ),
        ],
    )
    if submitted_on is None or submitted_on > day:
        return
    services.registration_submit(actor=writer, registration=registration, today=submitted_on)
    if approved_on is not None and approved_on <= day:
        services.registration_approve(actor=reviewer, registration=registration, today=approved_on)
    elif returned is not None and returned[0] <= day:
        services.registration_return(
            actor=reviewer, registration=registration, note=returned[1], today=returned[0]
        )


def _phu_luong(movement: Movement, day: date) -> None:
    """Phú Lương 2023 (due "xong trước ngày 03/10/2023"): the ward's office on time, one office late."""
    parts = list(movement.participants.select_related("unit", "movement").order_by("order"))
    _report(participant=parts[0], year=2023, submitted_on=date(2023, 9, 28), day=day)
    if len(parts) > 2:
        _report(participant=parts[2], year=2023, submitted_on=date(2023, 10, 6), day=day)


def _people(unit, count: int) -> list[Person]:
    return list(
        Person.objects.filter(unit__path__startswith=unit.path, is_active=True).order_by("pk")[
            :count
        ]
    )


def load(ctx: dict) -> None:
    """Import the four movements, then registrations, reports and the reminders of the demo's day."""
    units, day = ctx["units"], ctx.get("day", DEMO_DAY)
    if Movement.objects.filter(unit=units["city"]).exists():
        return
    users = get_user_model().objects
    movements = {}
    for prefix, key, username, issued in IMPORTS:
        if issued > day:
            continue
        path = _seed(prefix)
        movements[prefix] = services.movement_import_confirm(
            actor=users.get(username=username),
            unit=units[key],
            filename=path.name,
            data=path.read_bytes(),
        )
    if "003" in movements:
        _phu_luong(movements["003"], day)
    if "002" not in movements:
        services.reminders_send(today=day)
        ctx["movements"] = movements
        return
    city, lechan, ktd = (movements[p] for p in ("002", "000", "001"))
    snv, lechan_user = users.get(username="snv"), users.get(username="lechan")
    ktd_user, ltn_user = users.get(username="khucthuadu"), users.get(username="lethanhnghi")
    chairman, vanphong = users.get(username="lechan.chutich"), users.get(username="lechan.vanphong")

    by_unit = {p.unit_id: p for p in city.participants.select_related("unit", "movement")}
    lc, kd, ltn = (units[f"level:{w}"] for w in ("Lê Chân", "Khúc Thừa Dụ", "Lê Thanh Nghị"))

    # Registrations for the city's movement, 2026 and 2027.
    lc_people = _people(units["office:Lê Chân:VHXH"], 3)
    _register(
        day=day,
        participant=by_unit[lc.pk],
        year=2026,
        collective=TitleChoice.TTLDXS,
        people=[(lc_people[0], TitleChoice.CSTD_CO_SO)]
        + [(p, TitleChoice.LDTT) for p in lc_people[1:]],
        writer=lechan_user,
        submitted_on=date(2026, 6, 26),
        reviewer=snv,
        approved_on=date(2026, 7, 3),
    )
    _register(
        day=day,
        participant=by_unit[kd.pk],
        year=2026,
        collective=TitleChoice.TTLDTT,
        people=[(p, TitleChoice.LDTT) for p in _people(units["office:Khúc Thừa Dụ:VHXH"], 2)],
        writer=ktd_user,
        submitted_on=date(2026, 6, 30),
        reviewer=snv,
        approved_on=date(2026, 7, 6),
    )
    _register(
        day=day,
        participant=by_unit[ltn.pk],
        year=2026,
        collective=TitleChoice.TTLDTT,
        people=[(p, TitleChoice.LDTT) for p in _people(units["office:Lê Thanh Nghị:VHXH"], 2)],
        writer=ltn_user,
        submitted_on=date(2026, 7, 2),
    )
    _register(
        day=day,
        participant=by_unit[lc.pk],
        year=2027,
        collective=TitleChoice.CO_THI_DUA,
        people=[(lc_people[0], TitleChoice.CSTD_CO_SO)],
        writer=lechan_user,
        submitted_on=date(2027, 1, 15),
        reviewer=snv,
        approved_on=date(2027, 1, 22),
    )
    _register(
        day=day,
        participant=by_unit[ltn.pk],
        year=2027,
        collective=TitleChoice.TTLDXS,
        people=[],
        writer=ltn_user,
        submitted_on=date(2027, 1, 18),
        reviewer=snv,
        returned=(
            date(2027, 1, 25),
            "Chưa có danh sách cá nhân đăng ký danh hiệu; đề nghị bổ sung và gửi lại.",
        ),
    )
    _register(
        day=day,
        participant=by_unit[kd.pk],
        year=2027,
        collective=TitleChoice.TTLDTT,
        people=[],
        writer=ktd_user,
    )
    lc_parts = {p.unit_id: p for p in lechan.participants.select_related("unit", "movement")}
    vp, center = units["office:Lê Chân:VP"], units["office:Lê Chân:TTPVHCC"]
    _register(
        day=day,
        participant=lc_parts[vp.pk],
        year=2026,
        collective=TitleChoice.TTLDTT,
        people=[(p, TitleChoice.LDTT) for p in _people(vp, 2)],
        writer=vanphong,
        submitted_on=date(2026, 7, 10),
        reviewer=lechan_user,
        approved_on=date(2026, 7, 14),
    )
    _register(
        day=day,
        participant=lc_parts[center.pk],
        year=2026,
        collective=TitleChoice.TTLDTT,
        people=[],
        submitted_on=date(2026, 7, 12),
    )

    # Reports of 2026 to the city (due "trước ngày 30/11"): Khúc Thừa Dụ on time, others on time or late.
    _report(
        day=day,
        participant=by_unit[kd.pk],
        year=2026,
        submitted_on=date(2026, 11, 20),
        writer=ktd_user,
        with_file=True,
    )
    for i, p in enumerate(city.participants.select_related("unit", "movement").order_by("order")):
        if p.unit_id in {lc.pk, kd.pk, ltn.pk} or p.unit.short_name in LEFT_MISSING:
            continue
        if i % ON_TIME_EVERY == 0:
            on = date(2026, 11, 10) + timedelta(days=i % 15)
            _report(participant=p, year=2026, submitted_on=on, day=day)
        elif i % LATE_EVERY == 0:
            on = date(2026, 12, 1) + timedelta(days=i % 20)
            _report(participant=p, year=2026, submitted_on=on, day=day)

    # Xã Khúc Thừa Dụ's own movement (due "trước ngày 25/11"): one office on time, one late.
    ktd_parts = {p.unit_id: p for p in ktd.participants.select_related("unit", "movement")}
    _report(
        day=day,
        participant=ktd_parts[units["office:Khúc Thừa Dụ:VP"].pk],
        year=2026,
        submitted_on=date(2026, 11, 18),
        with_file=True,
    )
    _report(
        day=day,
        participant=ktd_parts[units["office:Khúc Thừa Dụ:VHXH"].pk],
        year=2026,
        submitted_on=date(2026, 12, 1),
    )
    # Phường Lê Chân's own movement (its plan gives no date): the ward's office reports in November.
    _report(
        day=day,
        participant=lc_parts[vp.pk],
        year=2026,
        submitted_on=date(2026, 11, 24),
        writer=vanphong,
        leader=chairman,
        with_file=True,
    )

    # Reports of 2027, sent in the weeks before the due dates: Khúc Thừa Dụ to the city and its Văn phòng to the
    # commune (25/11), some others to the city (30/11); Lê Chân and Lê Thanh Nghị have not sent theirs yet.
    _report(
        day=day,
        participant=by_unit[kd.pk],
        year=2027,
        submitted_on=date(2027, 11, 20),
        writer=ktd_user,
    )
    _report(
        day=day,
        participant=ktd_parts[units["office:Khúc Thừa Dụ:VP"].pk],
        year=2027,
        submitted_on=date(2027, 11, 19),
    )
    for i, p in enumerate(city.participants.select_related("unit", "movement").order_by("order")):
        if p.unit_id in {lc.pk, kd.pk, ltn.pk} or i % (ON_TIME_EVERY + 2):
            continue
        on = date(2027, 11, 12) + timedelta(days=i % 13)
        _report(participant=p, year=2027, submitted_on=on, day=day)

    # The reminders of the demo's day: the officers of the wards still missing their 2026 report find the overdue
    # reminder, and those of the units that have not sent their 2027 report yet the one before its due date.
    services.reminders_send(today=day)
    ctx["movements"] = movements
