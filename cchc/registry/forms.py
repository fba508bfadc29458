from django import forms

from cchc.core import dates
from cchc.core.forms import UploadField
from cchc.registry.choices import DatePrecision, DocType


class DocumentForm(forms.Form):
    # The version when the form was opened (cchc.core.versions): a save over someone else's is refused.
    version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    number = forms.CharField(
        label="Số, ký hiệu",
        max_length=80,
        required=False,
        help_text="Ví dụ: 259/KH-UBND; để trống nếu văn bản chưa có số.",
    )
    doc_type = forms.ChoiceField(label="Loại văn bản", choices=DocType.choices)
    issuer = forms.CharField(label="Cơ quan ban hành", max_length=255, required=False)
    issued_on = forms.CharField(
        label="Ngày ban hành",
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy"}),
        help_text="Nếu văn bản không ghi ngày cụ thể, nhập tháng/năm (06/2026) hoặc chỉ năm (2026).",
    )
    signer = forms.CharField(label="Người ký", max_length=120, required=False)
    signer_title = forms.CharField(label="Chức vụ người ký", max_length=120, required=False)
    title = forms.CharField(label="Trích yếu", widget=forms.Textarea(attrs={"rows": 2}))
    org_unit = forms.IntegerField(label="Đơn vị quản lý", required=False, widget=forms.Select)
    period_start = forms.IntegerField(
        label="Từ năm", required=False, min_value=1990, max_value=2100
    )
    period_end = forms.IntegerField(label="Đến năm", required=False, min_value=1990, max_value=2100)
    bases = forms.CharField(
        label="Thêm căn cứ",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Dán lời văn các căn cứ (“Căn cứ Quyết định số 282/QĐ-TTg ngày 12/02/2026 của Thủ tướng Chính phủ …”) "
        "hoặc mỗi dòng một văn bản: số ký hiệu | ngày dd/mm/yyyy | cơ quan ban hành | trích yếu.",
    )

    def clean_issued_on(self):
        text = self.cleaned_data.get("issued_on", "").strip()
        if not text:
            return None, DatePrecision.NONE
        parsed = dates.parse_partial(text)
        if parsed is None:
            raise forms.ValidationError("Ngày không hợp lệ: nhập dd/mm/yyyy, mm/yyyy hoặc yyyy.")
        return parsed

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "Năm kết thúc phải sau năm bắt đầu.")
        return data


class AttachForm(forms.Form):
    file = UploadField(label="Tệp đính kèm")


class BasisRowForm(forms.Form):
    """One legal basis of the document, as an editable row."""

    number = forms.CharField(label="Số, ký hiệu", max_length=80, required=False)
    doc_type = forms.ChoiceField(
        label="Loại", choices=[("", "—")] + list(DocType.choices), required=False
    )
    date = forms.CharField(
        label="Ngày",
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy"}),
    )
    issuer = forms.CharField(label="Cơ quan ban hành", max_length=255, required=False)
    title = forms.CharField(
        label="Trích yếu", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    raw = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_date(self):
        text = self.cleaned_data.get("date", "").strip()
        if not text:
            return None
        parsed = dates.parse(text)
        if parsed is None:
            raise forms.ValidationError("Ngày không hợp lệ: nhập dd/mm/yyyy.")
        return parsed

    def clean(self):
        data = super().clean()
        if self.has_changed() and not (data.get("number") or data.get("title") or data.get("raw")):
            raise forms.ValidationError("Căn cứ cần có số, ký hiệu hoặc trích yếu.")
        return data


BasisFormSet = forms.formset_factory(BasisRowForm, extra=1, can_delete=True)


class ReadForm(forms.Form):
    """A document to read the registry form from: pasted text or an uploaded file."""

    text = forms.CharField(
        label="Dán nội dung văn bản",
        required=False,
        widget=forms.Textarea(
            attrs={
                "rows": 12,
                "placeholder": "Dán toàn bộ hoặc phần đầu văn bản (từ tên cơ quan đến các căn cứ)",
            }
        ),
    )
    file = UploadField(
        label="hoặc tải tệp lên",
        required=False,
        help_text="Word (.docx), trang web (.html) hoặc văn bản (.txt); tối đa 20 MB.",
    )

    def clean(self):
        data = super().clean()
        if (
            not (data.get("text") or "").strip()
            and not data.get("file")
            and "file" not in self.errors
        ):
            raise forms.ValidationError("Hãy dán nội dung văn bản hoặc chọn tệp.")
        return data
