"""API routes of emulation councils, meetings and votes, scoped like the pages: another level's council is 404.

A secret ballot gives the same figures as an open one (the tally); no member's choice is ever returned.
"""

from __future__ import annotations

import datetime as dt

from ninja import Router, Schema

from cchc.awards import selectors_councils as selectors

router = Router(tags=["awards"])


class CouncilOut(Schema):
    id: int
    unit_id: int
    unit: str
    name: str
    term_start: dt.date
    term_end: dt.date | None
    members: int


class CouncilPage(Schema):
    count: int
    items: list[CouncilOut]


class RoundOut(Schema):
    programme_id: int | None
    programme: str | None
    year: int | None


class MeetingOut(Schema):
    id: int
    date: dt.date
    title: str
    ballot: str
    status: str
    round: RoundOut


class MeetingPage(Schema):
    count: int
    items: list[MeetingOut]


class VotesOut(Schema):
    agree: int
    disagree: int
    lower: int
    abstain: int


class ResultOut(Schema):
    nomination_id: int
    nominee: str
    form: str
    votes: VotesOut
    members: int
    present: int
    threshold: str
    outcome: str
    result_form: str
    explanation: str


class ResultPage(Schema):
    count: int
    meeting_status: str
    items: list[ResultOut]


@router.get("/councils", response=CouncilPage)
def councils(request):
    """Emulation councils the caller may see, with their level and the number of active members."""
    rows = [
        {
            "id": c.pk,
            "unit_id": c.unit_id,
            "unit": c.unit.name,
            "name": c.name,
            "term_start": c.term_start,
            "term_end": c.term_end,
            "members": c.member_count,
        }
        for c in selectors.council_list(actor=request.user).order_by("unit__path", "pk")
    ]
    return {"count": len(rows), "items": rows}


@router.get("/councils/{int:council_id}/meetings", response=MeetingPage)
def council_meetings(request, council_id: int):
    """The meetings of a council, newest first, each with its round (programme and year)."""
    council = selectors.council_get(actor=request.user, pk=council_id)
    rows = [
        {
            "id": m.pk,
            "date": m.held_on,
            "title": m.title,
            "ballot": m.ballot,
            "status": m.status,
            "round": {
                "programme_id": m.programme_id,
                "programme": m.programme.name if m.programme else None,
                "year": m.year,
            },
        }
        for m in selectors.council_meetings(actor=request.user, council=council)
    ]
    return {"count": len(rows), "items": rows}


@router.get("/meetings/{int:meeting_id}/results", response=ResultPage)
def meeting_results(request, meeting_id: int):
    """Each counted nominee of a meeting, highest agree first: the votes, the members in all and present, the
    threshold with its denominator, and the outcome (passed, failed, lowered) with the sentence explaining it.
    Before the meeting closes the outcome is what the rules give so far."""
    meeting = selectors.meeting_get(actor=request.user, pk=meeting_id)
    rows = [
        {
            "nomination_id": r.item.nomination_id,
            "nominee": r.item.nomination.name,
            "form": r.item.nomination.form,
            "votes": {
                "agree": r.agree,
                "disagree": r.disagree,
                "lower": r.lower,
                "abstain": r.abstain,
            },
            "members": r.members,
            "present": r.present,
            "threshold": r.threshold_text,
            "outcome": r.outcome.outcome,
            "result_form": r.outcome.result_form,
            "explanation": r.outcome.message,
        }
        for r in selectors.meeting_results(meeting=meeting)
    ]
    return {"count": len(rows), "meeting_status": meeting.status, "items": rows}
