"""Shape checks of the council pages; the rules themselves are in the services and `rules/voting.py`."""

from __future__ import annotations

import json
from typing import Any

from django import forms

from cchc.awards.choices import BallotKind, CouncilRole
from cchc.core import dates

DATE_ATTRS = {"placeholder": "dd/mm/yyyy", "autocomplete": "off"}


def _date(text: str, *, required: bool) -> Any:
    text = (text or "").strip()
    if not text:
        if required:
            raise forms.ValidationError("Nhập ngày (dd/mm/yyyy).")
        return None
    day = dates.parse(text)
    if day is None:
        raise forms.ValidationError(f"Ngày “{text}” không hợp lệ: nhập dd/mm/yyyy.")
    return day


class CouncilForm(forms.Form):
    unit = forms.TypedChoiceField(label="Cấp", coerce=int)
    name = forms.CharField(label="Tên Hội đồng", max_length=300)
    term_start = forms.CharField(label="Nhiệm kỳ từ ngày", widget=forms.TextInput(DATE_ATTRS))
    term_end = forms.CharField(label="Đến ngày", required=False, widget=forms.TextInput(DATE_ATTRS))
    rules = forms.CharField(
        label="Quy tắc túc số và ngưỡng biểu quyết (JSON, để trống dùng mặc định)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "class": "font-monospace"}),
        help_text=(
            'Ví dụ: {"thresholds": {"ldtt": {"share": "2/3", "of": "present"}}}. '
            "Mẫu số: members (tổng số thành viên), present (có mặt), voting (phiếu hợp lệ)."
        ),
    )

    def clean_term_start(self):
        return _date(self.cleaned_data.get("term_start", ""), required=True)

    def clean_term_end(self):
        return _date(self.cleaned_data.get("term_end", ""), required=False)

    def clean_rules(self):
        text = (self.cleaned_data.get("rules") or "").strip()
        if not text:
            return {}
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(f"Quy tắc không đúng định dạng JSON (dòng {exc.lineno}).")
        if not isinstance(value, dict):
            raise forms.ValidationError("Quy tắc phải là một đối tượng JSON ({...}).")
        return value


class MemberForm(forms.Form):
    person = forms.TypedChoiceField(label="Cá nhân", coerce=int, required=False, empty_value=None)
    user = forms.TypedChoiceField(label="Tài khoản", coerce=int, required=False, empty_value=None)
    name = forms.CharField(
        label="Họ và tên (nếu không chọn cá nhân)", max_length=150, required=False
    )
    position = forms.CharField(label="Chức vụ", max_length=200, required=False)
    role = forms.ChoiceField(label="Vai trò", choices=CouncilRole.choices)


class MeetingForm(forms.Form):
    title = forms.CharField(label="Nội dung họp", max_length=300)
    held_on = forms.CharField(label="Ngày họp", widget=forms.TextInput(DATE_ATTRS))
    starts_at = forms.TimeField(
        label="Giờ bắt đầu", required=False, widget=forms.TimeInput(attrs={"placeholder": "08:00"})
    )
    place = forms.CharField(label="Địa điểm", max_length=200, required=False)
    year = forms.IntegerField(label="Năm thành tích", min_value=2000, max_value=2100)
    programme = forms.TypedChoiceField(
        label="Chương trình khen thưởng", coerce=int, required=False, empty_value=None
    )
    ballot = forms.ChoiceField(label="Hình thức biểu quyết", choices=BallotKind.choices)

    def clean_held_on(self):
        return _date(self.cleaned_data.get("held_on", ""), required=True)


def int_field(data: Any, key: str, label: str) -> int:
    """A non-negative whole number from a POST field, or a Vietnamese ValueError naming it."""
    text = (data.get(key) or "0").strip()
    if not text.isdigit():
        raise ValueError(f"{label}: “{text}” không phải số nguyên không âm.")
    return int(text)


TALLY_FIELDS = [
    ("issued", "Số phiếu phát ra"),
    ("returned", "Số phiếu thu về"),
    ("invalid", "Số phiếu không hợp lệ"),
    ("agree", "Đồng ý"),
    ("disagree", "Không đồng ý"),
    ("lower", "Đề nghị hình thức thấp hơn"),
    ("abstain", "Không biểu quyết (xung đột lợi ích)"),
]


def open_votes_from(data: Any, items: list, attendance: list) -> dict[int, dict[int, str]]:
    """{item id: {member id: choice}} from the open ballot's grid ("vote-<item>-<member>")."""
    return {
        item.pk: {a.member_id: data.get(f"vote-{item.pk}-{a.member_id}", "") for a in attendance}
        for item in items
    }


def tally_from(data: Any, item: Any) -> dict[str, int]:
    """The figures of one nominee's secret ballot count ("<field>-<item>"); ValueError naming the cell."""
    return {
        key: int_field(data, f"{key}-{item.pk}", f"{item.nomination.name}, {label}")
        for key, label in TALLY_FIELDS
    }


def open_grid(voters: list, items: list, votes: dict) -> list[tuple[Any, list[tuple[Any, str]]]]:
    """Rows of the open ballot page: each voter with (item, current choice) per nominee."""
    return [(a, [(i, votes.get((i.pk, a.member_id), "")) for i in items]) for a in voters]


def tally_grid(items: list) -> list[tuple[Any, list[tuple[str, str, Any]]]]:
    """Rows of the secret ballot page: each nominee with (field, label, current figure)."""
    rows = []
    for i in items:
        tally = getattr(i, "tally", None)
        rows.append(
            (i, [(k, label, getattr(tally, k) if tally else "") for k, label in TALLY_FIELDS])
        )
    return rows
