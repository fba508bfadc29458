"""Forms of the dossier pages: shape checks only; the rules are in the services."""

from __future__ import annotations

from typing import Any

from django import forms

from cchc.awards.choices import AttachmentKind
from cchc.core import dates
from cchc.core.forms import UploadField


class DossierOpenForm(forms.Form):
    """A programme, the proposing unit and the achievement year (a period-end programme takes its period)."""

    programme = forms.ChoiceField(label="Chương trình khen thưởng")
    proposing_unit = forms.ChoiceField(label="Đơn vị đề nghị")
    year = forms.IntegerField(
        label="Năm thành tích",
        required=False,
        min_value=2000,
        max_value=2100,
        help_text="Bỏ trống với chương trình tổng kết giai đoạn (xét theo giai đoạn của chương trình).",
        error_messages={"invalid": "Năm thành tích phải là một số, ví dụ 2027."},
    )

    def __init__(self, *args: Any, programmes=(), units=(), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [("", "— Chọn chương trình —")] + [
            (str(p.pk), f"{p.name} ({p.rule_file.document_number or p.rule_file.file_id})")
            for p in programmes
        ]
        self.fields["proposing_unit"].choices = [(str(u.pk), u.name) for u in units]
        for name, f in self.fields.items():
            f.widget.attrs["class"] = "form-select" if name != "year" else "form-control"


class NomineeForm(forms.Form):
    """A collective (a unit) or a person of the proposing unit."""

    unit = forms.ChoiceField(label="Tập thể", required=False)
    person = forms.ChoiceField(label="Cá nhân", required=False)
    achievement = forms.CharField(
        label="Thành tích chủ yếu (tóm tắt)",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    initiatives = forms.MultipleChoiceField(
        label="Sáng kiến làm thành tích",
        required=False,
        help_text="Một sáng kiến chỉ dùng cho một đề nghị khen thưởng.",
    )

    def __init__(self, *args: Any, units=(), persons=(), initiatives=(), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["initiatives"].choices = [
            (str(i.pk), f"{i.title} ({i.year} – {i.unit.name})") for i in initiatives
        ]
        self.fields["unit"].choices = [("", "— Chọn tập thể —")] + [
            (str(u.pk), u.name) for u in units
        ]
        self.fields["person"].choices = [("", "— Chọn cá nhân —")] + [
            (str(p.pk), f"{p.full_name} – {p.position + ', ' if p.position else ''}{p.unit.name}")
            for p in persons
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if bool(data.get("unit")) == bool(data.get("person")):
            raise forms.ValidationError("Chọn một tập thể hoặc một cá nhân được đề nghị.")
        return data


class NomineeInitiativesForm(forms.Form):
    """The initiatives named as a nominee's achievement, chosen again (none: the nominee names none)."""

    initiatives = forms.MultipleChoiceField(label="Sáng kiến làm thành tích", required=False)

    def __init__(self, *args: Any, initiatives=(), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["initiatives"].choices = [(str(i.pk), i.title) for i in initiatives]
        self.fields["initiatives"].error_messages["invalid_choice"] = (
            "Sáng kiến số %(value)s không có trong danh sách sáng kiến của đơn vị đề nghị."
        )


class AttachForm(forms.Form):
    kind = forms.ChoiceField(
        label="Loại tệp",
        choices=[
            (AttachmentKind.MINUTES, AttachmentKind.MINUTES.label),
            (AttachmentKind.EVIDENCE, AttachmentKind.EVIDENCE.label),
            (AttachmentKind.OTHER, AttachmentKind.OTHER.label),
        ],
    )
    file = UploadField(label="Tệp")


class PaperForm(forms.Form):
    """The standing agency records a paper dossier with the day it was received."""

    received_on = forms.CharField(label="Ngày tiếp nhận (dd/mm/yyyy)", max_length=10)
    accept_late = forms.BooleanField(
        label="Cơ quan thường trực quyết định nhận hồ sơ nộp muộn (khi quy định để người có thẩm quyền quyết định)",
        required=False,
    )

    def clean_received_on(self):
        day = dates.parse(self.cleaned_data["received_on"])
        if day is None:
            raise forms.ValidationError("Ngày tiếp nhận phải có dạng dd/mm/yyyy, ví dụ 01/04/2027.")
        return day


class ReasonForm(forms.Form):
    note = forms.CharField(label="Lý do", max_length=2000, required=False)
