"""Writes of award councils and their meetings: members, convening, attendance, votes and ballot counts, and the
close that sets each nomination's status from the council's vote (one transaction, audited).

The vote rules are data (`cchc.awards.rules.voting`): the council keeps its rules, the meeting copies them when it
opens so that a later change of the council does not change a past result.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q

from cchc.awards import policies_councils as policies
from cchc.awards import selectors_councils as selectors
from cchc.awards.choices import (
    BallotKind,
    CouncilRole,
    MeetingStatus,
    NominationStatus,
    VoteChoice,
)
from cchc.awards.models import (
    Attendance,
    Council,
    CouncilMember,
    Meeting,
    MeetingItem,
    Programme,
    Tally,
    Vote,
)
from cchc.awards.rules import voting
from cchc.awards.workflows_councils import MEETING_FLOW
from cchc.core import audit
from cchc.core.errors import DomainError, PermissionDenied
from cchc.orgs.models import Unit

COUNCIL_FIELDS = ["name", "term_start", "term_end", "rules"]
OUTCOME_STATUS = {
    voting.PASSED: NominationStatus.PASSED,
    voting.LOWERED: NominationStatus.LOWERED,
    voting.FAILED: NominationStatus.FAILED,
}


def _check_rules(rules: dict[str, Any] | None) -> dict[str, Any]:
    try:
        voting.merged_rules(rules or {})
    except voting.RuleError as exc:
        raise DomainError(str(exc), field="rules") from None
    return rules or {}


def _check_term(term_start: dt.date, term_end: dt.date | None) -> None:
    if term_end and term_end < term_start:
        raise DomainError(
            f"Nhiệm kỳ kết thúc ({term_end:%d/%m/%Y}) trước ngày bắt đầu ({term_start:%d/%m/%Y}).",
            field="term_end",
        )


@transaction.atomic
def council_create(
    *,
    actor: Any,
    unit: Unit,
    name: str,
    term_start: dt.date,
    term_end: dt.date | None = None,
    rules: dict[str, Any] | None = None,
) -> Council:
    """Set up the emulation council of a level (Luật Thi đua, khen thưởng 2022, Điều 90)."""
    if not policies.can_create_council(actor, unit):
        raise PermissionDenied("Chỉ cơ quan thường trực của cấp này mới thành lập Hội đồng.")
    _check_term(term_start, term_end)
    overlapping = Council.objects.filter(unit=unit).filter(
        Q(term_end__isnull=True) | Q(term_end__gte=term_start)
    )
    if term_end is not None:
        overlapping = overlapping.filter(term_start__lte=term_end)
    if overlapping.exists():
        raise DomainError(
            f"{unit.name} đã có Hội đồng Thi đua - Khen thưởng trong nhiệm kỳ này.",
            field="term_start",
        )
    council = Council(
        unit=unit,
        name=name.strip(),
        term_start=term_start,
        term_end=term_end,
        rules=_check_rules(rules),
    )
    council.full_clean()
    council.save()
    audit.record(
        actor=actor,
        action="award_council.create",
        obj=council,
        after=audit.snapshot(council),
        unit_path=unit.path,
    )
    return council


@transaction.atomic
def council_update(
    *,
    actor: Any,
    council: Council,
    name: str,
    term_start: dt.date,
    term_end: dt.date | None,
    rules: dict[str, Any] | None,
) -> Council:
    """Change a council's name, term or vote rules (past meetings keep the rules they applied)."""
    if not policies.can_manage_council(actor, council):
        raise PermissionDenied("Chỉ cơ quan thường trực của cấp này mới sửa Hội đồng.")
    _check_term(term_start, term_end)
    with audit.tracked(
        actor=actor,
        action="award_council.update",
        obj=council,
        fields=COUNCIL_FIELDS,
        unit_path=council.unit.path,
    ):
        council.name = name.strip()
        council.term_start = term_start
        council.term_end = term_end
        council.rules = _check_rules(rules)
        council.full_clean()
        council.save()
    return council


@transaction.atomic
def council_member_add(
    *,
    actor: Any,
    council: Council,
    name: str,
    role: str,
    position: str = "",
    user: Any = None,
    order: int | None = None,
) -> CouncilMember:
    """Add a member (a person by name, optionally a user of the system) with a role; one chair per council."""
    if not policies.can_manage_council(actor, council):
        raise PermissionDenied("Chỉ cơ quan thường trực của cấp này mới sửa thành phần Hội đồng.")
    name = " ".join(name.split())
    if not name:
        raise DomainError("Họ và tên thành viên không được để trống.", field="name")
    if role not in CouncilRole.values:
        raise DomainError(f"Vai trò “{role}” không hợp lệ.", field="role")
    active = council.members.filter(active=True)
    if role == CouncilRole.CHAIR and active.filter(role=CouncilRole.CHAIR).exists():
        raise DomainError("Hội đồng đã có Chủ tịch Hội đồng.", field="role")
    if user is not None and active.filter(user=user).exists():
        raise DomainError(f"Tài khoản {user.username} đã là thành viên Hội đồng.", field="user")
    if active.filter(name__iexact=name, user__isnull=True).exists() and user is None:
        raise DomainError(f"{name} đã là thành viên Hội đồng.", field="name")
    if order is None:
        order = (max((m.order for m in council.members.all()), default=0)) + 1
    member = CouncilMember(
        council=council, name=name, role=role, position=position.strip(), user=user, order=order
    )
    member.full_clean()
    member.save()
    audit.record(
        actor=actor,
        action="award_council.member_add",
        obj=council,
        after={"member": str(member), "position": member.position},
        unit_path=council.unit.path,
    )
    return member


@transaction.atomic
def council_member_remove(*, actor: Any, member: CouncilMember) -> CouncilMember:
    """A member leaves the council; past attendance and votes keep naming them."""
    council = member.council
    if not policies.can_manage_council(actor, council):
        raise PermissionDenied("Chỉ cơ quan thường trực của cấp này mới sửa thành phần Hội đồng.")
    if council.meetings.filter(status=MeetingStatus.OPEN, attendance__member=member).exists():
        raise DomainError(f"{member.name} đang dự một phiên họp chưa kết thúc.")
    member.active = False
    member.save(update_fields=["active"])
    audit.record(
        actor=actor,
        action="award_council.member_remove",
        obj=council,
        before={"member": str(member)},
        unit_path=council.unit.path,
    )
    return member


# --- Meetings ----------------------------------------------------------------------------------------------------


@transaction.atomic
def meeting_create(
    *,
    actor: Any,
    council: Council,
    held_on: dt.date,
    title: str,
    year: int,
    programme: Programme | None = None,
    ballot: str = BallotKind.SECRET,
    place: str = "",
    starts_at: dt.time | None = None,
) -> Meeting:
    """Convene a meeting of the council for a round (a year, and a programme of the level or all of them)."""
    if not policies.can_manage_council(actor, council):
        raise PermissionDenied("Chỉ cơ quan thường trực của cấp này mới triệu tập phiên họp.")
    if programme is not None and programme.unit_id != council.unit_id:
        raise DomainError(
            f"Chương trình “{programme.name}” không do {council.unit.name} tổ chức xét.",
            field="programme",
        )
    if ballot not in BallotKind.values:
        raise DomainError("Hình thức biểu quyết không hợp lệ.", field="ballot")
    if not council.members.filter(active=True).exists():
        raise DomainError("Hội đồng chưa có thành viên: thêm thành viên trước khi triệu tập.")
    meeting = Meeting(
        council=council,
        unit=council.unit,
        held_on=held_on,
        title=title.strip(),
        year=year,
        programme=programme,
        ballot=ballot,
        place=place.strip(),
        starts_at=starts_at,
    )
    meeting.full_clean()
    meeting.save()
    audit.record(
        actor=actor,
        action="award_meeting.create",
        obj=meeting,
        after=audit.snapshot(meeting),
        unit_path=council.unit.path,
    )
    return meeting


@transaction.atomic
def meeting_open(*, actor: Any, meeting: Meeting) -> Meeting:
    """Open the meeting: copy the council's rules, list every active member for attendance (present by default)
    and the round's received nominations as its items."""
    MEETING_FLOW.check("open", actor=actor, obj=meeting)
    council = meeting.council
    nominations = list(
        selectors.round_nominations(
            council=council, year=meeting.year or meeting.held_on.year, programme=meeting.programme
        ).exclude(meeting_items__meeting__status__in=[MeetingStatus.OPEN, MeetingStatus.CLOSED])
    )
    if not nominations:
        raise DomainError(
            "Chưa có đề nghị nào đã tiếp nhận cho đợt xét này: không thể khai mạc phiên họp."
        )
    rules = voting.merged_rules(council.rules)
    for member in council.members.filter(active=True):
        Attendance.objects.get_or_create(meeting=meeting, member=member, defaults={"present": True})
    for i, nomination in enumerate(nominations, start=1):
        MeetingItem.objects.get_or_create(
            meeting=meeting, nomination=nomination, defaults={"order": i}
        )
    return MEETING_FLOW.apply(
        "open", actor=actor, obj=meeting, changes={"rules": rules}, unit_path=council.unit.path
    )


@dataclass(frozen=True)
class AttendanceInput:
    member_id: int
    present: bool
    written_opinion: str = ""


def _check_open(actor: Any, meeting: Meeting) -> None:
    if not policies.can_record(actor, meeting):
        raise PermissionDenied("Chỉ thư ký Hội đồng hoặc cơ quan thường trực mới ghi phiên họp.")
    if meeting.status != MeetingStatus.OPEN:
        raise DomainError(f"Phiên họp đang ở trạng thái “{meeting.get_status_display()}”.")


@transaction.atomic
def attendance_set(*, actor: Any, meeting: Meeting, rows: list[AttendanceInput]) -> Meeting:
    """Record who is present; an absent member may send a written opinion (ND 98/2023, Điều 30 khoản 7)."""
    _check_open(actor, meeting)
    by_member = {a.member_id: a for a in meeting.attendance.select_related("member")}
    before = {a.member.name: (a.present, a.written_opinion) for a in by_member.values()}
    for row in rows:
        att = by_member.get(row.member_id)
        if att is None:
            raise DomainError("Thành viên không thuộc danh sách điểm danh của phiên họp.")
        opinion = row.written_opinion.strip()
        if row.present and opinion:
            raise DomainError(
                f"{att.member.name} có mặt: không ghi ý kiến bằng văn bản.", field="attendance"
            )
        att.present = row.present
        att.written_opinion = opinion
        att.save(update_fields=["present", "written_opinion"])
    # Votes of members no longer taking part are dropped (an absent member votes only in writing).
    taking_part = {
        a.member_id for a in by_member.values() if a.present or a.written_opinion.strip()
    }
    Vote.objects.filter(item__meeting=meeting).exclude(member_id__in=taking_part).delete()
    audit.record(
        actor=actor,
        action="award_meeting.attendance",
        obj=meeting,
        before={"attendance": before},
        after={
            "attendance": {
                a.member.name: (a.present, a.written_opinion) for a in by_member.values()
            }
        },
        unit_path=meeting.unit.path,
    )
    return meeting


def _check_quorum(meeting: Meeting) -> None:
    members, present, written = selectors.meeting_figures(meeting=meeting)
    result = voting.quorum(
        selectors.meeting_rules(meeting=meeting),
        members=members,
        present=present,
        written=written,
        awards=True,
    )
    if not result.reached:
        raise DomainError(result.message, field="attendance")


@transaction.atomic
def votes_record(
    *, actor: Any, meeting: Meeting, votes: dict[int, dict[int, str]]
) -> list[MeetingItem]:
    """Record an open ballot: each member's choice per nominee ({item id: {member id: choice}}), and the tally
    each item's choices make. A member with a conflict of interest chooses "abstain" and it is recorded."""
    _check_open(actor, meeting)
    if meeting.ballot != BallotKind.OPEN:
        raise DomainError(
            "Phiên họp bỏ phiếu kín: chỉ ghi kết quả kiểm phiếu, không ghi phiếu của từng người."
        )
    _check_quorum(meeting)
    rules = selectors.meeting_rules(meeting=meeting)
    written_counts = bool(rules.get("written_opinions", {}).get("count_as_votes"))
    attendance = {a.member_id: a for a in meeting.attendance.select_related("member")}
    items = {i.pk: i for i in meeting.items.select_related("nomination")}
    changed = []
    for item_id, choices in votes.items():
        item = items.get(item_id)
        if item is None:
            raise DomainError("Đề nghị không thuộc phiên họp này.")
        for member_id, choice in choices.items():
            att = attendance.get(member_id)
            if att is None:
                raise DomainError("Thành viên không thuộc Hội đồng của phiên họp.")
            if choice and choice not in VoteChoice.values:
                raise DomainError(f"Lựa chọn “{choice}” không hợp lệ ({att.member.name}).")
            if choice and not att.present and not (written_counts and att.written_opinion.strip()):
                raise DomainError(
                    f"{att.member.name} vắng mặt"
                    + (
                        " và không có ý kiến bằng văn bản"
                        if written_counts
                        else "; theo quy chế, ý kiến bằng văn bản không được tính là phiếu"
                    )
                    + f": không ghi phiếu cho “{item.nomination.name}”.",
                    field="votes",
                )
            if choice:
                Vote.objects.update_or_create(
                    item=item, member_id=member_id, defaults={"choice": choice}
                )
            else:
                Vote.objects.filter(item=item, member_id=member_id).delete()
        _tally_from_votes(item)
        changed.append(item)
    audit.record(
        actor=actor,
        action="award_meeting.votes",
        obj=meeting,
        after={
            "votes": {
                items[i].nomination.name: {attendance[m].member.name: c for m, c in ch.items()}
                for i, ch in votes.items()
            }
        },
        unit_path=meeting.unit.path,
    )
    return changed


def _tally_from_votes(item: MeetingItem) -> Tally:
    counts = {c: 0 for c in VoteChoice.values}
    for v in item.votes.all():
        counts[v.choice] += 1
    cast = sum(counts.values())
    valid = counts["agree"] + counts["disagree"] + counts["lower"]
    tally, _ = Tally.objects.update_or_create(
        item=item,
        defaults={
            "issued": cast,
            "returned": cast,
            "valid": valid,
            "invalid": 0,
            "agree": counts["agree"],
            "disagree": counts["disagree"],
            "lower": counts["lower"],
            "abstain": counts["abstain"],
        },
    )
    return tally


@dataclass(frozen=True)
class TallyInput:
    issued: int
    returned: int
    invalid: int
    agree: int
    disagree: int
    lower: int
    abstain: int = 0


@transaction.atomic
def tally_record(*, actor: Any, item: MeetingItem, counts: TallyInput) -> Tally:
    """Record the count of a secret ballot for one nominee: only the figures, never a member's choice."""
    meeting = item.meeting
    _check_open(actor, meeting)
    if meeting.ballot != BallotKind.SECRET:
        raise DomainError("Phiên họp biểu quyết công khai: ghi phiếu của từng thành viên.")
    _check_quorum(meeting)
    members, present, written = selectors.meeting_figures(meeting=meeting)
    name = item.nomination.name
    voters = present + written
    c = counts
    if min(c.issued, c.returned, c.invalid, c.agree, c.disagree, c.lower, c.abstain) < 0:
        raise DomainError(f"{name}: số phiếu không được âm.", field="tally")
    if c.issued > voters:
        raise DomainError(
            f"{name}: phát ra {c.issued} phiếu nhưng chỉ có {voters} thành viên có mặt hoặc có ý kiến "
            "bằng văn bản.",
            field="tally",
        )
    if c.returned > c.issued:
        raise DomainError(
            f"{name}: thu về {c.returned} phiếu, nhiều hơn {c.issued} phiếu phát ra.", field="tally"
        )
    valid = c.returned - c.invalid
    if valid < 0:
        raise DomainError(
            f"{name}: số phiếu không hợp lệ ({c.invalid}) lớn hơn số phiếu thu về.", field="tally"
        )
    if c.agree + c.disagree + c.lower != valid:
        raise DomainError(
            f"{name}: đồng ý {c.agree} + không đồng ý {c.disagree} + đề nghị hình thức thấp hơn {c.lower} "
            f"= {c.agree + c.disagree + c.lower}, khác {valid} phiếu hợp lệ.",
            field="tally",
        )
    if c.abstain + c.issued > voters:
        raise DomainError(
            f"{name}: {c.abstain} thành viên không biểu quyết và {c.issued} phiếu phát ra vượt quá "
            f"{voters} thành viên tham gia.",
            field="tally",
        )
    tally, _ = Tally.objects.update_or_create(
        item=item,
        defaults={
            "issued": c.issued,
            "returned": c.returned,
            "valid": valid,
            "invalid": c.invalid,
            "agree": c.agree,
            "disagree": c.disagree,
            "lower": c.lower,
            "abstain": c.abstain,
        },
    )
    audit.record(
        actor=actor,
        action="award_meeting.tally",
        obj=meeting,
        after={
            "nomination": name,
            **audit.snapshot(
                tally,
                ["issued", "returned", "valid", "invalid", "agree", "disagree", "lower", "abstain"],
            ),
        },
        unit_path=meeting.unit.path,
    )
    return tally


@transaction.atomic
def meeting_close(
    *, actor: Any, meeting: Meeting, ends_at: dt.time | None = None, generate_files: bool = True
) -> Meeting:
    """Close the meeting: each nominee's outcome from its count and the rules (passed, lowered, failed) is written
    to the item and to the nomination, the two records are generated and attached to the dossiers."""
    MEETING_FLOW.check("close", actor=actor, obj=meeting)
    _check_quorum(meeting)
    for result in selectors.meeting_results(meeting=meeting):
        item = result.item
        item.outcome = OUTCOME_STATUS[result.outcome.outcome]
        item.result_form = result.outcome.result_form
        item.explanation = result.outcome.message
        item.save(update_fields=["outcome", "result_form", "explanation"])
        nomination = item.nomination
        with audit.tracked(
            actor=actor,
            action="award_meeting.result",
            obj=nomination,
            fields=["status", "result_form"],
            unit_path=meeting.unit.path,
            note=result.outcome.message,
        ):
            nomination.status = item.outcome
            nomination.result_form = item.result_form
            nomination.save(update_fields=["status", "result_form"])
    meeting = MEETING_FLOW.apply(
        "close",
        actor=actor,
        obj=meeting,
        changes={"ends_at": ends_at or meeting.ends_at},
        unit_path=meeting.unit.path,
    )
    if generate_files:
        from cchc.awards import files_councils

        files_councils.records_generate(actor=actor, meeting=meeting)
    return meeting
