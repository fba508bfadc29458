from datetime import date

import pytest

from cchc.core.errors import DomainError, PermissionDenied
from cchc.core.models import AuditLog
from cchc.core.scope import SYSTEM
from cchc.orgs import selectors, services
from cchc.orgs.choices import UnitKind
from cchc.orgs.models import Unit


def test_a_new_unit_gets_its_path_under_its_parent_and_is_audited(personas):
    unit = services.unit_create(
        actor=personas.ward_a_officer,
        name="Tổ dân phố  số 1",
        kind=UnitKind.RESIDENTIAL_GROUP,
        parent=personas.ward_a,
    )
    assert unit.name == "Tổ dân phố số 1"
    assert unit.path == f"{personas.ward_a.path}{unit.pk}/"
    assert unit.depth == 2
    entry = AuditLog.objects.get(action="unit.create", object_id=str(unit.pk))
    assert entry.after["name"] == "Tổ dân phố số 1" and entry.before is None


def test_a_ward_officer_cannot_add_units_to_another_ward_or_at_the_top(personas):
    with pytest.raises(PermissionDenied):
        services.unit_create(
            actor=personas.ward_a_officer, name="X", kind=UnitKind.OFFICE, parent=personas.ward_b
        )
    with pytest.raises(PermissionDenied):
        services.unit_create(
            actor=personas.ward_a_officer, name="X", kind=UnitKind.CITY, parent=None
        )
    with pytest.raises(PermissionDenied):
        services.unit_create(
            actor=personas.ward_a_viewer, name="X", kind=UnitKind.OFFICE, parent=personas.ward_a
        )


def test_an_empty_name_is_refused_naming_the_field(personas):
    with pytest.raises(DomainError) as exc:
        services.unit_create(
            actor=personas.ward_a_officer, name="  ", kind=UnitKind.OFFICE, parent=personas.ward_a
        )
    assert exc.value.field == "name"


def test_moving_a_unit_moves_its_whole_subtree(personas):
    group = services.unit_create(
        actor=personas.city_officer,
        name="Tổ 1",
        kind=UnitKind.RESIDENTIAL_GROUP,
        parent=personas.office_a,
    )
    services.unit_update(
        actor=personas.city_officer, unit=personas.office_a, parent=personas.ward_b
    )
    group.refresh_from_db()
    assert group.path == f"{personas.ward_b.path}{personas.office_a.pk}/{group.pk}/"
    assert personas.office_a in Unit.objects.visible_to(personas.ward_b_officer)


def test_a_unit_cannot_be_moved_under_itself(personas):
    with pytest.raises(DomainError):
        services.unit_update(
            actor=personas.city_officer, unit=personas.ward_a, parent=personas.office_a
        )


def test_deactivating_keeps_the_unit_and_records_the_merger(personas):
    services.unit_deactivate(
        actor=personas.ward_a_officer,
        unit=personas.office_a2,
        on=date(2026, 7, 1),
        merged_into=personas.office_a,
    )
    personas.office_a2.refresh_from_db()
    assert not personas.office_a2.is_active and personas.office_a2.merged_into == personas.office_a
    entry = AuditLog.objects.get(action="unit.deactivate")
    assert entry.before["is_active"] is True and entry.after["is_active"] is False


def test_the_deactivate_button_asks_before_posting_and_the_post_deactivates(personas, client_for):
    client = client_for(personas.ward_a_officer)
    page = client.get(f"/to-chuc/don-vi/{personas.office_a2.pk}/").content.decode()
    assert "data-confirm=" in page and f"/to-chuc/don-vi/{personas.office_a2.pk}/giai-the/" in page
    response = client.post(
        f"/to-chuc/don-vi/{personas.office_a2.pk}/giai-the/",
        {"on": "01/07/2026", "merged_into": "TN-AB-VHXH"},
    )
    assert response.status_code == 302
    personas.office_a2.refresh_from_db()
    assert personas.office_a2.dissolved_on == date(2026, 7, 1)
    assert personas.office_a2.merged_into == personas.office_a


def test_removing_an_alias_asks_for_confirmation_first(personas, client_for):
    page = (
        client_for(personas.ward_a_officer)
        .get(f"/to-chuc/don-vi/{personas.office_a.pk}/")
        .content.decode()
    )
    assert "Phòng VHXH" in page
    assert "data-confirm=" in page and "Xóa tên gọi" in page


def test_aliases_are_added_and_removed_through_the_unit_page_with_audit(personas, client_for):
    client = client_for(personas.ward_a_officer)
    client.post(f"/to-chuc/don-vi/{personas.office_a.pk}/ten-goi/", {"name": "Phòng VH-XH phường"})
    alias = personas.office_a.aliases.get(name="Phòng VH-XH phường")
    assert (
        selectors.unit_list(actor=personas.ward_a_officer, q="vh-xh phuong").get()
        == personas.office_a
    )
    client.post(f"/to-chuc/don-vi/{personas.office_a.pk}/ten-goi/{alias.pk}/xoa/")
    assert not personas.office_a.aliases.filter(pk=alias.pk).exists()
    assert AuditLog.objects.filter(
        action="unit.alias_remove", before={"alias": "Phòng VH-XH phường"}
    ).exists()


def test_an_alias_equal_to_the_name_is_not_stored_twice(personas):
    assert (
        services.alias_add(
            actor=personas.ward_a_officer, unit=personas.office_a, name="phòng văn hoá – xã hội"
        )
        is None
    )


def test_the_unit_page_lists_children_with_people_of_their_whole_subtree(personas, client_for):
    services.person_create(
        actor=SYSTEM,
        unit=personas.office_a,
        full_name="Lê Văn An",
        gender="male",
        employment_kind="cong_chuc",
    )
    services.person_create(
        actor=SYSTEM,
        unit=personas.ward_a,
        full_name="Chủ tịch",
        gender="male",
        employment_kind="can_bo",
    )
    children = {c.name: c.people_count for c in selectors.unit_children(unit=personas.city)}
    assert children["Phường An Bình"] == 2
    assert children["Phường Bình Minh"] == 0
    page = (
        client_for(personas.ward_a_officer)
        .get(f"/to-chuc/don-vi/{personas.ward_a.pk}/")
        .content.decode()
    )
    assert "Phòng Văn hóa - Xã hội" in page and "Văn phòng HĐND và UBND" in page
    assert "Cơ quan thường trực CCHC" in page


def test_the_unit_form_creates_a_child_unit(personas, client_for):
    response = client_for(personas.ward_a_officer).post(
        f"/to-chuc/don-vi/{personas.ward_a.pk}/them-don-vi/",
        {
            "name": "Trung tâm Phục vụ hành chính công",
            "kind": "center",
            "short_name": "",
            "code": "TN-AB-HCC",
            "aliases": "Bộ phận Một cửa\nTT PVHCC",
        },
    )
    unit = Unit.objects.get(code="TN-AB-HCC")
    assert response["Location"] == f"/to-chuc/don-vi/{unit.pk}/"
    assert sorted(a.name for a in unit.aliases.all()) == ["Bộ phận Một cửa", "TT PVHCC"]


def test_the_unit_form_shows_the_error_in_vietnamese(personas, client_for):
    response = client_for(personas.ward_a_officer).post(
        f"/to-chuc/don-vi/{personas.ward_a.pk}/them-don-vi/", {"name": "", "kind": "center"}
    )
    assert response.status_code == 200
    assert "Trường này là bắt buộc" in response.content.decode()


def test_a_ward_keeps_its_offices_but_its_own_record_is_kept_by_the_city(personas, client_for):
    from cchc.orgs import policies

    assert policies.can_manage_unit(personas.ward_a_officer, personas.office_a)
    assert not policies.can_manage_unit(personas.ward_a_officer, personas.ward_a)
    assert policies.can_create_unit_under(personas.ward_a_officer, personas.ward_a)
    assert policies.can_manage_unit(personas.city_officer, personas.ward_a)
    assert not policies.can_manage_unit(personas.city_officer, personas.city)
    assert policies.can_manage_unit(personas.admin, personas.city)
    assert (
        client_for(personas.ward_a_officer)
        .get(f"/to-chuc/don-vi/{personas.ward_a.pk}/sua/")
        .status_code
        == 403
    )
    assert (
        client_for(personas.city_officer)
        .get(f"/to-chuc/don-vi/{personas.ward_a.pk}/sua/")
        .status_code
        == 200
    )


def test_renaming_a_ward_lets_its_offices_be_found_by_the_new_name(personas):
    services.unit_update(
        actor=personas.city_officer, unit=personas.ward_a, name="Phường An Hòa", short_name="An Hòa"
    )
    assert personas.office_a in selectors.unit_list(
        actor=personas.city_officer, q="van hoa xa hoi an hoa"
    )
    personas.office_a.refresh_from_db()
    assert "an binh" not in personas.office_a.search_text


def test_the_breadcrumbs_link_only_to_units_the_user_may_open(personas, client_for):
    page = (
        client_for(personas.ward_a_officer)
        .get(f"/to-chuc/don-vi/{personas.office_a.pk}/")
        .content.decode()
    )
    crumbs = page[page.index('class="breadcrumb') : page.index("</ol>")]
    assert f"/to-chuc/don-vi/{personas.ward_a.pk}/" in crumbs
    assert f"/to-chuc/don-vi/{personas.city.pk}/" not in crumbs and "TN" in crumbs


def test_the_ward_page_offers_its_standing_office_to_add_units_but_not_to_rename_the_ward(
    personas, client_for
):
    page = (
        client_for(personas.ward_a_officer)
        .get(f"/to-chuc/don-vi/{personas.ward_a.pk}/")
        .content.decode()
    )
    assert f"/to-chuc/don-vi/{personas.ward_a.pk}/them-don-vi/" in page
    assert f"/to-chuc/don-vi/{personas.ward_a.pk}/sua/" not in page
    assert "Giải thể hoặc sáp nhập" not in page
    viewer = (
        client_for(personas.ward_a_viewer)
        .get(f"/to-chuc/don-vi/{personas.office_a.pk}/")
        .content.decode()
    )
    assert "them-don-vi" not in viewer and "/sua/" not in viewer and "ten-goi" not in viewer
