"""Showing a service's refusal on a Django form."""

from django import forms

from cchc.core.errors import DomainError
from cchc.core.uploads import check_package, is_package


def add_domain_error(form: forms.BaseForm, exc: DomainError) -> None:
    """Put the service's Vietnamese message on the field it names when the form has that field, else on top."""
    field = form.fields.get(exc.field or "")
    form.add_error(
        exc.field if field is not None and not field.widget.is_hidden else None, exc.message
    )


class UploadField(forms.FileField):
    """A file input whose refusals are Vietnamese and name the file: one message for an empty file, never a
    second "choose a file" beside it (forms check `"file" in form.errors` before asking for one)."""

    default_error_messages = {
        "required": "Vui lòng chọn tệp.",
        "invalid": "Không đọc được tệp tải lên: hãy chọn lại tệp.",
        "missing": "Không nhận được tệp: hãy chọn lại tệp.",
        "empty": "Tệp rỗng (0 byte): hãy chọn tệp có nội dung.",
        "max_length": "Tên tệp quá dài (tối đa %(max)d ký tự, tên này có %(length)d).",
        "contradiction": "Hãy chọn tệp mới hoặc bỏ tệp cũ, không làm cả hai.",
    }

    def to_python(self, data):
        if data not in self.empty_values and getattr(data, "size", None) == 0:
            name = getattr(data, "name", "") or ""
            raise forms.ValidationError(
                f"Tệp “{name}” rỗng (0 byte): hãy chọn tệp có nội dung.", code="empty"
            )
        data = super().to_python(data)
        if data is not None and is_package(data.name):
            try:
                check_package(data.name, data.file if hasattr(data, "file") else data)
            except DomainError as exc:
                raise forms.ValidationError(exc.message, code="package") from exc
        return data
