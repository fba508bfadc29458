"""An officer of phường Lê Chân drafts an initiative and sends it to the ward's council; the council's secretary
opens scoring; three members score it on the published sheet; the secretary recognises it at ward level with a
decision that goes into the document register; the counts API shows one more for Lê Chân. lechan gets 404 on
xã Khúc Thừa Dụ's initiative."""

from playwright.sync_api import expect

from cchc.core import dates
from cchc.initiatives import selectors
from cchc.initiatives.models import Initiative
from cchc.orgs.models import Unit
from cchc.registry.models import Document

TITLE = "Bảng điện tử báo số thứ tự kèm thời gian chờ dự kiến tại Bộ phận Một cửa"
SHEETS = {
    "lechan.chutich": ["27", "34", "17", "9"],
    "lechan.hoidong": ["25,5", "33", "16", "8"],
    "lechan.kinhte": ["24", "31", "15", "8"],
}  # totals 87, 82,5, 78 → average 82,5


def switch(page, login, username):
    page.context.clear_cookies()
    return login(username)


def test_an_initiative_from_draft_to_recognition_and_the_counts(page, login, shot):
    today = dates.today()
    lechan = Unit.objects.get(short_name="Lê Chân", kind="ward")
    before = selectors.recognised_counts(
        unit_ids=[lechan.pk], start_year=today.year, end_year=today.year
    )[lechan.pk]

    # The officer of the ward's office drafts and submits.
    login("lechan.vanphong")
    page.click("#nav-movement")
    page.click("#nav-initiatives")
    expect(page.locator("h1")).to_have_text("Sáng kiến, mô hình, giải pháp CCHC")
    shot("initiative-register")
    page.click("#initiative-create")
    page.select_option("#id_area", label="Cải cách thủ tục hành chính")
    page.select_option("#id_council", label="Hội đồng sáng kiến phường Lê Chân (cấp xã, phường)")
    page.fill("#id_title", TITLE)
    page.fill("#id_description", "Màn hình tại Bộ phận Một cửa hiện số thứ tự và thời gian chờ.")
    page.fill("#id_novelty", "Trước đây người dân không biết phải chờ bao lâu.")
    page.fill("#id_effect", "Thời gian chờ trung bình giảm từ 25 xuống 12 phút.")
    page.fill("#id_applied_since", dates.fmt(today.replace(day=1)))
    page.select_option("#id_authors-0-person", index=1)
    page.fill("#id_authors-0-share", "60")
    page.select_option("#id_authors-1-person", index=2)
    page.fill("#id_authors-1-share", "40")
    page.click("#initiative-save")
    expect(page.locator("#initiative-title")).to_have_text(TITLE)
    initiative = Initiative.objects.get(title=TITLE)
    assert initiative.unit.code.endswith("-VP") and initiative.year == today.year
    page.on("dialog", lambda dialog: dialog.accept())
    page.click("[data-transition=submit]")
    expect(page.locator(".initiative-status")).to_have_text("Đã gửi Hội đồng")

    # The secretary (the ward's standing office) opens scoring.
    switch(page, login, "lechan")
    page.goto(f"{page.base_url}/sang-kien/{initiative.pk}/")
    page.click("[data-transition=open_scoring]")
    expect(page.locator(".initiative-status")).to_have_text("Đang chấm điểm")
    expect(page.locator("[data-transition=recognise]")).to_be_disabled()

    # Three members score on the published sheet (30, 40, 20, 10).
    for username, points in SHEETS.items():
        switch(page, login, username)
        page.goto(f"{page.base_url}/sang-kien/{initiative.pk}/")
        page.click("#score-link")
        inputs = page.locator("input.score-input")
        expect(inputs).to_have_count(4)
        for i, value in enumerate(points):
            inputs.nth(i).fill(value)
        if username == "lechan.hoidong":
            expect(page.locator("#score-total")).to_have_text("82,5")
            shot("initiative-scoring-form")
        page.click("#score-save")
        expect(page.locator(".alert-success.alert-dismissible")).to_contain_text(
            "Đã lưu phiếu chấm điểm của bạn."
        )

    # The secretary sees every member's points and recognises with the ward's decision.
    switch(page, login, "lechan")
    page.goto(f"{page.base_url}/sang-kien/{initiative.pk}/")
    expect(page.locator("#score-table tr.score-row")).to_have_count(3)
    expect(page.locator("#verdict")).to_contain_text("Điểm trung bình 82,5/100 ≥ ngưỡng 70 — đạt")
    page.click("[data-transition=recognise]")
    page.fill("#id_number", "97/QĐ-UBND")
    page.fill("#id_decided_on", dates.fmt(today))
    page.fill("#id_signer", "Phạm Văn Tân")
    page.fill("#id_signer_title", "Chủ tịch UBND phường")
    page.click("#decision-save")
    expect(page.locator("#recognition")).to_contain_text("Được công nhận cấp xã, phường")
    expect(page.locator("#decision-link")).to_have_text("Quyết định số 97/QĐ-UBND")
    shot("initiative-recognised")
    document = Document.objects.get(number="97/QĐ-UBND", org_unit=lechan)
    assert document.title == f"Về việc công nhận sáng kiến “{TITLE}”"

    # The counts: one more for Lê Chân, in the API and on the page.
    api = page.request.get(
        f"{page.base_url}/api/initiatives/counts?from={today.year}&to={today.year}"
    )
    assert api.status == 200
    counts = {i["unit_id"]: i["count"] for i in api.json()["items"]}
    assert counts[lechan.pk] == before + 1
    page.goto(f"{page.base_url}/sang-kien/thong-ke/?from={today.year - 1}&to={today.year}&need=2")
    row = page.locator(f"tr.count-row[data-id='{lechan.pk}']")
    expect(row.locator("td.count")).to_have_text(
        str(
            selectors.recognised_counts(
                unit_ids=[lechan.pk], start_year=today.year - 1, end_year=today.year
            )[lechan.pk]
        )
    )
    shot("initiative-counts")

    # Khúc Thừa Dụ's initiative is outside lechan's scope.
    other = Initiative.objects.filter(
        unit__path__startswith=Unit.objects.get(short_name="Khúc Thừa Dụ", kind="commune").path
    ).first()
    response = page.goto(f"{page.base_url}/sang-kien/{other.pk}/")
    assert response.status == 404
    expect(page.locator("body")).to_contain_text("nằm ngoài phạm vi được phân quyền")
    assert page.request.get(f"{page.base_url}/api/initiatives/{other.pk}").status == 404
