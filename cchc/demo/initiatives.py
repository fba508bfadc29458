"""Demo initiatives: four councils that score (phường Lê Chân, phường Lê Thanh Nghị, xã Khúc Thừa Dụ and the city
of Hải Phòng) with the same published sheet (tính mới 30, tính hiệu quả 40, khả năng nhân rộng 20, tính khả thi
10; recognised from an average of 70), the district council of Hà Đông recorded as an outside body (seed 003:
"Hội đồng khoa học, sáng kiến quận"), and initiatives of 2025-2027 taken through the services step by step, each
step on its own day (none after the demo's day, 15/04/2027; built for another day with `load_demo --day`, the
steps after it are left out), as the system itself (`SYSTEM`); each member's sheet is recorded for that member.

What the demo shows for "có từ 02 sáng kiến được công nhận" over 2026-2030 (seeds 000-002, period-end awards),
counting a unit's offices with it:

- phường Lê Chân: 2 recognised at ward level (one decision, 45/QĐ-UBND, for both) — passes; 1 refused (average
  56,7 < 70), 1 under scoring at the city's council, 1 draft;
- phường Lê Thanh Nghị: 1 at ward level and 1 at city level — passes (only 1 "từ cấp thành phố trở lên");
  1 submitted to its council, not yet opened;
- Sở Nội vụ: 2 of 2026 at city level (decided 18/12/2026 and 25/03/2027) — passes;
- xã Khúc Thừa Dụ: 1 at commune level — fails; 1 under scoring (one sheet of three: "chưa đủ"), 1 draft;
- xã An Lão: 1 at city level — fails;
- phường Hồng Bàng: 1 refused by the city's council — fails (0);
- phường Lê Chân's 2025 initiative (recognised before the period) does not count for 2026-2030.

Phú Lương (Hà Đông, Hà Nội, 2023): 2 initiatives recognised by the district's council (decision of UBND quận Hà
Đông recorded by the ward's office, 6245/QĐ-UBND), 1 submitted to it and still waiting; its officer Dương Ngọc
Thỏa co-authored both recognised ones ("được công nhận từ cấp quận trở lên", seed 003, mục II.3).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Max
from django.test.utils import override_settings
from django.utils import timezone

from cchc.accounts import services as account_services
from cchc.core.models import AuditLog
from cchc.core.scope import COUNCIL, SYSTEM
from cchc.demo import DEMO_PASSWORD
from cchc.demo.day import DEMO_DAY
from cchc.initiatives import services
from cchc.initiatives.choices import CchcArea, CouncilRole, EffectScope, InitiativeKind
from cchc.initiatives.choices import InitiativeLevel as L
from cchc.initiatives.models import (
    CouncilMember,
    Initiative,
    InitiativeCouncil,
    InitiativeFile,
    Score,
)
from cchc.notifications.models import Notification
from cchc.orgs.models import Person, Unit
from cchc.registry.models import Document

SHEET = [
    services.CriterionInput(
        "Tính mới", Decimal(30), "Chưa được áp dụng tại đơn vị; khác cách làm trước đây."
    ),
    services.CriterionInput(
        "Tính hiệu quả", Decimal(40), "Lợi ích đo được: thời gian, chi phí, số hồ sơ, mức hài lòng."
    ),
    services.CriterionInput(
        "Khả năng nhân rộng", Decimal(20), "Áp dụng được ở đơn vị, địa phương khác."
    ),
    services.CriterionInput("Tính khả thi", Decimal(10), "Điều kiện, chi phí để triển khai."),
]
THRESHOLD = Decimal(70)
HIGH = [(27, 35, 17, 9), (25, 32, 16, 8), (24, 30, 15, 8)]  # average 82
GOOD = [(24, 30, 15, 8), (22, 29, 14, 8), (23, 31, 15, 7)]  # average 75,3
LOW = [(18, 22, 10, 6), (20, 25, 12, 7), (15, 20, 10, 5)]  # average 56,7

# (username, full name, scope key, role in the council, position)
COUNCIL_USERS = {
    "Lê Chân": [
        ("lechan.chutich", None, CouncilRole.CHAIR, "Chủ tịch UBND phường"),
        ("lechan.hoidong", None, CouncilRole.VICE_CHAIR, "Chuyên viên Phòng Văn hóa - Xã hội"),
        (
            "lechan.kinhte",
            "Trưởng phòng KTHTĐT",
            CouncilRole.MEMBER,
            "Trưởng phòng Kinh tế, Hạ tầng và Đô thị",
        ),
        ("lechan", None, CouncilRole.SECRETARY, "Phòng Văn hóa - Xã hội"),
    ],
    "Lê Thanh Nghị": [
        ("lethanhnghi.chutich", "Chủ tịch", CouncilRole.CHAIR, "Chủ tịch UBND phường"),
        (
            "lethanhnghi.phochutich",
            "Phó Chủ tịch",
            CouncilRole.VICE_CHAIR,
            "Phó Chủ tịch UBND phường",
        ),
        (
            "lethanhnghi.kinhte",
            "Trưởng phòng KTHTĐT",
            CouncilRole.MEMBER,
            "Trưởng phòng Kinh tế, Hạ tầng và Đô thị",
        ),
        ("lethanhnghi", None, CouncilRole.SECRETARY, "Phòng Văn hóa - Xã hội"),
    ],
    "Khúc Thừa Dụ": [
        ("khucthuadu.chutich", "Chủ tịch", CouncilRole.CHAIR, "Chủ tịch UBND xã"),
        ("khucthuadu.phochutich", "Phó Chủ tịch", CouncilRole.VICE_CHAIR, "Phó Chủ tịch UBND xã"),
        ("khucthuadu", None, CouncilRole.MEMBER, "Phòng Văn hóa - Xã hội (thường trực)"),
    ],
    "city": [
        (
            "hp.chutich",
            "Phó Chủ tịch UBND thành phố",
            CouncilRole.CHAIR,
            "Phó Chủ tịch UBND thành phố",
        ),
        ("snv.giamdoc", "Giám đốc:Sở Nội vụ", CouncilRole.VICE_CHAIR, "Giám đốc Sở Nội vụ"),
        (
            "skhcn.giamdoc",
            "Giám đốc:Sở Khoa học và Công nghệ",
            CouncilRole.MEMBER,
            "Giám đốc Sở Khoa học và Công nghệ",
        ),
        ("snv", None, CouncilRole.SECRETARY, "Phòng CCHC&PC, Sở Nội vụ"),
    ],
}


# Rows the services stamp with the moment they are written, restamped on the demo's day of the step.
STAMPED = [
    (AuditLog, "at"),
    (Notification, "created_at"),
    (Initiative, "created_at"),
    (Score, "scored_at"),
    (InitiativeFile, "uploaded_at"),
    (Document, "created_at"),
]


@contextmanager
def on(day: date) -> Iterator[None]:
    """Run the services as on `day`: what they date "today" (a submission) is that day, and the moments they
    stamp (the audit log, notifications) fall on that day, so that the history reads as it happened (or on the
    real date when that day is still to come)."""
    before = {model: model.objects.aggregate(m=Max("pk"))["m"] or 0 for model, _ in STAMPED}
    with override_settings(CCHC_TODAY=day.strftime("%d/%m/%Y")):
        yield
    # A record is never stamped in the future of the real clock: before the demo's day comes, steps after today
    # keep the moment they were loaded.
    now = timezone.localtime()
    moment = timezone.make_aware(datetime.combine(min(day, now.date()), now.time()))
    for model, field in STAMPED:
        model.objects.filter(pk__gt=before[model]).update(**{field: moment})


class Demo:
    """The steps of the demo; a step dated after the demo's day (`load_demo --day`), or about an initiative whose
    earlier steps did not happen, is left out, so the demo keeps to its day."""

    def __init__(self, units: dict, day: date = DEMO_DAY):
        self.day = day
        self.units = units
        self.city = units["city"]
        self.councils: dict[str, InitiativeCouncil] = {}
        self.members: dict[str, list[CouncilMember]] = {}

    def level(self, key: str) -> Unit:
        return self.city if key == "city" else self.units[f"level:{key}"]

    def person(self, unit: Unit, position: str) -> Person:
        person = Person.objects.filter(unit=unit, position=position).order_by("pk").first()
        if person is None:
            raise LookupError(f"no {position} in {unit}")
        return person

    def _person_for(self, level: Unit, spec: str) -> Person:
        """ "Chủ tịch" (the level's chairman), "Trưởng phòng KTHTĐT" or "Giám đốc:Sở Nội vụ"."""
        if ":" in spec:
            position, dept = spec.split(":")
            unit = next(u for u in self.units["departments"] if u.name == dept)
            return self.person(unit, position)
        if spec.startswith("Trưởng phòng"):
            office = Unit.objects.get(code=f"{level.code}-{spec.split()[-1]}")
            return self.person(office, "Trưởng phòng")
        return Person.objects.filter(unit=level, position__startswith=spec).order_by(
            "pk"
        ).first() or self.person(level, spec)

    def user(self, username: str, person_spec: str | None, level: Unit):
        from django.contrib.auth import get_user_model

        existing = get_user_model().objects.filter(username=username).first()
        if existing is not None:
            return existing
        person = self._person_for(level, person_spec or "")
        user = account_services.user_create(
            actor=SYSTEM,
            username=username,
            password=DEMO_PASSWORD,
            full_name=person.full_name,
            office=person.unit,
            audit_it=False,
        )
        account_services.grant_add(
            actor=SYSTEM, user=user, role=COUNCIL, unit=level, audit_it=False
        )
        user.profile.person = person
        user.profile.save(update_fields=["person"])
        return user

    def happens(self, day: date, *needed) -> bool:
        """Whether a step on `day` is part of the demo: not after its day, and what it needs exists."""
        return day <= self.day and all(x is not None for x in needed)

    def council(self, key: str, name: str, level: str, day: date) -> InitiativeCouncil | None:
        if not self.happens(day):
            return None
        unit = self.level(key)
        with on(day):
            council = services.council_create(
                actor=SYSTEM,
                unit=unit,
                name=name,
                level=level,
                note="Thành lập theo Quyết định của Chủ tịch UBND; quy chế chấm điểm công bố kèm theo.",
            )
            for username, spec, role, position in COUNCIL_USERS[key]:
                services.council_member_add(
                    actor=SYSTEM,
                    council=council,
                    user=self.user(username, spec, unit),
                    role=role,
                    position=position,
                )
            services.council_sheet_set(
                actor=SYSTEM, council=council, criteria=SHEET, threshold=THRESHOLD
            )
        self.councils[key] = council
        self.members[key] = [
            m for m in council.members.select_related("user").order_by("order") if m.is_scorer
        ]
        return council

    def outside_council(self, unit: Unit, name: str, level: str, day: date, note: str):
        """A council outside the system, recorded by name: its decisions are recorded, not scored."""
        if not self.happens(day):
            return None
        with on(day):
            return services.council_create(
                actor=SYSTEM, unit=unit, name=name, level=level, is_external=True, note=note
            )

    def draft(
        self, unit: Unit, council_key: str | None, day: date, authors, **fields
    ) -> Initiative | None:
        if not self.happens(day):
            return None
        with on(day):
            return services.initiative_create(
                actor=SYSTEM,
                unit=unit,
                council=self.councils.get(council_key) if council_key else None,
                authors=[
                    services.AuthorInput(person=p, share=Decimal(s) if p else None)
                    for p, s in authors
                ],
                **fields,
            )

    def evidence(self, initiative: Initiative | None, day: date, name: str, text: str) -> None:
        """A description of the initiative kept as its evidence (the draft's annex)."""
        if not self.happens(day, initiative):
            return
        with on(day):
            services.initiative_attach(
                actor=SYSTEM,
                initiative=initiative,
                upload=SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain"),
            )

    def submit(self, initiative: Initiative | None, day: date) -> None:
        if not self.happens(day, initiative):
            return
        with on(day):
            services.initiative_submit(actor=SYSTEM, initiative=initiative)

    def score(
        self, initiative: Initiative | None, key: str, day: date, sheets, members: int = 3
    ) -> None:
        if not self.happens(day, initiative) or initiative.status != "submitted":
            return
        with on(day):
            services.initiative_open_scoring(actor=SYSTEM, initiative=initiative)
            criteria = list(self.councils[key].criteria.order_by("order"))
            for member, points in list(zip(self.members[key], sheets, strict=False))[:members]:
                services.initiative_score(
                    actor=SYSTEM,
                    initiative=initiative,
                    member=member,
                    points={c.pk: Decimal(p) for c, p in zip(criteria, points, strict=True)},
                )

    def recognise(
        self, initiative: Initiative | None, day: date, number: str, signer: str, title: str
    ) -> None:
        if not self.happens(day, initiative) or initiative.status != "scoring":
            return
        with on(day):
            services.initiative_recognise(
                actor=SYSTEM,
                initiative=initiative,
                decided_on=day,
                number=number,
                signer=signer,
                signer_title=title,
            )

    def refuse(self, initiative: Initiative | None, day: date) -> None:
        if not self.happens(day, initiative) or initiative.status != "scoring":
            return
        with on(day):
            services.initiative_refuse(actor=SYSTEM, initiative=initiative)


def _text(what: str, effect: str) -> dict:
    return {
        "description": what,
        "novelty": "Lần đầu áp dụng tại đơn vị; trước đây thực hiện thủ công, trên giấy.",
        "effect": effect,
    }


def load(ctx: dict) -> None:
    """Create the councils and the initiatives (once: nothing when councils exist already)."""
    if InitiativeCouncil.objects.exists():
        return
    d = Demo(ctx["units"], ctx.get("day") or DEMO_DAY)
    u = d.units
    lc, ltn, ktd = d.level("Lê Chân"), d.level("Lê Thanh Nghị"), d.level("Khúc Thừa Dụ")
    lc_vp, lc_hcc = u["office:Lê Chân:VP"], u["office:Lê Chân:TTPVHCC"]
    ltn_hcc, ktd_vp = u["office:Lê Thanh Nghị:TTPVHCC"], u["office:Khúc Thừa Dụ:VP"]
    snv_office = u["snv_par"]

    d.council("Lê Chân", "Hội đồng sáng kiến phường Lê Chân", L.COMMUNE, date(2025, 9, 15))
    d.council(
        "Lê Thanh Nghị", "Hội đồng sáng kiến phường Lê Thanh Nghị", L.COMMUNE, date(2025, 9, 20)
    )
    d.council("Khúc Thừa Dụ", "Hội đồng sáng kiến xã Khúc Thừa Dụ", L.COMMUNE, date(2025, 9, 22))
    d.council("city", "Hội đồng sáng kiến thành phố Hải Phòng", L.CITY, date(2025, 8, 1))
    ha_dong = d.outside_council(
        u["ha_dong"],
        "Hội đồng khoa học, sáng kiến quận Hà Đông",
        L.DISTRICT,
        date(2023, 1, 5),
        "Thường trực: Phòng Kinh tế quận Hà Đông; chấm và công nhận sáng kiến cấp quận "
        "(Kế hoạch 26/KH-UBND của UBND phường Phú Lương, mục II.3).",
    )

    lc_chairman = ("Phạm Văn Tân", "Chủ tịch UBND phường")
    city_signer = ("Vũ Tiến Phụng", "Phó Chủ tịch UBND thành phố")

    # --- phường Lê Chân: 2025 (before the period), two recognised and one refused in 2026, one at the city.
    a = d.draft(
        lc_hcc,
        "Lê Chân",
        date(2025, 10, 6),
        [(d.person(lc_hcc, "Giám đốc"), 100)],
        year=2025,
        area=CchcArea.PROCEDURES,
        kind=InitiativeKind.SOLUTION,
        title="Phiếu hẹn điện tử gửi qua tin nhắn cho người nộp hồ sơ",
        applied_since=date(2025, 7, 1),
        effect_scope=EffectScope.COMMUNE,
        **_text(
            "Gửi phiếu hẹn trả kết quả qua tin nhắn thay cho phiếu giấy.",
            "Giảm 90% phiếu hẹn in giấy; người dân không phải giữ phiếu.",
        ),
    )
    d.submit(a, date(2025, 10, 10))
    d.score(a, "Lê Chân", date(2025, 11, 3), HIGH)
    d.recognise(a, date(2025, 11, 20), "61/QĐ-UBND", *lc_chairman)

    qr = d.draft(
        lc_hcc,
        "Lê Chân",
        date(2026, 3, 2),
        [(d.person(lc_hcc, "Công chức một cửa"), 60), (d.person(lc_hcc, "Phó Giám đốc"), 40)],
        year=2026,
        area=CchcArea.PROCEDURES,
        title="Tra cứu tiến độ hồ sơ thủ tục hành chính bằng mã QR trên phiếu hẹn",
        applied_since=date(2026, 1, 15),
        effect_scope=EffectScope.COMMUNE,
        **_text(
            "In mã QR trên phiếu hẹn; người dân quét mã để xem hồ sơ đang ở bước nào.",
            "Giảm 45% cuộc gọi hỏi tiến độ; 96% người được hỏi hài lòng.",
        ),
    )
    handbook = d.draft(
        lc_vp,
        "Lê Chân",
        date(2026, 3, 9),
        [(d.person(lc_vp, "Chuyên viên"), 100)],
        year=2026,
        area=CchcArea.DIGITAL,
        kind=InitiativeKind.MODEL,
        title="Sổ tay điện tử hướng dẫn thủ tục hành chính cho tổ dân phố",
        applied_since=date(2026, 2, 1),
        effect_scope=EffectScope.COMMUNE,
        **_text(
            "Sổ tay trên điện thoại cho tổ trưởng dân phố, cập nhật theo bộ thủ tục của phường.",
            "Hồ sơ phải bổ sung giảm từ 18% xuống 7%.",
        ),
    )
    calendar = d.draft(
        lc_vp,
        "Lê Chân",
        date(2026, 4, 6),
        [(d.person(lc_vp, "Phó Chánh Văn phòng"), 100)],
        year=2026,
        area=CchcArea.DIRECTION,
        title="Lịch tiếp công dân trực tuyến của lãnh đạo phường",
        applied_since=date(2026, 3, 1),
        effect_scope=EffectScope.UNIT,
        **_text(
            "Công khai lịch tiếp công dân trên trang thông tin điện tử của phường.",
            "Chưa đo được hiệu quả; số lượt đăng ký ít.",
        ),
    )
    d.evidence(
        qr,
        date(2026, 9, 30),
        "bao-cao-hieu-qua-ma-qr.txt",
        "Báo cáo hiệu quả áp dụng: 1.850 phiếu hẹn có mã QR từ 15/01/2026 đến 30/9/2026.",
    )
    for item in (qr, handbook, calendar):
        d.submit(item, date(2026, 10, 5))
    d.score(qr, "Lê Chân", date(2026, 11, 2), HIGH)
    d.score(handbook, "Lê Chân", date(2026, 11, 2), GOOD)
    d.score(calendar, "Lê Chân", date(2026, 11, 2), LOW)
    d.recognise(qr, date(2026, 11, 20), "45/QĐ-UBND", *lc_chairman)
    d.recognise(handbook, date(2026, 11, 20), "45/QĐ-UBND", *lc_chairman)
    d.refuse(calendar, date(2026, 11, 20))

    archive = d.draft(
        lc,
        "city",
        date(2027, 1, 11),
        [(d.person(lc_vp, "Chánh Văn phòng"), 50), (d.person(lc_hcc, "Giám đốc"), 50)],
        year=2027,
        area=CchcArea.DIGITAL,
        title="Số hóa sổ hộ tịch lưu trữ của phường, tra cứu trên hệ thống dùng chung",
        applied_since=date(2026, 9, 1),
        effect_scope=EffectScope.CITY,
        **_text(
            "Số hóa 12.000 trang sổ hộ tịch từ năm 1975, gắn chỉ mục theo họ tên và năm.",
            "Trích lục hộ tịch trả trong ngày thay vì 3 ngày.",
        ),
    )
    d.submit(archive, date(2027, 2, 1))
    d.score(archive, "city", date(2027, 3, 15), HIGH, members=2)
    d.draft(
        lc_vp,
        "Lê Chân",
        date(2027, 4, 2),
        [(None, None)],
        year=2027,
        area=CchcArea.PROCEDURES,
        title="Nhắc hẹn trả kết quả thủ tục hành chính qua tài khoản Zalo của phường",
        applied_since=date(2027, 3, 1),
        **_text("Tin nhắn nhắc hẹn trước một ngày qua tài khoản Zalo chính thức của phường.", ""),
    )

    # --- phường Lê Thanh Nghị: one at ward level, one at city level, one waiting.
    ltn_one = d.draft(
        ltn_hcc,
        "Lê Thanh Nghị",
        date(2026, 5, 4),
        [(d.person(ltn_hcc, "Công chức một cửa"), 100)],
        year=2026,
        area=CchcArea.PROCEDURES,
        title="Quầy hướng dẫn lưu động hỗ trợ người cao tuổi nộp hồ sơ trực tuyến",
        applied_since=date(2026, 2, 15),
        effect_scope=EffectScope.COMMUNE,
        **_text(
            "Tổ công tác hỗ trợ tại nhà văn hóa tổ dân phố vào sáng thứ Bảy.",
            "Tỷ lệ hồ sơ trực tuyến của người trên 60 tuổi tăng từ 12% lên 41%.",
        ),
    )
    d.submit(ltn_one, date(2026, 9, 28))
    d.score(ltn_one, "Lê Thanh Nghị", date(2026, 10, 20), GOOD)
    d.recognise(
        ltn_one, date(2026, 11, 25), "38/QĐ-UBND", "Nguyễn Hữu Phúc", "Chủ tịch UBND phường"
    )
    ltn_city = d.draft(
        ltn,
        "city",
        date(2026, 6, 1),
        [(None, None)],
        year=2026,
        area=CchcArea.DIRECTION,
        kind=InitiativeKind.MODEL,
        title="Mô hình “Chính quyền thân thiện, phục vụ Nhân dân” tại phường",
        applied_since=date(2026, 1, 1),
        effect_scope=EffectScope.CITY,
        **_text(
            "Bộ tiêu chí ứng xử, khảo sát hài lòng hằng tháng, công khai kết quả tại trụ sở.",
            "Chỉ số hài lòng tăng 9 điểm; được thành phố chọn nhân rộng.",
        ),
    )
    d.submit(ltn_city, date(2026, 9, 15))
    d.score(ltn_city, "city", date(2026, 11, 10), HIGH)
    d.recognise(ltn_city, date(2026, 12, 18), "3125/QĐ-UBND", *city_signer)
    ltn_wait = d.draft(
        ltn_hcc,
        "Lê Thanh Nghị",
        date(2027, 3, 1),
        [(d.person(ltn_hcc, "Giám đốc"), 70), (d.person(ltn_hcc, "Phó Giám đốc"), 30)],
        year=2027,
        area=CchcArea.PUBLIC_FINANCE,
        title="Thanh toán phí, lệ phí bằng mã QR tại Trung tâm Phục vụ hành chính công",
        applied_since=date(2026, 12, 1),
        effect_scope=EffectScope.COMMUNE,
        **_text(
            "Mã QR thanh toán in sẵn theo từng thủ tục có thu phí.",
            "82% khoản phí, lệ phí thu không dùng tiền mặt.",
        ),
    )
    d.submit(ltn_wait, date(2027, 4, 8))

    # --- Sở Nội vụ: two at city level.
    for day_made, title, area, submitted, scored, decided, number in [
        (
            date(2026, 4, 1),
            "Phần mềm theo dõi nhiệm vụ cải cách hành chính của các sở, ngành, địa phương",
            CchcArea.DIRECTION,
            date(2026, 9, 10),
            date(2026, 11, 10),
            date(2026, 12, 18),
            "3125/QĐ-UBND",
        ),
        (
            date(2026, 11, 2),
            "Bộ câu hỏi trắc nghiệm trực tuyến đánh giá năng lực công chức làm công tác CCHC",
            CchcArea.CIVIL_SERVICE,
            date(2027, 1, 8),
            date(2027, 2, 26),
            date(2027, 3, 25),
            "892/QĐ-UBND",
        ),
    ]:
        item = d.draft(
            snv_office,
            "city",
            day_made,
            [(d.person(snv_office, "Trưởng phòng"), 50), (d.person(snv_office, "Chuyên viên"), 50)],
            year=day_made.year,
            area=area,
            title=title,
            applied_since=day_made.replace(day=1),
            effect_scope=EffectScope.CITY,
            **_text(
                "Áp dụng cho các cơ quan, đơn vị, địa phương trên địa bàn thành phố.",
                "Rút ngắn thời gian tổng hợp báo cáo từ 10 ngày xuống 2 ngày.",
            ),
        )
        d.submit(item, submitted)
        d.score(item, "city", scored, GOOD)
        d.recognise(item, decided, number, *city_signer)

    # --- xã Khúc Thừa Dụ: one recognised, one under scoring (one sheet of three), one draft.
    ktd_one = d.draft(
        ktd_vp,
        "Khúc Thừa Dụ",
        date(2026, 5, 11),
        [(d.person(ktd_vp, "Chánh Văn phòng"), 100)],
        year=2026,
        area=CchcArea.ORGANISATION,
        title="Sắp xếp vị trí việc làm của công chức xã sau hợp nhất theo bản đồ công việc",
        applied_since=date(2025, 10, 1),
        effect_scope=EffectScope.COMMUNE,
        **_text(
            "Lập bản đồ công việc của từng bộ phận, giao việc theo vị trí việc làm.",
            "Không còn việc chồng chéo giữa các bộ phận.",
        ),
    )
    d.evidence(
        ktd_one,
        date(2026, 9, 25),
        "ban-do-cong-viec.txt",
        "Bản đồ công việc của 6 bộ phận thuộc UBND xã, áp dụng từ 01/10/2025.",
    )
    d.submit(ktd_one, date(2026, 10, 1))
    d.score(ktd_one, "Khúc Thừa Dụ", date(2026, 10, 22), GOOD)
    d.recognise(ktd_one, date(2026, 11, 27), "52/QĐ-UBND", "Nguyễn Tuấn Hải", "Chủ tịch UBND xã")
    ktd_two = d.draft(
        ktd_vp,
        "Khúc Thừa Dụ",
        date(2027, 2, 1),
        [(d.person(ktd_vp, "Chánh Văn phòng"), 100)],
        year=2027,
        area=CchcArea.DIGITAL,
        title="Bản đồ số các điểm hỗ trợ dịch vụ công trực tuyến tại thôn",
        applied_since=date(2026, 12, 1),
        effect_scope=EffectScope.COMMUNE,
        **_text(
            "Bản đồ trên trang thông tin của xã chỉ các điểm có người hỗ trợ nộp hồ sơ.",
            "Chưa có số liệu đầy đủ.",
        ),
    )
    d.submit(ktd_two, date(2027, 3, 20))
    d.score(ktd_two, "Khúc Thừa Dụ", date(2027, 4, 10), GOOD, members=1)
    d.draft(
        ktd,
        "Khúc Thừa Dụ",
        date(2027, 4, 12),
        [(None, None)],
        year=2027,
        area=CchcArea.INSTITUTIONS,
        title="Rà soát văn bản quy phạm pháp luật của xã theo danh mục dùng chung",
        applied_since=date(2027, 1, 1),
        **_text("Danh mục văn bản còn hiệu lực, hết hiệu lực cập nhật hằng quý.", ""),
    )

    # --- Two other units of the city: one recognised at city level, one refused.
    an_lao = d.level("An Lão")
    item = d.draft(
        an_lao,
        "city",
        date(2026, 5, 20),
        [(None, None)],
        year=2026,
        area=CchcArea.PROCEDURES,
        kind=InitiativeKind.MODEL,
        title="Mô hình “Bưu điện xã – điểm tiếp nhận hồ sơ thủ tục hành chính”",
        applied_since=date(2026, 1, 1),
        effect_scope=EffectScope.CITY,
        **_text(
            "Tiếp nhận và trả hồ sơ qua điểm bưu điện văn hóa xã.",
            "Người dân thôn xa không phải lên trụ sở xã; 1.200 hồ sơ trong 6 tháng.",
        ),
    )
    d.submit(item, date(2026, 9, 18))
    d.score(item, "city", date(2026, 11, 10), GOOD)
    d.recognise(item, date(2026, 12, 18), "3125/QĐ-UBND", *city_signer)
    hong_bang = d.level("Hồng Bàng")
    item = d.draft(
        hong_bang,
        "city",
        date(2026, 6, 8),
        [(None, None)],
        year=2026,
        area=CchcArea.CIVIL_SERVICE,
        title="Bảng chấm công điện tử cho công chức phường",
        applied_since=date(2026, 3, 1),
        effect_scope=EffectScope.UNIT,
        **_text("Chấm công bằng điện thoại tại trụ sở.", "Giảm thời gian tổng hợp chấm công."),
    )
    d.submit(item, date(2026, 9, 18))
    d.score(item, "city", date(2026, 11, 10), LOW)
    d.refuse(item, date(2026, 12, 18))

    # --- Phú Lương (Hà Đông, 2023): decisions of the district's council recorded by the ward.
    pl, pl_office = u["phu_luong"], u["phu_luong_office"]
    deputy = d.person(pl, "Phó Chủ tịch UBND phường")
    clerk = d.person(pl_office, "Công chức Văn phòng - Thống kê")
    for title, area, authors, recorded in [
        (
            "Quy trình tiếp nhận hồ sơ đất đai một lần tại bộ phận một cửa phường",
            CchcArea.PROCEDURES,
            [(deputy, 70), (clerk, 30)],
            True,
        ),
        (
            "Niêm yết thủ tục hành chính bằng mã QR tại trụ sở UBND phường",
            CchcArea.DIGITAL,
            [(deputy, 50), (d.person(pl_office, "Chánh Văn phòng"), 50)],
            True,
        ),
        (
            "Sổ theo dõi hồ sơ trễ hạn liên thông với các phòng chuyên môn quận",
            CchcArea.PROCEDURES,
            [(clerk, 100)],
            False,
        ),
    ]:
        if not d.happens(date(2023, 6, 12), ha_dong):
            continue
        with on(date(2023, 6, 12)):
            item = services.initiative_create(
                actor=SYSTEM,
                unit=pl,
                year=2023,
                area=area,
                title=title,
                council=ha_dong,
                applied_since=date(2023, 3, 1),
                effect_scope=EffectScope.DISTRICT,
                authors=[services.AuthorInput(person=p, share=Decimal(s)) for p, s in authors],
                **_text(
                    "Áp dụng tại bộ phận tiếp nhận và trả kết quả của phường.",
                    "Giảm thời gian chờ của người dân; không có hồ sơ trễ hạn trong quý.",
                ),
            )
        d.submit(item, date(2023, 9, 15))
        if recorded and d.happens(date(2023, 12, 20)):
            with on(date(2023, 12, 20)):
                services.initiative_record_decision(
                    actor=SYSTEM,
                    initiative=item,
                    council=ha_dong,
                    decided_on=date(2023, 12, 15),
                    number="6245/QĐ-UBND",
                    signer="Nguyễn Văn Hà",
                    signer_title="Chủ tịch UBND quận",
                )
