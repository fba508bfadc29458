"""Initiatives (sáng kiến, mô hình, giải pháp), their authors and evidence, the councils that score them, and the
scores; Nghị định 13/2012/NĐ-CP (Điều lệ sáng kiến) and Luật Thi đua, khen thưởng 2022."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q

from cchc.core.models import Attachment
from cchc.core.scope import ScopedQuerySet
from cchc.initiatives.choices import (
    SCORING_ROLES,
    CchcArea,
    CouncilRole,
    EffectScope,
    InitiativeKind,
    InitiativeLevel,
    InitiativeStatus,
)
from cchc.initiatives.scoring import number
from cchc.orgs.choices import LEVEL_KINDS, UnitKind
from cchc.orgs.models import Person, Unit
from cchc.registry.models import Document

# Units that own initiatives in their own name and are counted: levels of local government and departments; an
# office's initiatives count for the unit above it.
OWNER_KINDS = frozenset({*LEVEL_KINDS, UnitKind.DEPARTMENT})


class CouncilQuerySet(ScopedQuerySet):
    """Councils of the actor's units and of the levels above them (a ward submits to the city's council)."""

    unit_field = "unit"
    readable_above = True


class InitiativeCouncil(models.Model):
    """An initiative council (Hội đồng sáng kiến, Nghị định 13/2012/NĐ-CP, Điều 8) of a level, with its
    published scoring sheet (criteria with maximum points) and the threshold to recognise; or an outside body
    recorded by name only, whose decisions are recorded without scoring in the system."""

    unit = models.ForeignKey(
        Unit,
        verbose_name="Cấp (đơn vị)",
        on_delete=models.PROTECT,
        related_name="initiative_councils",
    )
    name = models.CharField("Tên Hội đồng", max_length=255)
    level = models.CharField(
        "Cấp công nhận", max_length=16, choices=InitiativeLevel.choices, db_index=True
    )
    is_external = models.BooleanField(
        "Cơ quan bên ngoài (chỉ ghi nhận quyết định)",
        default=False,
        help_text="Hội đồng không chấm điểm trong hệ thống; đơn vị ghi nhận quyết định công nhận.",
    )
    threshold = models.DecimalField(
        "Ngưỡng công nhận (điểm trung bình tối thiểu)",
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
    )
    quorum = models.PositiveSmallIntegerField(
        "Số thành viên chấm điểm tối thiểu",
        null=True,
        blank=True,
        help_text="Để trống: hai phần ba số thành viên chấm điểm (làm tròn lên).",
    )
    note = models.TextField("Ghi chú (quyết định thành lập, quy chế)", blank=True)
    is_active = models.BooleanField("Đang hoạt động", default=True)
    search_text = models.TextField(blank=True, editable=False)

    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = "Hội đồng sáng kiến"
        verbose_name_plural = "Hội đồng sáng kiến"
        ordering = ["unit__path", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="unique_council_name_per_unit"),
            models.CheckConstraint(
                condition=Q(threshold__isnull=True) | Q(threshold__gte=0),
                name="council_threshold_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(quorum__isnull=True) | Q(quorum__gte=1),
                name="council_quorum_at_least_one",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CouncilMember(models.Model):
    """A user sitting on a council with a role; the chair, vice-chairs and members score, the secretary
    keeps the records."""

    council = models.ForeignKey(
        InitiativeCouncil, verbose_name="Hội đồng", on_delete=models.CASCADE, related_name="members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Tài khoản",
        on_delete=models.PROTECT,
        related_name="initiative_council_seats",
    )
    role = models.CharField("Vai trò", max_length=16, choices=CouncilRole.choices)
    position = models.CharField("Chức vụ", max_length=200, blank=True)
    order = models.PositiveSmallIntegerField("Thứ tự", default=0)

    class Meta:
        verbose_name = "Thành viên Hội đồng sáng kiến"
        verbose_name_plural = "Thành viên Hội đồng sáng kiến"
        ordering = ["council_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["council", "user"], name="one_seat_per_user"),
            models.UniqueConstraint(
                fields=["council"],
                condition=Q(role=CouncilRole.CHAIR),
                name="one_chair_per_council",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.get_role_display()})"

    @property
    def display_name(self) -> str:
        return self.user.get_full_name() or self.user.username

    @property
    def is_scorer(self) -> bool:
        """The chair, vice-chairs and members score; the secretary does not."""
        return self.role in SCORING_ROLES


class ScoringCriterion(models.Model):
    """One row of a council's published scoring sheet: a criterion and its maximum points."""

    council = models.ForeignKey(
        InitiativeCouncil,
        verbose_name="Hội đồng",
        on_delete=models.CASCADE,
        related_name="criteria",
    )
    name = models.CharField("Tiêu chí", max_length=255)
    guide = models.TextField("Hướng dẫn chấm", blank=True)
    max_points = models.DecimalField("Điểm tối đa", max_digits=5, decimal_places=1)
    order = models.PositiveSmallIntegerField("Thứ tự", default=0)

    class Meta:
        verbose_name = "Tiêu chí chấm điểm sáng kiến"
        verbose_name_plural = "Tiêu chí chấm điểm sáng kiến"
        ordering = ["council_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "name"], name="unique_criterion_per_council"
            ),
            models.CheckConstraint(
                condition=Q(max_points__gt=0), name="criterion_max_points_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (tối đa {number(self.max_points)})"


class InitiativeQuerySet(ScopedQuerySet):
    """Initiatives of the actor's subtrees (a ward never reads a sibling ward's), plus those submitted to a
    council the actor sits on, so that a member from another unit can score them."""

    unit_field = "unit"
    readable_above = False

    def scope_condition(self, scope):
        cond = super().scope_condition(scope)
        if scope.user_id:
            seats = CouncilMember.objects.filter(user_id=scope.user_id).values("council_id")
            cond |= Q(council_id__in=seats) & ~Q(status=InitiativeStatus.DRAFT)
        return cond


class Initiative(models.Model):
    """An initiative, model or solution of a unit (sáng kiến, mô hình, giải pháp), submitted to a council,
    scored and recognised at a level; counted by the award rules ("có từ 02 sáng kiến được công nhận")."""

    unit = models.ForeignKey(
        Unit, verbose_name="Đơn vị", on_delete=models.PROTECT, related_name="initiatives"
    )
    year = models.PositiveSmallIntegerField("Năm", db_index=True)
    area = models.CharField("Lĩnh vực CCHC", max_length=16, choices=CchcArea.choices)
    kind = models.CharField(
        "Loại", max_length=16, choices=InitiativeKind.choices, default=InitiativeKind.INITIATIVE
    )
    title = models.CharField("Tên sáng kiến", max_length=500)
    description = models.TextField("Nội dung, cách thức thực hiện")
    novelty = models.TextField("Tính mới", blank=True)
    applied_since = models.DateField("Áp dụng từ ngày", null=True, blank=True)
    effect = models.TextField("Hiệu quả đạt được", blank=True)
    effect_scope = models.CharField(
        "Phạm vi ảnh hưởng", max_length=16, choices=EffectScope.choices, default=EffectScope.UNIT
    )
    status = models.CharField(
        "Trạng thái",
        max_length=16,
        choices=InitiativeStatus.choices,
        default=InitiativeStatus.DRAFT,
        db_index=True,
    )
    council = models.ForeignKey(
        InitiativeCouncil,
        verbose_name="Hội đồng xét",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="initiatives",
    )
    submitted_on = models.DateField("Ngày gửi Hội đồng", null=True, blank=True)
    level = models.CharField(
        "Cấp công nhận", max_length=16, choices=InitiativeLevel.choices, blank=True, db_index=True
    )
    recognised_on = models.DateField("Ngày công nhận", null=True, blank=True)
    recognised_by = models.CharField("Cơ quan công nhận", max_length=255, blank=True)
    decision = models.ForeignKey(
        Document,
        verbose_name="Quyết định công nhận",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    refusal_reason = models.TextField("Lý do không công nhận", blank=True)
    return_reason = models.TextField("Lý do trả lại", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("Tạo lúc", auto_now_add=True)
    search_text = models.TextField(blank=True, editable=False)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = "Sáng kiến"
        verbose_name_plural = "Sáng kiến"
        ordering = ["-year", "-id"]
        indexes = [
            models.Index(fields=["status", "year"], name="initiative_status_year"),
            models.Index(fields=["unit", "year"], name="initiative_unit_year"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100), name="initiative_year_range"
            ),
            models.CheckConstraint(
                condition=~Q(status=InitiativeStatus.RECOGNISED)
                | (Q(recognised_on__isnull=False) & ~Q(level="")),
                name="recognised_initiative_has_level_and_date",
            ),
            models.CheckConstraint(
                condition=Q(level="") | Q(status=InitiativeStatus.RECOGNISED),
                name="only_recognised_initiative_has_level",
            ),
            models.CheckConstraint(
                condition=~Q(status=InitiativeStatus.REFUSED) | ~Q(refusal_reason=""),
                name="refused_initiative_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def unit_label(self) -> str:
        """The unit's name, with the ward or department above an office ("Trung tâm Phục vụ hành chính công –
        Phường Lê Chân"); needs `unit__parent` loaded."""
        unit = self.unit
        if unit.kind in OWNER_KINDS or unit.parent_id is None or unit.parent is None:
            return unit.name
        return f"{unit.name} – {unit.parent.name}"

    @property
    def author_names(self) -> str:
        """ "Nguyễn Văn A (60%); Trần Thị B (40%)" or the unit's name for a collective (prefetched authors)."""
        return "; ".join(a.label for a in self.authors.all())


class InitiativeAuthor(models.Model):
    """An author of an initiative: a person with a share of the work in percent, or the collective (the unit
    itself, no person). When people are named, their shares add up to 100."""

    initiative = models.ForeignKey(
        Initiative, verbose_name="Sáng kiến", on_delete=models.CASCADE, related_name="authors"
    )
    person = models.ForeignKey(
        Person,
        verbose_name="Cá nhân",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="initiative_authorships",
    )
    share = models.DecimalField(
        "Tỷ lệ đóng góp (%)", max_digits=5, decimal_places=2, null=True, blank=True
    )
    order = models.PositiveSmallIntegerField("Thứ tự", default=0)

    class Meta:
        verbose_name = "Tác giả sáng kiến"
        verbose_name_plural = "Tác giả sáng kiến"
        ordering = ["initiative_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "person"],
                condition=Q(person__isnull=False),
                name="one_authorship_per_person",
            ),
            models.UniqueConstraint(
                fields=["initiative"],
                condition=Q(person__isnull=True),
                name="one_collective_author",
            ),
            models.CheckConstraint(
                condition=Q(share__isnull=True) | (Q(share__gte=0) & Q(share__lte=100)),
                name="author_share_0_100",
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=True) | Q(share__isnull=False),
                name="named_author_has_share",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        person = self.person
        if person is None:
            return f"Tập thể {self.initiative.unit.name}"
        return f"{person.full_name} ({number(self.share)}%)"


def initiative_file_path(instance, filename):
    return f"initiatives/{instance.initiative_id}/{filename}"


class InitiativeFile(Attachment):
    """Evidence of an initiative: the description, the certificate of application, photos, minutes."""

    initiative = models.ForeignKey(
        Initiative, verbose_name="Sáng kiến", on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField("Tệp", upload_to=initiative_file_path, max_length=255)

    class Meta:
        verbose_name = "Minh chứng sáng kiến"
        verbose_name_plural = "Minh chứng sáng kiến"


class Score(models.Model):
    """The points one council member gave one initiative on one criterion of the council's sheet."""

    initiative = models.ForeignKey(
        Initiative, verbose_name="Sáng kiến", on_delete=models.CASCADE, related_name="scores"
    )
    member = models.ForeignKey(
        CouncilMember, verbose_name="Thành viên", on_delete=models.PROTECT, related_name="scores"
    )
    criterion = models.ForeignKey(
        ScoringCriterion, verbose_name="Tiêu chí", on_delete=models.PROTECT, related_name="scores"
    )
    points = models.DecimalField("Điểm", max_digits=5, decimal_places=1)
    scored_at = models.DateTimeField("Chấm lúc", auto_now=True)

    class Meta:
        verbose_name = "Điểm chấm sáng kiến"
        verbose_name_plural = "Điểm chấm sáng kiến"
        ordering = ["initiative_id", "member_id", "criterion__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "member", "criterion"], name="one_score_per_member_criterion"
            ),
            models.CheckConstraint(condition=Q(points__gte=Decimal(0)), name="score_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.criterion.name} = {number(self.points)}"
