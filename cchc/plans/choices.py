from django.db import models


class DeadlineKind(models.TextChoices):
    """How a task's deadline is worded (see `cchc.plans.deadlines`)."""

    BY_DATE = "by_date", "Đến ngày"
    PERIOD = "period", "Trong khoảng thời gian"
    CONTINUOUS = "continuous", "Thường xuyên"
    ON_REQUEST = "on_request", "Theo yêu cầu"
    PER_REFERENCE = "per_reference", "Theo văn bản khác"
    UNKNOWN = "unknown", "Chưa xác định"


class Recurrence(models.TextChoices):
    """How often a continuous task is reported on."""

    NONE = "", "Không định kỳ"
    MONTHLY = "monthly", "Hằng tháng"
    QUARTERLY = "quarterly", "Hằng quý"
    HALF_YEARLY = "half_yearly", "6 tháng"
    YEARLY = "yearly", "Hằng năm"


# What a plan's continuous tasks may be reported on: a plan always has a period.
PLAN_REPORT_PERIODS = [r for r in Recurrence if r != Recurrence.NONE]


class TaskStatus(models.TextChoices):
    TODO = "todo", "Chưa thực hiện"
    DOING = "doing", "Đang thực hiện"
    DONE = "done", "Hoàn thành"
    PAUSED = "paused", "Tạm dừng"


class Timeliness(models.TextChoices):
    """Computed, never stored: how a task stands against its due date."""

    ON_TIME = "on_time", "Đúng hạn"
    EARLY = "early", "Trước hạn"
    LATE = "late", "Quá hạn"
    OVERDUE = "overdue", "Đang quá hạn"
    IN_PROGRESS = "in_progress", "Trong hạn"
    NO_DUE = "no_due", "Không có hạn cụ thể"


class OfficeRole(models.TextChoices):
    LEAD = "lead", "Chủ trì"
    COORDINATING = "coordinating", "Phối hợp"


class TargetComparator(models.TextChoices):
    """How a plan's target (chỉ tiêu) is compared with the measured value."""

    AT_LEAST = "gte", "Đạt tối thiểu"
    EXACT = "eq", "Đạt đúng"
    AT_MOST = "lte", "Không vượt quá"
    TOP_GROUP = "top", "Thuộc nhóm dẫn đầu"
    EXCEED = "exceed", "Vượt chỉ tiêu được giao"
    QUALITATIVE = "text", "Đánh giá định tính"


class ReminderKind(models.TextChoices):
    """The kinds of notification about a task (registered with the notifications app in `PlansConfig.ready`)."""

    DUE_SOON = "task_due_soon", "Sắp đến hạn"
    OVERDUE = "task_overdue", "Đã quá hạn"
    REPORT_DUE = "task_report_due", "Đến kỳ báo cáo"


# The colour of each kind's badge in the inbox.
REMINDER_TONES = {
    ReminderKind.DUE_SOON: "warning",
    ReminderKind.OVERDUE: "danger",
    ReminderKind.REPORT_DUE: "info",
}
