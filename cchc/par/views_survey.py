"""Pages of the survey (điều tra xã hội học) of a round: the table of scores, the Excel import with its preview,
and the template file. Only the round's standing agency reaches them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from cchc.core import uploads
from cchc.core.errors import DomainError
from cchc.par import exports, forms, policies, selectors, survey_services
from cchc.par.views_common import XLSX, download, error
from cchc.par.views_rounds import managed_round


@login_required
def survey(request, pk):
    r = managed_round(request, pk)
    columns = selectors.survey_columns(r)
    form = forms.SurveyGridForm(
        request.POST or None,
        rows=list(selectors.round_units(r)),
        columns=columns,
        scores=selectors.survey_scores(r),
    )
    if request.method == "POST":
        if not form.is_valid():
            messages.error(
                request, "Chưa lưu được điểm điều tra:\n" + "\n".join(form.non_field_errors())
            )
        else:
            try:
                n = survey_services.survey_set(actor=request.user, round_=r, scores=form.changed())
            except DomainError as exc:
                error(request, exc)
            else:
                messages.success(request, f"Đã lưu điểm điều tra xã hội học của {n} đơn vị.")
                return redirect("par:survey", pk=r.pk)
    return render(
        request,
        "par/survey.html",
        {
            "round": r,
            "columns": columns,
            "table": form.table(),
            "form": forms.UploadForm(),
            "editable": policies.can_score_round(request.user, r),
        },
    )


@login_required
def survey_import(request, pk):
    r = managed_round(request, pk)
    form = forms.UploadForm(request.POST or None, request.FILES or None)
    preview = token = None
    if request.method == "POST" and form.is_valid():
        f = form.cleaned_data["file"]
        data = f.read()
        try:
            preview = survey_services.survey_import_preview(
                actor=request.user, round_=r, filename=f.name, data=data
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            if preview.ok:
                token = uploads.stash(
                    request, kind=f"par-survey-{r.pk}", filename=f.name, data=data
                )
    return render(
        request,
        "par/survey_import.html",
        {
            "round": r,
            "form": form,
            "preview": preview,
            "token": token,
            "columns": selectors.survey_columns(r),
        },
    )


@login_required
@require_POST
def survey_confirm(request, pk):
    r = managed_round(request, pk)
    stashed = uploads.take(request, kind=f"par-survey-{r.pk}", token=request.POST.get("token", ""))
    if stashed is None:
        messages.error(request, "Phiên nhập đã hết hạn, vui lòng tải tệp lên lại.")
        return redirect("par:survey_import", pk=r.pk)
    filename, data = stashed
    try:
        n = survey_services.survey_import(
            actor=request.user, round_=r, filename=filename, data=data
        )
    except DomainError as exc:
        error(request, exc)
        return redirect("par:survey_import", pk=r.pk)
    messages.success(request, f"Đã nhập điểm điều tra xã hội học của {n} đơn vị từ tệp {filename}.")
    return redirect("par:survey", pk=r.pk)


@login_required
@require_safe
def survey_template(request, pk):
    r = managed_round(request, pk)
    units = [a.unit for a in selectors.round_units(r)]
    data = exports.survey_template_xlsx(columns=selectors.survey_columns(r), units=units)
    return download(data, f"mau-dieu-tra-xa-hoi-hoc-{r.year}.xlsx", XLSX)
