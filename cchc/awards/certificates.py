"""The certificate of an award as a PDF (A4 landscape, Vietnamese fonts embedded) with a QR code to its public
verification page.

The layout follows the forms of certificates of merit and certificates (mẫu Giấy khen, Bằng khen; Nghị định
152/2025/NĐ-CP, Phụ lục): the national motto, the conferring authority, the form's name, "TẶNG", the recipient
and their unit, the achievement, the decision's number and date, place and date, the signer's title and name.
The fonts are DejaVu Serif, shipped in `cchc/awards/fonts/` with their licence.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from cchc.awards.models import Award
from cchc.awards.selectors_registry import form_is_title, form_name, verify_url

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR, BOLD, ITALIC = "CchcSerif", "CchcSerif-Bold", "CchcSerif-Italic"
RED = HexColor("#B3121B")
GOLD = HexColor("#B8860B")
INK = HexColor("#1A1A1A")


@cache
def _register_fonts() -> None:
    for name, file in (
        (REGULAR, "DejaVuSerif.ttf"),
        (BOLD, "DejaVuSerif-Bold.ttf"),
        (ITALIC, "DejaVuSerif-Italic.ttf"),
    ):
        pdfmetrics.registerFont(TTFont(name, str(FONTS_DIR / file)))


@dataclass(frozen=True)
class CertificateText:
    """What a certificate says, in the order of the form (built from the award and its decision)."""

    heading: str  # GIẤY KHEN, BẰNG KHEN, GIẤY CHỨNG NHẬN
    authority: str  # CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG LÊ CHÂN
    recipient: str
    recipient_unit: str
    achievement: str
    decision_line: str
    place_date: str
    signer_title: str
    signer_name: str
    revoked: bool
    verify_url: str


def _vn_date(day: date | None) -> str:
    if day is None:
        return "ngày ... tháng ... năm ......"
    return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def _heading(form: str) -> str:
    if form_is_title(form):
        return "GIẤY CHỨNG NHẬN"
    if form.startswith("bang_khen"):
        return "BẰNG KHEN"
    if form.startswith("giay_khen"):
        return "GIẤY KHEN"
    return form_name(form).upper()


def certificate_text(award: Award) -> CertificateText:
    """The wording of the certificate of an award (pure: reads the award, its decision and its nomination)."""
    decision = award.decision
    authority = (decision.issuer if decision else "") or award.decided_by
    number = award.decision_number or (decision.number if decision else "")
    day = award.decision_date or (decision.signed_on if decision else None)
    if award.nomination_id and award.nomination and award.nomination.achievement.strip():
        achievement = award.nomination.achievement.strip()
    elif form_is_title(award.form):
        achievement = f"Đã đạt danh hiệu “{form_name(award.form)}” năm {award.year}"
    else:
        achievement = f"Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm {award.year}"
    place = ""
    if decision is not None:
        place = decision.unit.short_name or decision.unit.name
    signer_title = (decision.signer_title if decision else "") or "CHỦ TỊCH"
    return CertificateText(
        heading=_heading(award.form),
        authority=authority.upper(),
        recipient=award.recipient,
        recipient_unit=award.recipient_unit,
        achievement=achievement,
        decision_line=f"Quyết định số {number or '......'}, {_vn_date(day)}",
        place_date=f"{place + ', ' if place else ''}{_vn_date(day)}",
        signer_title=signer_title.upper(),
        signer_name=(decision.signer_name if decision else ""),
        revoked=award.revoked,
        verify_url=verify_url(award),
    )


def _border(c: Canvas, width: float, height: float) -> None:
    """A double frame in red and gold with diamonds at the corners and along the sides."""
    c.saveState()
    c.setStrokeColor(RED)
    c.setLineWidth(6)
    c.rect(18, 18, width - 36, height - 36)
    c.setStrokeColor(GOLD)
    c.setLineWidth(1.6)
    c.rect(30, 30, width - 60, height - 60)
    c.setLineWidth(0.6)
    c.rect(35, 35, width - 70, height - 70)
    c.setFillColor(GOLD)
    for x, y in ((30, 30), (width - 30, 30), (30, height - 30), (width - 30, height - 30)):
        _diamond(c, x, y, 11)
    c.setFillColor(RED)
    step = (width - 60) / 12
    for i in range(1, 12):
        _diamond(c, 30 + i * step, 30, 3.2)
        _diamond(c, 30 + i * step, height - 30, 3.2)
    step_y = (height - 60) / 8
    for i in range(1, 8):
        _diamond(c, 30, 30 + i * step_y, 3.2)
        _diamond(c, width - 30, 30 + i * step_y, 3.2)
    c.restoreState()


def _diamond(c: Canvas, x: float, y: float, r: float) -> None:
    path = c.beginPath()
    path.moveTo(x, y + r)
    path.lineTo(x + r, y)
    path.lineTo(x, y - r)
    path.lineTo(x - r, y)
    path.close()
    c.drawPath(path, stroke=0, fill=1)


def _centred(c: Canvas, text: str, x: float, y: float, font: str, size: float, width: float):
    """Draws `text` centred on x, wrapped to `width`; returns the y below the last line."""
    lines = simpleSplit(text, font, size, width) or [""]
    c.setFont(font, size)
    for line in lines:
        c.drawCentredString(x, y, line)
        y -= size * 1.35
    return y


def qr_matrix(value: str) -> list[list[bool]]:
    """The modules of the QR code of `value` (error correction level M), top row first."""
    qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    qr.addData(value)
    qr.make()
    n = qr.getModuleCount()
    return [[bool(qr.isDark(row, col)) for col in range(n)] for row in range(n)]


def _qr(c: Canvas, value: str, x: float, y: float, size: float) -> None:
    """The QR code drawn as black squares on a white quiet zone of two modules."""
    matrix = qr_matrix(value)
    n = len(matrix)
    module = size / (n + 4)
    c.saveState()
    c.setFillColor(HexColor("#FFFFFF"))
    c.rect(x, y, size, size, stroke=0, fill=1)
    c.setFillColor(HexColor("#000000"))
    for r, row in enumerate(matrix):
        for col, dark in enumerate(row):
            if dark:
                c.rect(
                    x + (col + 2) * module,
                    y + size - (r + 3) * module,
                    module,
                    module,
                    stroke=0,
                    fill=1,
                )
    c.restoreState()


def certificate_pdf(award: Award) -> bytes:
    """The certificate of the award as a one-page PDF."""
    _register_fonts()
    text = certificate_text(award)
    buffer = io.BytesIO()
    width, height = landscape(A4)
    c = Canvas(buffer, pagesize=(width, height), pageCompression=1, initialFontName=REGULAR)
    c.setTitle(f"{text.heading.capitalize()} – {text.recipient}")
    c.setAuthor(text.authority)
    c.setSubject(text.decision_line)
    c.setCreator("Hệ thống CCHC & Thi đua")
    _border(c, width, height)
    centre = width / 2
    c.setFillColor(INK)
    y = height - 70
    c.setFont(BOLD, 13)
    c.drawCentredString(centre, y, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    y -= 18
    c.setFont(BOLD, 12.5)
    c.drawCentredString(centre, y, "Độc lập - Tự do - Hạnh phúc")
    c.setLineWidth(0.8)
    c.line(centre - 85, y - 5, centre + 85, y - 5)
    y -= 40
    y = _centred(c, text.authority, centre, y, BOLD, 14, width - 200)
    y -= 22
    c.setFillColor(RED)
    c.setFont(BOLD, 46)
    c.drawCentredString(centre, y - 20, text.heading)
    y -= 78
    c.setFillColor(INK)
    c.setFont(BOLD, 15)
    c.drawCentredString(centre, y, "TẶNG")
    y -= 36
    c.setFillColor(RED)
    y = _centred(c, text.recipient, centre, y, BOLD, 24, width - 180)
    c.setFillColor(INK)
    if text.recipient_unit:
        y = _centred(c, text.recipient_unit, centre, y - 4, ITALIC, 14, width - 200)
    y -= 10
    y = _centred(c, text.achievement, centre, y, REGULAR, 14, width - 220)
    # Bottom band: the QR code and the decision on the left, place, date and signer on the right.
    qr_size = 92
    _qr(c, text.verify_url, 56, 52, qr_size)
    c.setFont(REGULAR, 10.5)
    c.drawString(56 + qr_size + 10, 122, text.decision_line)
    c.setFont(ITALIC, 8.5)
    c.drawString(56 + qr_size + 10, 106, "Quét mã QR để xác minh giấy chứng nhận:")
    c.drawString(56 + qr_size + 10, 94, text.verify_url)
    right = width - 215
    c.setFont(ITALIC, 12)
    c.drawCentredString(right, 160, text.place_date)
    y = 142
    for part in text.signer_title.split(" – "):  # "KT. CHỦ TỊCH – PHÓ CHỦ TỊCH" on two lines
        y = _centred(c, part, right, y, BOLD, 12.5, 300)
    if text.signer_name:
        c.setFont(BOLD, 13.5)
        c.drawCentredString(right, 62, text.signer_name)
    if text.revoked:
        _revoked_stamp(c, width, height)
    c.showPage()
    c.save()
    return buffer.getvalue()


def _revoked_stamp(c: Canvas, width: float, height: float) -> None:
    c.saveState()
    c.translate(width / 2, height / 2)
    c.rotate(18)
    c.setFillColor(Color(0.7, 0.05, 0.1, alpha=0.35))
    c.setFont(BOLD, 64)
    c.drawCentredString(0, 0, "ĐÃ THU HỒI")
    c.restoreState()


def certificate_filename(award: Award) -> str:
    return f"giay-chung-nhan-{award.pk}.pdf"
