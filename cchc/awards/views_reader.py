"""The reader of award rules (/khen-thuong/doc-quy-dinh/): a plan's file or pasted text → the proposed rule file
as readable rows with the sentences they came from and those not read; the standing agency of a level corrects
the YAML and saves it as the plan's rules."""

from __future__ import annotations

import json
from typing import Any

import yaml
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from cchc.awards import reader
from cchc.awards.models import RuleFile
from cchc.awards.reader import present
from cchc.awards.reader_policies import can_save_rules, rule_levels
from cchc.awards.rule_files import save_rule_file
from cchc.core.errors import DomainError

ACCEPT = ".docx,.txt,.md,.html,.htm"
PASTED = "noi-dung-dan.txt"


class ReadForm(forms.Form):
    unit = forms.TypedChoiceField(label="Cấp ban hành kế hoạch", coerce=int)
    file = forms.FileField(
        label="Tệp kế hoạch thi đua",
        required=False,
        help_text="Word (.docx), trang web (.html) hoặc văn bản (.txt); tối đa 20 MB.",
    )
    text = forms.CharField(
        label="Hoặc dán nội dung kế hoạch", required=False, widget=forms.Textarea
    )

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.pk, u.name) for u in units]
        if units:
            self.fields["unit"].initial = units[0].pk

    def clean(self):
        data = super().clean()
        if not data.get("file") and not (data.get("text") or "").strip():
            raise forms.ValidationError("Hãy chọn tệp kế hoạch hoặc dán nội dung kế hoạch.")
        return data

    def payload(self) -> tuple[str, bytes]:
        upload = self.cleaned_data.get("file")
        if upload:
            return upload.name, upload.read()
        return PASTED, self.cleaned_data["text"].encode("utf-8")


def _levels(request):
    units = rule_levels(request.user)
    if not units:
        raise PermissionDenied(
            "Chỉ cơ quan thường trực thi đua, khen thưởng của một cấp được đọc và lưu quy định."
        )
    return units


def _unit(units, raw):
    for unit in units:
        if str(unit.pk) == str(raw):
            return unit
    raise Http404("Không tìm thấy đơn vị.")


def _yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110)


def _proposal_page(request, *, unit, proposal, text, errors=None, rule_file=None, status=200):
    rows, invalid = present.rows(proposal) if proposal else ([], None)
    not_read = (proposal or {}).get("not_read") or _posted_not_read(request)
    return render(
        request,
        "awards/reader_proposal.html",
        {
            "unit": unit,
            "proposal": proposal,
            "programmes": rows,
            "invalid": invalid,
            "not_read": not_read,
            "not_read_json": json.dumps(not_read, ensure_ascii=False),
            "yaml_text": text,
            "errors": errors or [],
            "rule_file": rule_file,
        },
        status=status,
    )


def _posted_not_read(request) -> list[dict[str, str]]:
    """The sentences not read, carried along while the user corrects the YAML (shown again after an error)."""
    try:
        rows = json.loads(request.POST.get("not_read") or "[]")
    except ValueError:
        return []
    if not isinstance(rows, list):
        return []
    keys = ("source", "text", "reason")
    return [
        {k: str(r.get(k, "")) for k in keys} for r in rows if isinstance(r, dict) and r.get("text")
    ][:200]


def _check_existing(request, text: str, unit) -> RuleFile | None:
    """A rule file of the same id kept by another level: 404 outside the user's scope, 403 inside it."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return None
    file_id = data.get("id") if isinstance(data, dict) else None
    existing = RuleFile.objects.filter(file_id=str(file_id or "")).select_related("unit").first()
    if existing is None:
        return None
    if not RuleFile.objects.visible_to(request.user).filter(pk=existing.pk).exists():
        raise Http404("Không tìm thấy tệp quy định.")
    if existing.unit_id != unit.pk and not can_save_rules(request.user, existing.unit):
        raise PermissionDenied("Tệp quy định này thuộc cấp khác.")
    return existing


def _save(request, unit, text: str, *, rule_file=None):
    _check_existing(request, text, unit)
    try:
        saved = save_rule_file(text, unit=unit, actor=request.user, source_path="doc-quy-dinh")
    except DomainError as exc:
        errors = exc.rows or [{"path": exc.field or "", "message": exc.message}]
        try:
            proposal = yaml.safe_load(text)
        except yaml.YAMLError:
            proposal = None
        if not isinstance(proposal, dict):
            proposal = None
        return _proposal_page(
            request,
            unit=unit,
            proposal=proposal,
            text=text,
            errors=errors,
            rule_file=rule_file,
            status=400,
        )
    messages.success(
        request,
        f"Đã lưu quy định khen thưởng {saved.document_number or saved.file_id} (phiên bản "
        f"{saved.version}) với {saved.programmes.filter(is_active=True).count()} chương trình.",
    )
    return redirect("awards:reader_edit", pk=saved.pk)


@login_required
@require_http_methods(["GET", "POST"])
def reader_page(request):
    """Read a plan (file or pasted text) and show the proposal; save the corrected YAML."""
    units = _levels(request)
    if request.method == "POST" and request.POST.get("action") == "save":
        unit = _unit(units, request.POST.get("unit"))
        return _save(request, unit, request.POST.get("yaml_text", ""))
    if request.method == "POST":
        _unit(
            units, request.POST.get("unit")
        )  # a level outside the user's reach: 404 before any check
    form = ReadForm(request.POST or None, request.FILES or None, units=units)
    if request.method == "POST" and form.is_valid():
        unit = _unit(units, form.cleaned_data["unit"])
        filename, data = form.payload()
        try:
            proposal = reader.read_file(
                filename, data, issuer_kind=unit.kind, issuer_name=f"Ủy ban nhân dân {unit.name}"
            )
        except DomainError as exc:
            form.add_error("file" if exc.field == "file" else None, exc.message)
        else:
            text = _yaml(reader.without_not_read(proposal))
            return _proposal_page(request, unit=unit, proposal=proposal, text=text)
    return render(
        request,
        "awards/reader.html",
        {"form": form, "accept": ACCEPT},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def reader_edit(request, pk: int):
    """Correct a saved rule file in the same page (its level's standing agency)."""
    rule_file = get_object_or_404(
        RuleFile.objects.visible_to(request.user).select_related("unit"), pk=pk
    )
    if not can_save_rules(request.user, rule_file.unit):
        raise PermissionDenied("Chỉ cơ quan thường trực của cấp ban hành được sửa quy định này.")
    if request.method == "POST":
        return _save(
            request, rule_file.unit, request.POST.get("yaml_text", ""), rule_file=rule_file
        )
    return _proposal_page(
        request,
        unit=rule_file.unit,
        proposal={**rule_file.data, "not_read": []},
        text=rule_file.text,
        rule_file=rule_file,
    )
