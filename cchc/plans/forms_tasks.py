"""Shape checks of the task tracking forms; the rules live in `cchc.plans.tracking`."""

from django import forms

from cchc.core import dates
from cchc.core.forms import UploadField
from cchc.plans.choices import PLAN_REPORT_PERIODS, TargetComparator, TaskStatus


class DayField(forms.CharField):
    """A day typed as dd/mm/yyyy."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})
        )
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value).strip()
        if not text:
            return None
        day = dates.parse(text)
        if day is None:
            raise forms.ValidationError(f"“{text}” không phải ngày hợp lệ: nhập dd/mm/yyyy.")
        return day


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(UploadField):
    """Several files in one input; sizes are checked by the service."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label="Trạng thái", choices=TaskStatus.choices)
    percent = forms.IntegerField(label="Tiến độ (%)", min_value=0, max_value=100)
    reported_on = DayField(label="Ngày báo cáo", required=False, help_text="Để trống: hôm nay.")
    period_label = forms.ChoiceField(label="Kỳ báo cáo", required=False, choices=[])
    text = forms.CharField(
        label="Kết quả thực hiện", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    files = MultipleFileField(
        label="Tệp kiểm chứng",
        required=False,
        help_text="Có thể chọn nhiều tệp, mỗi tệp tối đa 20 MB.",
    )
    product_document = forms.TypedChoiceField(
        label="Văn bản sản phẩm (đã đăng ký)",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[],
    )
    # The task's version when the form was opened (cchc.core.versions): a report on a task someone else has
    # changed since is refused instead of overwriting its status and percent.
    version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, periods=(), documents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period_label"].choices = [("", "— không theo kỳ —")] + [
            (p[0], p[0]) for p in periods
        ]
        if not periods:
            del self.fields["period_label"]
        self.fields["product_document"].choices = [("", "— không chọn —")] + [
            (d.pk, f"{d.display_number} – {d.title[:90]}") for d in documents
        ]


class DeadlineForm(forms.Form):
    due_on = DayField(label="Hạn hoàn thành")
    start_on = DayField(label="Bắt đầu từ", required=False)
    note = forms.CharField(
        label="Căn cứ (văn bản yêu cầu, ghi chú)", required=False, max_length=500
    )


class TargetConfirmForm(forms.Form):
    comparator = forms.ChoiceField(label="Cách so sánh", choices=TargetComparator.choices)
    value = forms.CharField(label="Giá trị chỉ tiêu", required=False, max_length=20)
    value_unit = forms.CharField(label="Đơn vị tính", required=False, max_length=20)
    responsible = forms.TypedChoiceField(
        label="Cơ quan theo dõi", required=False, coerce=int, empty_value=None, choices=[]
    )
    # The target's version when the form was opened (cchc.core.versions).
    version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].choices = [("", "— chưa giao —")] + [
            (u.pk, u.name) for u in units
        ]


class TargetWordingForm(forms.Form):
    # The target's version when the form was opened (cchc.core.versions).
    version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    code = forms.CharField(
        label="Mã",
        required=False,
        max_length=8,
        help_text="Ví dụ: a, b, đ (để trống nếu không có).",
    )
    text = forms.CharField(label="Nội dung chỉ tiêu", widget=forms.Textarea(attrs={"rows": 3}))


class TargetAddForm(TargetWordingForm, TargetConfirmForm):
    field_order = ["code", "text", "comparator", "value", "value_unit", "responsible"]


class PlanSettingsForm(forms.Form):
    title = forms.CharField(label="Tên kế hoạch", widget=forms.Textarea(attrs={"rows": 2}))
    report_every = forms.ChoiceField(
        label="Kỳ báo cáo nhiệm vụ thường xuyên",
        choices=[(r.value, r.label) for r in PLAN_REPORT_PERIODS],
        help_text="Nhiệm vụ “Thường xuyên” không ghi kỳ riêng được báo cáo và nhắc việc theo kỳ này.",
    )


class MeasureForm(forms.Form):
    ACHIEVED = [("", "— tính theo giá trị —"), ("1", "Đạt"), ("0", "Không đạt")]

    period_label = forms.CharField(
        label="Kỳ", max_length=40, widget=forms.TextInput(attrs={"placeholder": "Năm 2026"})
    )
    period_end = DayField(label="Hết kỳ")
    value = forms.CharField(label="Giá trị đạt được", required=False, max_length=20)
    achieved = forms.TypedChoiceField(
        label="Đánh giá",
        required=False,
        choices=ACHIEVED,
        coerce=lambda v: v == "1",
        empty_value=None,
    )
    note = forms.CharField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
