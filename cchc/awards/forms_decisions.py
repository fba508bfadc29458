"""Shape checks of the award decision pages; the rules are in `services_decisions`."""

from __future__ import annotations

from datetime import date

from django import forms

from cchc.core import dates

DATE_ATTRS = {"placeholder": "dd/mm/yyyy", "autocomplete": "off"}
SIGNER_TITLES = [("Chủ tịch", "Chủ tịch"), ("Phó Chủ tịch", "Phó Chủ tịch (ký thay - KT.)")]


def _date_field(label: str, *, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label, max_length=10, required=required, widget=forms.TextInput(attrs=DATE_ATTRS)
    )


def _parse(text: str | None, *, required: bool) -> date | None:
    text = (text or "").strip()
    if not text:
        if required:
            raise forms.ValidationError("Nhập ngày (dd/mm/yyyy).")
        return None
    day = dates.parse(text)
    if day is None:
        raise forms.ValidationError(f"“{text}” không phải ngày dd/mm/yyyy.")
    return day


class RoundForm(forms.Form):
    """A programme and a year of the level: the round a decision or a proposal is made for."""

    programme = forms.TypedChoiceField(label="Chương trình khen thưởng", coerce=int)
    year = forms.IntegerField(label="Năm thành tích", min_value=2000, max_value=2100)

    def __init__(self, *args, programmes=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["programme"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "— Chọn chương trình —")] + [
            (p.pk, f"{p.unit.short_name or p.unit.name} · {p.name}") for p in programmes
        ]


class DraftForm(RoundForm):
    fund_source = forms.CharField(
        label="Nguồn kinh phí",
        max_length=300,
        required=False,
        help_text="Để trống: Quỹ thi đua, khen thưởng của Ủy ban nhân dân cấp này trong năm.",
    )
    signer_title = forms.ChoiceField(label="Người ký dự kiến", choices=SIGNER_TITLES)
    submission_number = forms.CharField(
        label="Số tờ trình của cơ quan thường trực",
        max_length=80,
        required=False,
        help_text="Ví dụ: 12/TTr-VHXH; được dẫn ở dòng “Theo đề nghị của …” của quyết định.",
    )
    submission_date = _date_field("Ngày tờ trình", required=False)

    def clean_submission_date(self):
        return _parse(self.cleaned_data.get("submission_date"), required=False)


class ProposeForm(RoundForm):
    submission_number = forms.CharField(
        label="Số, ký hiệu tờ trình", max_length=80, required=False, help_text="Ví dụ: 45/TTr-UBND."
    )
    submission_date = _date_field("Ngày tờ trình", required=False)

    def clean_submission_date(self):
        return _parse(self.cleaned_data.get("submission_date"), required=False)


class SignForm(forms.Form):
    """The leader signs: number, date and name as on the signed paper."""

    number = forms.CharField(
        label="Số, ký hiệu quyết định", max_length=80, help_text="Ví dụ: 125/QĐ-UBND."
    )
    signed_on = _date_field("Ngày ký")
    signer_name = forms.CharField(label="Họ tên người ký", max_length=150)
    signer_title = forms.ChoiceField(label="Chức vụ", choices=SIGNER_TITLES)

    def clean_signed_on(self):
        return _parse(self.cleaned_data.get("signed_on"), required=True)


class RecordForm(forms.Form):
    """The higher level's decision as it arrived."""

    number = forms.CharField(label="Số, ký hiệu quyết định của cấp trên", max_length=80)
    signed_on = _date_field("Ngày ký")
    issuer = forms.CharField(label="Cơ quan, người quyết định", max_length=200, required=False)
    signer_name = forms.CharField(label="Họ tên người ký", max_length=150, required=False)
    signer_title = forms.CharField(label="Chức vụ người ký", max_length=150, required=False)

    def clean_signed_on(self):
        return _parse(self.cleaned_data.get("signed_on"), required=True)


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label="Lý do thu hồi", max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    document_number = forms.CharField(label="Số, ký hiệu quyết định thu hồi", max_length=80)
    revoked_on = _date_field("Ngày quyết định thu hồi")

    def clean_revoked_on(self):
        return _parse(self.cleaned_data.get("revoked_on"), required=True)


class BaseSalaryForm(forms.Form):
    from_date = _date_field("Áp dụng từ ngày")
    amount = forms.IntegerField(label="Mức lương cơ sở (đồng/tháng)", min_value=1)
    source = forms.CharField(
        label="Văn bản quy định",
        max_length=200,
        help_text="Ví dụ: Nghị định 73/2024/NĐ-CP, Điều 3.2.",
    )

    def clean_from_date(self):
        return _parse(self.cleaned_data.get("from_date"), required=True)
