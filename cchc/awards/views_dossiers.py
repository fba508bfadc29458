"""Pages of nomination dossiers (/khen-thuong/ho-so/): the list with filters and Excel, opening a dossier, a
dossier with its nominees, files, evidence and moves, and the board of who has not submitted. Thin: parse,
load through a selector (404 outside the scope), check the policy (403), call one service, render. The moves
and the writes on a dossier are in `views_dossiers_actions.py`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from cchc.awards import files_dossiers
from cchc.awards import forms_dossiers as forms
from cchc.awards import policies_dossiers as policies
from cchc.awards import selectors_dossiers as selectors
from cchc.awards import services_dossiers as services
from cchc.awards.choices import DossierStatus
from cchc.awards.models import Programme
from cchc.awards.workflows_dossiers import BEFORE_SUBMISSION, DOSSIER_FLOW
from cchc.core import audit, dates, listing
from cchc.core.errors import DomainError
from cchc.core.forms import add_domain_error
from cchc.orgs.panels import Panel

STATUS_TONES = {
    DossierStatus.DRAFT: "secondary",
    DossierStatus.AWAITING_APPROVAL: "warning",
    DossierStatus.APPROVED: "info",
    DossierStatus.SUBMITTED: "primary",
    DossierStatus.RETURNED: "warning",
    DossierStatus.RECEIVED: "success",
    DossierStatus.REFUSED: "danger",
}
VERDICT_TONES = {"eligible": "success", "not_eligible": "danger", "to_check": "warning"}


def _programme_choices(request) -> list[tuple[str, str]]:
    return [(str(p.pk), p.name) for p in selectors.programme_choices(actor=request.user)]


def _years(request) -> list[tuple[str, str]]:
    return [(str(y), str(y)) for y in range(dates.today().year, 2019, -1)]


def _year_filter(qs, value):
    return qs.filter(year=int(value)) if value.isdigit() else qs.none()


def _nominees(d) -> str:
    return "; ".join(n.name for n in d.nominations.all())


def _lodged_on(d) -> str:
    """The day the dossier came in: received on paper, or submitted in the system."""
    if d.received_on:
        return dates.fmt(d.received_on)
    return dates.fmt(timezone.localdate(d.submitted_at)) if d.submitted_at else ""


LIST_SPEC = listing.ListSpec(
    title="Hồ sơ đề nghị khen thưởng",
    columns=[
        listing.Column("number", "Số", sort="number"),
        listing.Column(
            "programme", "Chương trình", accessor="programme.name", sort="programme__name"
        ),
        listing.Column(
            "proposing_unit",
            "Đơn vị đề nghị",
            accessor="proposing_unit.name",
            sort="proposing_unit__name",
        ),
        listing.Column(
            "year",
            "Năm",
            accessor=lambda d: d.year or f"{d.period_start}-{d.period_end}",
            sort="year",
        ),
        listing.Column("nominees", "Tập thể, cá nhân", accessor=_nominees),
        listing.Column("status", "Trạng thái", accessor="get_status_display", sort="status"),
        listing.Column(
            "received_on", "Ngày nộp / tiếp nhận", accessor=_lodged_on, sort="received_on"
        ),
        listing.Column(
            "refusal_reason",
            "Lý do không xét, trả lại",
            accessor=lambda d: d.refusal_reason or d.return_reason,
            export=True,
        ),
    ],
    filters=[
        listing.Filter(
            "programme", "Chương trình", choices=_programme_choices, lookup="programme_id"
        ),
        listing.Filter("year", "Năm", choices=_years, apply=_year_filter),
        listing.Filter("status", "Trạng thái", choices=list(DossierStatus.choices)),
    ],
    default_sort="-number",
    export_name="ho-so-de-nghi-khen-thuong",
    search_placeholder="Tìm theo số, đơn vị, tập thể, cá nhân (gõ không dấu cũng được)",
)


@login_required
@require_safe
def dossier_list(request):
    qs = selectors.dossier_list(actor=request.user)
    units = selectors.proposing_unit_choices(actor=request.user)
    return listing.respond(
        request,
        LIST_SPEC,
        qs,
        "awards/dossier_list.html",
        {"tones": STATUS_TONES, "can_open": units.exists()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def dossier_create(request):
    programmes = list(selectors.programme_choices(actor=request.user))
    units = list(selectors.proposing_unit_choices(actor=request.user))
    if not units:
        raise PermissionDenied
    initial = {"year": dates.today().year, "programme": request.GET.get("programme", "")}
    form = forms.DossierOpenForm(
        request.POST or None, programmes=programmes, units=units, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        programme = next(p for p in programmes if str(p.pk) == form.cleaned_data["programme"])
        unit = next(u for u in units if str(u.pk) == form.cleaned_data["proposing_unit"])
        try:
            dossier = services.dossier_open(
                actor=request.user,
                programme=programme,
                proposing_unit=unit,
                year=form.cleaned_data["year"],
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, f"Đã lập hồ sơ số {dossier.number}.")
            return redirect("awards:dossier_detail", pk=dossier.pk)
    return render(request, "awards/dossier_form.html", {"form": form})


@login_required
@require_safe
def dossier_detail(request, pk):
    dossier = selectors.dossier_get(actor=request.user, pk=pk)
    nominations = list(
        dossier.nominations.select_related("unit", "person", "person__unit")
        .prefetch_related("initiatives")
        .order_by("order", "id")
    )
    for n in nominations:
        n.chosen_initiatives = [str(i.pk) for i in n.initiatives.all()]
    user = request.user
    can_edit = policies.can_edit_dossier(user, dossier)
    can_receive = policies.can_receive_dossier(user, dossier)
    options = [o for o in DOSSIER_FLOW.options(user, dossier) if o.url]
    evidence = {
        e.nomination.pk: e for e in selectors.evidence_for(nominations=nominations, dossier=dossier)
    }
    context = {
        "dossier": dossier,
        "nominations": [(n, evidence.get(n.pk)) for n in nominations],
        "files": list(dossier.files.select_related("nomination").order_by("kind", "id")),
        "options": options,
        "can_edit": can_edit,
        "tones": STATUS_TONES,
        "verdict_tones": VERDICT_TONES,
        "history": [
            (h, audit.action_label(h.action)) for h in selectors.dossier_history(dossier=dossier)
        ],
        "deadline": selectors.deadline_text(dossier=dossier),
        "form_name": files_dossiers.form_name(dossier.programme.form),
        "paper_form": forms.PaperForm()
        if can_receive and dossier.status in BEFORE_SUBMISSION
        else None,
    }
    if can_edit:
        context["nominee_form"] = forms.NomineeForm(
            units=selectors.nominee_units(dossier=dossier)
            if dossier.programme.subject == "collective"
            else [],
            persons=selectors.nominee_persons(dossier=dossier)
            if dossier.programme.subject == "person"
            else [],
            initiatives=selectors.nominee_initiatives(dossier=dossier),
        )
        context["attach_form"] = forms.AttachForm()
    return render(request, "awards/dossier_detail.html", context)


@login_required
@require_safe
def dossier_file(request, file_id):
    f = selectors.dossier_file_get(actor=request.user, pk=file_id)
    try:
        handle = f.file.open("rb")
    except FileNotFoundError:
        raise Http404("Tệp không còn trên máy chủ.") from None
    return FileResponse(handle, as_attachment=True, filename=f.name)


BOARD_COLUMNS = ["Đơn vị", "Loại đơn vị", "Tình trạng hồ sơ"]


@login_required
@require_safe
def dossier_board(request):
    """Ai chưa nộp hồ sơ: units of the programme's pool without a lodged dossier for the year."""
    programmes = [
        p
        for p in selectors.programme_choices(actor=request.user)
        if policies.can_see_board(request.user, p)
    ]
    if not programmes:
        raise PermissionDenied
    chosen: Programme | None = None
    pid = request.GET.get("programme", "")
    if pid.isdigit():
        chosen = next((p for p in programmes if p.pk == int(pid)), None)
        if chosen is None:
            raise Http404("Không tìm thấy chương trình khen thưởng.")
    year_text = request.GET.get("year", "").strip()
    year = int(year_text) if year_text.isdigit() else dates.today().year - 1
    rows = selectors.board(programme=chosen, year=year) if chosen is not None else []
    if chosen is not None and listing.wants_export(request):
        return listing.xlsx_response(
            f"Chưa nộp hồ sơ — {chosen.name} năm {year}",
            BOARD_COLUMNS,
            ([r.unit.name, r.unit.get_kind_display(), r.state] for r in rows),
            "chua-nop-ho-so",
        )
    return render(
        request,
        "awards/dossier_board.html",
        {"programmes": programmes, "chosen": chosen, "year": year, "rows": rows},
    )


# --- The line of an initiative's page naming the nominations that use it (registered in AwardsConfig.ready) ------


def initiative_panel(*, user, obj) -> Panel | None:
    """The nominations naming the initiative as their achievement (read only); no panel when none does."""
    uses = selectors.nominations_using(actor=user, initiative_id=obj.pk)
    if not uses:
        return None
    for n in uses:
        n.form_name = files_dossiers.form_name(n.form)
    return Panel("awards/initiative_uses_panel.html", {"uses": uses})
