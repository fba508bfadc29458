"""Fixtures of the movement tests: the personas' city and ward launching movements from the seed plans rewritten
for them, through the import service, and a few helpers to write, sign off and submit reports."""

from datetime import date
from pathlib import Path

import pytest

from cchc.accounts import services as account_services
from cchc.core.scope import OFFICER, SYSTEM
from cchc.emulation import services
from cchc.emulation.models import Participant

SEEDS = Path(__file__).resolve().parents[3] / "data" / "seeds"


def seed_text(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def city_plan() -> str:
    """Seed 002 (2162/QĐ-UBND) as the personas' city would have written it."""
    return seed_text("002").replace("Hải Phòng", "Thử Nghiệm")


def ward_plan() -> str:
    """Seed 000 (259/KH-UBND) rewritten for phường An Bình, cascading the city's plan."""
    return (
        seed_text("000")
        .replace("Hải Phòng", "Thử Nghiệm")
        .replace("Lê Chân", "An Bình")
        .replace("259 /KH-UBND", "31/KH-UBND")
    )


@pytest.fixture
def city_movement(personas):
    """The city's movement: reports "trước ngày 30/11 hằng năm", the city's departments and wards take part."""
    return services.movement_import_confirm(
        actor=personas.city_officer,
        unit=personas.city,
        filename="2162.txt",
        data=city_plan().encode("utf-8"),
    )


@pytest.fixture
def ward_movement(personas, city_movement):
    """Phường An Bình's movement cascading the city's; its plan gives no date, the preview sets 30/11."""
    return services.movement_import_confirm(
        actor=personas.ward_a_officer,
        unit=personas.ward_a,
        filename="31.txt",
        data=ward_plan().encode("utf-8"),
        choices=services.ImportChoices(
            due_given=True,
            report_due_text="trước ngày 30/11 hằng năm",
            report_due_day=30,
            report_due_month=11,
            report_due_before=True,
        ),
    )


@pytest.fixture
def office_officer(personas):
    """An officer of ward A's Văn phòng: the office's own staff in the ward's movement."""
    user = account_services.user_create(
        actor=SYSTEM, username="t_office_a2", password="pw", full_name="Cán bộ VP", audit_it=False
    )
    account_services.grant_add(
        actor=SYSTEM, user=user, role=OFFICER, unit=personas.office_a2, audit_it=False
    )
    return user


def participant(movement, unit) -> Participant:
    return Participant.objects.select_related("movement", "unit").get(movement=movement, unit=unit)


def write_report(*, actor, participant, year=2026, on=date(2026, 11, 20), text="Đã thực hiện."):
    """A draft report with a result on every content of the movement."""
    report = services.report_start(actor=actor, participant=participant, year=year, today=on)
    services.report_save(
        actor=actor,
        report=report,
        results={c.pk: text for c in participant.movement.contents.all()},
        good_models="Mô hình một cửa số.",
    )
    return report


def submit_report(*, staff, leader, participant, year=2026, on=date(2026, 11, 20)):
    """A report written, approved by the leader and submitted on `on`."""
    report = write_report(actor=staff, participant=participant, year=year, on=on)
    services.report_request_approval(actor=staff, report=report)
    services.report_approve(actor=leader, report=report)
    return services.report_submit(actor=staff, report=report, today=on)
