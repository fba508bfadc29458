"""lechan cannot open a page of xã Khúc Thừa Dụ: the page is simply not found."""

from playwright.sync_api import expect

from cchc.orgs.models import Unit
from cchc.registry.models import Document


def test_lechan_gets_404_on_khuc_thua_dus_pages(page, login, shot):
    login("lechan")
    ktd = Unit.objects.get(short_name="Khúc Thừa Dụ", kind="commune")
    response = page.goto(f"{page.base_url}/to-chuc/don-vi/{ktd.pk}/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Không tìm thấy trang")
    expect(page.locator("body")).to_contain_text("nằm ngoài phạm vi được phân quyền")
    shot("foundation-out-of-scope")

    plan = Document.objects.get(number="133/KH-UBND")
    assert page.goto(f"{page.base_url}/van-ban/{plan.pk}/can-cu/").status == 404
    api = page.request.get(f"{page.base_url}/api/units/{ktd.pk}")
    assert api.status == 404
