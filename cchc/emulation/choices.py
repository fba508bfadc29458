"""Choices of the emulation movements: titles registered for, registration and report states, report kinds,
the status of a unit's report against its due date, and the kinds of reminder."""

from django.db import models


class TitleChoice(models.TextChoices):
    """The common titles (danh hiệu thi đua) and award forms (hình thức khen thưởng) a unit or a person registers
    for at the start of the year (Luật Thi đua, khen thưởng 2022, Điều 20-28, 74-75). Codes follow the award
    catalogue where it has the same title."""

    LDTT = "ldtt", "Lao động tiên tiến"
    CSTD_CO_SO = "cstd_co_so", "Chiến sĩ thi đua cơ sở"
    TTLDTT = "ttldtt", "Tập thể lao động tiên tiến"
    TTLDXS = "ttldxs", "Tập thể lao động xuất sắc"
    GIAY_KHEN = "giay_khen", "Giấy khen"
    BANG_KHEN = "bang_khen_chu_tich_ubnd_tp", "Bằng khen của Chủ tịch UBND thành phố"
    CO_THI_DUA = "co_thi_dua_ubnd_tp", "Cờ thi đua của UBND thành phố"


# Titles only a person may aim at, and those only a collective may aim at (Luật TĐKT 2022, Điều 23-24, 26-28).
PERSON_TITLES = frozenset({TitleChoice.LDTT, TitleChoice.CSTD_CO_SO})
COLLECTIVE_TITLES = frozenset({TitleChoice.TTLDTT, TitleChoice.TTLDXS, TitleChoice.CO_THI_DUA})


class PledgeKind(models.TextChoices):
    """A line of a registration: a pledge (giao ước thi đua) or a target the unit sets itself (chỉ tiêu)."""

    PLEDGE = "pledge", "Giao ước thi đua"
    TARGET = "target", "Chỉ tiêu phấn đấu"


class RegistrationStatus(models.TextChoices):
    """A unit's yearly registration: written by the unit, sent to the level above, approved or returned."""

    DRAFT = "draft", "Đang soạn"
    SUBMITTED = "submitted", "Đã gửi, chờ duyệt"
    APPROVED = "approved", "Đã duyệt"
    RETURNED = "returned", "Bị trả lại"


class ReportKind(models.TextChoices):
    """The yearly report of a participant, or the report for a review of a period movement (sơ kết, tổng kết)."""

    ANNUAL = "annual", "Báo cáo năm"
    MID_TERM = "mid_term", "Báo cáo sơ kết"
    FINAL = "final", "Báo cáo tổng kết"


class ReportStatus(models.TextChoices):
    """A unit's movement report: drafted by its staff, signed off by its leader, then submitted."""

    DRAFT = "draft", "Đang soạn"
    AWAITING_APPROVAL = "awaiting_approval", "Chờ lãnh đạo phê duyệt"
    APPROVED = "approved", "Lãnh đạo đã phê duyệt"
    SUBMITTED = "submitted", "Đã nộp"


class Timeliness(models.TextChoices):
    """Computed, never stored: how a unit's report of a year stands against the due date of the movement's rule
    (see `cchc.emulation.deadlines.report_timeliness`)."""

    SUBMITTED = "submitted", "Đã nộp đúng hạn"
    LATE = "late", "Nộp muộn"
    MISSING = "missing", "Chưa nộp (quá hạn)"
    PENDING = "pending", "Chưa nộp (chưa đến hạn)"


TIMELINESS_TONES = {
    Timeliness.SUBMITTED: "success",
    Timeliness.LATE: "warning",
    Timeliness.MISSING: "danger",
    Timeliness.PENDING: "secondary",
}


class ReminderKind(models.TextChoices):
    """Notifications about a movement report (registered with the notifications app in `EmulationConfig`)."""

    DUE_SOON = "movement_report_due", "Sắp đến hạn báo cáo phong trào"
    OVERDUE = "movement_report_overdue", "Quá hạn báo cáo phong trào"


REMINDER_TONES = {ReminderKind.DUE_SOON: "warning", ReminderKind.OVERDUE: "danger"}


class ParticipantMode(models.TextChoices):
    """How the participants of a movement were chosen at its import."""

    BLOCS = "blocs", "Các khối thi đua"
    UNITS = "units", "Các đơn vị trực thuộc"
