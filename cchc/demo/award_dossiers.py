"""Demo nomination dossiers, taken through the real services step by step on their own days (none after the
demo's day, 26/11/2027), so every refusal is the one the checks at submission give:

- the city's annual round for 2026, the last published PAR year (2162/QĐ-UBND; dossiers to Sở Nội vụ before
  31/3/2027), complete on the demo day: phường Lê Chân's collective refused for its rank (10/45, not in the top
  5); phường Lê Thanh Nghị's first person accepted "cần kiểm tra" (standards checked by a person) and received,
  its second person refused by the quota of one person per unit; xã Khúc Thừa Dụ's paper dossier received on
  01/04/2027 refused as late; a person of phường Lê Chân received on paper in time;
- phường Lê Chân's own round (259/KH-UBND, Giấy khen of the ward chairman, before 15/3 each year): the 2026
  dossiers of its offices received; for 2027 (due before 15/3/2028, still open) a draft with the council's minutes
  attached and a dossier approved by the chairman, not yet submitted; xã Khúc Thừa Dụ likewise for 2027;
- phường Phú Lương 2023 (26/KH-UBND, before 03/10/2023, late dossiers not considered), complete: five collectives
  received, the sixth refused by the quota of five, a late dossier of a person (received 05/10/2023) refused.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Max
from django.test.utils import override_settings
from django.utils import timezone

from cchc.awards import services_dossiers as services
from cchc.awards.models import Dossier, DossierFile, Programme
from cchc.awards.rule_files import save_rule_file
from cchc.awards.rules.schema import PROGRAMMES_DIR
from cchc.core.models import AuditLog
from cchc.core.scope import SYSTEM
from cchc.demo.day import DEMO_DAY
from cchc.documents import kinds, word
from cchc.documents.spec import BulletList, Issuer, Paragraph, Participant
from cchc.orgs import services as org_services
from cchc.orgs.choices import LEVEL_KINDS, UnitKind
from cchc.orgs.models import Person, Unit

# Rule file → (unit kind, short name) of the unit that issued the plan, for a database without the rule layer.
ISSUERS = {
    "hp-2162-2026.yaml": (UnitKind.CITY, "Hải Phòng"),
    "lc-259-2026.yaml": (UnitKind.WARD, "Lê Chân"),
    "ktd-2026.yaml": (UnitKind.COMMUNE, "Khúc Thừa Dụ"),
    "ltn-2026.yaml": (UnitKind.WARD, "Lê Thanh Nghị"),
    "pl-26-2023.yaml": (UnitKind.WARD, "Phú Lương"),
}
# Offices of phường Phú Lương the 2023 plan names among "các đơn vị, bộ phận" beyond those of the city's demo.
PHU_LUONG_EXTRA = [
    ("Bộ phận Tiếp nhận và trả kết quả", "MC"),
    ("Bộ phận Địa chính – Xây dựng – Đô thị và Môi trường", "DCXD"),
]
STAMPED: list[tuple[Any, str]] = [
    (AuditLog, "at"),
    (Dossier, "created_at"),
    (DossierFile, "uploaded_at"),
]


def ensure_rule_files() -> None:
    """The seed rule files, when the rule layer has not saved them (idempotent)."""
    if Programme.objects.filter(code="hp2162_tp_hang_nam_tap_the").exists():
        return
    for name, (kind, short) in ISSUERS.items():
        unit = Unit.objects.filter(kind=kind, name__icontains=short).order_by("depth", "pk").first()
        if unit is None:
            continue
        text = (Path(PROGRAMMES_DIR) / name).read_text(encoding="utf-8")
        save_rule_file(text, unit=unit, actor=SYSTEM, source_path=name)


@contextmanager
def on(day: date) -> Iterator[None]:
    """Run the services as on `day`; the moments they stamp fall on that day."""
    before = {model: model.objects.aggregate(m=Max("pk"))["m"] or 0 for model, _ in STAMPED}
    with override_settings(CCHC_TODAY=day.strftime("%d/%m/%Y")):
        yield
    moment = timezone.make_aware(datetime.combine(day, time(9, 0)))
    for model, field in STAMPED:
        model.objects.filter(pk__gt=before[model]).update(**{field: moment})


class Demo:
    def __init__(self, day: date):
        self.day = day
        users = get_user_model().objects
        self.user = {
            u.username: u
            for u in users.filter(
                username__in=[
                    "lechan",
                    "lechan.chutich",
                    "lechan.vanphong",
                    "snv",
                    "khucthuadu",
                    "phuluong",
                ]
            )
        }

    def as_(self, username: str):
        return self.user.get(username, SYSTEM)

    @staticmethod
    def level(short: str) -> Unit:
        return Unit.objects.get(short_name=short, kind__in=LEVEL_KINDS)

    def office(self, short: str, code: str) -> Unit:
        return Unit.objects.get(code=f"{self.level(short).code}-{code}")

    @staticmethod
    def people(unit: Unit) -> list[Person]:
        return list(Person.objects.filter(unit=unit, is_active=True).order_by("pk"))

    def minutes(self, dossier: Dossier, day: date, actor) -> None:
        """The unit council's minutes, as the file a unit uploads (the council's own module comes later)."""
        unit = dossier.proposing_unit
        spec = kinds.minutes(
            issuer=Issuer(name=unit.name),
            title=f"Họp Hội đồng Thi đua - Khen thưởng xét đề nghị khen thưởng năm {dossier.year}",
            started_at=timezone.make_aware(datetime.combine(day, time(8, 30))),
            venue=f"Phòng họp {unit.name}",
            attendees=["Các thành viên Hội đồng Thi đua - Khen thưởng"],
            chair=Participant("Chủ tịch Hội đồng"),
            secretary=Participant("Thư ký Hội đồng"),
            content=[
                Paragraph("Hội đồng thống nhất đề nghị khen thưởng các tập thể, cá nhân sau:"),
                BulletList([n.name for n in dossier.nominations.all()]),
            ],
        )
        upload = SimpleUploadedFile(
            f"bien-ban-hoi-dong-ho-so-{dossier.number}.docx", word.render(spec)
        )
        services.dossier_attach(actor=actor, dossier=dossier, upload=upload)

    def open(
        self, code: str, unit: Unit, year: int, nominees: list, *, day: date, by: str, minutes=True
    ) -> Dossier | None:
        """A dossier opened on `day` with its nominees (and the council's minutes); None when that day comes
        after the demo's."""
        if day > self.day:
            return None
        actor = self.as_(by)
        with on(day):
            dossier = services.dossier_open(
                actor=actor,
                programme=Programme.objects.get(code=code),
                proposing_unit=unit,
                year=year,
            )
            for nominee in nominees:
                kw = {"person": nominee} if isinstance(nominee, Person) else {"unit": nominee}
                services.nomination_add(actor=actor, dossier=dossier, **kw)
            if minutes:
                self.minutes(dossier, day, actor)
        return dossier

    def sign_off(
        self, dossier: Dossier | None, *, asked: date, approved: date, by: str, leader: str
    ) -> None:
        if dossier is None or asked > self.day:
            return
        with on(asked):
            services.dossier_request_approval(actor=self.as_(by), dossier=dossier)
        if approved > self.day:
            return
        with on(approved):
            services.dossier_approve(actor=self.as_(leader), dossier=dossier)

    def submit(
        self, dossier: Dossier | None, day: date, by: str, *, received_on: date | None = None
    ) -> None:
        if dossier is None or day > self.day:
            return
        with on(day):
            services.dossier_submit(actor=self.as_(by), dossier=dossier, received_on=received_on)

    def receive(self, dossier: Dossier | None, day: date, by: str) -> None:
        if dossier is None or day > self.day:
            return
        dossier.refresh_from_db()
        if dossier.status != "submitted":
            return
        with on(day):
            services.dossier_receive(actor=self.as_(by), dossier=dossier)

    def paper(
        self, code: str, unit: Unit, year: int, nominees: list, *, received: date, by: str
    ) -> Dossier | None:
        if received > self.day:
            return None
        dossier = self.open(code, unit, year, nominees, day=received, by=by, minutes=False)
        self.submit(dossier, received, by, received_on=received)
        return dossier


def city_round(d: Demo) -> None:
    """2162/QĐ-UBND, awards of 2026 (dossiers before 31/3/2027), received by Sở Nội vụ."""
    lc, ltn, ktd = d.level("Lê Chân"), d.level("Lê Thanh Nghị"), d.level("Khúc Thừa Dụ")
    # Lê Chân: its collective, 10th of 45 wards in 2026 — refused for its rank.
    a = d.open("hp2162_tp_hang_nam_tap_the", lc, 2026, [lc], day=date(2027, 3, 10), by="lechan")
    d.sign_off(
        a, asked=date(2027, 3, 12), approved=date(2027, 3, 13), by="lechan", leader="lechan.chutich"
    )
    d.submit(a, date(2027, 3, 16), "lechan")
    # Lê Thanh Nghị: a first person accepted to check, a second refused by the quota of one per unit.
    first, second = d.people(d.office("Lê Thanh Nghị", "VHXH"))[:2]
    b = d.open(
        "hp2162_tp_hang_nam_ca_nhan", ltn, 2026, [first], day=date(2027, 3, 15), by="lethanhnghi"
    )
    d.sign_off(b, asked=date(2027, 3, 17), approved=date(2027, 3, 18), by="lethanhnghi", leader="")
    d.submit(b, date(2027, 3, 20), "lethanhnghi")
    c = d.open(
        "hp2162_tp_hang_nam_ca_nhan", ltn, 2026, [second], day=date(2027, 3, 22), by="lethanhnghi"
    )
    d.sign_off(c, asked=date(2027, 3, 23), approved=date(2027, 3, 24), by="lethanhnghi", leader="")
    d.submit(c, date(2027, 3, 25), "lethanhnghi")
    # Lê Chân: a person, on paper, in time.
    p = d.paper(
        "hp2162_tp_hang_nam_ca_nhan",
        lc,
        2026,
        [d.people(d.office("Lê Chân", "VHXH"))[0]],
        received=date(2027, 3, 29),
        by="snv",
    )
    # Khúc Thừa Dụ: a paper dossier received on 01/04/2027 — late (before 31/3).
    d.paper("hp2162_tp_hang_nam_tap_the", ktd, 2026, [ktd], received=date(2027, 4, 1), by="snv")
    for dossier in (b, p):
        if dossier is not None:
            d.receive(dossier, date(2027, 4, 2), "snv")


def ward_rounds(d: Demo) -> None:
    """259/KH-UBND (Lê Chân) and xã Khúc Thừa Dụ's plan: Giấy khen of the chairman of the level."""
    vp, hcc, vhxh = (d.office("Lê Chân", k) for k in ("VP", "TTPVHCC", "VHXH"))
    a = d.open(
        "lc259_gk_hang_nam_tap_the", vp, 2026, [vp], day=date(2027, 2, 26), by="lechan.vanphong"
    )
    d.sign_off(
        a,
        asked=date(2027, 3, 1),
        approved=date(2027, 3, 3),
        by="lechan.vanphong",
        leader="lechan.chutich",
    )
    d.submit(a, date(2027, 3, 5), "lechan.vanphong")
    b = d.paper(
        "lc259_gk_hang_nam_tap_the", hcc, 2026, [hcc], received=date(2027, 3, 12), by="lechan"
    )
    c = d.open(
        "lc259_gk_hang_nam_ca_nhan",
        vhxh,
        2026,
        [d.people(vhxh)[1]],
        day=date(2027, 3, 2),
        by="lechan",
    )
    d.sign_off(
        c, asked=date(2027, 3, 4), approved=date(2027, 3, 6), by="lechan", leader="lechan.chutich"
    )
    d.submit(c, date(2027, 3, 8), "lechan")
    for dossier in (a, b, c):
        if dossier is not None:
            d.receive(dossier, date(2027, 3, 16), "lechan")
    # 2027: due before 15/3/2028 — a draft with its minutes, and one approved, not yet submitted.
    if d.day >= date(2027, 11, 20):
        d.open(
            "lc259_gk_hang_nam_tap_the",
            vp,
            2027,
            [vp],
            day=date(2027, 11, 20),
            by="lechan.vanphong",
        )
        e = d.open(
            "lc259_gk_hang_nam_tap_the", hcc, 2027, [hcc], day=date(2027, 11, 20), by="lechan"
        )
        d.sign_off(
            e,
            asked=date(2027, 11, 23),
            approved=date(2027, 11, 24),
            by="lechan",
            leader="lechan.chutich",
        )
        kvp, khcc = d.office("Khúc Thừa Dụ", "VP"), d.office("Khúc Thừa Dụ", "TTPVHCC")
        d.open("ktd_gk_hang_nam_tap_the", kvp, 2027, [kvp], day=date(2027, 11, 21), by="khucthuadu")
        f = d.open(
            "ktd_gk_hang_nam_tap_the", khcc, 2027, [khcc], day=date(2027, 11, 21), by="khucthuadu"
        )
        d.sign_off(
            f, asked=date(2027, 11, 22), approved=date(2027, 11, 25), by="khucthuadu", leader=""
        )


def phu_luong(d: Demo) -> None:
    """26/KH-UBND (Phú Lương, 2023): before 03/10/2023; at most 5 collectives; late dossiers not considered."""
    ward = d.level("Phú Lương")
    for name, short in PHU_LUONG_EXTRA:
        if not Unit.objects.filter(code=f"HN-HD-PL-{short}").exists():
            org_services.unit_create(
                actor=SYSTEM,
                name=name,
                kind=UnitKind.OFFICE,
                parent=ward,
                code=f"HN-HD-PL-{short}",
                audit_it=False,
            )
    offices = list(Unit.objects.filter(parent=ward, kind=UnitKind.OFFICE).order_by("code"))
    five, sixth = offices[:5], offices[5:6]
    a = d.open("pl26_gk_phuong_tap_the", ward, 2023, five, day=date(2023, 9, 20), by="phuluong")
    d.sign_off(a, asked=date(2023, 9, 21), approved=date(2023, 9, 22), by="phuluong", leader="")
    d.submit(a, date(2023, 9, 25), "phuluong")
    if sixth:
        b = d.open(
            "pl26_gk_phuong_tap_the", ward, 2023, sixth, day=date(2023, 9, 26), by="phuluong"
        )
        d.sign_off(b, asked=date(2023, 9, 27), approved=date(2023, 9, 28), by="phuluong", leader="")
        d.submit(b, date(2023, 9, 29), "phuluong")
    late = (
        Person.objects.filter(unit__parent=ward, unit__kind=UnitKind.OFFICE, is_active=True)
        .order_by("pk")
        .first()
    )
    if late is not None:
        d.paper(
            "pl26_gk_phuong_ca_nhan", ward, 2023, [late], received=date(2023, 10, 5), by="phuluong"
        )
    d.receive(a, date(2023, 10, 3), "phuluong")


def load(ctx: dict) -> None:
    """Create the demo dossiers (once: nothing when dossiers exist already)."""
    if Dossier.objects.exists():
        return
    ensure_rule_files()
    d = Demo(ctx.get("day") or DEMO_DAY)
    phu_luong(d)
    city_round(d)
    ward_rounds(d)
