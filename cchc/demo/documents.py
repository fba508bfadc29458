"""The five seed documents and the documents they cite, registered with their legal bases."""

from datetime import date
from pathlib import Path

from cchc.core.scope import SYSTEM
from cchc.registry.choices import DatePrecision, DocType
from cchc.registry.services import BasisInput as B
from cchc.registry.services import document_register

SEEDS = Path(__file__).resolve().parent.parent.parent / "data" / "seeds"

LAW_LOCAL_GOV = B(
    doc_type=DocType.LUAT,
    date=date(2025, 6, 16),
    title="Luật Tổ chức chính quyền địa phương",
    raw="Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
)
LAW_EMULATION = B(
    doc_type=DocType.LUAT,
    date=date(2022, 6, 15),
    title="Luật Thi đua, khen thưởng",
    raw="Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
)


def _seed(name: str) -> str:
    path = next(SEEDS.glob(f"{name}_*.txt"), None)
    return path.read_text(encoding="utf-8") if path else ""


def load(units: dict) -> dict:
    """Register the documents; returns them by number (or key) for the later demo layers."""
    city, snv = units["city"], units["snv"]
    lc, ktd, ltn = units["level:Lê Chân"], units["level:Khúc Thừa Dụ"], units["level:Lê Thanh Nghị"]
    docs = {}

    def reg(key, **kw):
        kw.setdefault("date_precision", DatePrecision.DAY)
        docs[key] = document_register(actor=SYSTEM, audit_it=False, **kw)
        return docs[key]

    reg(
        "76/NQ-CP",
        number="76/NQ-CP",
        doc_type=DocType.NQ,
        issuer="Chính phủ",
        issued_on=date(2021, 7, 15),
        title="Ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030",
        period_start=2021,
        period_end=2030,
    )
    reg(
        "152/2025/NĐ-CP",
        number="152/2025/NĐ-CP",
        doc_type=DocType.ND,
        issuer="Chính phủ",
        issued_on=date(2025, 6, 14),
        title="Quy định về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng",
        bases=[LAW_EMULATION],
    )
    reg(
        "15/2025/TT-BNV",
        number="15/2025/TT-BNV",
        doc_type=DocType.TT,
        issuer="Bộ Nội vụ",
        issued_on=date(2025, 8, 4),
        title="Quy định biện pháp để tổ chức, hướng dẫn thi hành Luật Thi đua, khen thưởng và Nghị định số 152/2025/NĐ-CP",
        bases=[LAW_EMULATION, B(number="152/2025/NĐ-CP")],
    )
    reg(
        "282/QĐ-TTg",
        number="282/QĐ-TTg",
        doc_type=DocType.QD,
        issuer="Thủ tướng Chính phủ",
        issued_on=date(2026, 2, 12),
        title="Ban hành Kế hoạch cải cách hành chính nhà nước trọng tâm giai đoạn 2026 - 2030",
        period_start=2026,
        period_end=2030,
        bases=[B(number="76/NQ-CP")],
    )
    reg(
        "3470/QĐ-UBND",
        number="3470/QĐ-UBND",
        doc_type=DocType.QD,
        issuer="Ủy ban nhân dân thành phố Hải Phòng",
        issued_on=date(2025, 8, 27),
        org_unit=city,
        issuer_unit=city,
        period_start=2026,
        period_end=2030,
        title="Ban hành Kế hoạch thực hiện Chương trình tổng thể cải cách hành chính nhà nước thành phố Hải Phòng giai đoạn 2026 - 2030",
        bases=[B(number="76/NQ-CP")],
    )
    reg(
        "5256/QĐ-UBND",
        number="5256/QĐ-UBND",
        doc_type=DocType.QD,
        issuer="Ủy ban nhân dân thành phố Hải Phòng",
        issued_on=date(2025, 12, 26),
        org_unit=city,
        issuer_unit=city,
        period_start=2026,
        period_end=2026,
        title="Ban hành Kế hoạch Cải cách hành chính nhà nước thành phố Hải Phòng năm 2026",
        bases=[B(number="3470/QĐ-UBND")],
    )
    reg(
        "310/KH-UBND",
        number="310/KH-UBND",
        doc_type=DocType.KH,
        issuer="Ủy ban nhân dân thành phố Hải Phòng",
        issued_on=date(2025, 11, 24),
        org_unit=city,
        issuer_unit=city,
        title="Kế hoạch sắp xếp, tinh gọn tổ chức bộ máy các cơ quan, đơn vị (được dẫn tại Kế hoạch CCHC năm 2026 của phường Lê Thanh Nghị)",
    )
    reg(
        "478/QĐ-UBND",
        number="478/QĐ-UBND",
        doc_type=DocType.QD,
        issuer="Ủy ban nhân dân thành phố Hải Phòng",
        issued_on=date(2026, 4, 14),
        org_unit=city,
        issuer_unit=city,
        period_start=2026,
        period_end=2030,
        title="Ban hành Kế hoạch cải cách hành chính nhà nước trọng tâm giai đoạn 2026 - 2030 của thành phố Hải Phòng",
        bases=[B(number="282/QĐ-TTg")],
    )
    reg(
        "378/TTr-SNV",
        number="378/TTr-SNV",
        doc_type=DocType.TTR,
        issuer="Sở Nội vụ thành phố Hải Phòng",
        issued_on=date(2026, 5, 30),
        org_unit=snv,
        issuer_unit=snv,
        title="Đề nghị ban hành Kế hoạch phát động phong trào thi đua “Đẩy mạnh cải cách hành chính trên địa bàn thành phố Hải Phòng giai đoạn 2026 - 2030”",
    )
    reg(
        "2162/QĐ-UBND",
        number="2162/QĐ-UBND",
        doc_type=DocType.QD,
        issuer="Chủ tịch Ủy ban nhân dân thành phố Hải Phòng",
        issued_on=date(2026, 6, 9),
        org_unit=city,
        issuer_unit=city,
        signer="Vũ Tiến Phụng",
        signer_title="KT. CHỦ TỊCH – PHÓ CHỦ TỊCH",
        period_start=2026,
        period_end=2030,
        title="Ban hành Kế hoạch phát động phong trào thi đua “Đẩy mạnh cải cách hành chính trên địa bàn thành phố Hải Phòng giai đoạn 2026 - 2030”",
        body=_seed("002"),
        bases=[
            LAW_LOCAL_GOV,
            LAW_EMULATION,
            B(number="152/2025/NĐ-CP", date=date(2025, 6, 14), issuer="Chính phủ"),
            B(number="15/2025/TT-BNV", date=date(2025, 8, 4), issuer="Bộ Nội vụ"),
            B(number="282/QĐ-TTg", date=date(2026, 2, 12), issuer="Thủ tướng Chính phủ"),
            B(
                number="1478/QĐ-UBND",
                doc_type=DocType.QD,
                date=date(2026, 4, 14),
                issuer="Thủ tướng Chính phủ",
                title="ban hành Kế hoạch cải cách hành chính nhà nước trọng tâm giai đoạn 2026 - 2030 của thành phố Hải Phòng (số hiệu ghi như trong văn bản)",
            ),
            B(
                number="478/QĐ-UBND",
                date=date(2026, 4, 14),
                issuer="Ủy ban nhân dân thành phố Hải Phòng",
            ),
        ],
    )
    reg(
        "194/KH-UBND",
        number="194/KH-UBND",
        doc_type=DocType.KH,
        issuer="Ủy ban nhân dân phường Lê Chân",
        issued_on=date(2026, 5, 12),
        org_unit=lc,
        issuer_unit=lc,
        period_start=2026,
        period_end=2030,
        title="Kế hoạch cải cách hành chính Nhà nước trọng tâm giai đoạn 2026 - 2030 của phường Lê Chân",
        bases=[B(number="478/QĐ-UBND")],
    )
    reg(
        "259/KH-UBND",
        number="259/KH-UBND",
        doc_type=DocType.KH,
        issuer="Ủy ban nhân dân phường Lê Chân",
        issued_on=date(2026, 6, 19),
        org_unit=lc,
        issuer_unit=lc,
        signer="Phạm Văn Tân",
        signer_title="TM. ỦY BAN NHÂN DÂN – CHỦ TỊCH",
        period_start=2026,
        period_end=2030,
        title="Phát động Phong trào thi đua “Đẩy mạnh cải cách hành chính trên địa bàn phường Lê Chân giai đoạn 2026 – 2030”",
        body=_seed("000"),
        bases=[
            B(number="282/QĐ-TTg", date=date(2026, 2, 12), issuer="Thủ tướng Chính phủ"),
            B(
                number="478/QĐ-UBND",
                date=date(2026, 4, 14),
                issuer="Ủy ban nhân dân thành phố Hải Phòng",
            ),
            B(
                number="2162/QĐ-UBND",
                date=date(2026, 6, 9),
                issuer="Chủ tịch UBND thành phố Hải Phòng",
            ),
            B(
                number="194/KH-UBND",
                date=date(2026, 5, 12),
                issuer="Ủy ban nhân dân phường Lê Chân",
            ),
        ],
    )
    reg(
        "133/KH-UBND",
        number="133/KH-UBND",
        doc_type=DocType.KH,
        issuer="Ủy ban nhân dân xã Khúc Thừa Dụ",
        issued_on=date(2026, 4, 23),
        org_unit=ktd,
        issuer_unit=ktd,
        period_start=2026,
        period_end=2030,
        title="Kế hoạch cải cách hành chính nhà nước trọng tâm giai đoạn 2026-2030 của xã Khúc Thừa Dụ",
        bases=[B(number="478/QĐ-UBND")],
    )
    reg(
        "ktd-movement",
        number="",
        doc_type=DocType.KH,
        issuer="Ủy ban nhân dân xã Khúc Thừa Dụ",
        issued_on=None,
        org_unit=ktd,
        issuer_unit=ktd,
        signer="Nguyễn Tuấn Hải",
        signer_title="CHỦ TỊCH",
        period_start=2026,
        period_end=2030,
        title="Phát động phong trào thi đua “Đẩy mạnh cải cách hành chính trên địa bàn xã Khúc Thừa Dụ giai đoạn 2026 - 2030”",
        body=_seed("001"),
        bases=[
            B(number="282/QĐ-TTg"),
            B(number="478/QĐ-UBND"),
            B(number="2162/QĐ-UBND"),
            B(number="133/KH-UBND"),
        ],
    )
    reg(
        "698/QĐ-UBND",
        number="698/QĐ-UBND",
        doc_type=DocType.QD,
        issuer="Ủy ban nhân dân phường Lê Thanh Nghị",
        issued_on=date(2025, 9, 30),
        org_unit=ltn,
        issuer_unit=ltn,
        period_start=2026,
        period_end=2030,
        title="Ban hành Kế hoạch thực hiện Chương trình tổng thể cải cách hành chính nhà nước phường giai đoạn 2026 - 2030",
        bases=[B(number="3470/QĐ-UBND")],
    )
    reg(
        "ltn-2026",
        number="",
        doc_type=DocType.QD,
        issuer="Chủ tịch Ủy ban nhân dân phường Lê Thanh Nghị",
        issued_on=date(2026, 1, 1),
        date_precision=DatePrecision.MONTH,
        org_unit=ltn,
        issuer_unit=ltn,
        signer="Nguyễn Hữu Phúc",
        signer_title="CHỦ TỊCH",
        period_start=2026,
        period_end=2026,
        title="Ban hành Kế hoạch Cải cách hành chính nhà nước phường Lê Thanh Nghị năm 2026",
        body=_seed("004"),
        bases=[
            LAW_LOCAL_GOV,
            B(number="76/NQ-CP"),
            B(number="3470/QĐ-UBND"),
            B(number="5256/QĐ-UBND"),
            B(number="698/QĐ-UBND"),
        ],
    )
    ha_dong, phu_luong = units["ha_dong"], units["phu_luong"]
    reg(
        "42/KH-UBND-HD",
        number="42/KH-UBND",
        doc_type=DocType.KH,
        issuer="Ủy ban nhân dân quận Hà Đông",
        issued_on=date(2023, 2, 7),
        org_unit=ha_dong,
        issuer_unit=ha_dong,
        period_start=2023,
        period_end=2023,
        title="Kế hoạch công tác cải cách hành chính năm 2023 của quận Hà Đông",
    )
    reg(
        "60/KH-UBND",
        number="60/KH-UBND",
        doc_type=DocType.KH,
        issuer="Ủy ban nhân dân quận Hà Đông",
        issued_on=date(2023, 2, 20),
        org_unit=ha_dong,
        issuer_unit=ha_dong,
        period_start=2023,
        period_end=2023,
        title="Tổ chức phong trào thi đua đẩy mạnh Cải cách hành chính năm 2023",
        bases=[B(number="42/KH-UBND")],
    )
    reg(
        "18/KH-UBND",
        number="18/KH-UBND",
        doc_type=DocType.KH,
        issuer="Ủy ban nhân dân phường Phú Lương",
        issued_on=date(2023, 2, 9),
        org_unit=phu_luong,
        issuer_unit=phu_luong,
        period_start=2023,
        period_end=2023,
        title="Kế hoạch công tác cải cách hành chính năm 2023 của phường Phú Lương",
        bases=[B(number="42/KH-UBND")],
    )
    reg(
        "26/KH-UBND",
        number="26/KH-UBND",
        doc_type=DocType.KH,
        issuer="Ủy ban nhân dân phường Phú Lương",
        issued_on=date(2023, 2, 22),
        org_unit=phu_luong,
        issuer_unit=phu_luong,
        signer="Dương Ngọc Thỏa",
        signer_title="KT. CHỦ TỊCH – PHÓ CHỦ TỊCH",
        period_start=2023,
        period_end=2023,
        title="Tổ chức phong trào thi đua đẩy mạnh Cải cách hành chính năm 2023",
        body=_seed("003"),
        bases=[
            B(number="60/KH-UBND", date=date(2023, 2, 20), issuer="Ủy ban nhân dân quận Hà Đông"),
            B(number="18/KH-UBND"),
            B(number="42/KH-UBND"),
        ],
    )
    return docs
