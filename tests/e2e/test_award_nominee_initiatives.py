"""The initiatives named as a nominee's achievement are changed from the dossier page: phường Lê Chân's office
proposes its Văn phòng for an ad-hoc Giấy khen naming one recognised initiative, then names the other one
instead, then none."""

from datetime import date

import pytest
from playwright.sync_api import expect

from cchc.awards.models import Programme
from cchc.core import dates
from cchc.demo.day import DEMO_DAY
from cchc.initiatives.choices import CchcArea, InitiativeStatus
from cchc.initiatives.models import Initiative
from cchc.orgs.models import Unit

pytestmark = pytest.mark.django_db(transaction=True)


def test_le_chan_changes_the_initiatives_of_a_nominee(page, login, shot, monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: DEMO_DAY)
    ward = Unit.objects.get(short_name="Lê Chân", kind="ward")
    vp = Unit.objects.get(code=f"{ward.code}-VP")
    made = [
        Initiative.objects.create(
            unit=vp,
            area=CchcArea.DIRECTION,
            title=title,
            description="Mô tả",
            status=InitiativeStatus.RECOGNISED,
            level="commune",
            recognised_on=date(2027, 9, 1),
            year=2027,
        )
        for title in ("Tổ công nghệ số cộng đồng", "Sổ tay thủ tục điện tử")
    ]
    login("lechan")
    page.goto(page.base_url + "/khen-thuong/ho-so/")
    page.locator("#dossier-create").click()
    page.select_option(
        "#id_programme", str(Programme.objects.get(code="lc259_dot_xuat_tap_the").pk)
    )
    page.select_option("#id_proposing_unit", str(ward.pk))
    page.fill("#id_year", "2027")
    page.locator("#dossier-open").click()
    expect(page.locator("#dossier-title")).to_be_visible()
    page.select_option("#id_unit", str(vp.pk))
    page.select_option("#id_initiatives", [str(made[0].pk)])
    page.locator("#nominee-add").click()
    card = page.locator(".nomination").first
    expect(card.locator(".nominee-initiatives")).to_contain_text(made[0].title)

    card.locator(".nominee-initiatives-edit summary").click()
    card.locator("select[name=initiatives]").select_option([str(made[1].pk)])
    shot("award-nominee-initiatives-edit")
    card.get_by_role("button", name="Lưu sáng kiến").click()
    expect(page.locator(".alert-success.alert-dismissible")).to_contain_text(
        "Đã lưu sáng kiến làm thành tích"
    )
    card = page.locator(".nomination").first
    expect(card.locator(".nominee-initiatives")).to_contain_text(made[1].title)
    expect(card.locator(".nominee-initiatives")).not_to_contain_text(made[0].title)

    card.locator(".nominee-initiatives-edit summary").click()
    card.locator("select[name=initiatives]").select_option([])
    card.get_by_role("button", name="Lưu sáng kiến").click()
    expect(page.locator(".nomination").first.locator(".nominee-initiatives")).to_have_count(0)
