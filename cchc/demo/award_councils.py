"""Demo layer of the award councils: the emulation councils of phường Lê Chân, xã Khúc Thừa Dụ and the city, a
closed meeting of Lê Chân for its 2026 ward round (secret ballot: three officers passed for the ward's Giấy khen,
the centre's collective failed, of two officers proposed for a Bằng khen one lowered and one passed)
and a closed meeting of the city for its 2026 annual round (open ballot), both held before the demo day.

Runs after `cchc.demo.award_dossiers`: when that layer left no received nominations for a round, the dossiers are
created here with received nominations. Idempotent: nothing happens when Lê Chân's council exists.
"""

from __future__ import annotations

from datetime import date, time, timedelta
from pathlib import Path

from django.db.models import Q

from cchc.awards import services_councils as services
from cchc.awards.choices import (
    BallotKind,
    CouncilRole,
    DossierStatus,
    NominationStatus,
    Subject,
)
from cchc.awards.models import Council, Dossier, Nomination, Programme
from cchc.core.scope import SYSTEM
from cchc.demo.day import DEMO_DAY
from cchc.orgs.choices import LEVEL_KINDS
from cchc.orgs.models import Person, Unit

PROGRAMMES_DIR = Path(__file__).resolve().parent.parent / "awards" / "programmes"
# The councils of the 2026-2030 movement; their term's end is left open (no date after the demo day).
TERM_START = date(2026, 1, 1)
# Lê Chân's round: dossiers before 15/3, received by 16/3; the decision drafted 20/3, signed 25/3.
LC_MEETING = date(2027, 3, 18)
CITY_MEETING = date(2027, 4, 22)


def _ensure_rules(file_id: str, unit: Unit) -> None:
    """The level's rule file and programmes (the award rules layer normally loads them first)."""
    from cchc.awards.rule_files import save_rule_file

    if Programme.objects.filter(rule_file__file_id=file_id).exists():
        return
    path = PROGRAMMES_DIR / f"{file_id}.yaml"
    save_rule_file(path.read_text(encoding="utf-8"), unit=unit, actor=SYSTEM, source_path=path.name)


def _people(level: Unit, count: int, first: str = "") -> list[Person]:
    """Leaders of the level, then the head of each of its offices: the usual make-up of a council."""
    rows = Person.objects.filter(unit__path__startswith=level.path).select_related("unit")
    # The city's council: its leaders and its departments, not the wards' leaders.
    lower = [k for k in LEVEL_KINDS if k != level.kind]
    rows = rows.exclude(unit__kind__in=lower).exclude(
        ~Q(unit=level) & Q(unit__parent__kind__in=lower)
    )
    chosen: list[Person] = []
    per_unit: dict[int, int] = {}
    for p in sorted(rows.order_by("unit__order", "pk"), key=lambda p: p.full_name != first):
        limit = 2 if p.unit_id == level.pk else 1
        if per_unit.get(p.unit_id, 0) < limit:
            chosen.append(p)
            per_unit[p.unit_id] = per_unit.get(p.unit_id, 0) + 1
    return chosen[:count]


def _council(
    level: Unit,
    name: str,
    *,
    chair_user=None,
    secretary_user=None,
    member_user=None,
    size: int = 9,
    chair_name: str = "",
) -> Council:
    council = services.council_create(actor=SYSTEM, unit=level, name=name, term_start=TERM_START)
    people = _people(level, size + 2, chair_name)
    roles = [CouncilRole.CHAIR, CouncilRole.VICE_CHAIR, CouncilRole.SECRETARY]
    roles += [CouncilRole.MEMBER] * (size - len(roles))
    users = {CouncilRole.CHAIR: chair_user, CouncilRole.SECRETARY: secretary_user}
    used_names: set[str] = set()
    for i, role in enumerate(roles):
        user = users.get(role) if role in users else (member_user if i == 3 else None)
        if user is not None:
            name_ = user.get_full_name() or user.username
            position = (
                f"Chủ tịch UBND {level.name[0].lower()}{level.name[1:]}"
                if role == CouncilRole.CHAIR
                else "Phòng Văn hóa - Xã hội"
            )
        else:
            person = next(p for p in people if p.full_name not in used_names)
            name_, position = person.full_name, f"{person.position}, {person.unit.name}"
        used_names.add(name_)
        services.council_member_add(
            actor=SYSTEM, council=council, name=name_, position=position, role=role, user=user
        )
    return council


def _received(level: Unit, year: int) -> list[Nomination]:
    return list(
        Nomination.objects.filter(
            status=NominationStatus.RECEIVED,
            dossier__status=DossierStatus.RECEIVED,
            dossier__programme__unit=level,
            dossier__year=year,
        )
    )


def _dossier(programme: Programme, unit: Unit, year: int, received_on: date, nominees) -> None:
    number = (
        Dossier.objects.filter(programme=programme)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
        or 0
    ) + 1
    dossier = Dossier.objects.create(
        programme=programme,
        proposing_unit=unit,
        number=number,
        year=year,
        title=f"Hồ sơ đề nghị khen thưởng năm {year} của {unit.name}",
        status=DossierStatus.RECEIVED,
        paper=True,
        received_on=received_on,
    )
    for order, (subject, who, form) in enumerate(nominees):
        Nomination.objects.create(
            dossier=dossier,
            subject=subject,
            person=who if isinstance(who, Person) else None,
            unit=who if isinstance(who, Unit) else None,
            name=who.full_name if isinstance(who, Person) else who.name,
            form=form,
            status=NominationStatus.RECEIVED,
            order=order,
        )


def _lc_round(units: dict) -> dict[int, str]:
    """Lê Chân's 2026 ward round as its council decides it; returns each nominee's outcome (nomination pk →
    "passed" | "failed" | "lowered").

    The dossiers' layer has received the offices' collectives and one officer of Phòng Văn hóa - Xã hội for the
    persons' Giấy khen; here come the other offices' officers: two more for the Giấy khen, and two proposed for
    a Bằng khen of the city's chairman. The three officers pass for the Giấy khen (decision 45/QĐ-UBND confers
    them), the centre's collective fails, of the Bằng khen one is lowered to the ward's Giấy khen and the other
    passes (the decisions' layer proposes it to the city)."""
    lc = units["level:Lê Chân"]
    vp, hcc = units["office:Lê Chân:VP"], units["office:Lê Chân:TTPVHCC"]
    gk_person = Programme.objects.get(code="lc259_gk_hang_nam_ca_nhan")
    gk_unit = Programme.objects.get(code="lc259_gk_hang_nam_tap_the")
    tp_person = Programme.objects.get(code="lc259_tp_hang_nam_ca_nhan")
    gk, bk = "giay_khen_chu_tich_ubnd_phuong", "bang_khen_chu_tich_ubnd_tp"
    if not _received(lc, 2026):
        _dossier(gk_unit, hcc, 2026, date(2027, 3, 12), [(Subject.COLLECTIVE, hcc, gk)])
    # Nominees are not members of the council that votes on them, nor already nominated this year.
    seated = set(Council.objects.get(unit=lc).members.values_list("name", flat=True))
    taken = set(
        Nomination.objects.filter(dossier__programme__unit=lc, dossier__year=2026).values_list(
            "person_id", flat=True
        )
    )

    def free(unit: Unit) -> list[Person]:
        return [
            p
            for p in Person.objects.filter(unit=unit, is_active=True).order_by("pk")
            if p.full_name not in seated and p.pk not in taken
        ]

    vp_people, hcc_people = free(vp), free(hcc)
    if not Nomination.objects.filter(dossier__programme=tp_person, dossier__year=2026).exists():
        _dossier(
            gk_person,
            vp,
            2026,
            date(2027, 3, 13),
            [(Subject.PERSON, p, gk) for p in vp_people[:2]],
        )
        _dossier(
            tp_person,
            hcc,
            2026,
            date(2027, 3, 14),
            [(Subject.PERSON, p, bk) for p in hcc_people[:2]],
        )
    outcomes: dict[int, str] = {}
    for n in _received(lc, 2026):
        outcomes[n.pk] = "passed"
    # The centre's collective (received on paper) fails when another collective is in the round.
    collectives = Nomination.objects.filter(pk__in=outcomes, subject=Subject.COLLECTIVE)
    if collectives.count() > 1:
        for pk in collectives.filter(unit=hcc).values_list("pk", flat=True):
            outcomes[pk] = "failed"
    first_bk = (
        Nomination.objects.filter(pk__in=outcomes, dossier__programme=tp_person, form=bk)
        .order_by("pk")
        .first()
    )
    if first_bk is not None:
        outcomes[first_bk.pk] = "lowered"
    return outcomes


def _city_round(units: dict) -> None:
    city = units["city"]
    if _received(city, 2026):
        return
    ktd = units["level:Khúc Thừa Dụ"]
    collective = Programme.objects.get(code="hp2162_tp_hang_nam_tap_the")
    person = Programme.objects.get(code="hp2162_tp_hang_nam_ca_nhan")
    bk = "bang_khen_chu_tich_ubnd_tp"
    ktd_people = list(Person.objects.filter(unit__parent=ktd).order_by("pk"))
    _dossier(collective, ktd, 2026, date(2027, 3, 30), [(Subject.COLLECTIVE, ktd, bk)])
    _dossier(person, ktd, 2026, date(2027, 3, 30), [(Subject.PERSON, ktd_people[0], bk)])


def _ktd_round(units: dict, day: date) -> None:
    ktd = units["level:Khúc Thừa Dụ"]
    if _received(ktd, day.year):
        return
    hcc = units["office:Khúc Thừa Dụ:TTPVHCC"]
    seated = set(Council.objects.get(unit=ktd).members.values_list("name", flat=True))
    people = [
        p for p in Person.objects.filter(unit=hcc).order_by("pk") if p.full_name not in seated
    ]
    gk = "giay_khen_chu_tich_ubnd_xa"
    _dossier(
        Programme.objects.get(code="ktd_dot_xuat_ca_nhan"),
        hcc,
        day.year,
        day - timedelta(days=6),
        [(Subject.PERSON, p, gk) for p in people[:2]],
    )


def _tallies(meeting, voters: int, outcomes: dict[int, str]) -> None:
    """Secret ballot counts giving each nominee its outcome (passed when not named)."""
    for item in meeting.items.select_related("nomination").order_by("order"):
        outcome = outcomes.get(item.nomination_id, "passed")
        if outcome == "lowered":
            counts = dict(agree=3, disagree=1, lower=voters - 4)
        elif outcome == "failed":
            counts = dict(agree=3, disagree=voters - 3, lower=0)
        else:
            counts = dict(agree=voters - 1, disagree=1, lower=0)
        services.tally_record(
            actor=SYSTEM,
            item=item,
            counts=services.TallyInput(
                issued=voters, returned=voters, invalid=0, abstain=0, **counts
            ),
        )


def load(ctx: dict) -> None:
    """Councils, members and meetings of the demo (once)."""
    from django.contrib.auth import get_user_model

    units, day = ctx["units"], ctx.get("day") or DEMO_DAY
    lc, ktd, city = units["level:Lê Chân"], units["level:Khúc Thừa Dụ"], units["city"]
    if Council.objects.filter(unit=lc).exists():
        return
    users = {
        u.username: u
        for u in get_user_model().objects.filter(
            username__in=["lechan", "lechan.chutich", "lechan.hoidong", "khucthuadu", "snv"]
        )
    }
    _ensure_rules("lc-259-2026", lc)
    _ensure_rules("hp-2162-2026", city)

    # Phường Lê Chân: its council and, once held, its meeting for the 2026 ward round.
    lc_council = _council(
        lc,
        "Hội đồng Thi đua - Khen thưởng phường Lê Chân",
        chair_user=users.get("lechan.chutich"),
        secretary_user=users.get("lechan"),
        member_user=users.get("lechan.hoidong"),
    )
    if day >= LC_MEETING:
        _lc_meeting(units, lc_council)

    # The city: its 2026 annual round, open ballot, everyone present.
    city_council = _council(city, "Hội đồng Thi đua - Khen thưởng thành phố Hải Phòng", size=9)
    if day >= CITY_MEETING:
        _city_meeting(units, city_council)

    # Xã Khúc Thừa Dụ: its council, two ad-hoc nominations received and a meeting convened for the day.
    ktd_council = _council(
        ktd,
        "Hội đồng Thi đua - Khen thưởng xã Khúc Thừa Dụ",
        secretary_user=users.get("khucthuadu"),
        size=7,
    )
    _ensure_rules("ktd-2026", ktd)
    _ktd_round(units, day)
    services.meeting_create(
        actor=SYSTEM,
        council=ktd_council,
        held_on=day,
        starts_at=time(14, 0),
        title=f"Họp xét khen thưởng đột xuất trong công tác cải cách hành chính năm {day.year}",
        year=day.year,
        programme=Programme.objects.get(code="ktd_dot_xuat_ca_nhan"),
        ballot=BallotKind.SECRET,
        place="Hội trường UBND xã Khúc Thừa Dụ",
    )


def _lc_meeting(units: dict, lc_council: Council) -> None:
    """Phường Lê Chân's 2026 ward round: secret ballot, one member absent with a written opinion."""
    outcomes = _lc_round(units)
    meeting = services.meeting_create(
        actor=SYSTEM,
        council=lc_council,
        held_on=LC_MEETING,
        starts_at=time(14, 0),
        title="Họp xét khen thưởng phong trào thi đua cải cách hành chính năm 2026",
        year=2026,
        ballot=BallotKind.SECRET,
        place="Phòng họp tầng 2, UBND phường Lê Chân",
    )
    services.meeting_open(actor=SYSTEM, meeting=meeting)
    absent = meeting.attendance.order_by("-member__order")[0]
    services.attendance_set(
        actor=SYSTEM,
        meeting=meeting,
        rows=[
            services.AttendanceInput(
                member_id=absent.member_id,
                present=False,
                written_opinion="Đi công tác; đồng ý với danh sách đề nghị của Phòng Văn hóa - Xã hội.",
            )
        ],
    )
    _tallies(meeting, voters=meeting.attendance.count(), outcomes=outcomes)
    services.meeting_close(actor=SYSTEM, meeting=meeting, ends_at=time(16, 30))


def _city_meeting(units: dict, city_council: Council) -> None:
    """The city's 2026 annual round: open ballot, everyone present."""
    _city_round(units)
    meeting = services.meeting_create(
        actor=SYSTEM,
        council=city_council,
        held_on=CITY_MEETING,
        starts_at=time(8, 30),
        title="Họp xét khen thưởng hằng năm phong trào thi đua cải cách hành chính năm 2026",
        year=2026,
        ballot=BallotKind.OPEN,
        place="Phòng họp số 1, Sở Nội vụ",
    )
    services.meeting_open(actor=SYSTEM, meeting=meeting)
    members = [a.member_id for a in meeting.attendance.order_by("member__order")]
    votes = {
        item.pk: {
            m: ("agree" if k < len(members) - 1 else "disagree") for k, m in enumerate(members)
        }
        for item in meeting.items.all()
    }
    services.votes_record(actor=SYSTEM, meeting=meeting, votes=votes)
    services.meeting_close(actor=SYSTEM, meeting=meeting, ends_at=time(10, 0))
