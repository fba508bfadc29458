"""The registry of notification kinds: labels in Vietnamese, one label per code."""

import pytest

from cchc.notifications import kinds
from cchc.notifications.tests.conftest import KIND


def test_a_registered_kind_shows_its_vietnamese_label_and_tone():
    assert kinds.label(KIND) == "Hồ sơ cần xem xét"
    assert kinds.tone(KIND) == "info"
    assert (KIND, "Hồ sơ cần xem xét") in kinds.choices()


def test_the_task_reminder_kinds_are_registered_by_the_plans_app():
    assert kinds.label("task_overdue") == "Đã quá hạn"
    assert kinds.label("task_due_soon") == "Sắp đến hạn"
    assert kinds.label("task_report_due") == "Đến kỳ báo cáo"


def test_registering_the_same_kind_again_is_harmless_but_another_label_is_refused():
    kinds.register_kind(KIND, "Hồ sơ cần xem xét", tone="info")
    with pytest.raises(ValueError, match="already registered"):
        kinds.register_kind(KIND, "Một nhãn khác", tone="info")


@pytest.mark.parametrize(
    "code, label, tone",
    [
        ("", "Nhãn", "info"),
        ("có_dấu", "Nhãn", "info"),
        ("Upper", "Nhãn", "info"),
        ("x" * 41, "Nhãn", "info"),
        ("ok", " ", "info"),
        ("ok", "Nhãn", "purple"),
    ],
)
def test_a_bad_code_label_or_tone_is_refused(code, label, tone):
    with pytest.raises(ValueError):
        kinds.register_kind(code, label, tone=tone)


def test_a_kind_nobody_registered_shows_a_generic_vietnamese_label():
    assert kinds.label("gone_module_kind") == "Thông báo"
    assert not kinds.is_registered("gone_module_kind")
