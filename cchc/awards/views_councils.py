"""Pages of award councils and their meetings (/khen-thuong/hoi-dong/, /khen-thuong/phien-hop/). Thin: parse, load
through a selector (404 outside the scope), check the policy (403), call one service, redirect or render."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from cchc.awards import files_councils, forms_councils
from cchc.awards import policies_councils as policies
from cchc.awards import selectors_councils as selectors
from cchc.awards import services_councils as services
from cchc.awards.choices import BallotKind, MeetingStatus, VoteChoice
from cchc.awards.models import CouncilMember
from cchc.awards.rules import voting
from cchc.awards.workflows_councils import MEETING_FLOW
from cchc.core import dates, listing, page_actions
from cchc.core.errors import DomainError
from cchc.core.forms import add_domain_error
from cchc.documents import word
from cchc.orgs.choices import LEVEL_KINDS, UnitKind
from cchc.orgs.models import Person, Unit

LEVEL_CHOICES = [(k.value, k.label) for k in UnitKind if k.value in LEVEL_KINDS]
COUNCIL_SPEC = listing.ListSpec(
    title="Hội đồng Thi đua - Khen thưởng",
    columns=[
        listing.Column("name", "Tên Hội đồng", sort="name"),
        listing.Column("unit", "Cấp", accessor="unit.name", sort="unit__path"),
        listing.Column("term_start", "Nhiệm kỳ từ", sort="term_start"),
        listing.Column("term_end", "Đến", sort="term_end"),
        listing.Column("member_count", "Thành viên", sort="member_count"),
    ],
    filters=[listing.Filter("kind", "Cấp", choices=LEVEL_CHOICES, lookup="unit__kind")],
    default_sort="unit",
    export_name="hoi-dong-thi-dua-khen-thuong",
    search_field="unit__search_text",
    search_placeholder="Tên cấp (phường, xã, thành phố)",
)


@login_required
@require_safe
def council_list(request):
    return listing.respond(
        request,
        COUNCIL_SPEC,
        selectors.council_list(actor=request.user),
        "awards/council_list.html",
        {"can_create": bool(_council_units(request.user))},
    )


def _council_units(user) -> list[Unit]:
    return [
        u
        for u in Unit.objects.visible_to(user).filter(kind__in=LEVEL_KINDS, is_active=True)
        if policies.can_create_council(user, u)
    ]


COUNCIL_FIELDS = ("name", "term_start", "term_end", "rules")


def _council_form(request, units, initial=None):
    form = forms_councils.CouncilForm(request.POST or None, initial=initial)
    form.fields["unit"].choices = [(u.pk, u.name) for u in units]
    return form


@login_required
def council_create(request):
    units = _council_units(request.user)
    if not units:
        raise PermissionDenied
    form = _council_form(request, units)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        unit = next((u for u in units if u.pk == d["unit"]), None)
        try:
            if unit is None:
                raise DomainError("Cấp không hợp lệ.", field="unit")
            council = services.council_create(
                actor=request.user,
                unit=unit,
                **{k: d[k] for k in COUNCIL_FIELDS},
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, f"Đã thành lập {council.name}.")
            return redirect("awards:council_detail", pk=council.pk)
    return render(
        request, "awards/council_form.html", {"form": form, "title": "Thành lập Hội đồng"}
    )


@login_required
def council_edit(request, pk):
    council = selectors.council_get(actor=request.user, pk=pk)
    if not policies.can_manage_council(request.user, council):
        raise PermissionDenied
    initial = {
        "unit": council.unit_id,
        "name": council.name,
        "term_start": dates.fmt(council.term_start),
        "term_end": dates.fmt(council.term_end) if council.term_end else "",
        "rules": json.dumps(council.rules, ensure_ascii=False, indent=1) if council.rules else "",
    }
    form = _council_form(request, [council.unit], initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.council_update(
                actor=request.user,
                council=council,
                **{k: d[k] for k in COUNCIL_FIELDS},
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, "Đã lưu thay đổi.")
            return redirect("awards:council_detail", pk=council.pk)
    return render(
        request,
        "awards/council_form.html",
        {"form": form, "title": f"Sửa {council.name}", "council": council},
    )


def _member_form(council, data=None):
    form = forms_councils.MemberForm(data)
    people, users = selectors.member_candidates(council=council)
    form.fields["person"].choices = [("", "— Chọn cá nhân —")] + [
        (p.pk, f"{p.full_name} — {p.position or p.unit.name}") for p in people
    ]
    form.fields["user"].choices = [("", "— Không có tài khoản —")] + [
        (u.pk, f"{u.get_full_name() or u.username} ({u.username})") for u in users
    ]
    return form


@login_required
@require_safe
def council_detail(request, pk):
    council = selectors.council_get(actor=request.user, pk=pk)
    can_manage = policies.can_manage_council(request.user, council)
    return render(
        request,
        "awards/council_detail.html",
        {
            "council": council,
            "members": selectors.council_members(council=council),
            "meetings": list(selectors.council_meetings(actor=request.user, council=council)),
            "can_manage": can_manage,
            "member_form": _member_form(council) if can_manage else None,
            "rule_lines": selectors.council_rule_lines(council=council),
        },
    )


@login_required
@require_POST
def council_member_add(request, pk):
    council = selectors.council_get(actor=request.user, pk=pk)
    if not policies.can_manage_council(request.user, council):
        raise PermissionDenied
    form = _member_form(council, request.POST)
    if not form.is_valid():
        messages.error(request, "Chọn cá nhân (hoặc ghi họ tên) và vai trò của thành viên.")
        return redirect("awards:council_detail", pk=council.pk)
    d = form.cleaned_data
    person = Person.objects.filter(pk=d["person"]).first() if d["person"] else None
    user = get_user_model().objects.filter(pk=d["user"]).first() if d["user"] else None
    try:
        member = services.council_member_add(
            actor=request.user,
            council=council,
            name=person.full_name if person else d["name"],
            position=d["position"] or (person.position if person else ""),
            role=d["role"],
            user=user,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Đã thêm {member.name} vào Hội đồng.")
    return redirect("awards:council_detail", pk=council.pk)


@login_required
@require_POST
def council_member_remove(request, pk, member_id):
    council = selectors.council_get(actor=request.user, pk=pk)
    if not policies.can_manage_council(request.user, council):
        raise PermissionDenied
    member = CouncilMember.objects.filter(council=council, pk=member_id, active=True).first()
    if member is None:
        raise Http404("Không tìm thấy thành viên.")
    try:
        services.council_member_remove(actor=request.user, member=member)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{member.name} không còn là thành viên Hội đồng.")
    return redirect("awards:council_detail", pk=council.pk)


# --- Meetings ----------------------------------------------------------------------------------------------------


@login_required
def meeting_create(request, pk):
    council = selectors.council_get(actor=request.user, pk=pk)
    if not policies.can_manage_council(request.user, council):
        raise PermissionDenied
    programmes = selectors.programme_choices(council=council)
    today = dates.today()
    form = forms_councils.MeetingForm(
        request.POST or None,
        initial={"year": today.year - 1, "ballot": BallotKind.SECRET, "held_on": dates.fmt(today)},
    )
    form.fields["programme"].choices = [("", "— Mọi chương trình của cấp này —")] + [
        (p.pk, p.name) for p in programmes
    ]
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        programme = next((p for p in programmes if p.pk == d["programme"]), None)
        try:
            meeting = services.meeting_create(
                actor=request.user,
                council=council,
                held_on=d["held_on"],
                title=d["title"],
                year=d["year"],
                programme=programme,
                ballot=d["ballot"],
                place=d["place"],
                starts_at=d["starts_at"],
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, "Đã triệu tập phiên họp.")
            return redirect("awards:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "awards/meeting_form.html",
        {"form": form, "council": council, "title": "Triệu tập phiên họp"},
    )


def _meeting_context(request, meeting) -> dict[str, Any]:
    rules = selectors.meeting_rules(meeting=meeting)
    members, present, written = selectors.meeting_figures(meeting=meeting)
    return {
        "meeting": meeting,
        "council": meeting.council,
        "attendance": selectors.meeting_attendance(meeting=meeting),
        "items": selectors.meeting_items(meeting=meeting),
        "results": selectors.meeting_results(meeting=meeting),
        "quorum": voting.quorum(rules, members=members, present=present, written=written)
        if members
        else None,
        "options": MEETING_FLOW.options(request.user, meeting),
        "can_record": policies.can_record_now(request.user, meeting),
        "form_names": selectors.form_names(),
    }


@login_required
@require_safe
def meeting_detail(request, pk):
    meeting = selectors.meeting_get(actor=request.user, pk=pk)
    return render(request, "awards/meeting_detail.html", _meeting_context(request, meeting))


def _move(request, pk, name: str, call, done: str):
    meeting = selectors.meeting_get(actor=request.user, pk=pk)
    return page_actions.move(
        request,
        meeting,
        flow=MEETING_FLOW,
        name=name,
        call=call,
        done=done,
        back=lambda m: redirect("awards:meeting_detail", pk=m.pk),
    )


@login_required
@require_POST
def meeting_open(request, pk):
    return _move(
        request,
        pk,
        "open",
        lambda m: services.meeting_open(actor=request.user, meeting=m),
        "Đã khai mạc phiên họp: điểm danh rồi biểu quyết.",
    )


@login_required
@require_POST
def meeting_close(request, pk):
    return _move(
        request,
        pk,
        "close",
        lambda m: services.meeting_close(actor=request.user, meeting=m),
        "Đã kết thúc phiên họp, ghi kết quả và lập biên bản.",
    )


@login_required
@require_POST
def meeting_attendance(request, pk):
    meeting = selectors.meeting_get(actor=request.user, pk=pk)
    if not policies.can_record(request.user, meeting):
        raise PermissionDenied
    rows = [
        services.AttendanceInput(
            member_id=a.member_id,
            present=request.POST.get(f"present-{a.member_id}") == "1",
            written_opinion=request.POST.get(f"opinion-{a.member_id}", ""),
        )
        for a in meeting.attendance.all()
    ]
    try:
        services.attendance_set(actor=request.user, meeting=meeting, rows=rows)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Đã ghi điểm danh.")
    return redirect("awards:meeting_detail", pk=meeting.pk)


def _save_votes(request, meeting, items) -> None:
    if meeting.ballot == BallotKind.OPEN:
        votes = forms_councils.open_votes_from(request.POST, items, list(meeting.attendance.all()))
        services.votes_record(actor=request.user, meeting=meeting, votes=votes)
        return
    for item in items:
        try:
            counts = services.TallyInput(**forms_councils.tally_from(request.POST, item))
        except ValueError as exc:
            raise DomainError(str(exc), field="tally") from None
        services.tally_record(actor=request.user, item=item, counts=counts)


@login_required
def meeting_vote(request, pk):
    meeting = selectors.meeting_get(actor=request.user, pk=pk)
    if not policies.can_record(request.user, meeting):
        raise PermissionDenied
    items = selectors.meeting_items(meeting=meeting)
    if request.method == "POST":
        try:
            _save_votes(request, meeting, items)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "Đã ghi kết quả biểu quyết.")
            return redirect("awards:meeting_detail", pk=meeting.pk)
    context = _meeting_context(request, meeting)
    voters = [a for a in context["attendance"] if a.present or a.written_opinion]
    context.update(
        {
            "grid": forms_councils.open_grid(voters, items, selectors.open_votes(meeting=meeting)),
            "tally_rows": forms_councils.tally_grid(items),
            "choices": VoteChoice.choices,
            "tally_fields": forms_councils.TALLY_FIELDS,
            "editable": meeting.status == MeetingStatus.OPEN,
        }
    )
    return render(request, "awards/meeting_vote.html", context)


@login_required
@require_safe
def meeting_record_docx(request, pk, kind):
    meeting = selectors.meeting_get(actor=request.user, pk=pk)
    render_record = RECORDS.get(kind)
    if render_record is None:
        raise Http404("Không có loại biên bản này.")
    return word.docx_response(render_record(meeting), f"{kind}-{meeting.pk}")


RECORDS = {
    "bien-ban-hop": files_councils.minutes_docx,
    "bien-ban-kiem-phieu": files_councils.tally_docx,
}
