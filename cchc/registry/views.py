"""Pages of the document registry."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from cchc.core import dates, listing
from cchc.core.errors import DomainError
from cchc.core.forms import add_domain_error
from cchc.core.scope import ADMIN, OFFICER, STANDING, scope_for
from cchc.core.text import fold
from cchc.orgs import selectors as org_selectors
from cchc.registry import policies, reader, selectors, services, textract
from cchc.registry.choices import DocType
from cchc.registry.forms import AttachForm, BasisFormSet, DocumentForm, ReadForm


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
        listing.Column(
            "org_unit", "Đơn vị quản lý", accessor="org_unit.name", sort="org_unit__name"
        ),
    ],
    filters=[
        listing.Filter("doc_type", "Loại văn bản", choices=DocType.choices),
        listing.Filter(
            "year",
            "Năm",
            choices=lambda r: [(y, y) for y in range(dates.today().year + 1, 2018, -1)],
            apply=lambda qs, v: qs.filter(issued_on__year=int(v)),
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
    return listing.respond(
        request,
        SPEC,
        qs,
        "registry/document_list.html",
        {"can_register": _can_register_some(request.user)},
    )


def parse_bases(text: str) -> list[services.BasisInput]:
    """Bases typed in the free-text box: lines written "number | date | issuer | title" are read column by
    column; anything else is read by the document reader ("Căn cứ Quyết định số ... ngày ... của ...")."""
    result: list[services.BasisInput] = []
    prose: list[str] = []

    def flush():
        if prose:
            result.extend(_basis_input(b) for b in reader.parse_bases("\n".join(prose)))
            prose.clear()

    for line in (text or "").splitlines():
        if not line.strip():
            continue
        if "|" not in line:
            prose.append(line)
            continue
        flush()
        parts = [p.strip() for p in line.split("|")] + ["", "", "", ""]
        result.append(
            services.BasisInput(
                number=parts[0],
                date=dates.parse(parts[1]),
                issuer=parts[2],
                title=parts[3],
                raw=line.strip(),
            )
        )
    flush()
    return result


def _basis_input(b: reader.CitedBasis) -> services.BasisInput:
    return services.BasisInput(
        number=b.number, doc_type=b.doc_type, date=b.date, issuer=b.issuer, title=b.title, raw=b.raw
    )


def _row_initial(b: reader.CitedBasis) -> dict:
    return {
        "number": b.number,
        "doc_type": b.doc_type,
        "date": dates.fmt(b.date),
        "issuer": b.issuer,
        "title": b.title,
        "raw": b.raw,
    }


def _basis_formset(request, initial=None):
    """The editable basis rows; a POST without them (the plain form of earlier versions) has none."""
    if request.method == "POST" and "basis-TOTAL_FORMS" in request.POST:
        return BasisFormSet(request.POST, prefix="basis")
    if request.method == "POST":
        return None
    return BasisFormSet(prefix="basis", initial=initial or [])


def _rows_bases(formset) -> list[services.BasisInput]:
    if formset is None:
        return []
    bases = []
    for form in formset.forms:
        d = getattr(form, "cleaned_data", None) or {}
        if d.get("DELETE") or not (d.get("number") or d.get("title") or d.get("raw")):
            continue
        bases.append(
            services.BasisInput(
                number=d["number"].strip(),
                doc_type=d.get("doc_type") or "",
                date=d.get("date"),
                issuer=d.get("issuer", "").strip(),
                title=d.get("title", "").strip(),
                raw=d.get("raw", "").strip(),
            )
        )
    return bases


def _basis_rows(user, formset) -> list[tuple]:
    """(form, registered document or None) for each row, for the "đã đăng ký" / "chưa đăng ký" marks."""
    if formset is None:
        return []
    cited = []
    for form in formset.forms:
        value = form["date"].value()
        cited.append(
            reader.CitedBasis(
                number=(form["number"].value() or "").strip(),
                doc_type=form["doc_type"].value() or "",
                date=value if hasattr(value, "year") else dates.parse(value),
                title=(form["title"].value() or "").strip(),
            )
        )
    links = reader.link_citations(cited, actor=user)
    return [
        (form, doc if (c.number or c.title) else None)
        for form, (c, doc) in zip(formset.forms, links, strict=True)
    ]


def _guess_unit(issuer: str, units: dict) -> int | None:
    """The user's unit whose name the issuer contains ("Ủy ban nhân dân phường Lê Chân" → Phường Lê Chân)."""
    folded = fold(issuer)
    best = None
    for unit in units.values():
        name = fold(unit.name)
        if name and name in folded and (best is None or len(name) > len(fold(best.name))):
            best = unit
    return best.pk if best else None


def _unit_choices(user):
    units = [
        u
        for u in org_selectors.unit_list(actor=user).order_by("path")
        if policies.can_register_document(user, u)
    ]
    choices = (
        [("", "— Văn bản của cơ quan bên ngoài —")]
        if policies.can_register_document(user, None)
        else []
    )
    return choices + [(u.pk, ("— " * u.depth) + u.name) for u in units], {u.pk: u for u in units}


def _save(request, form, units, document=None, formset=None):
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
    bases = _rows_bases(formset) + parse_bases(d["bases"])
    try:
        if document is None:
            return services.document_register(
                actor=request.user, org_unit=org_unit, bases=bases, **fields
            )
        return services.document_update(
            actor=request.user,
            document=document,
            org_unit=org_unit,
            bases=bases,
            seen_version=d.get("version"),
            **fields,
        )
    except DomainError as exc:
        add_domain_error(form, exc)
        return None


def _form_page(request, form, formset, **context):
    context.update(form=form, formset=formset, basis_rows=_basis_rows(request.user, formset))
    return render(request, "registry/document_form.html", context)


@login_required
def document_create(request):
    choices, units = _unit_choices(request.user)
    if not choices:
        raise PermissionDenied
    form = DocumentForm(request.POST or None)
    form.fields["org_unit"].widget.choices = choices
    formset = _basis_formset(request)
    if request.method == "POST" and form.is_valid() and (formset is None or formset.is_valid()):
        doc = _save(request, form, units, formset=formset)
        if doc:
            messages.success(request, f"Đã đăng ký {doc.label}.")
            return redirect("registry:document_detail", pk=doc.pk)
    return _form_page(request, form, formset, title="Đăng ký văn bản", can_read=True)


@login_required
def document_read(request):
    """Đọc từ văn bản: paste or upload a document; the registration form comes back prefilled."""
    choices, units = _unit_choices(request.user)
    if not choices:
        raise PermissionDenied
    read_form = ReadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and read_form.is_valid():
        upload = read_form.cleaned_data.get("file")
        try:
            if upload:
                if upload.size > settings.MAX_UPLOAD_BYTES:
                    raise textract.TextractError(
                        f"Tệp “{upload.name}” quá lớn: tối đa 20 MB.", field="file"
                    )
                text = textract.document_text(upload.name, upload.read())
            else:
                text = textract.clean_text(read_form.cleaned_data["text"])
        except textract.TextractError as exc:
            read_form.add_error("file", exc.message)
        else:
            header = reader.read_header(text)
            form = DocumentForm(initial=_header_initial(header, units))
            form.fields["org_unit"].widget.choices = choices
            formset = BasisFormSet(prefix="basis", initial=[_row_initial(b) for b in header.bases])
            return _form_page(
                request,
                form,
                formset,
                title="Đăng ký văn bản",
                header=header,
                source=upload.name if upload else "",
                action=reverse("registry:document_create"),
            )
    return render(
        request, "registry/document_read.html", {"form": read_form, "title": "Đọc từ văn bản"}
    )


def _header_initial(header: reader.DocumentHeader, units: dict) -> dict:
    return {
        "number": header.number,
        "doc_type": header.doc_type,
        "issuer": header.issuer,
        "issued_on": dates.fmt(header.date, precision=header.date_precision),
        "signer": header.signer,
        "signer_title": header.signer_title,
        "title": header.title,
        "period_start": header.period_start,
        "period_end": header.period_end,
        "org_unit": _guess_unit(header.issuer, units),
    }


@login_required
def document_edit(request, pk):
    doc = selectors.document_get(actor=request.user, pk=pk)
    if not policies.can_edit_document(request.user, doc):
        raise PermissionDenied
    choices, units = _unit_choices(request.user)
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
        org_unit=doc.org_unit_id,
        issued_on=dates.fmt(doc.issued_on, precision=doc.date_precision),
        version=doc.version,
    )
    rows = [
        {
            "number": b.cited_number,
            "doc_type": b.cited_type,
            "date": dates.fmt(b.cited_date),
            "issuer": b.cited_issuer,
            "title": b.cited_title,
            "raw": b.raw,
        }
        for b in doc.bases.order_by("order", "id")
    ]
    form = DocumentForm(request.POST or None, initial=initial)
    form.fields["org_unit"].widget.choices = choices
    formset = _basis_formset(request, initial=rows)
    if request.method == "POST" and form.is_valid() and (formset is None or formset.is_valid()):
        if _save(request, form, units, document=doc, formset=formset):
            messages.success(request, "Đã lưu thay đổi.")
            return redirect("registry:document_detail", pk=doc.pk)
    return _form_page(request, form, formset, title=f"Sửa {doc.label}", document=doc)


@login_required
@require_safe
def document_detail(request, pk):
    doc = selectors.document_get(actor=request.user, pk=pk)
    return render(
        request,
        "registry/document_detail.html",
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
        "registry/document_bases.html",
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
        raise PermissionDenied
    form = AttachForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.document_attach(
                actor=request.user, document=doc, uploaded_file=form.cleaned_data["file"]
            )
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
