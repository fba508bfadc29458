"""Shape checks of the pages of award rules and fact registers; the rules themselves are in the services."""

from __future__ import annotations

from django import forms

from cchc.awards.choices import DisciplineLevel, EvaluationClass
from cchc.core.forms import UploadField

DATE_ATTRS = {"placeholder": "dd/mm/yyyy", "autocomplete": "off"}


class RuleFileForm(forms.Form):
    unit = forms.TypedChoiceField(label="Cấp ban hành", coerce=int)
    text = forms.CharField(
        label="Nội dung tệp quy định (YAML)",
        required=False,
        widget=forms.Textarea(
            attrs={"rows": 28, "spellcheck": "false", "class": "font-monospace small"}
        ),
        help_text="Định dạng theo lược đồ JSON công bố tại /khen-thuong/quy-dinh/schema.json.",
    )
    upload = UploadField(
        label="Hoặc tải lên tệp .yaml",
        required=False,
        help_text="Khi chọn tệp, nội dung tệp thay cho nội dung ô bên trên.",
    )

    def clean(self):
        super().clean()
        data = self.cleaned_data
        upload = data.get("upload")
        if upload is not None:
            if upload.size > 1_000_000:
                self.add_error("upload", "Tệp quá lớn (tối đa 1 MB).")
                return data
            try:
                data["text"] = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                self.add_error("upload", f"Tệp “{upload.name}” không phải văn bản UTF-8.")
                return data
            data["source_path"] = upload.name
        if not (data.get("text") or "").strip() and "upload" not in self.errors:
            self.add_error("text", "Nhập nội dung tệp quy định hoặc tải lên một tệp.")
        return data


class ProgrammeForm(forms.Form):
    name = forms.CharField(label="Tên chương trình", max_length=300)
    is_active = forms.BooleanField(
        label="Đang áp dụng",
        required=False,
        help_text="Bỏ chọn để ngừng áp dụng; quy định vẫn giữ trong tệp quy định.",
    )


class DisciplineForm(forms.Form):
    person = forms.TypedChoiceField(label="Cá nhân", coerce=int)
    level = forms.ChoiceField(label="Hình thức", choices=DisciplineLevel.choices)
    decided_on = forms.DateField(label="Ngày quyết định", widget=forms.TextInput(attrs=DATE_ATTRS))
    ends_on = forms.DateField(
        label="Hết hiệu lực",
        required=False,
        widget=forms.TextInput(attrs=DATE_ATTRS),
        help_text="Để trống nếu chưa rõ.",
    )
    document_number = forms.CharField(
        label="Số quyết định kỷ luật",
        required=False,
        max_length=80,
        help_text="Số, ký hiệu văn bản đã vào sổ văn bản (ví dụ 12/QĐ-UBND); để trống nếu chưa có.",
    )
    note = forms.CharField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class EvaluationForm(forms.Form):
    person = forms.TypedChoiceField(label="Cá nhân", coerce=int)
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    grade = forms.ChoiceField(label="Xếp loại", choices=EvaluationClass.choices)


class UnitEvaluationForm(forms.Form):
    unit = forms.TypedChoiceField(label="Tập thể", coerce=int)
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    grade = forms.ChoiceField(label="Xếp loại", choices=EvaluationClass.choices)


DIRECT_CHOICES = [("yes", "Có"), ("no", "Không"), ("", "Chưa rõ")]


class CchcAssignmentForm(forms.Form):
    person = forms.TypedChoiceField(label="Cá nhân", coerce=int)
    position = forms.CharField(label="Chức vụ, nhiệm vụ", max_length=200)
    start = forms.DateField(label="Từ ngày", widget=forms.TextInput(attrs=DATE_ATTRS))
    end = forms.DateField(
        label="Đến ngày",
        required=False,
        widget=forms.TextInput(attrs=DATE_ATTRS),
        help_text="Để trống khi vẫn đang làm.",
    )
    direct = forms.ChoiceField(
        label="Trực tiếp làm công tác CCHC",
        choices=DIRECT_CHOICES,
        required=False,
        help_text="Trực tiếp chỉ đạo, phụ trách, tham mưu hoặc tổ chức thực hiện công tác CCHC.",
    )


class ManualCheckForm(forms.Form):
    standard = forms.ChoiceField(label="Tiêu chuẩn (chương trình)")
    candidate = forms.ChoiceField(
        label="Tập thể hoặc cá nhân được xét",
        help_text="Tập thể là đơn vị; cá nhân ghi kèm đơn vị công tác.",
    )
    year = forms.IntegerField(
        label="Năm thành tích",
        required=False,
        help_text="Bắt buộc với khen thưởng hằng năm, đột xuất.",
        min_value=2000,
        max_value=2100,
    )
    result = forms.ChoiceField(
        label="Kết quả", choices=[("pass", "Đạt"), ("fail", "Không đạt")], widget=forms.RadioSelect
    )
    evidence = forms.CharField(
        label="Căn cứ, tài liệu kiểm chứng", widget=forms.Textarea(attrs={"rows": 3})
    )
    checked_on = forms.DateField(label="Ngày kiểm tra", widget=forms.TextInput(attrs=DATE_ATTRS))


class ImportForm(forms.Form):
    file = UploadField(
        label="Tệp Excel (.xlsx) hoặc CSV",
        help_text="Các cột: Họ và tên, Đơn vị, Năm, Xếp loại (HTXS, HTT, HT, KHT hoặc tên đầy đủ).",
    )
