"""lethanhnghi uploads the ward's decision (seed 004), checks the prefilled registration form and saves it."""

from pathlib import Path

from playwright.sync_api import expect

SEED_004 = next((Path(__file__).resolve().parents[2] / "data" / "seeds").glob("004_*.txt"))


def test_lethanhnghi_registers_the_ward_decision_read_from_its_file(page, login, shot):
    login("lethanhnghi")
    page.click("#mainnav >> text=Văn bản")
    page.click("text=Đọc từ văn bản")
    expect(page.locator("h1")).to_contain_text("Đọc từ văn bản")
    page.set_input_files("#id_file", str(SEED_004))
    shot("document-reader-upload")
    page.click("button:has-text('Đọc và điền mẫu')")

    summary = page.locator("#reader-summary")
    expect(summary).to_contain_text("Văn bản chưa có số (Số: …/QĐ-UBND)")
    expect(summary).to_contain_text("chỉ có tháng 01/2026")
    expect(page.locator("#id_issued_on")).to_have_value("01/2026")
    expect(page.locator("#id_issuer")).to_have_value(
        "Chủ tịch Ủy ban nhân dân phường Lê Thanh Nghị"
    )
    expect(page.locator("#id_title")).to_have_value(
        "Ban hành Kế hoạch Cải cách hành chính nhà nước phường Lê Thanh Nghị năm 2026"
    )
    expect(page.locator("#id_signer")).to_have_value("Nguyễn Hữu Phúc")
    rows = page.locator("#basis-rows tr.basis-row")
    expect(rows).to_have_count(6)
    expect(rows.nth(0)).to_contain_text("chưa đăng ký")
    expect(rows.nth(1)).to_contain_text("đã đăng ký")
    expect(page.locator("#id_basis-1-number")).to_have_value("76/NQ-CP")
    shot("document-reader-prefilled-004")

    page.fill("#id_number", "45/QĐ-UBND")
    page.fill("#id_issued_on", "15/01/2026")
    page.check("#id_basis-0-DELETE")
    page.click("#document-form button[type=submit]")

    expect(page.locator("h1")).to_contain_text("45/QĐ-UBND")
    body = page.locator("body")
    expect(body).to_contain_text("15/01/2026")
    for number in ["76/NQ-CP", "3470/QĐ-UBND", "5256/QĐ-UBND", "698/QĐ-UBND"]:
        expect(body).to_contain_text(number)
    expect(body).not_to_contain_text("Luật Tổ chức chính quyền địa phương")
    shot("document-reader-saved-004")
