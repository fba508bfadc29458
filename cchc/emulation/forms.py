"""Shape checks of the movement pages: the plan upload, the preview's corrections, the movement's settings, the
registration's and the report's rows. Rules stay in the services; these only turn posted text into values, with
a Vietnamese message naming the field when a value is not a number or a date."""

from __future__ import annotations

from django import forms

from cchc.core import dates
from cchc.core.errors import DomainError
from cchc.emulation.choices import ParticipantMode, PledgeKind, TitleChoice
from cchc.emulation.import_preview import ACCEPTED_EXTENSIONS
from cchc.emulation.services import ImportChoices, PledgeLine, TitleLine

PASTED_NAME = "van-ban-dan.txt"
MAX_FILE_BYTES = 20 * 1024 * 1024
EXTRA_ROWS = 3


class MovementUploadForm(forms.Form):
    unit = forms.TypedChoiceField(label="Cấp phát động phong trào", coerce=int)
    file = forms.FileField(
        label="Tệp kế hoạch phát động",
        required=False,
        help_text="Word (.docx), trang web (.html) hoặc văn bản (.txt); tối đa 20 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED_EXTENSIONS)}),
    )
    text = forms.CharField(
        label="Hoặc dán nội dung kế hoạch",
        required=False,
        widget=forms.Textarea(
            attrs={"rows": 6, "placeholder": "Dán toàn văn kế hoạch (hoặc quyết định kèm kế hoạch)"}
        ),
    )

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.pk, u.name) for u in units]
        if units:
            self.fields["unit"].initial = units[0].pk

    def clean(self):
        data = super().clean()
        upload, text = data.get("file"), (data.get("text") or "").strip()
        if not upload and not text:
            raise forms.ValidationError("Hãy chọn tệp kế hoạch hoặc dán nội dung kế hoạch.")
        if upload and upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(f"Tệp “{upload.name}” quá lớn: chỉ nhận tệp tối đa 20 MB.")
        return data

    def payload(self) -> tuple[str, bytes]:
        """(file name, bytes) of the upload, or of the pasted text as a .txt file."""
        upload = self.cleaned_data.get("file")
        if upload:
            return upload.name, upload.read()
        return PASTED_NAME, self.cleaned_data["text"].encode("utf-8")


def _int(post, key: str, what: str) -> int | None:
    raw = (post.get(key) or "").strip()
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        raise DomainError(f"{what} “{raw}” không phải là số.", field=key) from None


def _date(post, key: str, what: str):
    raw = (post.get(key) or "").strip()
    if not raw:
        return None
    day = dates.parse(raw)
    if day is None:
        raise DomainError(f"{what} “{raw}” không đúng dạng ngày/tháng/năm.", field=key)
    return day


def import_choices(post) -> ImportChoices:
    """The corrections posted from the preview page."""
    mode = post.get("mode") or ParticipantMode.UNITS
    parent = (post.get("parent") or "").strip()
    return ImportChoices(
        name=post.get("name", ""),
        start_year=_int(post, "start_year", "Năm bắt đầu"),
        end_year=_int(post, "end_year", "Năm kết thúc"),
        contents=[post.get(f"content_{i}", "") for i in range(_int(post, "content_count", "") or 0)]
        + [line for line in (post.get("content_new") or "").splitlines()],
        standing_agency_id=_int(post, "standing_agency", "Cơ quan thường trực"),
        due_given=True,
        report_due_text=post.get("report_due_text", ""),
        report_due_day=_int(post, "report_due_day", "Ngày hạn báo cáo"),
        report_due_month=_int(post, "report_due_month", "Tháng hạn báo cáo"),
        report_due_year=_int(post, "report_due_year", "Năm hạn báo cáo"),
        report_due_before=bool(post.get("report_due_before")),
        mid_term_on=_date(post, "mid_term_on", "Ngày sơ kết"),
        final_on=_date(post, "final_on", "Ngày tổng kết"),
        parent_id=int(parent) if parent.isdigit() else 0,
        mode=mode,
        bloc_codes=post.getlist("bloc"),
        unit_ids=[int(v) for v in post.getlist("participant") if v.isdigit()],
    )


def movement_changes(post) -> dict:
    """The fields of the movement's settings form, for `services.movement_update`."""
    return {
        "name": post.get("name", ""),
        "report_due_text": post.get("report_due_text", ""),
        "report_due_day": _int(post, "report_due_day", "Ngày hạn báo cáo"),
        "report_due_month": _int(post, "report_due_month", "Tháng hạn báo cáo"),
        "report_due_year": _int(post, "report_due_year", "Năm hạn báo cáo"),
        "report_due_before": bool(post.get("report_due_before")),
        "mid_term_on": _date(post, "mid_term_on", "Ngày sơ kết"),
        "final_on": _date(post, "final_on", "Ngày tổng kết"),
    }


def registration_lines(post) -> tuple[list[TitleLine], list[PledgeLine]]:
    """Rows of the registration form: "title_<i>" with "person_<i>" (empty: the unit), "pledge_kind_<i>" with
    "pledge_text_<i>"; empty rows are skipped."""
    titles = []
    for i in range(_int(post, "title_rows", "Số dòng") or 0):
        title = (post.get(f"title_{i}") or "").strip()
        if not title:
            continue
        person = _int(post, f"person_{i}", "Cá nhân")
        titles.append(TitleLine(title=title, person_id=person))
    pledges = []
    for i in range(_int(post, "pledge_rows", "Số dòng") or 0):
        text = (post.get(f"pledge_text_{i}") or "").strip()
        if text:
            pledges.append(
                PledgeLine(kind=post.get(f"pledge_kind_{i}") or PledgeKind.PLEDGE, text=text)
            )
    return titles, pledges


def report_results(post, contents) -> dict[int, str]:
    """{content id: text} from the report form's "result_<content id>" fields."""
    return {c.pk: post.get(f"result_{c.pk}", "") for c in contents}


TITLE_CHOICES = TitleChoice.choices
PLEDGE_CHOICES = PledgeKind.choices
