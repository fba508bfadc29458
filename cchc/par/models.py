"""PAR Index (Chỉ số CCHC): criteria sets, assessment rounds, self-assessment, appraisal, survey and results."""

from typing import Any

from django.conf import settings
from django.db import models

from cchc.core.models import Attachment
from cchc.core.scope import ADMIN, STANDING, ScopedQuerySet, scope_for
from cchc.orgs.choices import BlocCode
from cchc.orgs.models import Unit
from cchc.par.choices import AssessmentStatus, Method, Part, RoundStatus, SetStatus

SCORE: dict[str, Any] = {"max_digits": 7, "decimal_places": 2}
FIGURE: dict[str, Any] = {"max_digits": 14, "decimal_places": 2}


def _own_or_standing(scope, unit_field: str) -> models.Q:
    """Rows of the actor's own unit (a grant on it or inside it) or under a standing agency's subtree."""
    return models.Q(**{f"{unit_field}_id__in": scope.ancestor_ids()}) | scope.q(
        f"{unit_field}__path", roles={STANDING, ADMIN}
    )


class OrganiserQuerySet(ScopedQuerySet):
    """Rows of a level (organiser) the actor belongs to or stands above (everyone in the city reads them)."""

    unit_field = "organiser"


class CriteriaSetQuerySet(OrganiserQuerySet):
    """Criteria sets, read by every user of the issuing level."""


class CriteriaSet(models.Model):
    """A criteria set (bộ chỉ số) of one year and one bloc, in versions; frozen once a round using it opens."""

    organiser = models.ForeignKey(
        Unit, verbose_name="Cấp ban hành", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("Năm đánh giá", db_index=True)
    bloc_code = models.CharField("Khối", max_length=32, choices=BlocCode.choices)
    name = models.CharField("Tên bộ chỉ số", max_length=300)
    version = models.PositiveSmallIntegerField("Phiên bản", default=1)
    previous = models.ForeignKey(
        "self",
        verbose_name="Phiên bản trước",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_current = models.BooleanField("Phiên bản đang áp dụng", default=True)
    status = models.CharField(
        "Trạng thái", max_length=12, choices=SetStatus.choices, default=SetStatus.DRAFT
    )
    appraised_max = models.DecimalField("Tổng điểm phần thẩm định", default=70, **SCORE)
    survey_max = models.DecimalField("Tổng điểm điều tra xã hội học", default=30, **SCORE)
    is_illustrative = models.BooleanField("Bộ chỉ số mẫu (minh họa)", default=False)
    basis = models.CharField("Căn cứ ban hành", max_length=300, blank=True)
    frozen_at = models.DateTimeField("Khóa lúc", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CriteriaSetQuerySet.as_manager()

    class Meta:
        verbose_name = "Bộ chỉ số"
        verbose_name_plural = "Bộ chỉ số"
        ordering = ["-year", "bloc_code", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["organiser", "year", "bloc_code", "version"], name="par_set_version"
            ),
            models.UniqueConstraint(
                fields=["organiser", "year", "bloc_code"],
                condition=models.Q(is_current=True),
                name="par_one_current_set",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (phiên bản {self.version})"

    @property
    def total_max(self):
        return self.appraised_max + self.survey_max

    @property
    def is_frozen(self) -> bool:
        return self.status == SetStatus.FROZEN


class Criterion(models.Model):
    """A node of a criteria set: an area (lĩnh vực), a criterion or a sub-criterion; leaves are scored."""

    criteria_set = models.ForeignKey(
        CriteriaSet, verbose_name="Bộ chỉ số", on_delete=models.CASCADE, related_name="criteria"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="Mục cha",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    code = models.CharField("Mã", max_length=20)
    sort_key = models.CharField(max_length=80, editable=False, db_index=True)
    area_code = models.CharField("Mã lĩnh vực", max_length=20, editable=False)
    level = models.PositiveSmallIntegerField("Cấp", default=1)
    name = models.CharField("Nội dung", max_length=500)
    max_score = models.DecimalField("Điểm tối đa", **SCORE)
    part = models.CharField("Phần", max_length=12, choices=Part.choices, default=Part.APPRAISED)
    method = models.CharField(
        "Phương pháp chấm", max_length=12, choices=Method.choices, default=Method.POINTS
    )
    figure_unit = models.CharField("Đơn vị số liệu", max_length=20, blank=True, default="%")
    guide = models.TextField("Hướng dẫn chấm điểm", blank=True)
    evidence_required = models.BooleanField("Bắt buộc tài liệu kiểm chứng", default=False)
    allow_not_applicable = models.BooleanField("Cho phép “không áp dụng”", default=False)
    measure_code = models.CharField(
        "Số liệu hệ thống",
        max_length=60,
        blank=True,
        help_text="Số liệu hệ thống tính được (cchc.core.measures) dùng để đề xuất điểm.",
    )
    is_leaf = models.BooleanField(default=True, editable=False)

    class Meta:
        verbose_name = "Tiêu chí"
        verbose_name_plural = "Tiêu chí"
        ordering = ["criteria_set_id", "sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "code"], name="par_criterion_code")
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"

    @property
    def level_label(self) -> str:
        return {1: "Lĩnh vực", 2: "Tiêu chí"}.get(self.level, "Tiêu chí thành phần")


class Threshold(models.Model):
    """One row of a threshold criterion: a reported figure at or above `min_value` earns `score`."""

    criterion = models.ForeignKey(
        Criterion, verbose_name="Tiêu chí", on_delete=models.CASCADE, related_name="thresholds"
    )
    min_value = models.DecimalField("Từ mức (≥)", **FIGURE)
    score = models.DecimalField("Điểm", **SCORE)

    class Meta:
        verbose_name = "Ngưỡng chấm điểm"
        verbose_name_plural = "Ngưỡng chấm điểm"
        ordering = ["criterion_id", "-min_value"]

    def __str__(self) -> str:
        return f"≥ {self.min_value} → {self.score}"


class Band(models.Model):
    """A band (xếp loại) of a criteria set: an index at or above `min_score` gets this name."""

    criteria_set = models.ForeignKey(
        CriteriaSet, verbose_name="Bộ chỉ số", on_delete=models.CASCADE, related_name="bands"
    )
    name = models.CharField("Xếp loại", max_length=40)
    min_score = models.DecimalField("Từ điểm (≥)", **SCORE)

    class Meta:
        verbose_name = "Mức xếp loại"
        verbose_name_plural = "Mức xếp loại"
        ordering = ["criteria_set_id", "-min_score"]

    def __str__(self) -> str:
        return f"{self.name} (≥ {self.min_score})"


class RoundQuerySet(OrganiserQuerySet):
    """Rounds, read by every user of the organising level."""


class Round(models.Model):
    """The yearly assessment round of a level: windows for self-assessment, appraisal and responses; publication."""

    organiser = models.ForeignKey(
        Unit, verbose_name="Cấp tổ chức", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("Năm đánh giá", db_index=True)
    name = models.CharField("Tên đợt", max_length=300)
    status = models.CharField(
        "Trạng thái", max_length=12, choices=RoundStatus.choices, default=RoundStatus.DRAFT
    )
    self_start = models.DateField("Bắt đầu tự đánh giá")
    self_end = models.DateField("Hạn tự đánh giá")
    appraisal_start = models.DateField("Bắt đầu thẩm định")
    appraisal_end = models.DateField("Hạn thẩm định")
    response_start = models.DateField("Bắt đầu giải trình")
    response_end = models.DateField("Hạn giải trình")
    survey_organised = models.BooleanField("Có tổ chức điều tra xã hội học", default=True)
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name="Tổ thẩm định", blank=True, related_name="par_rounds"
    )
    opened_at = models.DateTimeField("Mở lúc", null=True, blank=True)
    published_at = models.DateTimeField("Công bố lúc", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = "Đợt đánh giá"
        verbose_name_plural = "Đợt đánh giá"
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["organiser", "year"], name="par_one_round_per_year")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_published(self) -> bool:
        return self.status == RoundStatus.PUBLISHED


class AssessmentQuerySet(models.QuerySet):
    def visible_to(self, actor):
        """A unit's own assessment, every assessment under a standing agency, and those of a round's appraisal team."""
        scope = scope_for(actor)
        if scope.is_admin:
            return self.all()
        if scope.is_anonymous:
            return self.none()
        team_rounds = Round.objects.filter(team__pk=scope.user_id).values("pk")
        return self.filter(_own_or_standing(scope, "unit") | models.Q(round_id__in=team_rounds))


class Assessment(models.Model):
    """One unit's file in a round: its self-assessment, the appraisal and its responses."""

    round = models.ForeignKey(
        Round, verbose_name="Đợt đánh giá", on_delete=models.CASCADE, related_name="assessments"
    )
    unit = models.ForeignKey(
        Unit, verbose_name="Đơn vị", on_delete=models.PROTECT, related_name="+"
    )
    criteria_set = models.ForeignKey(
        CriteriaSet, verbose_name="Bộ chỉ số", on_delete=models.PROTECT, related_name="+"
    )
    bloc_code = models.CharField("Khối", max_length=32, choices=BlocCode.choices)
    status = models.CharField(
        "Trạng thái",
        max_length=20,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.DRAFT,
    )
    self_deadline = models.DateField("Hạn tự đánh giá riêng (mở lại)", null=True, blank=True)
    approved_at = models.DateTimeField("Lãnh đạo phê duyệt lúc", null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Lãnh đạo phê duyệt",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    return_note = models.TextField("Lý do lãnh đạo trả lại", blank=True)
    returned_at = models.DateTimeField("Trả lại lúc", null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Lãnh đạo trả lại",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField("Nộp lúc", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField("Gửi kết quả thẩm định lúc", null=True, blank=True)
    finalised_at = models.DateTimeField("Chốt lúc", null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = "Hồ sơ đánh giá"
        verbose_name_plural = "Hồ sơ đánh giá"
        ordering = ["round_id", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="par_one_assessment_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.round}"

    @property
    def self_close(self):
        return self.self_deadline or self.round.self_end


class Answer(models.Model):
    """What a unit reports for one scored criterion and what the appraisers decide; `version` guards edits."""

    assessment = models.ForeignKey(
        Assessment, verbose_name="Hồ sơ", on_delete=models.CASCADE, related_name="answers"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name="Tiêu chí", on_delete=models.PROTECT, related_name="+"
    )
    self_figure = models.DecimalField("Số liệu tự báo cáo", null=True, blank=True, **FIGURE)
    self_score = models.DecimalField("Điểm tự đánh giá", null=True, blank=True, **SCORE)
    explanation = models.TextField("Giải thích, thuyết minh", blank=True)
    not_applicable = models.BooleanField("Không áp dụng", default=False)
    appraised_figure = models.DecimalField("Số liệu thẩm định", null=True, blank=True, **FIGURE)
    appraised_score = models.DecimalField("Điểm thẩm định", null=True, blank=True, **SCORE)
    appraisal_comment = models.TextField("Nhận xét thẩm định", blank=True)
    response = models.TextField("Giải trình của đơn vị", blank=True)
    responded_at = models.DateTimeField("Giải trình lúc", null=True, blank=True)
    version = models.PositiveIntegerField("Phiên bản", default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "Kết quả chấm tiêu chí"
        verbose_name_plural = "Kết quả chấm tiêu chí"
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="par_one_answer")
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id}:{self.criterion_id}"

    @property
    def answered(self) -> bool:
        return self.not_applicable or self.self_score is not None


def evidence_path(instance, filename):
    return f"par/evidence/{instance.answer.assessment_id}/{instance.answer_id}/{filename}"


class Evidence(Attachment):
    """Evidence (tài liệu kiểm chứng) of an answer: an uploaded file, a registered document, or a figure the
    system computed (`measure_code`), named with its value and linked to its source."""

    answer = models.ForeignKey(
        Answer, verbose_name="Tiêu chí", on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField("Tệp", upload_to=evidence_path, max_length=255, blank=True)
    document = models.ForeignKey(
        "registry.Document",
        verbose_name="Văn bản đã đăng ký",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    name = models.CharField("Tên", max_length=255)
    measure_code = models.CharField("Số liệu hệ thống", max_length=60, blank=True)
    source_url = models.CharField("Nguồn số liệu", max_length=300, blank=True)

    class Meta:
        verbose_name = "Tài liệu kiểm chứng"
        verbose_name_plural = "Tài liệu kiểm chứng"
        ordering = ["answer_id", "id"]


class ResultQuerySet(models.QuerySet):
    def visible_to(self, actor):
        """Published results to everyone of the level; before publication only its standing agency sees them.

        A unit sees its own scores on its assessment, not its provisional rank.
        """
        scope = scope_for(actor)
        if scope.is_admin:
            return self.all()
        if scope.is_anonymous:
            return self.none()
        published_above = models.Q(published=True, round__organiser_id__in=scope.ancestor_ids())
        return self.filter(
            published_above | scope.q("round__organiser__path", roles={STANDING, ADMIN})
        )


class Result(models.Model):
    """A unit's PAR Index for a year: scores, index on 100, rank in its bloc, award order, band, area scores."""

    round = models.ForeignKey(
        Round, verbose_name="Đợt đánh giá", on_delete=models.CASCADE, related_name="results"
    )
    year = models.PositiveSmallIntegerField("Năm", db_index=True)
    unit = models.ForeignKey(
        Unit, verbose_name="Đơn vị", on_delete=models.PROTECT, related_name="+"
    )
    bloc_code = models.CharField("Khối", max_length=32, choices=BlocCode.choices)
    criteria_set = models.ForeignKey(
        CriteriaSet,
        verbose_name="Bộ chỉ số",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    self_score = models.DecimalField("Điểm tự đánh giá", null=True, blank=True, **SCORE)
    appraised_score = models.DecimalField("Điểm thẩm định", **SCORE)
    survey_score = models.DecimalField("Điểm điều tra xã hội học", **SCORE)
    applicable_max = models.DecimalField("Điểm tối đa áp dụng", **SCORE)
    total = models.DecimalField("Chỉ số (%)", **SCORE)
    rank = models.PositiveSmallIntegerField("Xếp hạng trong khối")
    award_order = models.PositiveSmallIntegerField("Thứ tự xét khen thưởng")
    bloc_size = models.PositiveSmallIntegerField("Số đơn vị của khối")
    band = models.CharField("Xếp loại", max_length=40, blank=True)
    area_scores = models.JSONField("Điểm theo lĩnh vực", default=dict)
    published = models.BooleanField("Đã công bố", default=False)

    objects = ResultQuerySet.as_manager()

    class Meta:
        verbose_name = "Kết quả Chỉ số CCHC"
        verbose_name_plural = "Kết quả Chỉ số CCHC"
        ordering = ["year", "bloc_code", "award_order"]
        constraints = [models.UniqueConstraint(fields=["round", "unit"], name="par_one_result")]
        indexes = [
            models.Index(fields=["year", "bloc_code", "published"]),
            models.Index(fields=["unit", "year"]),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}: {self.total}"
