"""Shape checks of the PAR Index pages; the rules live in the services."""

import hashlib
from decimal import Decimal

from django import forms

from cchc.core import measures
from cchc.core.forms import UploadField
from cchc.orgs.choices import BlocCode
from cchc.par.answer_services import Entry
from cchc.par.choices import Method, Part
from cchc.par.scoring import parse_number

DATE_WIDGET = forms.DateInput(
    format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "autocomplete": "off"}
)


class VnDecimalField(forms.CharField):
    """A number typed with a decimal comma or point ("1,5" or "1.5")."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in (None, ""):
            return None
        try:
            return parse_number(value)
        except ValueError:
            raise forms.ValidationError("Phải là một số (ví dụ 1,5).")


class SetForm(forms.Form):
    year = forms.IntegerField(label="Năm đánh giá", min_value=2000, max_value=2100)
    bloc_code = forms.ChoiceField(label="Khối", choices=BlocCode.choices)
    name = forms.CharField(label="Tên bộ chỉ số", max_length=300)
    appraised_max = VnDecimalField(label="Tổng điểm phần thẩm định", initial="70")
    survey_max = VnDecimalField(label="Tổng điểm điều tra xã hội học", initial="30")
    basis = forms.CharField(label="Căn cứ ban hành", max_length=300, required=False)


class SetEditForm(forms.Form):
    name = forms.CharField(label="Tên bộ chỉ số", max_length=300)
    appraised_max = VnDecimalField(label="Tổng điểm phần thẩm định")
    survey_max = VnDecimalField(label="Tổng điểm điều tra xã hội học")
    basis = forms.CharField(label="Căn cứ ban hành", max_length=300, required=False)


class SetImportForm(forms.Form):
    year = forms.IntegerField(label="Năm đánh giá", min_value=2000, max_value=2100)
    bloc_code = forms.ChoiceField(label="Khối", choices=BlocCode.choices)
    name = forms.CharField(label="Tên bộ chỉ số", max_length=300)
    appraised_max = VnDecimalField(label="Tổng điểm phần thẩm định", initial="70")
    survey_max = VnDecimalField(label="Tổng điểm điều tra xã hội học", initial="30")
    file = UploadField(label="Tệp Excel (.xlsx)")


class ReimportForm(forms.Form):
    file = UploadField(label="Tệp Excel (.xlsx)")


class CloneForm(forms.Form):
    year = forms.IntegerField(label="Sang năm", min_value=2000, max_value=2100)


class NodeForm(forms.Form):
    code = forms.CharField(
        label="Mã",
        max_length=20,
        help_text="Ví dụ 1 (lĩnh vực), 1.2 (tiêu chí), 1.2.3 (tiêu chí thành phần), S1 (điều tra).",
    )
    name = forms.CharField(
        label="Nội dung", max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    max_score = VnDecimalField(label="Điểm tối đa")
    part = forms.ChoiceField(label="Phần (chỉ với lĩnh vực)", choices=Part.choices, required=False)
    method = forms.ChoiceField(
        label="Phương pháp chấm (khi không có mục con)", choices=Method.choices
    )
    thresholds = forms.CharField(
        label="Ngưỡng (khi chấm theo ngưỡng)",
        required=False,
        help_text="Dạng “mức:điểm” cách nhau bởi dấu chấm phẩy, ví dụ 100:2; 80:1; 0:0 (≥ 100 → 2 điểm…).",
    )
    figure_unit = forms.CharField(
        label="Đơn vị số liệu", max_length=20, required=False, initial="%"
    )
    guide = forms.CharField(
        label="Hướng dẫn chấm điểm", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence_required = forms.BooleanField(label="Bắt buộc tài liệu kiểm chứng", required=False)
    allow_not_applicable = forms.BooleanField(
        label="Cho phép đơn vị chọn “không áp dụng”", required=False
    )
    measure_code = forms.ChoiceField(
        label="Số liệu hệ thống (khi chấm theo ngưỡng)",
        required=False,
        help_text="Hệ thống tự tính số liệu này cho từng đơn vị và đề xuất điểm theo ngưỡng.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure_code"].choices = [("", "— Đơn vị tự nhập số liệu —")] + list(
            measures.choices()
        )


class BandsForm(forms.Form):
    """Up to six bands, each a name and the lowest index it covers."""

    ROWS = 6

    def __init__(self, *args, bands=None, **kwargs):
        super().__init__(*args, **kwargs)
        bands = list(bands or [])
        for i in range(self.ROWS):
            name, lo = bands[i] if i < len(bands) else ("", None)
            self.fields[f"name_{i}"] = forms.CharField(
                label=f"Mức {i + 1}", required=False, initial=name, max_length=40
            )
            self.fields[f"min_{i}"] = VnDecimalField(
                label="Từ điểm (≥)",
                required=False,
                initial=str(lo).replace(".", ",") if lo is not None else "",
            )

    def rows(self):
        return [(self[f"name_{i}"], self[f"min_{i}"]) for i in range(self.ROWS)]

    def bands(self) -> list[tuple[str, Decimal]]:
        out = []
        for i in range(self.ROWS):
            name, lo = self.cleaned_data.get(f"name_{i}"), self.cleaned_data.get(f"min_{i}")
            if name and lo is None:
                self.add_error(f"min_{i}", "Nhập điểm bắt đầu của mức này.")
            elif name:
                out.append((name, lo))
        return out


class RoundForm(forms.Form):
    year = forms.IntegerField(label="Năm đánh giá", min_value=2000, max_value=2100)
    name = forms.CharField(label="Tên đợt", max_length=300, required=False)
    self_start = forms.DateField(label="Bắt đầu tự đánh giá", widget=DATE_WIDGET)
    self_end = forms.DateField(label="Hạn tự đánh giá", widget=DATE_WIDGET)
    appraisal_start = forms.DateField(label="Bắt đầu thẩm định", widget=DATE_WIDGET)
    appraisal_end = forms.DateField(label="Hạn thẩm định", widget=DATE_WIDGET)
    response_start = forms.DateField(label="Bắt đầu giải trình", widget=DATE_WIDGET)
    response_end = forms.DateField(label="Hạn giải trình", widget=DATE_WIDGET)
    survey_organised = forms.BooleanField(
        label="Có tổ chức điều tra xã hội học", required=False, initial=True
    )


class RoundEditForm(RoundForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("year")


class TeamForm(forms.Form):
    usernames = forms.CharField(
        label="Thành viên tổ thẩm định (tên đăng nhập, mỗi dòng một người)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ReturnForm(forms.Form):
    note = forms.CharField(label="Lý do trả lại", max_length=2000)


class ReopenForm(forms.Form):
    until = forms.DateField(label="Hạn mới", widget=DATE_WIDGET)
    note = forms.CharField(label="Lý do", max_length=500, required=False)


class UploadForm(forms.Form):
    file = UploadField(label="Tệp Excel (.xlsx) hoặc CSV")


class SurveyGridForm(forms.Form):
    """The survey table of a round: one field per unit and item (`s_<assessment id>_<code>`). Only the cells the
    page posted and the user changed come out of `changed()`; a cell that is not a number names the unit."""

    def __init__(self, *args, rows, columns, scores, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows, self.columns, self.scores = rows, list(columns), scores
        for a in rows:
            for code in self.columns:
                self.fields[self.key(a, code)] = forms.CharField(
                    required=False, initial=number_text(scores.get(a.pk, {}).get(code))
                )

    @staticmethod
    def key(assessment, code: str) -> str:
        return f"s_{assessment.pk}_{code}"

    def clean(self):
        data = super().clean()
        problems = []
        self.values: dict[int, dict[str, Decimal | None]] = {}
        for a in self.rows:
            for code in self.columns:
                key = self.key(a, code)
                if key not in self.data:
                    continue
                text = data.get(key, "")
                try:
                    value = parse_number(text)
                except ValueError:
                    problems.append(f"{a.unit.name}: điểm {code} “{text}” không phải số")
                    continue
                if value != self.scores.get(a.pk, {}).get(code):
                    self.values.setdefault(a.pk, {})[code] = value
        if problems:
            raise forms.ValidationError(problems)
        return data

    def changed(self) -> dict[int, dict[str, Decimal | None]]:
        """{assessment id: {item code: score}} of the cells that differ from the stored scores."""
        return self.values

    def table(self):
        """(assessment, [(code, text shown)]) per row, with what the user typed after a refused save."""
        return [
            (a, [(code, self[self.key(a, code)].value() or "") for code in self.columns])
            for a in self.rows
        ]


class EvidenceForm(forms.Form):
    file = UploadField(label="Tệp", required=False)
    document = forms.CharField(
        label="Hoặc văn bản đã đăng ký (số, ký hiệu)", required=False, max_length=300
    )

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("document"):
            raise forms.ValidationError("Chọn tệp hoặc nhập số, ký hiệu văn bản đã đăng ký.")
        return data


# The criteria sheets (self-assessment, appraisal, responses) -------------------------------------


def number_text(value) -> str:
    """A stored number as the input shows it: '1,5', '85', ''."""
    if value is None:
        return ""
    text = format(Decimal(value).normalize(), "f")
    return text.replace(".", ",")


def fingerprint(value: str, text: str, na: bool) -> str:
    """A short digest of what a row showed, to tell rows the user changed from rows left as loaded."""
    raw = f"{(value or '').strip()}\x1f{(text or '').replace(chr(13), '').strip()}\x1f{'1' if na else ''}"
    return hashlib.sha1(raw.encode()).hexdigest()[:16]


def row_state(answer, mode: str) -> dict:
    """The values a sheet row shows for one answer, with its fingerprint."""
    if mode == "self":
        stored = (
            answer.self_figure
            if answer.criterion.method in (Method.THRESHOLD, Method.YES_NO)
            else answer.self_score
        )
        value, text, na = number_text(stored), answer.explanation, answer.not_applicable
    elif mode == "appraisal":
        stored = (
            answer.appraised_figure
            if answer.criterion.method in (Method.THRESHOLD, Method.YES_NO)
            else answer.appraised_score
        )
        value, text, na = number_text(stored), answer.appraisal_comment, answer.not_applicable
    else:
        value, text, na = "", answer.response, False
    return {
        "value": value,
        "text": text,
        "na": na,
        "fp": fingerprint(value, text, na),
        "version": answer.version,
    }


def parse_sheet(post, rows, mode: str):
    """{criterion id: Entry} for the rows the user changed, and the input errors naming criteria."""
    entries, errors = {}, []
    for row in rows:
        a, c = row.answer, row.criterion
        if c.method == Method.SURVEY and mode != "response":
            continue
        key = str(a.pk)
        if f"fp_{key}" not in post:
            continue
        value = post.get(f"v_{key}", "")
        text = post.get(f"t_{key}", "")
        na = post.get(f"na_{key}") == "1"
        if fingerprint(value, text, na) == post.get(f"fp_{key}"):
            continue
        try:
            number = parse_number(value) if mode != "response" else None
        except ValueError:
            errors.append(f"Tiêu chí {c.code}: “{value}” không phải là số.")
            continue
        try:
            version = int(post.get(f"ver_{key}", ""))
        except ValueError:
            version = 0  # versions start at 1, so a missing version counts as stale
        entries[c.pk] = Entry(
            value=number, text=text.replace("\r", ""), not_applicable=na, version=version
        )
    return entries, errors
