"""A round moves draft → open → published through `ROUND_FLOW`; its page shows the moves the workflow gives."""

import re

import pytest
from django.test import Client

from cchc.core.models import AuditLog
from cchc.core.scope import SYSTEM
from cchc.par import criteria_services, round_services
from cchc.par.choices import RoundStatus
from cchc.par.models import CriteriaSet, Round
from cchc.par.tests.conftest import TODAY

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def moves(html: str) -> list[str]:
    return re.findall(r'data-transition="(\w+)"', html)


@pytest.fixture
def draft_round(demo):
    for cs in CriteriaSet.objects.filter(year=2026, is_current=True):
        criteria_services.set_clone(actor=SYSTEM, source=cs, year=2027, audit_it=False)
    return round_services.round_create(
        actor=SYSTEM,
        organiser=demo.city,
        year=2027,
        self_start=TODAY,
        self_end=TODAY,
        appraisal_start=TODAY,
        appraisal_end=TODAY,
        response_start=TODAY,
        response_end=TODAY,
        audit_it=False,
    )


def test_opening_is_offered_disabled_with_the_reason_while_a_set_is_not_valid(demo, draft_round):
    broken = CriteriaSet.objects.get(year=2027, bloc_code="xa-dac-khu")
    node = broken.criteria.get(code="1.5")
    criteria_services.node_save(
        actor=SYSTEM, criteria_set=broken, criterion=node, code="1.5", name=node.name, max_score=3
    )
    snv = client_for(demo.user("snv"))
    page = snv.get(f"/chi-so/dot/{draft_round.pk}/").content.decode()
    assert moves(page) == ["open"]
    assert "Chưa mở được đợt đánh giá:" in page and "Khối xã, đặc khu" in page
    response = snv.post(f"/chi-so/dot/{draft_round.pk}/mo/")
    assert response.status_code == 400 and "Chưa mở được đợt đánh giá" in response.content.decode()
    draft_round.refresh_from_db()
    assert draft_round.status == RoundStatus.DRAFT


def test_opening_then_publishing_goes_through_the_workflow_and_is_audited(demo, draft_round):
    snv = client_for(demo.user("snv"))
    page = snv.get(f"/chi-so/dot/{draft_round.pk}/").content.decode()
    assert f'action="/chi-so/dot/{draft_round.pk}/mo/" data-confirm="Mở đợt đánh giá?' in page
    assert snv.post(f"/chi-so/dot/{draft_round.pk}/mo/").status_code == 302
    draft_round.refresh_from_db()
    assert draft_round.status == RoundStatus.OPEN and draft_round.opened_at
    entry = AuditLog.objects.get(action="round.open", object_id=str(draft_round.pk))
    assert (
        entry.before == {"status": "draft", "opened_at": None} and entry.after["status"] == "open"
    )
    assert "hồ sơ đánh giá" in entry.note
    frozen = CriteriaSet.objects.filter(year=2027, status="frozen").values_list("pk", flat=True)
    assert sorted(
        AuditLog.objects.filter(action="criteria_set.freeze", actor_name="snv").values_list(
            "object_id", flat=True
        )
    ) == sorted(str(pk) for pk in frozen)
    assert len(frozen) == 3
    page = snv.get(f"/chi-so/dot/{draft_round.pk}/").content.decode()
    assert moves(page) == ["publish"]
    assert "Chưa có hồ sơ nào được chốt kết quả thẩm định; chưa công bố được." in page
    # A ward sees the round, not its moves; its post is refused inside the scope.
    lechan = client_for(demo.user("lechan"))
    assert moves(lechan.get(f"/chi-so/dot/{draft_round.pk}/").content.decode()) == []
    assert lechan.post(f"/chi-so/dot/{draft_round.pk}/cong-bo/").status_code == 403
    assert Round.objects.get(pk=draft_round.pk).status == RoundStatus.OPEN
