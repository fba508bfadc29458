"""Choices of the document register."""

from django.db import models


class DocType(models.TextChoices):
    """Document types and their abbreviations in the symbol (Nghị định 30/2020/NĐ-CP, Phụ lục III)."""

    LUAT = "LUAT", "Luật"
    ND = "NĐ", "Nghị định"
    TT = "TT", "Thông tư"
    NQ = "NQ", "Nghị quyết"
    QD = "QĐ", "Quyết định"
    CT = "CT", "Chỉ thị"
    KH = "KH", "Kế hoạch"
    BC = "BC", "Báo cáo"
    TTR = "TTr", "Tờ trình"
    CV = "CV", "Công văn"
    TB = "TB", "Thông báo"
    HD = "HD", "Hướng dẫn"
    BB = "BB", "Biên bản"
    CTR = "CTr", "Chương trình"
    QC = "QC", "Quy chế"
    KHAC = "KHAC", "Khác"


class DatePrecision(models.TextChoices):
    DAY = "day", "Đủ ngày"
    MONTH = "month", "Chỉ có tháng"
    YEAR = "year", "Chỉ có năm"
    NONE = "none", "Không ghi ngày"


def doc_type_from_abbrev(abbrev: str | None) -> str:
    """The DocType value for an abbreviation as written in a symbol ("QĐ", "KH", "TTr", ...)."""
    if not abbrev:
        return DocType.KHAC
    key = (
        abbrev.strip().upper().replace("D", "Đ")
        if abbrev.strip().upper() in {"QD", "ND"}
        else abbrev.strip()
    )
    for value, _ in DocType.choices:
        if value.upper() == key.upper():
            return value
    return DocType.KHAC
