import pytest
from django.urls import get_resolver

from cchc.core import audit
from cchc.core.models import AuditLog
from cchc.core.scope import SYSTEM
from cchc.orgs import services as org_services


def test_an_entry_keeps_who_what_and_the_values_before_and_after(personas):
    entry = audit.record(
        actor=personas.ward_a_officer,
        action="unit.update",
        obj=personas.office_a,
        before={"name": "Cũ"},
        after={"name": "Mới"},
        unit_path=personas.office_a.path,
    )
    entry.refresh_from_db()
    assert entry.actor == personas.ward_a_officer
    assert entry.actor_name == "t_ward_a"
    assert entry.model == "orgs.unit"
    assert entry.object_id == str(personas.office_a.pk)
    assert (entry.before, entry.after) == ({"name": "Cũ"}, {"name": "Mới"})


def test_an_entry_without_an_actor_is_written_by_the_system(db):
    entry = audit.record(actor=SYSTEM, action="demo.load", model="demo", object_repr="thành phố")
    assert entry.actor is None and entry.actor_name == "hệ thống"


def test_snapshot_and_diff_show_only_what_changed(personas):
    before = audit.snapshot(personas.office_a)
    assert "search_text" not in before and before["parent"] == personas.ward_a.pk
    after = {**before, "name": "Phòng Văn hóa và Thông tin"}
    assert audit.diff(before, after) == {
        "name": ("Phòng Văn hóa - Xã hội", "Phòng Văn hóa và Thông tin")
    }


def test_renaming_a_unit_through_its_page_writes_an_entry_with_both_names(personas, client_for):
    office = personas.office_a
    response = client_for(personas.ward_a_officer).post(
        f"/to-chuc/don-vi/{office.pk}/sua/",
        {
            "name": "Phòng Văn hóa, Khoa học và Thông tin",
            "short_name": "",
            "kind": "office",
            "code": office.code,
        },
    )
    assert response.status_code == 302
    entry = AuditLog.objects.get(action="unit.update", object_id=str(office.pk))
    assert entry.before["name"] == "Phòng Văn hóa - Xã hội"
    assert entry.after["name"] == "Phòng Văn hóa, Khoa học và Thông tin"
    assert entry.actor == personas.ward_a_officer
    page = client_for(personas.admin).get("/nhat-ky/", {"action": "unit.update"})
    assert "Phòng Văn hóa - Xã hội" in page.content.decode()
    assert "Phòng Văn hóa, Khoa học và Thông tin" in page.content.decode()


def test_only_administrators_open_the_audit_log(personas, client_for):
    assert client_for(personas.admin).get("/nhat-ky/").status_code == 200
    for user in (personas.city_officer, personas.ward_a_officer, personas.ward_a_viewer):
        assert client_for(user).get("/nhat-ky/").status_code == 403


def test_the_audit_log_filters_by_action_actor_date_and_search(personas, client_for):
    org_services.alias_add(
        actor=personas.ward_a_officer, unit=personas.office_a, name="Phòng VH-XH"
    )
    org_services.person_create(
        actor=personas.ward_b_officer,
        unit=personas.office_b,
        full_name="Trần Văn Bình",
        gender="male",
        employment_kind="cong_chuc",
    )
    admin = client_for(personas.admin)
    body = admin.get("/nhat-ky/", {"action": "unit.alias_add"}).content.decode()
    assert "Phòng VH-XH" in body and "Trần Văn Bình" not in body
    body = admin.get("/nhat-ky/", {"actor": "t_ward_b"}).content.decode()
    assert "Trần Văn Bình" in body and "Phòng VH-XH" not in body
    body = admin.get("/nhat-ky/", {"q": "tran van binh"}).content.decode()
    assert "Trần Văn Bình" in body
    assert "Trần Văn Bình" not in admin.get("/nhat-ky/", {"from": "01/01/2099"}).content.decode()
    assert "Trần Văn Bình" in admin.get("/nhat-ky/", {"to": "31/12/2099"}).content.decode()


def test_the_audit_log_exports_to_excel(personas, client_for):
    org_services.alias_add(
        actor=personas.ward_a_officer, unit=personas.office_a, name="Phòng VH-XH"
    )
    response = client_for(personas.admin).get("/nhat-ky/", {"export": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_audit_log_has_no_page_that_edits_or_deletes_it():
    routes = [str(p.pattern) for p in get_resolver().url_patterns if "nhat-ky" in str(p.pattern)]
    assert routes == ["nhat-ky/"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writing_to_the_audit_log_page_is_refused(method, personas, client_for):
    entry = audit.record(actor=SYSTEM, action="x.y", model="x", object_repr="giữ nguyên")
    count = AuditLog.objects.count()
    response = getattr(client_for(personas.admin), method)("/nhat-ky/", {"object_repr": "đã sửa"})
    assert response.status_code == 405
    entry.refresh_from_db()
    assert entry.object_repr == "giữ nguyên"
    assert AuditLog.objects.count() == count
