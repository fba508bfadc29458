"""The certificate of an award: a one-page A4 landscape PDF in the layout of the form, its fonts embedded, with a
QR code that decodes to the award's public verification address."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date

import pytest

from cchc.awards import certificates
from cchc.awards import selectors_registry as registry
from cchc.awards.tests.test_registry import make_award, make_decision, make_person

pytestmark = pytest.mark.django_db

POPPLER = shutil.which("pdffonts") and shutil.which("pdftoppm")
ZBAR = shutil.which("zbarimg")


@pytest.fixture
def award(personas):
    person = make_person(personas.office_a, "Đặng Minh Dũng")
    decision = make_decision(personas.ward_a, number="09/QĐ-UBND", signed_on=date(2027, 1, 18))
    return make_award(decision, unit=personas.ward_a, person=person)


def test_the_wording_follows_the_form_of_a_title_certificate(award):
    text = certificates.certificate_text(award)
    assert text.heading == "GIẤY CHỨNG NHẬN"
    assert text.authority == "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG AN BÌNH"
    assert text.recipient == "Đặng Minh Dũng"
    assert text.achievement == "Đã đạt danh hiệu “Chiến sĩ thi đua cơ sở” năm 2026"
    assert text.decision_line == "Quyết định số 09/QĐ-UBND, ngày 18 tháng 01 năm 2027"
    assert text.place_date == "An Bình, ngày 18 tháng 01 năm 2027"
    assert text.signer_title == "CHỦ TỊCH" and text.signer_name == "Trần Văn Ký"
    assert text.verify_url == f"http://127.0.0.1:8000/xac-minh/{award.code}/"


@pytest.mark.parametrize(
    ("form", "heading"),
    [
        ("giay_khen_chu_tich_ubnd_phuong", "GIẤY KHEN"),
        ("bang_khen_chu_tich_ubnd_tp", "BẰNG KHEN"),
        ("ldtt", "GIẤY CHỨNG NHẬN"),
    ],
)
def test_the_heading_names_the_form(award, form, heading):
    award.form = form
    assert certificates.certificate_text(award).heading == heading


def test_the_verification_address_follows_the_public_url_setting(award, settings):
    settings.CCHC_PUBLIC_URL = "https://thiduakhenthuong.haiphong.gov.vn/"
    assert registry.verify_url(award) == (
        f"https://thiduakhenthuong.haiphong.gov.vn/xac-minh/{award.code}/"
    )


def test_the_pdf_is_one_a4_landscape_page_with_only_embedded_fonts(award, tmp_path):
    pdf = certificates.certificate_pdf(award)
    assert pdf.startswith(b"%PDF-")
    assert re.search(rb"/MediaBox \[\s*0 0 841\.889\d* 595\.275\d*\s*\]", pdf)
    assert b"/Count 1" in pdf
    assert b"/FontFile2" in pdf and b"Helvetica" not in pdf
    if not POPPLER:
        pytest.skip("pdffonts (poppler-utils) is not installed: checked the font dictionaries only")
    path = tmp_path / "giay.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    fonts = out.stdout.splitlines()[2:]
    assert len(fonts) == 3, out.stdout
    for line in fonts:
        name, *_rest = line.split()
        assert "DejaVuSerif" in name, line
        # columns: name type encoding emb sub uni object id
        assert line.split()[-5] == "yes", f"font not embedded: {line}"


def test_the_qr_code_decodes_to_the_verification_address(award, tmp_path):
    pdf = certificates.certificate_pdf(award)
    if not (POPPLER and ZBAR):
        pytest.skip("pdftoppm and zbarimg are needed to read the QR code from the page")
    (tmp_path / "giay.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", str(tmp_path / "giay.pdf"), str(tmp_path / "trang")],
        check=True,
    )
    page = next(tmp_path.glob("trang*.png"))
    out = subprocess.run(["zbarimg", "-q", "--raw", str(page)], capture_output=True, text=True)
    assert out.stdout.strip() == f"http://127.0.0.1:8000/xac-minh/{award.code}/"


def test_the_qr_matrix_is_a_valid_symbol_of_the_address(award):
    matrix = certificates.qr_matrix(registry.verify_url(award))
    n = len(matrix)
    assert n >= 29 and (n - 17) % 4 == 0 and all(len(row) == n for row in matrix)
    finder = [row[:7] for row in matrix[:7]]
    assert finder[0] == [True] * 7 and finder[3] == [True, False, True, True, True, False, True]


def test_a_revoked_award_still_prints_but_is_stamped(award):
    award.revoked_on = date(2027, 5, 1)
    assert certificates.certificate_text(award).revoked is True
    assert certificates.certificate_pdf(award).startswith(b"%PDF-")


def test_the_certificate_downloads_inside_the_scope_only(client_for, award, personas):
    url = f"/khen-thuong/so-khen-thuong/{award.pk}/giay-chung-nhan.pdf"
    response = client_for(personas.ward_a_officer).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert client_for(personas.ward_b_officer).get(url).status_code == 404
