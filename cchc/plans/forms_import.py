"""Forms of the plan import: the upload (a file or pasted text, the unit, the year when unread)."""

from django import forms

from cchc.core.forms import UploadField
from cchc.plans.import_preview import ACCEPTED_EXTENSIONS
from cchc.plans.plan_table import MAX_FILE_BYTES

PASTED_NAME = "van-ban-dan.txt"


class PlanUploadForm(forms.Form):
    unit = forms.TypedChoiceField(label="Đơn vị ban hành kế hoạch", coerce=int)
    file = UploadField(
        label="Tệp kế hoạch",
        required=False,
        help_text="Word (.docx), Excel (.xlsx) hoặc văn bản (.txt); tối đa 20 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED_EXTENSIONS)}),
    )
    text = forms.CharField(
        label="Hoặc dán nội dung kế hoạch",
        required=False,
        widget=forms.Textarea(
            attrs={"rows": 6, "placeholder": "Dán toàn văn kế hoạch, kể cả bảng phụ lục nhiệm vụ"}
        ),
    )
    year = forms.IntegerField(
        label="Năm của kế hoạch",
        required=False,
        min_value=2000,
        max_value=2100,
        help_text="Chỉ cần nhập khi văn bản không ghi năm.",
    )

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.pk, u.name) for u in units]
        if units:
            self.fields["unit"].initial = units[0].pk

    def clean(self):
        data = super().clean()
        upload, text = data.get("file"), (data.get("text") or "").strip()
        if not upload and not text and "file" not in self.errors:
            raise forms.ValidationError("Hãy chọn tệp kế hoạch hoặc dán nội dung kế hoạch.")
        if upload and upload.size > MAX_FILE_BYTES:
            size = upload.size / (1024 * 1024)
            raise forms.ValidationError(
                f"Tệp “{upload.name}” quá lớn ({size:.1f} MB): chỉ nhận tệp tối đa {MAX_FILE_BYTES // (1024 * 1024)} MB."
            )
        return data

    def payload(self) -> tuple[str, bytes]:
        """(file name, bytes) of the upload, or of the pasted text as a .txt file."""
        upload = self.cleaned_data.get("file")
        if upload:
            return upload.name, upload.read()
        return PASTED_NAME, self.cleaned_data["text"].encode("utf-8")
