"""The leader's sign-off in a browser, on the demo's open round: the chairman of Lê Chân returns the
self-assessment waiting for him with a reason, Lê Chân's officer reads it and sends the file again, the
chairman approves it from "Chờ phê duyệt", the officer submits it; the read-only viewer sees no action button.
Criterion 1.2 shows the figure computed from Lê Chân's plan, with its source."""

import pytest
from playwright.sync_api import expect

from cchc.core import dates
from cchc.demo.day import DEMO_DAY as DEMO_TODAY
from cchc.orgs.models import Unit
from cchc.par.models import Assessment
from tests.e2e.conftest import SHOTS

pytestmark = pytest.mark.django_db(transaction=True)

REASON = "Đề nghị bổ sung minh chứng sáng kiến (tiêu chí 1.6) trước khi trình lại."


def _logout(page):
    page.context.clear_cookies()


def test_the_chairman_signs_off_le_chans_self_assessment_before_it_is_submitted(
    page, login, shot, monkeypatch
):
    monkeypatch.setattr(
        dates, "today", lambda: DEMO_TODAY
    )  # inside the demo's self-assessment window
    page.on("dialog", lambda d: d.accept())
    lc = Unit.objects.get(short_name="Lê Chân", kind="ward")
    a = Assessment.objects.get(round__year=2026, unit=lc)
    url = page.base_url + f"/chi-so/ho-so/{a.pk}/"
    status = page.locator("h1 + div .par-status")
    message = page.locator(".alert-success.alert-dismissible")

    # 1. The chairman finds the file in "Chờ phê duyệt" and returns it with a reason.
    login("lechan.chutich")
    page.goto(page.base_url + "/chi-so/")
    waiting = page.locator("#awaiting-approval")
    expect(waiting).to_contain_text("Chờ phê duyệt (1)")
    expect(waiting).to_contain_text("Phường Lê Chân")
    shot("par-50-sign-off-chairman-home")
    waiting.get_by_role("link", name="Xem và phê duyệt").click()
    expect(status).to_have_text("Chờ lãnh đạo phê duyệt")
    row = page.locator("tr[data-code='1.2']")
    expect(row.locator(".par-system-value")).to_contain_text("%")
    expect(row.locator("a.par-system-source")).to_contain_text("Kế hoạch CCHC năm 2026")
    actions = page.locator("#actions")
    expect(actions.locator("[data-transition]")).to_have_count(2)
    shot("par-51-sign-off-chairman-assessment")
    page.locator("#area-1").screenshot(path=str(SHOTS / "par-51b-criterion-1-2-system-figure.png"))
    page.locator("#actions").screenshot(path=str(SHOTS / "par-51c-chairman-buttons.png"))
    actions.locator("[data-transition=return] summary").click()
    actions.locator("textarea[name=note]").fill(REASON)
    actions.screenshot(path=str(SHOTS / "par-52-sign-off-return-reason.png"))
    actions.locator("[data-transition=return] form").get_by_role("button", name="Trả lại").click()
    expect(message).to_contain_text("Đã trả lại hồ sơ tự đánh giá")
    expect(status).to_have_text("Đang tự đánh giá")

    # 2. The officer reads the reason and sends the file to the chairman again.
    _logout(page)
    login("lechan")
    page.goto(url)
    expect(page.locator("#return-note")).to_contain_text(REASON)
    expect(page.locator("#actions [data-transition]")).to_have_count(1)
    shot("par-53-sign-off-officer-returned")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.screenshot(path=str(SHOTS / "par-53b-sign-off-officer-returned-top.png"))
    page.locator("#actions").get_by_role("button", name="Trình lãnh đạo phê duyệt").click()
    expect(message).to_contain_text("Đã trình lãnh đạo phê duyệt hồ sơ tự đánh giá")
    expect(status).to_have_text("Chờ lãnh đạo phê duyệt")
    expect(page.locator("#lock-reason")).to_contain_text("đề nghị lãnh đạo trả lại hồ sơ")
    expect(page.locator("#actions")).to_have_count(0)

    # 3. The chairman approves it from "Chờ phê duyệt".
    _logout(page)
    login("lechan.chutich")
    page.goto(page.base_url + "/chi-so/")
    page.locator("#awaiting-approval").get_by_role("link", name="Xem và phê duyệt").click()
    page.locator("#actions").get_by_role("button", name="Phê duyệt").click()
    expect(message).to_contain_text("Đã phê duyệt hồ sơ tự đánh giá")
    expect(status).to_have_text("Lãnh đạo đã phê duyệt")
    page.goto(page.base_url + "/chi-so/")
    expect(page.locator("#awaiting-approval")).to_have_count(0)
    shot("par-54-sign-off-chairman-nothing-waiting")

    # 4. The officer submits it.
    _logout(page)
    login("lechan")
    page.goto(url)
    expect(page.locator("#approved-by")).to_contain_text("Phạm Văn Tân")
    page.screenshot(path=str(SHOTS / "par-55-sign-off-officer-approved.png"))
    page.locator("#actions").get_by_role("button", name="Nộp hồ sơ").click()
    expect(message).to_contain_text("Đã nộp hồ sơ tự đánh giá")
    expect(status).to_have_text("Đã nộp, chờ thẩm định")
    shot("par-56-sign-off-submitted")
    a.refresh_from_db()
    assert a.status == "submitted" and a.approved_by.username == "lechan.chutich"

    # 5. The read-only viewer reads the file and has no action button.
    _logout(page)
    login("lechan.xem")
    page.goto(url)
    expect(status).to_have_text("Đã nộp, chờ thẩm định")
    expect(page.locator("[data-transition]")).to_have_count(0)
    expect(page.locator("#actions")).to_have_count(0)
    expect(page.locator("textarea")).to_have_count(0)
    page.screenshot(path=str(SHOTS / "par-57-sign-off-viewer.png"))
