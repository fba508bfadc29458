"""Choices of the initiatives app: statuses, kinds, CCHC areas, recognition levels and council roles."""

from django.db import models


class InitiativeStatus(models.TextChoices):
    """Where an initiative stands; the moves between them are `workflows.INITIATIVE_FLOW`."""

    DRAFT = "draft", "Đang soạn"
    SUBMITTED = "submitted", "Đã gửi Hội đồng"
    SCORING = "scoring", "Đang chấm điểm"
    RECOGNISED = "recognised", "Đã công nhận"
    REFUSED = "refused", "Không công nhận"


STATUS_TONES = {
    InitiativeStatus.DRAFT: "secondary",
    InitiativeStatus.SUBMITTED: "info",
    InitiativeStatus.SCORING: "warning",
    InitiativeStatus.RECOGNISED: "success",
    InitiativeStatus.REFUSED: "danger",
}


class InitiativeKind(models.TextChoices):
    """What the plans call it: "sáng kiến, mô hình, giải pháp" (seeds 000-002, mục II.5)."""

    INITIATIVE = "sang_kien", "Sáng kiến"
    MODEL = "mo_hinh", "Mô hình"
    SOLUTION = "giai_phap", "Giải pháp"


class CchcArea(models.TextChoices):
    """The seven areas of administrative reform (Nghị quyết 76/NQ-CP, Chương trình tổng thể CCHC 2021-2030)."""

    DIRECTION = "chi_dao", "Công tác chỉ đạo, điều hành CCHC"
    INSTITUTIONS = "the_che", "Cải cách thể chế"
    PROCEDURES = "tthc", "Cải cách thủ tục hành chính"
    ORGANISATION = "to_chuc", "Cải cách tổ chức bộ máy hành chính nhà nước"
    CIVIL_SERVICE = "cong_vu", "Cải cách chế độ công vụ"
    PUBLIC_FINANCE = "tai_chinh", "Cải cách tài chính công"
    DIGITAL = "so", "Xây dựng, phát triển chính quyền điện tử, chính quyền số"


class InitiativeLevel(models.TextChoices):
    """The level of the body that recognised an initiative, lowest first. The codes are the award rules'
    vocabulary (`cchc.awards.rules.vocabulary.INITIATIVE_LEVEL_ORDER`)."""

    UNIT = "unit", "Cấp cơ quan, đơn vị"
    COMMUNE = "commune", "Cấp xã, phường"
    DISTRICT = "district", "Cấp quận, huyện"
    CITY = "city", "Cấp tỉnh, thành phố"
    MINISTRY = "ministry", "Cấp bộ, ngành"
    NATIONAL = "national", "Cấp toàn quốc"


# Rank of each level for "recognised at level ≥ X". A ministry ranks with a province: the Law on Emulation and
# Commendation 2022 (Điều 22) puts "cấp bộ, ban, ngành, tỉnh" on one step, and the award rules read it so.
LEVEL_RANK: dict[str, int] = {
    InitiativeLevel.UNIT: 1,
    InitiativeLevel.COMMUNE: 2,
    InitiativeLevel.DISTRICT: 3,
    InitiativeLevel.CITY: 4,
    InitiativeLevel.MINISTRY: 4,
    InitiativeLevel.NATIONAL: 5,
}
LEVEL_ORDER: list[str] = list(InitiativeLevel.values)
# Short column headings of the counts table.
LEVEL_SHORT = {
    InitiativeLevel.UNIT: "Cấp cơ sở",
    InitiativeLevel.COMMUNE: "Cấp xã",
    InitiativeLevel.DISTRICT: "Cấp huyện",
    InitiativeLevel.CITY: "Cấp tỉnh",
    InitiativeLevel.MINISTRY: "Cấp bộ",
    InitiativeLevel.NATIONAL: "Toàn quốc",
}

# Levels a council may have in the system; outside bodies may be of any level.
COUNCIL_LEVELS = [
    InitiativeLevel.UNIT,
    InitiativeLevel.COMMUNE,
    InitiativeLevel.DISTRICT,
    InitiativeLevel.CITY,
]


def levels_at_least(min_level: str | None) -> list[str]:
    """The level codes counted by "recognised at level ≥ `min_level`" (every level when None)."""
    if not min_level:
        return list(LEVEL_ORDER)
    floor = LEVEL_RANK[min_level]
    return [code for code in LEVEL_ORDER if LEVEL_RANK[code] >= floor]


class EffectScope(models.TextChoices):
    """Where the initiative has effect (phạm vi ảnh hưởng)."""

    UNIT = "unit", "Trong cơ quan, đơn vị"
    COMMUNE = "commune", "Trong xã, phường"
    DISTRICT = "district", "Trong quận, huyện"
    CITY = "city", "Trong tỉnh, thành phố"
    MINISTRY = "ministry", "Trong bộ, ngành"
    NATIONAL = "national", "Toàn quốc"


class CouncilRole(models.TextChoices):
    """A member's role in an initiative council (Hội đồng sáng kiến, Nghị định 13/2012/NĐ-CP, Điều 8)."""

    CHAIR = "chu_tich", "Chủ tịch Hội đồng"
    VICE_CHAIR = "pho_chu_tich", "Phó Chủ tịch Hội đồng"
    MEMBER = "uy_vien", "Ủy viên"
    SECRETARY = "thu_ky", "Thư ký"


# Members who score; the secretary keeps the records and does not score.
SCORING_ROLES = frozenset({CouncilRole.CHAIR, CouncilRole.VICE_CHAIR, CouncilRole.MEMBER})

# Notifications this app sends: code → (label, tone).
TO_SCORE = "initiative_to_score"
SUBMITTED = "initiative_submitted"
RETURNED = "initiative_returned"
RECOGNISED = "initiative_recognised"
REFUSED = "initiative_refused"
NOTIFICATION_KINDS = {
    TO_SCORE: ("Sáng kiến chờ chấm điểm", "warning"),
    SUBMITTED: ("Sáng kiến mới gửi Hội đồng", "info"),
    RETURNED: ("Sáng kiến bị trả lại để hoàn thiện", "warning"),
    RECOGNISED: ("Sáng kiến đã được công nhận", "success"),
    REFUSED: ("Sáng kiến không được công nhận", "danger"),
}
