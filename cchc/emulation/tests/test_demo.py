"""The demo's movements, written out: the four seed plans imported through the import, their registrations and
2026 reports, the reminders of the demo's day, and nothing dated after it."""

from datetime import date

import pytest

from cchc.demo.day import DEMO_DAY
from cchc.emulation import selectors
from cchc.emulation.models import Movement, MovementReport, Registration
from cchc.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_the_demo_imports_the_four_seed_movements_with_their_parents(demo_city):
    rows = {
        m.document.number or "(không số)": (
            m.unit.name,
            m.parent.document.number if m.parent else None,
        )
        for m in Movement.objects.select_related("unit", "document", "parent__document")
    }
    assert rows == {
        "2162/QĐ-UBND": ("Thành phố Hải Phòng", None),
        "259/KH-UBND": ("Phường Lê Chân", "2162/QĐ-UBND"),
        "(không số)": ("Xã Khúc Thừa Dụ", "2162/QĐ-UBND"),
        "26/KH-UBND": ("Phường Phú Lương", None),
    }


def test_the_demo_leaves_lê_chân_and_lê_thanh_nghị_missing_and_khúc_thừa_dụ_on_time(demo_city):
    from cchc.core.scope import SYSTEM

    city = Movement.objects.get(document__number="2162/QĐ-UBND")
    board = dict(
        selectors.report_board(actor=SYSTEM, movement=city, year=2026, today=DEMO_DAY).values_list(
            "unit__short_name", "timeliness"
        )
    )
    assert board["Lê Chân"] == board["Lê Thanh Nghị"] == "missing"
    assert board["Khúc Thừa Dụ"] == "submitted"
    counts = {s: list(board.values()).count(s) for s in ("submitted", "late", "missing")}
    assert counts == {"submitted": 16, "late": 8, "missing": 104}
    ktd = Movement.objects.get(unit__short_name="Khúc Thừa Dụ")
    own = dict(
        selectors.report_board(actor=SYSTEM, movement=ktd, year=2026, today=DEMO_DAY).values_list(
            "unit__name", "timeliness"
        )
    )
    assert own["Văn phòng HĐND và UBND"] == "submitted" and own["Phòng Văn hóa - Xã hội"] == "late"
    assert selectors.report_due(ktd, 2026).on == date(2026, 11, 25)


def test_the_demo_registrations_are_approved_returned_waiting_or_missing(demo_city):
    states = {
        (r.unit.short_name or r.unit.name, r.year): r.status
        for r in Registration.objects.filter(movement__document__number="2162/QĐ-UBND")
    }
    assert states == {
        ("Lê Chân", 2026): "approved",
        ("Khúc Thừa Dụ", 2026): "approved",
        ("Lê Thanh Nghị", 2026): "submitted",
        ("Lê Chân", 2027): "approved",
        ("Lê Thanh Nghị", 2027): "returned",
        ("Khúc Thừa Dụ", 2027): "draft",
    }


def test_the_missing_wards_find_the_overdue_reminder_of_the_demo_day(demo_city):
    rows = set(
        Notification.objects.filter(kind="movement_report_overdue").values_list(
            "user__username", "due_on"
        )
    )
    assert rows == {("lechan", date(2026, 11, 30)), ("lethanhnghi", date(2026, 11, 30))}


def test_on_the_demo_day_the_2027_reports_are_due_in_four_days(demo_city):
    from cchc.core.scope import SYSTEM

    assert DEMO_DAY == date(2027, 11, 26)
    city = Movement.objects.get(document__number="2162/QĐ-UBND")
    board = dict(
        selectors.report_board(actor=SYSTEM, movement=city, year=2027, today=DEMO_DAY).values_list(
            "unit__short_name", "timeliness"
        )
    )
    assert board["Khúc Thừa Dụ"] == "submitted"
    assert board["Lê Chân"] == board["Lê Thanh Nghị"] == "pending"
    assert 1 < list(board.values()).count("submitted") < 20
    soon = set(
        Notification.objects.filter(kind="movement_report_due").values_list(
            "user__username", "due_on"
        )
    )
    assert soon == {("lechan", date(2027, 11, 30)), ("lethanhnghi", date(2027, 11, 30))}
    commune = Movement.objects.get(unit__short_name="Khúc Thừa Dụ")
    own = dict(
        selectors.report_board(
            actor=SYSTEM, movement=commune, year=2027, today=DEMO_DAY
        ).values_list("unit__name", "timeliness")
    )
    assert own["Văn phòng HĐND và UBND"] == "submitted"
    assert own["Phòng Văn hóa - Xã hội"] == "missing"  # its 25/11 has passed


def test_nothing_of_the_demo_movements_is_dated_after_the_demo_day(demo_city):
    latest = [
        max(
            MovementReport.objects.exclude(submitted_on=None).values_list("submitted_on", flat=True)
        ),
        max(Registration.objects.exclude(submitted_on=None).values_list("submitted_on", flat=True)),
        max(Registration.objects.exclude(reviewed_on=None).values_list("reviewed_on", flat=True)),
    ]
    assert max(latest) <= DEMO_DAY
    for report in MovementReport.objects.filter(status="submitted"):
        assert date.fromisoformat(report.figures["computed_on"]) <= DEMO_DAY


def test_the_home_page_of_lê_chân_shows_its_overdue_movement_report(demo_city, settings):
    from django.contrib.auth import get_user_model

    from cchc.core import work

    settings.CCHC_TODAY = DEMO_DAY.strftime("%d/%m/%Y")
    lechan = get_user_model().objects.get(username="lechan")
    sections = {s.key: s for s in work.collect(user=lechan, today=DEMO_DAY)}
    items = [i for i in sections["overdue"].items if i.url.startswith("/phong-trao/")]
    assert [(i.title, i.due_on, i.tone) for i in items] == [
        ("Báo cáo phong trào năm 2026 của Phường Lê Chân", date(2026, 11, 30), "danger")
    ]
    chairman = get_user_model().objects.get(username="lechan.chutich")
    assert not [
        i
        for s in work.collect(user=chairman, today=DEMO_DAY)
        for i in s.items
        if "/phong-trao/" in i.url
    ]
