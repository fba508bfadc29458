"""Pages of the document registry."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from cchc.core import dates, listing
from cchc.core.errors import DomainError
from cchc.core.scope import ADMIN, OFFICER, STANDING, scope_for
from cchc.orgs import selectors as org_selectors
from cchc.plans import document_selectors as selectors
from cchc.plans import document_services as services
from cchc.plans import policies
from cchc.plans.choices import DocType
from cchc.plans.forms_registry import AttachForm, DocumentForm


def _can_register_some(user) -> bool:
    """Whether the user may register documents for at least one unit (shows the button)."""
    scope = scope_for(user)
    return scope.is_admin or bool(scope.roles() & {ADMIN, STANDING, OFFICER})


def _source_filter(qs, value):
    if value == "own":
        return qs.filter(org_unit__isnull=False)
    if value == "outside":
        return qs.filter(org_unit__isnull=True)
    return qs


SPEC = listing.ListSpec(
    title="Sổ văn bản",
    columns=[
        listing.Column("number", "Số, ký hiệu", accessor="display_number", sort="number"),
        listing.Column("doc_type", "Loại", accessor="get_doc_type_display", sort="doc_type"),
        listing.Column("issued_on", "Ngày ban hành", sort="issued_on"),
        listing.Column("issuer", "Cơ quan ban hành", sort="issuer"),
        listing.Column("title", "Trích yếu", sort="title"),
        listing.Column("org_unit", "Đơn vị quản lý", accessor="org_unit.name", sort="org_unit__name"),
    ],
    filters=[
        listing.Filter("doc_type", "Loại văn bản", choices=DocType.choices),
        listing.Filter(
            "year",
            "Năm",
            choices=lambda r: [(y, y) for y in range(dates.today().year + 1, 2018, -1)],
            apply=lambda qs, v: qs.filter(issued_on__year=int(v)) if v.isdigit() else qs,
        ),
        listing.Filter(
            "source",
            "Nguồn",
            choices=[("own", "Của đơn vị trong hệ thống"), ("outside", "Của cơ quan bên ngoài")],
            apply=_source_filter,
        ),
    ],
    default_sort="-issued_on",
    export_name="so-van-ban",
    search_placeholder="Số ký hiệu, trích yếu, nơi ban hành",
)


@login_required
@require_safe
def document_list(request):
    qs = selectors.document_list(actor=request.user)
    if listing.wants_export(request):
        return listing.export(SPEC, qs, request)
    return render(
        request,
        "plans/document_list.html",
        {"listing": listing.paginate(SPEC, qs, request), "can_register": _can_register_some(request.user)},
    )


def parse_bases(text: str) -> list[services.BasisInput]:
    """One basis per line: number | date | issuer | title (only the number or the title is needed)."""
    result = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")] + ["", "", "", ""]
        result.append(
            services.BasisInput(
                number=parts[0], date=dates.parse(parts[1]), issuer=parts[2], title=parts[3], raw=line.strip()
            )
        )
    return result


def _unit_choices(user):
    units = [u for u in org_selectors.unit_list(actor=user).order_by("path") if policies.can_register_document(user, u)]
    choices = [("", "— Văn bản của cơ quan bên ngoài —")] if policies.can_register_document(user, None) else []
    return choices + [(u.pk, ("— " * u.depth) + u.name) for u in units], {u.pk: u for u in units}


def _save(request, form, units, document=None):
    d = form.cleaned_data
    org_unit = units.get(d["org_unit"]) if d.get("org_unit") else None
    if d.get("org_unit") and org_unit is None:
        form.add_error("org_unit", "Đơn vị không hợp lệ.")
        return None
    issued_on, precision = d["issued_on"]
    fields = dict(
        number=d["number"],
        doc_type=d["doc_type"],
        issuer=d["issuer"],
        issued_on=issued_on,
        date_precision=precision,
        signer=d["signer"],
        signer_title=d["signer_title"],
        title=d["title"],
        period_start=d["period_start"],
        period_end=d["period_end"],
    )
    try:
        if document is None:
            return services.document_register(
                actor=request.user, org_unit=org_unit, bases=parse_bases(d["bases"]), **fields
            )
        return services.document_update(
            actor=request.user, document=document, org_unit=org_unit, bases=parse_bases(d["bases"]), **fields
        )
    except DomainError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return None


@login_required
def document_create(request):
    choices, units = _unit_choices(request.user)
    if not choices:
        raise Http404
    form = DocumentForm(request.POST or None)
    form.fields["org_unit"].widget.choices = choices
    if request.method == "POST" and form.is_valid():
        doc = _save(request, form, units)
        if doc:
            messages.success(request, f"Đã đăng ký {doc.label}.")
            return redirect("registry:document_detail", pk=doc.pk)
    return render(request, "plans/document_form.html", {"form": form, "title": "Đăng ký văn bản"})


@login_required
def document_edit(request, pk):
    doc = selectors.document_get(actor=request.user, pk=pk)
    if not policies.can_edit_document(request.user, doc):
        raise Http404
    choices, units = _unit_choices(request.user)
    bases_text = "\n".join(
        " | ".join([b.cited_number, dates.fmt(b.cited_date), b.cited_issuer, b.cited_title]) for b in doc.bases.all()
    )
    initial = {
        f: getattr(doc, f)
        for f in [
            "number",
            "doc_type",
            "issuer",
            "signer",
            "signer_title",
            "title",
            "period_start",
            "period_end",
        ]
    }
    initial.update(
        org_unit=doc.org_unit_id, bases=bases_text, issued_on=dates.fmt(doc.issued_on, precision=doc.date_precision)
    )
    form = DocumentForm(request.POST or None, initial=initial)
    form.fields["org_unit"].widget.choices = choices
    if request.method == "POST" and form.is_valid():
        if _save(request, form, units, document=doc):
            messages.success(request, "Đã lưu thay đổi.")
            return redirect("registry:document_detail", pk=doc.pk)
    return render(request, "plans/document_form.html", {"form": form, "title": f"Sửa {doc.label}", "document": doc})


@login_required
@require_safe
def document_detail(request, pk):
    doc = selectors.document_get(actor=request.user, pk=pk)
    return render(
        request,
        "plans/document_detail.html",
        {
            "document": doc,
            "bases": selectors.document_bases(actor=request.user, document=doc),
            "files": doc.files.all(),
            "cited_by": selectors.cited_by(actor=request.user, document=doc),
            "can_edit": policies.can_edit_document(request.user, doc),
            "attach_form": AttachForm(),
        },
    )


@login_required
@require_safe
def document_bases(request, pk):
    doc = selectors.document_get(actor=request.user, pk=pk)
    chain = selectors.basis_chain(actor=request.user, document=doc, collapse_repeats=True)
    return render(
        request,
        "plans/document_bases.html",
        {
            "document": doc,
            "chain": chain,
            "lineage": selectors.basis_lineage(actor=request.user, document=doc),
        },
    )


@login_required
@require_POST
def document_attach(request, pk):
    doc = selectors.document_get(actor=request.user, pk=pk)
    if not policies.can_edit_document(request.user, doc):
        raise Http404
    form = AttachForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.document_attach(actor=request.user, document=doc, uploaded_file=form.cleaned_data["file"])
            messages.success(request, "Đã đính kèm tệp.")
        except DomainError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, "Chưa chọn tệp.")
    return redirect("registry:document_detail", pk=doc.pk)


@login_required
@require_safe
def document_file(request, file_id):
    f = selectors.document_file_get(actor=request.user, pk=file_id)
    try:
        handle = f.file.open("rb")
    except FileNotFoundError:
        raise Http404("Tệp không còn trên máy chủ.")
    return FileResponse(handle, as_attachment=True, filename=f.name)
