"""The award registry in a browser: lechan opens the registry, an award of the ward and downloads its certificate;
the QR code of the PDF (decoded with zbarimg) leads a visitor without login to the verification page; the public
honour board, on screen and as printed."""

import shutil
import subprocess
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SHOTS


def _decode_qr(pdf_path, tmp_path) -> str:
    if not (shutil.which("pdftoppm") and shutil.which("zbarimg")):
        pytest.skip("pdftoppm and zbarimg are needed to read the QR code of the certificate")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", str(pdf_path), str(tmp_path / "giay")], check=True
    )
    png = next(tmp_path.glob("giay*.png"))
    out = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True)
    return out.stdout.strip()


def test_a_certificate_downloaded_from_the_registry_is_verified_without_login(
    page, login, shot, browser, tmp_path
):
    login("lechan")
    page.goto(page.base_url + "/khen-thuong/so-khen-thuong/?q=chien si thi dua")
    expect(page.locator("#award-table")).to_contain_text("Chiến sĩ thi đua cơ sở")
    expect(page.locator("#award-table")).not_to_contain_text("Khúc Thừa Dụ")
    shot("award-registry")
    page.goto(page.base_url + "/khen-thuong/so-khen-thuong/")
    box = page.locator(".table-responsive").first
    assert box.evaluate("b => b.scrollWidth - b.clientWidth") <= 0, (
        "the registry is wider than 1366 px"
    )
    shot("award-registry-all")
    # A Chiến sĩ thi đua cơ sở of the ward (the list opens on the latest year, where the Giấy khen come first).
    page.goto(page.base_url + "/khen-thuong/so-khen-thuong/?q=chien si thi dua")
    page.locator("#award-table tbody a").first.click()
    expect(page.locator("main")).to_contain_text("Chiến sĩ thi đua cơ sở")
    expect(page.locator("#certificate-download")).to_be_visible()
    shot("award-detail")
    href = page.locator("#certificate-download").get_attribute("href")
    response = page.request.get(page.base_url + href)  # the signed-in user's session
    assert response.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "giay-chung-nhan.pdf"
    pdf.write_bytes(response.body())
    assert pdf.read_bytes().startswith(b"%PDF-")
    page.locator("dd a[href*='/ca-nhan/']").click()
    expect(page.locator("#award-panel")).to_contain_text("Chiến sĩ thi đua cơ sở")
    shot("award-person-panel")
    url = _decode_qr(pdf, tmp_path)
    assert "/xac-minh/" in url

    anonymous = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    visitor = anonymous.new_page()
    visitor.goto(page.base_url + urlparse(url).path)
    expect(visitor.locator("#verify-card")).to_contain_text("Giấy chứng nhận hợp lệ")
    expect(visitor.locator("#verify-card")).to_contain_text("Chiến sĩ thi đua cơ sở")
    assert "/dang-nhap/" not in visitor.url
    visitor.screenshot(path=str(SHOTS / "award-verify.png"), full_page=True)

    visitor.goto(page.base_url + "/xac-minh/khong-co-ma-nay/")
    expect(visitor.locator("#verify-missing")).to_contain_text("Không tìm thấy mã xác minh")

    visitor.goto(page.base_url + "/vinh-danh/")
    expect(visitor.locator("h1")).to_contain_text("Vinh danh")
    expect(visitor.locator(".board-awards").first).to_be_visible()
    visitor.screenshot(path=str(SHOTS / "honour-board.png"), full_page=True)
    visitor.emulate_media(media="print")
    expect(visitor.locator(".board-filters")).to_be_hidden()
    visitor.screenshot(path=str(SHOTS / "honour-board-print.png"), full_page=True)
    anonymous.close()
