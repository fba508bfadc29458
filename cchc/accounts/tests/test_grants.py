import pytest

from cchc.accounts import services
from cchc.core.errors import DomainError, PermissionDenied
from cchc.core.models import AuditLog
from cchc.core.scope import OFFICER, VIEWER, scope_for
from cchc.orgs.models import Person, Unit


def test_a_grant_opens_the_units_of_its_subtree_only(personas):
    user = services.user_create(
        actor=personas.admin, username="moi", password="pw-12345678", office=personas.office_b
    )
    assert not Unit.objects.visible_to(user).exists()
    services.grant_add(actor=personas.admin, user=user, role=OFFICER, unit=personas.ward_b)
    assert set(Unit.objects.visible_to(user)) == {personas.ward_b, personas.office_b}
    assert scope_for(user).roles() == {OFFICER}
    assert AuditLog.objects.filter(action="grant.add", after__user="moi").exists()
    assert AuditLog.objects.filter(action="user.create", after__username="moi").exists()


def test_only_administrators_create_accounts_and_grants(personas):
    with pytest.raises(PermissionDenied):
        services.user_create(actor=personas.city_officer, username="x", password="pw-12345678")
    with pytest.raises(PermissionDenied):
        services.grant_add(
            actor=personas.city_officer,
            user=personas.ward_b_officer,
            role=VIEWER,
            unit=personas.ward_a,
        )


def test_an_unknown_role_or_a_taken_username_is_refused(personas):
    with pytest.raises(DomainError, match="Vai trò"):
        services.grant_add(
            actor=personas.admin, user=personas.ward_b_officer, role="owner", unit=personas.ward_a
        )
    with pytest.raises(DomainError, match="đã tồn tại"):
        services.user_create(actor=personas.admin, username="t_ward_a", password="pw-12345678")


def test_people_and_units_outside_the_subtree_are_404_on_pages(personas, client_for):
    other = Person.objects.create(
        unit=personas.office_b,
        full_name="Người phường B",
        gender="male",
        employment_kind="cong_chuc",
    )
    client = client_for(personas.ward_a_officer)
    assert client.get(f"/to-chuc/don-vi/{personas.office_b.pk}/").status_code == 404
    assert client.get(f"/to-chuc/ca-nhan/{other.pk}/").status_code == 404
    assert client.get(f"/to-chuc/don-vi/{personas.office_a.pk}/").status_code == 200


def test_login_page_signs_in_and_out(personas, client):
    page = client.get("/dang-nhap/").content.decode()
    assert "Đăng nhập" in page and 'lang="vi"' in page
    response = client.post("/dang-nhap/", {"username": "t_ward_a", "password": "sai"})
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()
    response = client.post("/dang-nhap/", {"username": "t_ward_a", "password": "pw-test-2026"})
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200
    assert client.post("/dang-xuat/").status_code == 302
    assert client.get("/")["Location"].startswith("/dang-nhap/")


def test_the_home_page_lists_the_users_grants_in_vietnamese(personas, client_for):
    page = client_for(personas.ward_a_leader).get("/").content.decode()
    assert "Lãnh đạo phê duyệt, ký" in page and "Phường An Bình" in page
