"""The laws an award decision rests on, by the date it is signed: the law on local government, the law on emulation
and awards and its implementing decree (which also sets the money of awards). Pure data and one lookup."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class LawEra:
    """The laws an award decision rests on, by the date it is signed."""

    since: date
    lines: tuple[str, ...]
    decree: str  # the decree on award money cited in Điều 2


# Luật Thi đua, khen thưởng 2022 took effect on 01/01/2024 (Điều 95); Nghị định 152/2025/NĐ-CP on 01/7/2025;
# Luật Tổ chức chính quyền địa phương 2025 on 01/3/2025.
LAW_ERAS = (
    LawEra(
        date(2017, 1, 1),
        (
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một "
            "số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019",
            "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số điều của "
            "Luật Thi đua, khen thưởng ngày 16 tháng 11 năm 2013",
            "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết thi "
            "hành một số điều của Luật Thi đua, khen thưởng",
        ),
        "Nghị định số 91/2017/NĐ-CP",
    ),
    LawEra(
        date(2024, 1, 1),
        (
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một "
            "số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019",
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
            "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi "
            "hành một số điều của Luật Thi đua, khen thưởng",
        ),
        "Nghị định số 98/2023/NĐ-CP",
    ),
    LawEra(
        date(2025, 7, 1),
        (
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025",
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
        ),
        "Nghị định số 152/2025/NĐ-CP",
    ),
)


def law_era(day: date) -> LawEra:
    """The laws in force on `day` (the first era for earlier days)."""
    era = LAW_ERAS[0]
    for candidate in LAW_ERAS:
        if candidate.since <= day:
            era = candidate
    return era
