"""Reads of award councils, meetings and results, scoped to the actor (404 outside the scope)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from cchc.awards.choices import DossierStatus, NominationStatus, VoteChoice
from cchc.awards.models import (
    Attendance,
    Council,
    CouncilMember,
    Meeting,
    MeetingItem,
    Nomination,
    Programme,
)
from cchc.awards.rules import voting
from cchc.awards.rules.catalogue import catalogue
from cchc.core.text import fold
from cchc.orgs.models import Person


def council_list(*, actor: Any, q: str = "") -> QuerySet:
    """Councils the actor may see, with their level and the number of active members."""
    qs = (
        Council.objects.visible_to(actor)
        .select_related("unit")
        .annotate(member_count=Count("members", filter=Q(members__active=True)))
    )
    if q:
        words = fold(q)
        qs = qs.filter(Q(name__icontains=q) | Q(unit__name__icontains=q) | Q(name__icontains=words))
    return qs


def council_get(*, actor: Any, pk: Any) -> Council:
    """One council the actor may see; else 404."""
    council = Council.objects.visible_to(actor).select_related("unit").filter(pk=pk).first()
    if council is None:
        raise Http404("Không tìm thấy Hội đồng.")
    return council


def council_members(*, council: Council, active_only: bool = True) -> list[CouncilMember]:
    qs = council.members.select_related("user")
    return list(qs.filter(active=True) if active_only else qs)


def member_candidates(*, council: Council) -> tuple[list[Person], list[Any]]:
    """People of the council's level (and its offices) and the users with a grant there, for the member form."""
    from django.contrib.auth import get_user_model

    from cchc.accounts.models import Grant

    people = (
        Person.objects.filter(unit__path__startswith=council.unit.path)
        .select_related("unit")
        .order_by("full_name")
    )
    users = get_user_model().objects.filter(
        is_active=True,
        pk__in=Grant.objects.filter(unit__path__startswith=council.unit.path).values("user_id"),
    )
    return list(people), list(users.order_by("username"))


def council_meetings(*, actor: Any, council: Council) -> QuerySet:
    return (
        Meeting.objects.visible_to(actor)
        .filter(council=council)
        .select_related("programme", "minutes", "tally_record")
    )


def meeting_get(*, actor: Any, pk: Any) -> Meeting:
    """One meeting the actor may see, with its council; else 404."""
    meeting = (
        Meeting.objects.visible_to(actor)
        .select_related("council__unit", "unit", "programme", "minutes", "tally_record")
        .filter(pk=pk)
        .first()
    )
    if meeting is None:
        raise Http404("Không tìm thấy phiên họp.")
    return meeting


def meeting_attendance(*, meeting: Meeting) -> list[Attendance]:
    return list(meeting.attendance.select_related("member").order_by("member__order", "member_id"))


def meeting_items(*, meeting: Meeting) -> list[MeetingItem]:
    """The nominees of a meeting with their dossier, tally and (open ballot) votes."""
    return list(
        meeting.items.select_related("nomination__dossier__proposing_unit", "tally")
        .prefetch_related("votes")
        .order_by("order", "id")
    )


def programme_choices(*, council: Council) -> list[Programme]:
    """The programmes a meeting of the council may consider: those organised at the council's level."""
    return list(Programme.objects.filter(unit=council.unit, is_active=True).order_by("order", "id"))


def round_nominations(*, council: Council, year: int, programme: Programme | None) -> QuerySet:
    """Received nominations of a round at the council's level: dossiers received by the level for the year (and
    the programme, when the meeting names one), not yet considered at another meeting."""
    qs = Nomination.objects.filter(
        status=NominationStatus.RECEIVED,
        dossier__status=DossierStatus.RECEIVED,
        dossier__programme__unit=council.unit,
        dossier__year=year,
    )
    if programme is not None:
        qs = qs.filter(dossier__programme=programme)
    return qs.select_related("dossier__proposing_unit").order_by("dossier__number", "order", "id")


def form_names() -> dict[str, str]:
    """Vietnamese names of the titles and award forms, by code."""
    return catalogue().names()


def form_name(code: str) -> str:
    return form_names().get(code, code) if code else ""


@dataclass(frozen=True)
class ItemResult:
    """One nominee's votes and the outcome the rules give (before or after the meeting closes)."""

    item: MeetingItem
    agree: int
    disagree: int
    lower: int
    abstain: int
    members: int
    present: int
    outcome: voting.Outcome

    @property
    def threshold_text(self) -> str:
        t = self.outcome.threshold
        return f"{t.wording} (cần {t.needed}/{t.denominator})"


def meeting_figures(*, meeting: Meeting) -> tuple[int, int, int]:
    """(members, present, written opinions counted as votes) from the meeting's attendance."""
    rows = list(meeting.attendance.all())
    rules = meeting_rules(meeting=meeting)
    counted = bool(rules.get("written_opinions", {}).get("count_as_votes"))
    written = sum(1 for a in rows if not a.present and a.written_opinion.strip()) if counted else 0
    return len(rows), sum(1 for a in rows if a.present), written


def council_rule_lines(*, council: Council) -> list[str]:
    """The council's quorum and thresholds as Vietnamese sentences."""
    return voting.describe(voting.merged_rules(council.rules), form_names())


def meeting_rules(*, meeting: Meeting) -> dict[str, Any]:
    """The rules the meeting applies: its snapshot once open, the council's rules before."""
    return voting.merged_rules(meeting.council.rules, meeting.rules)


def meeting_results(*, meeting: Meeting) -> list[ItemResult]:
    """Every counted nominee of the meeting with its outcome, highest agree first (the ballot count record)."""
    rules = meeting_rules(meeting=meeting)
    members, present, written = meeting_figures(meeting=meeting)
    names = form_names()
    results = []
    for item in meeting_items(meeting=meeting):
        tally = getattr(item, "tally", None)
        if tally is None:
            continue
        counts = voting.Counts(
            agree=tally.agree,
            disagree=tally.disagree,
            lower=tally.lower,
            abstain=tally.abstain,
            members=members,
            present=present + written,
        )
        result = voting.outcome(rules, form=item.nomination.form, counts=counts, names=names)
        results.append(
            ItemResult(
                item,
                tally.agree,
                tally.disagree,
                tally.lower,
                tally.abstain,
                members,
                present + written,
                result,
            )
        )
    results.sort(key=lambda r: (-r.agree, r.item.order, r.item.pk))
    return results


def open_votes(*, meeting: Meeting) -> dict[tuple[int, int], str]:
    """(item id, member id) → choice of an open ballot; empty for a secret ballot (no choices stored)."""
    return {
        (v.item_id, v.member_id): v.choice
        for item in meeting.items.prefetch_related("votes")
        for v in item.votes.all()
    }


VOTE_LABELS = dict(VoteChoice.choices)
