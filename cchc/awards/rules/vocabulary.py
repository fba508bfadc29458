"""Codes of the award rules and their Vietnamese names, with the orders the rules compare on.

Bloc codes are those of `cchc.orgs.choices.BlocCode`; unit kinds those of `cchc.orgs.choices.UnitKind` (kept
here as plain strings so that the rule modules import no Django).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

PASS = "pass"
FAIL = "fail"
UNKNOWN = "unknown"

ELIGIBLE = "eligible"
NOT_ELIGIBLE = "not_eligible"
TO_CHECK = "to_check"

VERDICT_OF = {PASS: ELIGIBLE, FAIL: NOT_ELIGIBLE, UNKNOWN: TO_CHECK}
VERDICT_NAMES = {
    ELIGIBLE: "Đủ điều kiện",
    NOT_ELIGIBLE: "Không đủ điều kiện",
    TO_CHECK: "Cần kiểm tra",
}
OUTCOME_NAMES = {PASS: "Đạt", FAIL: "Không đạt", UNKNOWN: "Cần kiểm tra"}

COLLECTIVE = "collective"
PERSON = "person"
HOUSEHOLD = "household"
SUBJECT_NAMES = {COLLECTIVE: "tập thể", PERSON: "cá nhân", HOUSEHOLD: "hộ gia đình"}

PROGRAMME_KIND_NAMES = {
    "annual": "Khen thưởng hằng năm",
    "period_end": "Khen thưởng tổng kết giai đoạn",
    "ad_hoc": "Khen thưởng đột xuất",
}

BLOC_NAMES = {
    "so-nganh": "khối Sở, ban, ngành",
    "phuong": "khối phường",
    "xa-dac-khu": "khối xã, đặc khu",
}

UNIT_KIND_NAMES = {
    "city": "thành phố",
    "department": "sở, ban, ngành",
    "district": "quận, huyện (trước 2025)",
    "ward": "phường",
    "commune": "xã",
    "special_zone": "đặc khu",
    "office": "phòng chuyên môn",
    "center": "trung tâm",
    "residential_group": "tổ dân phố",
    "vertical_agency": "cơ quan ngành dọc",
    "mass_org": "tổ chức chính trị - xã hội",
}

EMPLOYMENT_NAMES = {
    "can_bo": "cán bộ",
    "cong_chuc": "công chức",
    "vien_chuc": "viên chức",
    "nguoi_lao_dong": "người lao động",
}

# Evaluation classes (xếp loại mức độ hoàn thành nhiệm vụ), highest first.
EVALUATION_ORDER = {"htxs": 4, "htt": 3, "ht": 2, "kht": 1}
EVALUATION_NAMES = {
    "htxs": "Hoàn thành xuất sắc nhiệm vụ",
    "htt": "Hoàn thành tốt nhiệm vụ",
    "ht": "Hoàn thành nhiệm vụ",
    "kht": "Không hoàn thành nhiệm vụ",
}

# Level of the body that recognised an initiative; a ministry ranks with a province (Luật TĐKT, Điều 22).
INITIATIVE_LEVEL_ORDER = {
    "unit": 1,
    "commune": 2,
    "district": 3,
    "city": 4,
    "ministry": 4,
    "national": 5,
}
INITIATIVE_LEVEL_NAMES = {
    "unit": "cấp cơ quan, đơn vị",
    "commune": "cấp xã, phường",
    "district": "cấp quận, huyện",
    "city": "cấp tỉnh, thành phố",
    "ministry": "cấp bộ, ngành",
    "national": "cấp toàn quốc",
}

# Discipline levels, lightest first; `vi_pham` is a recorded violation without a disciplinary measure.
DISCIPLINE_ORDER = {
    "vi_pham": 0,
    "khien_trach": 1,
    "canh_cao": 2,
    "ha_bac_luong": 3,
    "giang_chuc": 4,
    "cach_chuc": 5,
    "bai_nhiem": 6,
    "buoc_thoi_viec": 7,
}
DISCIPLINE_NAMES = {
    "vi_pham": "vi phạm quy định",
    "khien_trach": "khiển trách",
    "canh_cao": "cảnh cáo",
    "ha_bac_luong": "hạ bậc lương",
    "giang_chuc": "giáng chức",
    "cach_chuc": "cách chức",
    "bai_nhiem": "bãi nhiệm",
    "buoc_thoi_viec": "buộc thôi việc",
}

NOMINATION_COUNTED = frozenset({"proposed", "awarded"})


def bloc_name(code: str | None, extra: Mapping[str, str] | None = None) -> str:
    """'khối phường' for `phuong`; a bloc a rule file declares itself takes the file's name."""
    if code is None:
        return "khối (chưa xác định)"
    if extra and code in extra:
        return extra[code]
    return BLOC_NAMES.get(code, f"khối {code}")


def join_vi(items: Iterable[str], last: str = "và") -> str:
    """'a, b và c'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def count_vi(n: int) -> str:
    """Counts as the documents write them: 01 … 09 with a leading zero."""
    return f"{n:02d}" if 0 <= n < 10 else str(n)


def years_vi(years: Iterable[int]) -> str:
    ys = sorted(years)
    return ", ".join(str(y) for y in ys) if ys else "không năm nào"


def percent_vi(value: object) -> str:
    """A percentage with a decimal comma, no trailing zeros: 87,5%."""
    text = f"{value:f}" if not isinstance(value, int | float) else f"{value}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"
