from datetime import date

import pytest

from cchc.core.errors import DomainError, PermissionDenied
from cchc.core.models import AuditLog
from cchc.core.scope import SYSTEM
from cchc.orgs import selectors, services
from cchc.orgs.models import Person


@pytest.fixture
def lan(personas):
    return services.person_create(
        actor=personas.ward_a_officer,
        unit=personas.office_a,
        full_name="Nguyễn Thị Lan",
        gender="female",
        employment_kind="cong_chuc",
        birth_year=1985,
        position="Chuyên viên CCHC",
    )


def test_a_person_has_gender_birth_year_position_kind_and_unit(lan, personas):
    lan.refresh_from_db()
    assert (
        lan.get_gender_display(),
        lan.birth_year,
        lan.position,
        lan.get_employment_kind_display(),
    ) == (
        "Nữ",
        1985,
        "Chuyên viên CCHC",
        "Công chức",
    )
    assert lan.unit == personas.office_a
    assert AuditLog.objects.filter(action="person.create", object_id=str(lan.pk)).exists()


def test_moves_are_kept_as_history(lan, personas):
    services.person_move(
        actor=personas.ward_a_officer,
        person=lan,
        to_unit=personas.office_a2,
        on=date(2026, 3, 1),
        note="Điều động",
    )
    services.person_move(
        actor=personas.ward_a_officer, person=lan, to_unit=personas.office_a, on=date(2026, 9, 1)
    )
    moves = [(m.from_unit, m.to_unit, m.moved_on) for m in selectors.person_moves(person=lan)]
    assert moves == [
        (personas.office_a, personas.office_a2, date(2026, 3, 1)),
        (personas.office_a2, personas.office_a, date(2026, 9, 1)),
    ]
    entry = AuditLog.objects.filter(action="person.move").first()
    assert {entry.before["unit"], entry.after["unit"]} == {
        personas.office_a.pk,
        personas.office_a2.pk,
    }


def test_a_move_needs_rights_on_both_units(lan, personas):
    with pytest.raises(PermissionDenied):
        services.person_move(
            actor=personas.ward_a_officer,
            person=lan,
            to_unit=personas.office_b,
            on=date(2026, 3, 1),
        )
    with pytest.raises(DomainError):
        services.person_move(
            actor=personas.ward_a_officer,
            person=lan,
            to_unit=personas.office_a,
            on=date(2026, 3, 1),
        )


def test_editing_a_person_keeps_before_and_after(lan, personas):
    services.person_update(
        actor=personas.ward_a_officer,
        person=lan,
        position="Phó Trưởng phòng",
        unit=personas.office_b,
    )
    lan.refresh_from_db()
    assert lan.unit == personas.office_a, "moving goes through person_move only"
    entry = AuditLog.objects.get(action="person.update")
    assert (entry.before["position"], entry.after["position"]) == (
        "Chuyên viên CCHC",
        "Phó Trưởng phòng",
    )


def test_the_move_page_moves_and_shows_the_history(lan, personas, client_for):
    client = client_for(personas.ward_a_officer)
    form = client.get(f"/to-chuc/ca-nhan/{lan.pk}/chuyen/").content.decode()
    assert "Văn phòng HĐND và UBND" in form and "Phường Bình Minh" not in form
    response = client.post(
        f"/to-chuc/ca-nhan/{lan.pk}/chuyen/",
        {"to_unit": personas.office_a2.pk, "moved_on": "01/03/2026", "note": ""},
    )
    assert response.status_code == 302
    page = client.get(f"/to-chuc/ca-nhan/{lan.pk}/").content.decode()
    assert "01/03/2026" in page and "Văn phòng HĐND và UBND" in page


def test_the_person_form_adds_a_person_to_the_unit(personas, client_for):
    response = client_for(personas.ward_a_officer).post(
        f"/to-chuc/don-vi/{personas.office_a.pk}/them-ca-nhan/",
        {
            "full_name": "Trần Văn Hùng",
            "gender": "male",
            "birth_year": "1990",
            "position": "Chuyên viên",
            "employment_kind": "cong_chuc",
        },
    )
    assert response.status_code == 302
    assert Person.objects.filter(
        full_name="Trần Văn Hùng", unit=personas.office_a, birth_year=1990
    ).exists()


def test_the_person_list_is_scoped_filtered_and_searched_without_diacritics(
    lan, personas, client_for
):
    services.person_create(
        actor=SYSTEM,
        unit=personas.office_b,
        full_name="Lê Văn Nam",
        gender="male",
        employment_kind="vien_chuc",
    )
    client = client_for(personas.ward_a_officer)
    assert [p.full_name for p in client.get("/to-chuc/ca-nhan/").context["listing"].rows] == [
        "Nguyễn Thị Lan"
    ]
    assert [
        p.full_name
        for p in client.get("/to-chuc/ca-nhan/", {"q": "nguyen thi lan"}).context["listing"].rows
    ] == ["Nguyễn Thị Lan"]
    assert client.get("/to-chuc/ca-nhan/", {"gender": "male"}).context["listing"].total == 0
    city = client_for(personas.city_officer)
    assert [
        p.full_name
        for p in city.get("/to-chuc/ca-nhan/", {"employment_kind": "vien_chuc"})
        .context["listing"]
        .rows
    ] == ["Lê Văn Nam"]
    assert [
        p.full_name
        for p in city.get("/to-chuc/ca-nhan/", {"sort": "-full_name"}).context["listing"].rows
    ] == [
        "Nguyễn Thị Lan",
        "Lê Văn Nam",
    ]
