"""Choices of the PAR Index; their transitions are declared in `cchc.par.workflows`."""

from django.db import models


class Method(models.TextChoices):
    """How a scored criterion gets its score."""

    POINTS = "points", "Chấm điểm (tối đa)"
    YES_NO = "yes_no", "Đạt / không đạt"
    THRESHOLD = "threshold", "Theo ngưỡng số liệu"
    SURVEY = "survey", "Điều tra xã hội học"


class Part(models.TextChoices):
    APPRAISED = "appraised", "Thẩm định"
    SURVEY = "survey", "Điều tra xã hội học"


class SetStatus(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    FROZEN = "frozen", "Đã khóa (đợt đánh giá đã mở)"


class RoundStatus(models.TextChoices):
    DRAFT = "draft", "Chuẩn bị"
    OPEN = "open", "Đang đánh giá"
    PUBLISHED = "published", "Đã công bố"


class AssessmentStatus(models.TextChoices):
    """A unit's file: its self-assessment signed off by the unit's leader, then submitted and appraised."""

    DRAFT = "draft", "Đang tự đánh giá"
    AWAITING_APPROVAL = "awaiting_approval", "Chờ lãnh đạo phê duyệt"
    APPROVED = "approved", "Lãnh đạo đã phê duyệt"
    SUBMITTED = "submitted", "Đã nộp, chờ thẩm định"
    SENT_BACK = "sent_back", "Đã gửi kết quả thẩm định"
    FINALISED = "finalised", "Đã chốt kết quả"
