"""Edits carry the version the user saw: a save over someone else's newer one is refused naming who and when."""

import pytest

from cchc.core import versions
from cchc.core.errors import DomainError
from cchc.orgs import services as org_services


def test_a_unit_edit_based_on_an_old_version_is_refused_naming_who_saved_it(personas):
    unit = personas.office_a
    seen = unit.version
    org_services.unit_update(
        actor=personas.ward_a_officer, unit=unit, seen_version=seen, name="Phòng Văn hóa và Xã hội"
    )
    assert unit.version == seen + 1
    with pytest.raises(versions.StaleEdit) as exc:
        org_services.unit_update(
            actor=personas.city_officer, unit=unit, seen_version=seen, name="Phòng VHXH"
        )
    who = personas.ward_a_officer.get_full_name() or personas.ward_a_officer.username
    assert exc.value.message.startswith(f"Đơn vị “Phòng Văn hóa và Xã hội” vừa được {who} sửa lúc ")
    assert "hãy tải lại trang" in exc.value.message
    unit.refresh_from_db()
    assert unit.name == "Phòng Văn hóa và Xã hội"


def test_the_unit_form_shows_the_refusal_instead_of_saving(personas, client_for):
    unit = personas.office_a
    client = client_for(personas.ward_a_officer)
    url = f"/to-chuc/don-vi/{unit.pk}/sua/"
    page = client.get(url)
    assert page.status_code == 200
    assert f'name="version" value="{unit.version}"' in page.content.decode()
    data = {"name": "Tên một", "kind": unit.kind, "code": unit.code, "version": unit.version}
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "name": "Tên hai"})
    assert response.status_code == 200
    assert "vừa được" in response.content.decode()
    unit.refresh_from_db()
    assert unit.name == "Tên một"


def test_a_bad_version_is_a_message_not_a_crash():
    with pytest.raises(DomainError):
        versions.seen("99999999999999999999999")
    assert versions.seen("") is None and versions.seen("3") == 3
