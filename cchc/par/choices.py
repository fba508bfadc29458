"""Choices of the PAR Index with the allowed transitions beside them."""

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


ROUND_TRANSITIONS = {
    RoundStatus.DRAFT: {RoundStatus.OPEN},
    RoundStatus.OPEN: {RoundStatus.PUBLISHED},
    RoundStatus.PUBLISHED: set(),
}


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", "Đang tự đánh giá"
    SUBMITTED = "submitted", "Đã nộp, chờ thẩm định"
    SENT_BACK = "sent_back", "Đã gửi kết quả thẩm định"
    FINALISED = "finalised", "Đã chốt kết quả"


ASSESSMENT_TRANSITIONS = {
    AssessmentStatus.DRAFT: {AssessmentStatus.SUBMITTED},
    AssessmentStatus.SUBMITTED: {
        AssessmentStatus.SENT_BACK,
        AssessmentStatus.FINALISED,
        AssessmentStatus.DRAFT,
    },
    AssessmentStatus.SENT_BACK: {AssessmentStatus.FINALISED, AssessmentStatus.DRAFT},
    AssessmentStatus.FINALISED: set(),
}
