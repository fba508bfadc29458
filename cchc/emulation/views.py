"""Pages of the movements (namespace "emulation", under /phong-trao/): the landing page, the movements and their
import from the plan, the boards (who launched a cascaded movement, who registered, who reported), the yearly
registrations and the movement reports with their sign-off, and the aggregated Word report.

Views are thin: parse, load through a selector (404 outside the scope), check the policy (403 inside the scope
but not allowed), call one service, redirect or render.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import resolve
from django.urls.exceptions import Resolver404
from django.views.decorators.http import require_POST, require_safe

from cchc.core import dates, listing, uploads
from cchc.core.errors import DomainError
from cchc.core.errors import PermissionDenied as Refused
from cchc.documents.word import docx_response
from cchc.emulation import (
    deadlines,
    figures,
    files,
    forms,
    import_preview,
    lists,
    policies,
    selectors,
    services,
)
from cchc.emulation.choices import (
    TIMELINESS_TONES,
    ParticipantMode,
    RegistrationStatus,
    ReportKind,
    ReportStatus,
    Timeliness,
    TitleChoice,
)
from cchc.emulation.workflows import REGISTRATION_FLOW, REPORT_FLOW
from cchc.orgs.models import Person

UPLOAD_KIND = "movement-import"
# What the page says after a move: "Đã nộp" + " báo cáo."
DONE = {
    "submit": "Đã gửi",
    "approve": "Đã duyệt",
    "return": "Đã trả lại",
    "request_approval": "Đã trình lãnh đạo phê duyệt",
}
COLORS = {
    Timeliness.SUBMITTED: "#198754",
    Timeliness.LATE: "#fd7e14",
    Timeliness.MISSING: "#dc3545",
    Timeliness.PENDING: "#adb5bd",
}


def _initiatives_url() -> str:
    """The initiatives' pages when that module is installed (the movements' landing page links to them)."""
    try:
        resolve("/sang-kien/")
    except Resolver404:
        return ""
    return "/sang-kien/"


def _year(request, movement) -> int:
    raw = request.GET.get("year", "")
    if raw.isdigit() and int(raw) in movement.years:
        return int(raw)
    return selectors.default_year(movement)


def _kind(request) -> str:
    kind = request.GET.get("kind", ReportKind.ANNUAL)
    return kind if kind in ReportKind.values else ReportKind.ANNUAL


def _refused(exc: Refused):
    raise PermissionDenied(exc.message)


# --- Landing page -----------------------------------------------------------------------------------------------


@login_required
@require_safe
def home(request):
    """The movements' landing page: the actor's own work first (reports and registrations of the year), the
    reports waiting for the actor's sign-off, then the movements and the boards."""
    today = dates.today()
    work = []
    for p in selectors.own_participations(actor=request.user)[:50]:
        movement = p.movement
        years = [selectors.default_year(movement, today), today.year]
        for year in dict.fromkeys(y for y in years if y in movement.years):
            report = selectors.report_of(
                movement=movement, unit=p.unit, year=year, kind=ReportKind.ANNUAL
            )
            verdict = (
                selectors.report_verdict(report, today)
                if report is not None
                else deadlines.report_timeliness(selectors.report_due(movement, year), None, today)
            )
            work.append(
                {
                    "participant": p,
                    "year": year,
                    "report": report,
                    "verdict": verdict,
                    "tone": TIMELINESS_TONES[Timeliness(verdict.status)],
                    "registration": selectors.registration_of(
                        movement=movement, unit=p.unit, year=year
                    ),
                }
            )
    awaiting = [
        r
        for r in selectors.report_list(actor=request.user)
        .filter(status=ReportStatus.AWAITING_APPROVAL)
        .order_by("-year")[:50]
        if policies.can_approve_report(request.user, r)
    ]
    to_review = [
        r
        for r in selectors.registration_list(actor=request.user)
        .filter(status=RegistrationStatus.SUBMITTED)
        .order_by("-year")[:50]
        if policies.can_review_registration(request.user, r)
    ]
    movements = list(
        selectors.movement_list(actor=request.user).order_by("-start_year", "unit__path")[:12]
    )
    return render(
        request,
        "emulation/home.html",
        {
            "work": work,
            "awaiting": awaiting,
            "to_review": to_review,
            "movements": movements,
            "managed": [m for m in movements if policies.can_see_movement_boards(request.user, m)],
            "can_import": bool(import_preview.importable_units(request.user)),
            "initiatives_url": _initiatives_url(),
        },
    )


# --- Movements ----------------------------------------------------------------------------------------------------


@login_required
@require_safe
def movement_list(request):
    qs = selectors.movement_list(actor=request.user)
    return listing.respond(
        request,
        lists.MOVEMENTS,
        qs,
        "emulation/movement_list.html",
        {"can_import": bool(import_preview.importable_units(request.user))},
    )


def _chart(counts: list[selectors.YearCount]) -> dict:
    series = [
        (Timeliness.SUBMITTED, "Nộp đúng hạn", "submitted"),
        (Timeliness.LATE, "Nộp muộn", "late"),
        (Timeliness.MISSING, "Chưa nộp (quá hạn)", "missing"),
        (Timeliness.PENDING, "Chưa đến hạn", "pending"),
    ]
    return {
        "type": "bar",
        "data": {
            "labels": [str(c.year) for c in counts],
            "datasets": [
                {
                    "label": label,
                    "data": [getattr(c, attr) for c in counts],
                    "backgroundColor": COLORS[key],
                }
                for key, label, attr in series
            ],
        },
        "options": {
            "responsive": True,
            "maintainAspectRatio": False,
            "plugins": {
                "title": {"display": True, "text": "Báo cáo phong trào theo năm (số đơn vị)"}
            },
            "scales": {
                "x": {"stacked": True},
                "y": {"stacked": True, "beginAtZero": True, "ticks": {"precision": 0}},
            },
        },
    }


@login_required
@require_safe
def movement_detail(request, pk):
    movement = selectors.movement_get(actor=request.user, pk=pk)
    today = dates.today()
    counts = selectors.report_counts(actor=request.user, movement=movement, today=today)
    own = [p for p in selectors.own_participations(actor=request.user).filter(movement=movement)]
    return render(
        request,
        "emulation/movement_detail.html",
        {
            "movement": movement,
            "contents": selectors.movement_contents(movement=movement),
            "children": selectors.movement_children(actor=request.user, movement=movement),
            "participant_count": selectors.participants(
                actor=request.user, movement=movement
            ).count(),
            "counts": counts,
            "chart": _chart(counts),
            "rule": selectors.due_rule(movement),
            "own": own,
            "years": selectors.report_years(movement, today),
            "can_manage": policies.can_manage_movement(request.user, movement),
            "boards": policies.can_see_movement_boards(request.user, movement),
            "due_label": lists.due_text(movement),
        },
    )


@login_required
def movement_edit(request, pk):
    movement = selectors.movement_get(actor=request.user, pk=pk)
    if not policies.can_manage_movement(request.user, movement):
        raise PermissionDenied
    agencies = list(movement.unit.children.filter(is_active=True).order_by("order", "name"))
    error = None
    if request.method == "POST":
        try:
            changes = forms.movement_changes(request.POST)
            raw = request.POST.get("standing_agency", "")
            agency = next((u for u in agencies if str(u.pk) == raw), None)
            if raw and agency is None:
                raise DomainError("Cơ quan thường trực phải là một đơn vị thuộc cấp phát động.")
            services.movement_update(
                actor=request.user, movement=movement, standing_agency=agency, **changes
            )
        except Refused as exc:
            _refused(exc)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, "Đã lưu thông tin phong trào.")
            return redirect("emulation:movement_detail", pk=movement.pk)
    return render(
        request,
        "emulation/movement_edit.html",
        {"movement": movement, "agencies": agencies, "error": error, "post": request.POST},
        status=400 if error else 200,
    )


# --- Import -------------------------------------------------------------------------------------------------------


def _importable(request):
    units = import_preview.importable_units(request.user)
    if not units:
        raise PermissionDenied
    return units


def _unit_or_404(units, raw):
    for unit in units:
        if str(unit.pk) == str(raw):
            return unit
    raise Http404("Không tìm thấy đơn vị.")


def _render_preview(request, preview, token, *, error=None, status=200):
    return render(
        request,
        "emulation/import_preview.html",
        {
            "preview": preview,
            "token": token,
            "p": preview.proposal,
            "rule": preview.proposal.report_due,
            "error": error,
            "modes": ParticipantMode,
        },
        status=status,
    )


@login_required
def movement_import(request):
    """Upload the plan (or paste it); a readable plan answers with the preview."""
    units = _importable(request)
    form = forms.MovementUploadForm(request.POST or None, request.FILES or None, units=units)
    if request.method == "POST" and form.is_valid():
        unit = _unit_or_404(units, form.cleaned_data["unit"])
        filename, data = form.payload()
        try:
            preview = import_preview.movement_import_preview(
                actor=request.user, unit=unit, filename=filename, data=data
            )
        except Refused as exc:
            _refused(exc)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            token = uploads.stash(request, kind=UPLOAD_KIND, filename=filename, data=data)
            return _render_preview(request, preview, token)
    return render(request, "emulation/import_upload.html", {"form": form})


@login_required
@require_POST
def movement_import_confirm(request):
    """Save the previewed movement with the user's corrections, then open it."""
    units = _importable(request)
    unit = _unit_or_404(units, request.POST.get("unit"))
    token = request.POST.get("token", "")
    stashed = uploads.take(request, kind=UPLOAD_KIND, token=token, keep=True)
    if stashed is None:
        messages.error(request, "Phiên nhập phong trào đã hết hạn, vui lòng tải tệp lên lại.")
        return redirect("emulation:movement_import")
    filename, data = stashed
    try:
        choices = forms.import_choices(request.POST)
        movement = services.movement_import_confirm(
            actor=request.user, unit=unit, filename=filename, data=data, choices=choices
        )
    except Refused as exc:
        _refused(exc)
    except DomainError as exc:
        try:
            preview = import_preview.movement_import_preview(
                actor=request.user, unit=unit, filename=filename, data=data
            )
        except DomainError:
            uploads.take(request, kind=UPLOAD_KIND, token=token)
            messages.error(request, exc.message)
            return redirect("emulation:movement_import")
        return _render_preview(request, preview, token, error=exc.message, status=400)
    uploads.take(request, kind=UPLOAD_KIND, token=token)
    messages.success(
        request,
        f"Đã nhập phong trào “{movement.name}” với {movement.participants.count()} đơn vị tham gia.",
    )
    return redirect("emulation:movement_detail", pk=movement.pk)


# --- Boards -------------------------------------------------------------------------------------------------------


def _board_movement(request, pk):
    movement = selectors.movement_get(actor=request.user, pk=pk)
    if not policies.can_see_movement_boards(request.user, movement):
        raise PermissionDenied
    return movement


@login_required
@require_safe
def cascade_board(request, pk):
    movement = _board_movement(request, pk)
    qs = selectors.cascade_board(actor=request.user, movement=movement)
    return listing.respond(
        request,
        lists.CASCADE_BOARD,
        qs,
        "emulation/cascade_board.html",
        {"movement": movement, "launched": qs.filter(launched=True).count(), "total": qs.count()},
    )


@login_required
@require_safe
def registration_board(request, pk):
    movement = _board_movement(request, pk)
    year = _year(request, movement)
    qs = selectors.registration_board(actor=request.user, movement=movement, year=year)
    return listing.respond(
        request,
        lists.REGISTRATION_BOARD,
        qs,
        "emulation/registration_board.html",
        {"movement": movement, "year": year, "years": movement.years},
        keep=("year",),
    )


@login_required
@require_safe
def report_board(request, pk):
    movement = _board_movement(request, pk)
    year, kind, today = _year(request, movement), _kind(request), dates.today()
    qs = selectors.report_board(
        actor=request.user, movement=movement, year=year, kind=kind, today=today
    )
    counts = selectors.report_counts(actor=request.user, movement=movement, today=today)
    return listing.respond(
        request,
        lists.REPORT_BOARD,
        qs,
        "emulation/report_board.html",
        {
            "movement": movement,
            "year": year,
            "kind": kind,
            "kinds": ReportKind.choices,
            "years": selectors.report_years(movement, today),
            "due": selectors.report_due(movement, year, kind),
            "counts": counts,
            "chart": _chart(counts),
            "tones": TIMELINESS_TONES,
        },
        keep=("year", "kind"),
    )


@login_required
@require_safe
def report_docx(request, pk):
    movement = _board_movement(request, pk)
    year, kind = _year(request, movement), _kind(request)
    data = files.aggregated_report_docx(
        actor=request.user, movement=movement, year=year, kind=kind, today=dates.today()
    )
    suffix = "" if kind == ReportKind.ANNUAL else f"-{kind.replace('_', '-')}"
    return docx_response(data, f"bao-cao-phong-trao-{movement.pk}-{year}{suffix}")


# --- Registrations ------------------------------------------------------------------------------------------------


@login_required
@require_safe
def registration_list(request):
    qs = selectors.registration_list(actor=request.user)
    own = list(selectors.own_participations(actor=request.user)[:50])
    return listing.respond(
        request,
        lists.REGISTRATIONS,
        qs,
        "emulation/registration_list.html",
        {"own": own, "year": dates.today().year},
    )


def _participant_year(request, participant_pk, year):
    participant = selectors.participant_get(actor=request.user, pk=participant_pk)
    if int(year) not in participant.movement.years:
        raise Http404("Năm không thuộc giai đoạn của phong trào.")
    return participant, int(year)


@login_required
def registration_start(request, participant_pk, year):
    """Open the participant's registration of the year (GET: what it is; POST: start the draft)."""
    participant, year = _participant_year(request, participant_pk, year)
    if not policies.can_start_registration(request.user, participant):
        raise PermissionDenied
    existing = selectors.registration_of(
        movement=participant.movement, unit=participant.unit, year=year
    )
    if request.method == "POST":
        try:
            registration = services.registration_start(
                actor=request.user, participant=participant, year=year
            )
        except Refused as exc:
            _refused(exc)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("emulation:movement_detail", pk=participant.movement_id)
        return redirect("emulation:registration_detail", pk=registration.pk)
    if existing is not None:
        return redirect("emulation:registration_detail", pk=existing.pk)
    return render(
        request,
        "emulation/registration_start.html",
        {"participant": participant, "year": year},
    )


def _registration_page(request, registration, *, error=None, status=200):
    people = list(
        Person.objects.filter(unit__path__startswith=registration.unit.path, is_active=True)
        .select_related("unit")
        .order_by("unit__path", "full_name")
    )
    titles = list(registration.titles.select_related("person"))
    pledges = list(registration.pledges.all())
    writable = policies.can_write_registration(request.user, registration)
    title_rows = [{"person_id": t.person_id, "title": t.title} for t in titles]
    pledge_rows = [{"kind": p.kind, "text": p.text} for p in pledges]
    if writable:
        title_rows += [{"person_id": None, "title": ""}] * forms.EXTRA_ROWS
        pledge_rows += [{"kind": "pledge", "text": ""}] * forms.EXTRA_ROWS
    return render(
        request,
        "emulation/registration_detail.html",
        {
            "registration": registration,
            "movement": registration.movement,
            "titles": titles,
            "pledges": pledges,
            "people": people,
            "title_rows": title_rows,
            "pledge_rows": pledge_rows,
            "title_choices": TitleChoice.choices,
            "pledge_choices": forms.PLEDGE_CHOICES,
            "writable": writable,
            "options": REGISTRATION_FLOW.options(request.user, registration),
            "error": error,
        },
        status=status,
    )


@login_required
def registration_detail(request, pk):
    registration = selectors.registration_get(actor=request.user, pk=pk)
    if request.method == "POST":
        if not policies.can_write_registration(request.user, registration):
            raise PermissionDenied
        try:
            titles, pledges = forms.registration_lines(request.POST)
            services.registration_save(
                actor=request.user, registration=registration, titles=titles, pledges=pledges
            )
        except Refused as exc:
            _refused(exc)
        except DomainError as exc:
            return _registration_page(request, registration, error=exc.message, status=400)
        messages.success(request, "Đã lưu bản đăng ký thi đua.")
        return redirect("emulation:registration_detail", pk=registration.pk)
    return _registration_page(request, registration)


def _registration_move(request, pk, name: str, service, **extra):
    registration = selectors.registration_get(actor=request.user, pk=pk)
    if not REGISTRATION_FLOW.transition(name).allowed(request.user, registration):
        raise PermissionDenied
    try:
        service(actor=request.user, registration=registration, **extra)
    except Refused as exc:
        _refused(exc)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, DONE[name] + " bản đăng ký thi đua.")
    return redirect("emulation:registration_detail", pk=registration.pk)


@login_required
@require_POST
def registration_submit(request, pk):
    return _registration_move(request, pk, "submit", services.registration_submit)


@login_required
@require_POST
def registration_approve(request, pk):
    return _registration_move(request, pk, "approve", services.registration_approve)


@login_required
@require_POST
def registration_return(request, pk):
    return _registration_move(
        request, pk, "return", services.registration_return, note=request.POST.get("note", "")
    )


# --- Reports ------------------------------------------------------------------------------------------------------


@login_required
@require_safe
def report_list(request):
    qs = selectors.report_list(actor=request.user)
    return listing.respond(
        request,
        lists.REPORTS,
        qs,
        "emulation/report_list.html",
        {"own": list(selectors.own_participations(actor=request.user)[:50])},
    )


@login_required
def report_start(request, participant_pk, year):
    """Open the participant's report of the year (GET: its due date and the figures; POST: start the draft)."""
    participant, year = _participant_year(request, participant_pk, year)
    if not policies.can_start_report(request.user, participant):
        raise PermissionDenied
    kind = request.POST.get("kind") or _kind(request)
    existing = selectors.report_of(
        movement=participant.movement, unit=participant.unit, year=year, kind=kind
    )
    if request.method == "POST":
        try:
            report = services.report_start(
                actor=request.user, participant=participant, year=year, kind=kind
            )
        except Refused as exc:
            _refused(exc)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("emulation:movement_detail", pk=participant.movement_id)
        return redirect("emulation:report_detail", pk=report.pk)
    if existing is not None:
        return redirect("emulation:report_detail", pk=existing.pk)
    today = dates.today()
    due = selectors.report_due(participant.movement, year, kind)
    return render(
        request,
        "emulation/report_start.html",
        {
            "participant": participant,
            "movement": participant.movement,
            "year": year,
            "kind": kind,
            "kind_label": ReportKind(kind).label,
            "due": due,
            "verdict": deadlines.report_timeliness(due, None, today),
            "can_start": year <= today.year,
        },
    )


def _frozen_on(report) -> str:
    raw = (report.figures or {}).get("computed_on") or ""
    return dates.fmt(dates.parse(raw)) if raw else ""


def _report_page(request, report, *, error=None, status=200):
    today = dates.today()
    submitted = report.status == ReportStatus.SUBMITTED
    shown = (
        figures.thawed(report.figures)
        if submitted
        else figures.unit_figures(unit=report.unit, year=report.year, today=today)
    )
    verdict = selectors.report_verdict(report, today)
    return render(
        request,
        "emulation/report_detail.html",
        {
            "report": report,
            "movement": report.movement,
            "results": selectors.report_results(report=report),
            "files": list(report.files.all()),
            "figures": shown,
            "frozen_on": _frozen_on(report) if submitted else "",
            "writable": policies.can_write_report(request.user, report),
            "options": REPORT_FLOW.options(request.user, report),
            "verdict": verdict,
            "tone": TIMELINESS_TONES[Timeliness(verdict.status)],
            "due": selectors.report_due(report.movement, report.year, report.kind),
            "error": error,
            "post": request.POST if error else None,
        },
        status=status,
    )


@login_required
def report_detail(request, pk):
    report = selectors.report_get(actor=request.user, pk=pk)
    if request.method == "POST":
        if not policies.can_write_report(request.user, report):
            raise PermissionDenied
        contents = selectors.movement_contents(movement=report.movement)
        try:
            services.report_save(
                actor=request.user,
                report=report,
                results=forms.report_results(request.POST, contents),
                good_models=request.POST.get("good_models", ""),
                difficulties=request.POST.get("difficulties", ""),
                proposals=request.POST.get("proposals", ""),
                files=request.FILES.getlist("files"),
            )
        except Refused as exc:
            _refused(exc)
        except DomainError as exc:
            return _report_page(request, report, error=exc.message, status=400)
        messages.success(request, "Đã lưu báo cáo.")
        return redirect("emulation:report_detail", pk=report.pk)
    return _report_page(request, report)


REPORT_DONE = {**DONE, "submit": "Đã nộp", "approve": "Đã phê duyệt"}


def _report_move(request, pk, name: str, service, **extra):
    report = selectors.report_get(actor=request.user, pk=pk)
    if not REPORT_FLOW.transition(name).allowed(request.user, report):
        raise PermissionDenied
    try:
        service(actor=request.user, report=report, **extra)
    except Refused as exc:
        _refused(exc)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, REPORT_DONE[name] + " báo cáo.")
    return redirect("emulation:report_detail", pk=report.pk)


@login_required
@require_POST
def report_request_approval(request, pk):
    return _report_move(request, pk, "request_approval", services.report_request_approval)


@login_required
@require_POST
def report_approve(request, pk):
    return _report_move(request, pk, "approve", services.report_approve)


@login_required
@require_POST
def report_return(request, pk):
    return _report_move(
        request, pk, "return", services.report_return, note=request.POST.get("note", "")
    )


@login_required
@require_POST
def report_submit(request, pk):
    return _report_move(request, pk, "submit", services.report_submit)


@login_required
@require_safe
def report_file(request, pk):
    f = selectors.report_file_get(actor=request.user, pk=pk)
    return FileResponse(f.file.open("rb"), as_attachment=True, filename=f.name)


@login_required
@require_POST
def report_file_remove(request, pk):
    f = selectors.report_file_get(actor=request.user, pk=pk)
    report = f.report
    if not policies.can_write_report(request.user, report):
        raise PermissionDenied
    try:
        services.report_file_remove(actor=request.user, file=f)
    except Refused as exc:
        _refused(exc)
    messages.success(request, f"Đã gỡ tệp “{f.name}”.")
    return redirect("emulation:report_detail", pk=report.pk)
