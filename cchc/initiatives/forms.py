"""Shape checks of the initiative pages; the rules themselves are in the services."""

from decimal import Decimal, InvalidOperation

from django import forms

from cchc.core import dates
from cchc.initiatives.choices import (
    CchcArea,
    CouncilRole,
    EffectScope,
    InitiativeKind,
    InitiativeLevel,
)

DATE_ATTRS = {"placeholder": "dd/mm/yyyy", "autocomplete": "off"}


def parse_date(text: str, *, required: bool = False):
    text = (text or "").strip()
    if not text:
        if required:
            raise forms.ValidationError("Nhập ngày (dd/mm/yyyy).")
        return None
    day = dates.parse(text)
    if day is None:
        raise forms.ValidationError(f"Ngày “{text}” không hợp lệ: nhập dd/mm/yyyy.")
    return day


def parse_decimal(text: str, label: str) -> Decimal | None:
    text = (text or "").strip().replace(",", ".")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise forms.ValidationError(f"{label} “{text}” không phải là số.")
    if not value.is_finite():
        raise forms.ValidationError(f"{label} “{text}” không phải là số.")
    return value


class InitiativeForm(forms.Form):
    unit = forms.TypedChoiceField(label="Đơn vị", coerce=int)
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label="Loại", choices=InitiativeKind.choices)
    area = forms.ChoiceField(
        label="Lĩnh vực CCHC", choices=[("", "— Chọn lĩnh vực —")] + list(CchcArea.choices)
    )
    title = forms.CharField(label="Tên sáng kiến", max_length=500)
    description = forms.CharField(
        label="Nội dung, cách thức thực hiện", widget=forms.Textarea(attrs={"rows": 4})
    )
    novelty = forms.CharField(
        label="Tính mới",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Điểm mới so với cách làm trước đây (Nghị định 13/2012/NĐ-CP, Điều 4).",
    )
    applied_since = forms.CharField(
        label="Áp dụng từ ngày",
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs=DATE_ATTRS),
    )
    effect = forms.CharField(
        label="Hiệu quả đạt được",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Lợi ích thiết thực: thời gian, chi phí, số hồ sơ, mức hài lòng (Điều 5).",
    )
    effect_scope = forms.ChoiceField(label="Phạm vi ảnh hưởng", choices=EffectScope.choices)
    council = forms.TypedChoiceField(
        label="Hội đồng xét", coerce=int, required=False, empty_value=None
    )
    collective = forms.BooleanField(
        label="Tác giả là tập thể đơn vị",
        required=False,
        help_text="Đánh dấu khi sáng kiến là của tập thể; khi đó không ghi cá nhân.",
    )

    field_order = [
        "unit",
        "year",
        "kind",
        "area",
        "council",
        "title",
        "description",
        "novelty",
        "effect",
        "applied_since",
        "effect_scope",
    ]

    def clean_applied_since(self):
        return parse_date(self.cleaned_data.get("applied_since", ""))


class AuthorRowForm(forms.Form):
    person = forms.TypedChoiceField(label="Cá nhân", coerce=int, required=False, empty_value=None)
    share = forms.CharField(label="Tỷ lệ (%)", required=False, max_length=8)

    def clean_share(self):
        return parse_decimal(self.cleaned_data.get("share", ""), "Tỷ lệ đóng góp")

    def clean(self):
        data = super().clean() or {}
        if data.get("share") is not None and not data.get("person") and not data.get("DELETE"):
            self.add_error("person", "Chọn cá nhân cho tỷ lệ đóng góp đã nhập.")
        return data


AuthorFormSet = forms.formset_factory(AuthorRowForm, extra=3, can_delete=True, max_num=30)


class AttachForm(forms.Form):
    file = forms.FileField(label="Tệp minh chứng")


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Lý do", required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class DecisionForm(forms.Form):
    """The council's recognition decision, registered in the document register."""

    number = forms.CharField(
        label="Số, ký hiệu quyết định",
        max_length=80,
        help_text="Ví dụ: 15/QĐ-UBND. Quyết định đã có trong sổ văn bản (cùng số, năm) được liên kết.",
    )
    decided_on = forms.CharField(
        label="Ngày quyết định", max_length=10, widget=forms.TextInput(attrs=DATE_ATTRS)
    )
    signer = forms.CharField(label="Người ký", max_length=120, required=False)
    signer_title = forms.CharField(label="Chức vụ người ký", max_length=120, required=False)

    def clean_decided_on(self):
        return parse_date(self.cleaned_data.get("decided_on", ""), required=True)


class OutsideDecisionForm(DecisionForm):
    """A decision of an outside body, recorded by the unit."""

    council = forms.TypedChoiceField(
        label="Cơ quan công nhận (đã có trong danh mục)",
        coerce=int,
        required=False,
        empty_value=None,
    )
    body = forms.CharField(
        label="hoặc tên cơ quan công nhận",
        max_length=255,
        required=False,
        help_text="Ví dụ: Hội đồng khoa học, sáng kiến quận Hà Đông.",
    )
    level = forms.ChoiceField(
        label="Cấp công nhận",
        required=False,
        choices=[("", "— Theo cơ quan đã chọn —")] + list(InitiativeLevel.choices),
    )

    field_order = ["council", "body", "level", "number", "decided_on", "signer", "signer_title"]


class CouncilForm(forms.Form):
    unit = forms.TypedChoiceField(label="Cấp (đơn vị)", coerce=int)
    name = forms.CharField(label="Tên Hội đồng", max_length=255)
    level = forms.ChoiceField(label="Cấp công nhận", choices=InitiativeLevel.choices)
    is_external = forms.BooleanField(
        label="Cơ quan bên ngoài (chỉ ghi nhận quyết định, không chấm điểm trong hệ thống)",
        required=False,
    )
    quorum = forms.IntegerField(
        label="Số thành viên chấm điểm tối thiểu",
        required=False,
        min_value=1,
        max_value=99,
        help_text="Để trống: hai phần ba số thành viên chấm điểm (làm tròn lên).",
    )
    note = forms.CharField(
        label="Ghi chú (quyết định thành lập, quy chế)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MemberForm(forms.Form):
    user = forms.TypedChoiceField(label="Tài khoản", coerce=int)
    role = forms.ChoiceField(label="Vai trò", choices=CouncilRole.choices)
    position = forms.CharField(label="Chức vụ", max_length=200, required=False)


class CriterionRowForm(forms.Form):
    name = forms.CharField(label="Tiêu chí", max_length=255, required=False)
    max_points = forms.CharField(label="Điểm tối đa", max_length=8, required=False)
    guide = forms.CharField(label="Hướng dẫn chấm", required=False, max_length=1000)

    def clean_max_points(self):
        return parse_decimal(self.cleaned_data.get("max_points", ""), "Điểm tối đa")

    def clean(self):
        data = super().clean() or {}
        if data.get("name") and data.get("max_points") is None and not data.get("DELETE"):
            self.add_error("max_points", "Nhập điểm tối đa của tiêu chí.")
        return data


CriterionFormSet = forms.formset_factory(CriterionRowForm, extra=2, can_delete=True, max_num=40)


class SheetForm(forms.Form):
    threshold = forms.CharField(
        label="Ngưỡng công nhận (điểm trung bình tối thiểu)",
        max_length=8,
        help_text="Sáng kiến được công nhận khi điểm trung bình của các thành viên đạt từ ngưỡng này.",
    )

    def clean_threshold(self):
        value = parse_decimal(self.cleaned_data.get("threshold", ""), "Ngưỡng công nhận")
        if value is None:
            raise forms.ValidationError("Nhập ngưỡng công nhận.")
        return value
