"""Every write of the organisation, accounts and document services leaves an audit entry with before/after."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cchc.accounts import services as accounts
from cchc.core.models import AuditLog
from cchc.core.scope import VIEWER
from cchc.orgs import services as orgs
from cchc.orgs.choices import UnitKind
from cchc.orgs.models import Person
from cchc.registry import services as documents
from cchc.registry.models import Document


def _person(p):
    return Person.objects.create(
        unit=p.office_a, full_name="Lê Văn An", gender="male", employment_kind="cong_chuc"
    )


def _document(p):
    return Document.objects.create(title="Kế hoạch", org_unit=p.ward_a, doc_type="KH")


# (action, how to do it, whether the entry has a "before", whether it has an "after")
WRITES = [
    (
        "unit.create",
        lambda p: orgs.unit_create(
            actor=p.ward_a_officer, name="Tổ 5", kind=UnitKind.RESIDENTIAL_GROUP, parent=p.ward_a
        ),
        False,
        True,
    ),
    (
        "unit.update",
        lambda p: orgs.unit_update(actor=p.ward_a_officer, unit=p.office_a, code="VHXH-1"),
        True,
        True,
    ),
    (
        "unit.deactivate",
        lambda p: orgs.unit_deactivate(
            actor=p.ward_a_officer, unit=p.office_a2, on=date(2026, 7, 1)
        ),
        True,
        True,
    ),
    (
        "unit.alias_add",
        lambda p: orgs.alias_add(actor=p.ward_a_officer, unit=p.office_a, name="Phòng VH-XH"),
        False,
        True,
    ),
    (
        "unit.alias_remove",
        lambda p: orgs.alias_remove(actor=p.ward_a_officer, alias=p.office_a.aliases.get()),
        True,
        False,
    ),
    (
        "bloc.membership_set",
        lambda p: orgs.bloc_membership_set(
            actor=p.city_officer, unit=p.ward_a, bloc=p.bloc_depts, year=2026
        ),
        True,
        True,
    ),
    (
        "standing_agency.set",
        lambda p: orgs.standing_agency_set(
            actor=p.city_officer, level=p.ward_a, agency=p.office_a2
        ),
        True,
        True,
    ),
    (
        "person.create",
        lambda p: orgs.person_create(
            actor=p.ward_a_officer,
            unit=p.office_a,
            full_name="Lê Thị Hoa",
            gender="female",
            employment_kind="cong_chuc",
        ),
        False,
        True,
    ),
    (
        "person.update",
        lambda p: orgs.person_update(
            actor=p.ward_a_officer, person=_person(p), position="Chuyên viên"
        ),
        True,
        True,
    ),
    (
        "person.move",
        lambda p: orgs.person_move(
            actor=p.ward_a_officer, person=_person(p), to_unit=p.office_a2, on=date(2026, 3, 1)
        ),
        True,
        True,
    ),
    (
        "user.create",
        lambda p: accounts.user_create(actor=p.admin, username="moi", password="pw-12345678"),
        False,
        True,
    ),
    (
        "grant.add",
        lambda p: accounts.grant_add(
            actor=p.admin, user=p.ward_b_officer, role=VIEWER, unit=p.ward_a
        ),
        False,
        True,
    ),
    (
        "document.register",
        lambda p: documents.document_register(
            actor=p.ward_a_officer, title="Kế hoạch CCHC", org_unit=p.ward_a
        ),
        False,
        True,
    ),
    (
        "document.update",
        lambda p: documents.document_update(
            actor=p.ward_a_officer, document=_document(p), title="Kế hoạch (sửa)"
        ),
        True,
        True,
    ),
    (
        "document.attach",
        lambda p: documents.document_attach(
            actor=p.ward_a_officer,
            document=_document(p),
            uploaded_file=SimpleUploadedFile("a.pdf", b"%PDF"),
        ),
        False,
        True,
    ),
]


@pytest.mark.parametrize("action, write, has_before, has_after", WRITES, ids=[w[0] for w in WRITES])
def test_every_write_leaves_an_audit_entry(personas, action, write, has_before, has_after):
    count = AuditLog.objects.filter(action=action).count()
    write(personas)
    entries = AuditLog.objects.filter(action=action)
    assert entries.count() == count + 1
    entry = entries.order_by("-id").first()
    assert entry.actor_name in {"t_ward_a", "t_city", "t_admin"}
    assert (entry.before is not None) == has_before
    assert (entry.after is not None) == has_after
    if has_before and has_after:
        assert entry.before != entry.after
