from django import forms

from cchc.core.forms import UploadField
from cchc.orgs.choices import EmploymentKind, Gender, UnitKind


class UnitForm(forms.Form):
    name = forms.CharField(label="Tên chính thức", max_length=255)
    short_name = forms.CharField(label="Tên ngắn", max_length=120, required=False)
    kind = forms.ChoiceField(label="Loại đơn vị", choices=UnitKind.choices)
    code = forms.CharField(label="Mã", max_length=64, required=False)
    aliases = forms.CharField(
        label="Tên gọi khác (mỗi tên một dòng)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    # The version when the form was opened (cchc.core.versions): a save over someone else's is refused.
    version = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class AliasForm(forms.Form):
    name = forms.CharField(label="Tên gọi khác", max_length=255)


class PersonForm(forms.Form):
    full_name = forms.CharField(label="Họ và tên", max_length=150)
    gender = forms.ChoiceField(label="Giới tính", choices=Gender.choices)
    birth_year = forms.IntegerField(
        label="Năm sinh", min_value=1930, max_value=2015, required=False
    )
    position = forms.CharField(label="Chức vụ", max_length=200, required=False)
    employment_kind = forms.ChoiceField(label="Loại cán bộ", choices=EmploymentKind.choices)


class MoveForm(forms.Form):
    to_unit = forms.IntegerField(label="Đơn vị đến", widget=forms.Select)
    moved_on = forms.DateField(
        label="Ngày chuyển",
        input_formats=["%d/%m/%Y"],
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
    )
    note = forms.CharField(label="Ghi chú", max_length=255, required=False)


class ImportForm(forms.Form):
    file = UploadField(label="Tệp Excel (.xlsx) hoặc CSV")


class DeactivateForm(forms.Form):
    on = forms.DateField(
        label="Ngày giải thể/sáp nhập",
        input_formats=["%d/%m/%Y"],
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
    )
    merged_into = forms.CharField(
        label="Sáp nhập vào (mã đơn vị, nếu có)", max_length=64, required=False
    )
