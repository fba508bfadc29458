"""A plan imported under the wrong unit is caught in the preview, confirmed only by an explicit choice, and a plan
imported by mistake can be withdrawn while it has no progress (its document stays)."""

import io
import json
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from cchc.core.errors import DomainError, PermissionDenied
from cchc.core.models import AuditLog
from cchc.orgs.choices import LEVEL_KINDS
from cchc.orgs.models import Unit
from cchc.plans import plan_services
from cchc.plans.import_preview import plan_import_preview
from cchc.plans.models import Plan
from cchc.registry.models import Document

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[3] / "data" / "seeds" / "004_b78bd4a0b75bbdc4.txt"


def user(username):
    return get_user_model().objects.get(username=username)


def level(short):
    return Unit.objects.get(short_name=short, kind__in=LEVEL_KINDS)


def seed_2027() -> bytes:
    """Seed 004 moved to 2027, so that it does not collide with the demo's 2026 plans."""
    return SEED.read_text(encoding="utf-8").replace("2026", "2027").encode()


def preview_for(short: str, username: str = "snv"):
    return plan_import_preview(
        actor=user(username), unit=level(short), filename="ke-hoach.txt", data=seed_2027()
    )


def test_the_preview_says_plainly_that_the_document_belongs_to_another_ward():
    preview = preview_for("An Biên")
    assert preview.issuer_warning.startswith(
        "Văn bản do UBND phường Lê Thanh Nghị ban hành, không phải Phường An Biên"
    )
    assert preview.as_dict()["issuer_warning"] == preview.issuer_warning


def test_the_preview_for_the_issuing_ward_has_no_warning():
    assert preview_for("Lê Thanh Nghị").issuer_warning == ""


def test_confirming_under_another_ward_needs_the_explicit_choice(demo_city):
    kwargs = dict(
        actor=user("snv"), unit=level("An Biên"), filename="ke-hoach.txt", data=seed_2027()
    )
    with pytest.raises(DomainError) as exc:
        plan_services.plan_import_confirm(**kwargs)
    assert exc.value.field == "accept_issuer"
    assert "Vẫn nhập cho đơn vị này" in exc.value.message
    assert not Plan.objects.filter(unit=level("An Biên"), year=2027).exists()
    plan = plan_services.plan_import_confirm(**kwargs, accept_issuer=True)
    assert plan.unit == level("An Biên")


def test_the_import_command_carries_the_issuer_warning_in_json(tmp_path):
    path = tmp_path / "ke-hoach.txt"
    path.write_bytes(seed_2027())
    out = io.StringIO()
    call_command(
        "import_plan",
        str(path),
        unit=level("An Biên").pk,
        dry_run=True,
        format="json",
        user="snv",
        stdout=out,
    )
    result = json.loads(out.getvalue())
    assert "không phải Phường An Biên" in result["issuer_warning"]


def test_the_preview_page_shows_the_warning_and_a_required_choice():
    client = Client()
    client.force_login(user("snv"))
    from django.core.files.uploadedfile import SimpleUploadedFile

    page = client.post(
        reverse("plans:plan_import"),
        {"unit": level("An Biên").pk, "file": SimpleUploadedFile("kh.txt", seed_2027())},
    ).content.decode()
    assert 'id="issuer-warning"' in page and "không phải Phường An Biên" in page
    assert 'name="accept_issuer"' in page and "required" in page
    token = page.split('name="token" value="')[1].split('"')[0]
    response = client.post(
        reverse("plans:plan_import_confirm"),
        {"token": token, "unit": level("An Biên").pk, "year": 2027, "unmatched_count": 0},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert body.count("không phải Phường An Biên") == 1, "the refusal is shown once"


def test_the_confirm_button_is_disabled_when_the_preview_blocks(demo_city):
    """Lê Chân's 2026 plan has progress: importing it again is refused before any click."""
    client = Client()
    client.force_login(user("lechan"))
    from django.core.files.uploadedfile import SimpleUploadedFile

    text = SEED.read_text(encoding="utf-8").replace("Lê Thanh Nghị", "Lê Chân")
    page = client.post(
        reverse("plans:plan_import"),
        {"unit": level("Lê Chân").pk, "file": SimpleUploadedFile("kh.txt", text.encode())},
    ).content.decode()
    assert 'id="import-errors"' in page and "đã có báo cáo tiến độ" in page
    button = page[page.index('id="confirm-import"') - 60 : page.index('id="confirm-import"') + 80]
    assert "disabled" in button


def test_a_plan_imported_by_mistake_is_withdrawn_with_a_reason_and_its_document_kept(demo_city):
    plan = plan_services.plan_import_confirm(
        actor=user("snv"),
        unit=level("An Biên"),
        filename="ke-hoach.txt",
        data=seed_2027(),
        accept_issuer=True,
    )
    document_id, plan_id = plan.document_id, plan.pk
    with pytest.raises(DomainError) as exc:
        plan_services.plan_withdraw(actor=user("snv"), plan=plan, reason="  ")
    assert exc.value.field == "reason"
    plan_services.plan_withdraw(actor=user("snv"), plan=plan, reason="Nhập nhầm đơn vị")
    assert not Plan.objects.filter(pk=plan_id).exists()
    assert Document.objects.filter(pk=document_id).exists()
    entry = AuditLog.objects.get(action="plan.withdraw", object_id=str(plan_id))
    assert entry.note == "Nhập nhầm đơn vị" and entry.before["year"] == 2027


def test_a_plan_with_progress_cannot_be_withdrawn_and_a_viewer_may_not_try(demo_city):
    plan = Plan.objects.get(unit=level("Lê Chân"), year=2026)
    with pytest.raises(PermissionDenied):
        plan_services.plan_withdraw(actor=user("lechan.xem"), plan=plan, reason="x")
    with pytest.raises(DomainError, match="đã có báo cáo tiến độ"):
        plan_services.plan_withdraw(actor=user("lechan"), plan=plan, reason="x")
    assert Plan.objects.filter(pk=plan.pk).exists()
