"""Awards: the rules of each plan as data, the facts they read, nomination dossiers, councils and their votes,
award decisions and the registry of awards.

The rules themselves are pure (`cchc.awards.rules`): a `RuleFile` keeps a plan's validated rule file, and each of its
programmes is a `Programme` row. Facts the rules need that no other module keeps (discipline, yearly evaluations,
direct CCHC work, checks of manual standards) are recorded here. A `Dossier` of a proposing unit carries its
`Nomination`s; the council of the level considers them in a `Meeting` (`MeetingItem`, `Vote`, `Tally`); a `Decision`
confers `Award`s, which the registry, the certificates and the public pages read.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models

from cchc.awards.choices import (
    AttachmentKind,
    BallotKind,
    CouncilRole,
    DecisionKind,
    DecisionStatus,
    DisciplineLevel,
    DossierStatus,
    EvaluationClass,
    MeetingStatus,
    NominationStatus,
    ProgrammeKind,
    Subject,
    Verdict,
    VoteChoice,
)
from cchc.core.models import Attachment
from cchc.core.scope import ScopedQuerySet
from cchc.orgs.models import Person, Unit

USER = settings.AUTH_USER_MODEL


# --- The rules as data -----------------------------------------------------------------------------------------


class LevelQuerySet(ScopedQuerySet):
    """Rows of a level (the city, a ward) read by every user of that level and of the units below it."""

    unit_field = "unit"


class RuleFile(models.Model):
    """The award rules of one plan document, as a validated rule file (YAML text and its parsed data)."""

    file_id = models.SlugField("Mã tệp quy định", max_length=60, unique=True)
    unit = models.ForeignKey(
        Unit, verbose_name="Cấp ban hành", on_delete=models.PROTECT, related_name="+"
    )
    document = models.ForeignKey(
        "registry.Document",
        verbose_name="Văn bản",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    document_number = models.CharField("Số, ký hiệu văn bản", max_length=80, blank=True)
    title = models.TextField("Trích yếu", blank=True)
    text = models.TextField("Nội dung tệp quy định (YAML)")
    data = models.JSONField("Dữ liệu đã kiểm tra", default=dict)
    source_path = models.CharField("Tệp gốc", max_length=255, blank=True)
    version = models.PositiveIntegerField("Phiên bản", default=1)
    updated_at = models.DateTimeField("Cập nhật lúc", auto_now=True)
    updated_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = LevelQuerySet.as_manager()

    class Meta:
        verbose_name = "Tệp quy định khen thưởng"
        verbose_name_plural = "Tệp quy định khen thưởng"
        ordering = ["unit__depth", "file_id"]

    def __str__(self) -> str:
        return f"Quy định khen thưởng – {self.document_number or self.file_id}"


class Programme(models.Model):
    """One award programme of a rule file (an annual, period-end or ad-hoc award with its criteria and quotas)."""

    rule_file = models.ForeignKey(
        RuleFile, verbose_name="Tệp quy định", on_delete=models.CASCADE, related_name="programmes"
    )
    unit = models.ForeignKey(
        Unit, verbose_name="Cấp tổ chức xét", on_delete=models.PROTECT, related_name="+"
    )
    code = models.SlugField("Mã chương trình", max_length=80, unique=True)
    name = models.CharField("Tên", max_length=300)
    kind = models.CharField("Loại", max_length=12, choices=ProgrammeKind.choices)
    form = models.CharField("Hình thức (mã)", max_length=60)
    subject = models.CharField("Đối tượng", max_length=12, choices=Subject.choices)
    source = models.CharField("Căn cứ", max_length=200, blank=True)
    data = models.JSONField("Quy định (đã kiểm tra)", default=dict)
    order = models.PositiveSmallIntegerField("Thứ tự", default=0)
    is_active = models.BooleanField("Đang áp dụng", default=True)

    objects = LevelQuerySet.as_manager()

    class Meta:
        verbose_name = "Chương trình khen thưởng"
        verbose_name_plural = "Chương trình khen thưởng"
        ordering = ["rule_file_id", "order", "id"]

    def __str__(self) -> str:
        return self.name


# --- Facts the rules read that no other module keeps ------------------------------------------------------------


class PersonFactQuerySet(ScopedQuerySet):
    """Facts about a person belong to the person's unit."""

    unit_field = "unit"
    readable_above = False


class DisciplineRecord(models.Model):
    """A disciplinary measure (or a recorded violation) against a person: the rules' "no discipline" standards."""

    person = models.ForeignKey(
        Person, verbose_name="Cá nhân", on_delete=models.PROTECT, related_name="discipline"
    )
    unit = models.ForeignKey(
        Unit, verbose_name="Đơn vị", on_delete=models.PROTECT, related_name="+"
    )
    level = models.CharField("Hình thức", max_length=16, choices=DisciplineLevel.choices)
    decided_on = models.DateField("Ngày quyết định")
    ends_on = models.DateField("Hết hiệu lực", null=True, blank=True)
    document = models.ForeignKey(
        "registry.Document",
        verbose_name="Quyết định kỷ luật",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField("Ghi chú", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PersonFactQuerySet.as_manager()

    class Meta:
        verbose_name = "Kỷ luật"
        verbose_name_plural = "Kỷ luật"
        ordering = ["-decided_on", "id"]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_level_display()} ({self.decided_on:%d/%m/%Y})"


class Evaluation(models.Model):
    """A person's yearly evaluation (xếp loại chất lượng cán bộ, công chức, viên chức)."""

    person = models.ForeignKey(
        Person, verbose_name="Cá nhân", on_delete=models.PROTECT, related_name="evaluations"
    )
    unit = models.ForeignKey(
        Unit, verbose_name="Đơn vị", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("Năm")
    grade = models.CharField("Xếp loại", max_length=8, choices=EvaluationClass.choices)

    objects = PersonFactQuerySet.as_manager()

    class Meta:
        verbose_name = "Xếp loại cá nhân"
        verbose_name_plural = "Xếp loại cá nhân"
        constraints = [
            models.UniqueConstraint(fields=["person", "year"], name="awards_one_evaluation_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.year}: {self.get_grade_display()}"


class UnitEvaluation(models.Model):
    """A collective's yearly evaluation (xếp loại tập thể)."""

    unit = models.ForeignKey(
        Unit, verbose_name="Đơn vị", on_delete=models.PROTECT, related_name="evaluations"
    )
    year = models.PositiveSmallIntegerField("Năm")
    grade = models.CharField("Xếp loại", max_length=8, choices=EvaluationClass.choices)

    objects = PersonFactQuerySet.as_manager()

    class Meta:
        verbose_name = "Xếp loại tập thể"
        verbose_name_plural = "Xếp loại tập thể"
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="awards_one_unit_evaluation")
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}: {self.get_grade_display()}"


class CchcAssignment(models.Model):
    """A spell of a person's work: whether it was direct CCHC work (the period-end "03 năm trực tiếp" standard)."""

    person = models.ForeignKey(
        Person, verbose_name="Cá nhân", on_delete=models.PROTECT, related_name="cchc_assignments"
    )
    unit = models.ForeignKey(
        Unit, verbose_name="Đơn vị", on_delete=models.PROTECT, related_name="+"
    )
    start = models.DateField("Từ ngày")
    end = models.DateField("Đến ngày", null=True, blank=True)
    position = models.CharField("Chức vụ, nhiệm vụ", max_length=200)
    direct = models.BooleanField("Trực tiếp làm công tác CCHC", null=True)

    objects = PersonFactQuerySet.as_manager()

    class Meta:
        verbose_name = "Quá trình công tác CCHC"
        verbose_name_plural = "Quá trình công tác CCHC"
        ordering = ["person_id", "start"]

    def __str__(self) -> str:
        return f"{self.person}: {self.position}"


class ManualCheck(models.Model):
    """A person's check of a standard the system cannot decide ("kết quả nổi bật về TTHC"), with its evidence."""

    programme = models.ForeignKey(
        Programme, verbose_name="Chương trình", on_delete=models.CASCADE, related_name="checks"
    )
    criterion = models.CharField("Tiêu chuẩn (mã)", max_length=80)
    year = models.PositiveSmallIntegerField("Năm", null=True, blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name="Tập thể",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    person = models.ForeignKey(
        Person,
        verbose_name="Cá nhân",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    passed = models.BooleanField("Đạt")
    evidence = models.TextField("Căn cứ, tài liệu kiểm chứng")
    checked_on = models.DateField("Ngày kiểm tra")
    checked_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "Kiểm tra tiêu chuẩn"
        verbose_name_plural = "Kiểm tra tiêu chuẩn"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(unit__isnull=False) | models.Q(person__isnull=False),
                name="awards_check_has_a_candidate",
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {'đạt' if self.passed else 'không đạt'}"


# --- Nomination dossiers ---------------------------------------------------------------------------------------


class DossierQuerySet(ScopedQuerySet):
    """A dossier belongs to its proposing unit; the standing agency above it (who receives it) covers it."""

    unit_field = "proposing_unit"
    readable_above = False


class Dossier(models.Model):
    """A nomination dossier (hồ sơ đề nghị khen thưởng) of a proposing unit for a programme and a year or period."""

    programme = models.ForeignKey(
        Programme, verbose_name="Chương trình", on_delete=models.PROTECT, related_name="dossiers"
    )
    proposing_unit = models.ForeignKey(
        Unit, verbose_name="Đơn vị đề nghị", on_delete=models.PROTECT, related_name="award_dossiers"
    )
    number = models.PositiveIntegerField("Số hồ sơ")
    year = models.PositiveSmallIntegerField("Năm thành tích", null=True, blank=True)
    period_start = models.PositiveSmallIntegerField("Từ năm", null=True, blank=True)
    period_end = models.PositiveSmallIntegerField("Đến năm", null=True, blank=True)
    title = models.CharField("Tên hồ sơ", max_length=300, blank=True)
    status = models.CharField(
        "Trạng thái", max_length=20, choices=DossierStatus.choices, default=DossierStatus.DRAFT
    )
    due_on = models.DateField("Hạn nộp", null=True, blank=True)
    paper = models.BooleanField("Hồ sơ giấy (cơ quan thường trực ghi nhận)", default=False)
    submitted_at = models.DateTimeField("Nộp lúc", null=True, blank=True)
    submitted_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_on = models.DateField("Ngày tiếp nhận", null=True, blank=True)
    received_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField("Phê duyệt lúc", null=True, blank=True)
    approved_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_reason = models.TextField("Lý do trả lại", blank=True)
    refusal_reason = models.TextField("Lý do không xét", blank=True)
    version = models.PositiveIntegerField("Phiên bản", default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_text = models.TextField(blank=True, editable=False)

    objects = DossierQuerySet.as_manager()

    class Meta:
        verbose_name = "Hồ sơ đề nghị khen thưởng"
        verbose_name_plural = "Hồ sơ đề nghị khen thưởng"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="awards_dossier_number")
        ]

    def __str__(self) -> str:
        return f"Hồ sơ số {self.number} — {self.proposing_unit}"


class Nomination(models.Model):
    """A nominee of a dossier (a collective, a person or a household) for an award form, with its verdict."""

    dossier = models.ForeignKey(
        Dossier, verbose_name="Hồ sơ", on_delete=models.CASCADE, related_name="nominations"
    )
    subject = models.CharField("Đối tượng", max_length=12, choices=Subject.choices)
    unit = models.ForeignKey(
        Unit,
        verbose_name="Tập thể",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    person = models.ForeignKey(
        Person,
        verbose_name="Cá nhân",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    name = models.CharField("Tên tập thể, cá nhân", max_length=300)
    form = models.CharField("Hình thức đề nghị (mã)", max_length=60)
    achievement = models.TextField("Thành tích", blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="Đề nghị kèm theo",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    status = models.CharField(
        "Trạng thái",
        max_length=16,
        choices=NominationStatus.choices,
        default=NominationStatus.PROPOSED,
    )
    verdict = models.CharField(
        "Kết quả xét điều kiện", max_length=16, choices=Verdict.choices, blank=True
    )
    reasons = models.JSONField("Lý do (khi nộp)", default=list, blank=True)
    checked_on = models.DateField("Xét điều kiện ngày", null=True, blank=True)
    result_form = models.CharField("Hình thức Hội đồng đề nghị (mã)", max_length=60, blank=True)
    order = models.PositiveSmallIntegerField("Thứ tự", default=0)

    class Meta:
        verbose_name = "Đề nghị khen thưởng"
        verbose_name_plural = "Đề nghị khen thưởng"
        ordering = ["dossier_id", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(unit__isnull=False) | models.Q(person__isnull=False),
                name="awards_nominee_is_a_unit_or_a_person",
            )
        ]

    def __str__(self) -> str:
        return self.name


def dossier_file_path(instance, filename):
    return f"awards/dossiers/{instance.dossier_id}/{filename}"


class DossierFile(Attachment):
    """A file of a dossier: the submission, an achievement report, the council's minutes, evidence."""

    dossier = models.ForeignKey(
        Dossier, verbose_name="Hồ sơ", on_delete=models.CASCADE, related_name="files"
    )
    nomination = models.ForeignKey(
        Nomination,
        verbose_name="Đề nghị",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="files",
    )
    kind = models.CharField("Loại", max_length=16, choices=AttachmentKind.choices)
    generated = models.BooleanField("Do hệ thống tạo", default=False)
    file = models.FileField("Tệp", upload_to=dossier_file_path, max_length=255)

    class Meta:
        verbose_name = "Tệp hồ sơ khen thưởng"
        verbose_name_plural = "Tệp hồ sơ khen thưởng"
        ordering = ["dossier_id", "kind", "id"]


# --- Councils and their meetings -------------------------------------------------------------------------------


class OwnLevelQuerySet(ScopedQuerySet):
    """Rows of one level's own work (its council, its decisions): that level and the levels above it."""

    unit_field = "unit"
    readable_above = False


class Council(models.Model):
    """The emulation council (Hội đồng Thi đua - Khen thưởng) of a level, with its quorum and thresholds as data."""

    unit = models.ForeignKey(Unit, verbose_name="Cấp", on_delete=models.PROTECT, related_name="+")
    name = models.CharField("Tên Hội đồng", max_length=300)
    term_start = models.DateField("Nhiệm kỳ từ")
    term_end = models.DateField("Nhiệm kỳ đến", null=True, blank=True)
    rules = models.JSONField("Quy tắc họp và biểu quyết", default=dict, blank=True)

    objects = OwnLevelQuerySet.as_manager()

    class Meta:
        verbose_name = "Hội đồng Thi đua - Khen thưởng"
        verbose_name_plural = "Hội đồng Thi đua - Khen thưởng"
        ordering = ["unit__depth", "unit__name"]

    def __str__(self) -> str:
        return self.name


class CouncilMember(models.Model):
    """A member of a council for its term: a user of the system or a person by name."""

    council = models.ForeignKey(
        Council, verbose_name="Hội đồng", on_delete=models.CASCADE, related_name="members"
    )
    user = models.ForeignKey(
        USER,
        verbose_name="Tài khoản",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField("Họ và tên", max_length=150)
    position = models.CharField("Chức vụ", max_length=200, blank=True)
    role = models.CharField("Vai trò", max_length=12, choices=CouncilRole.choices)
    order = models.PositiveSmallIntegerField("Thứ tự", default=0)
    active = models.BooleanField("Còn là thành viên", default=True)

    class Meta:
        verbose_name = "Thành viên Hội đồng"
        verbose_name_plural = "Thành viên Hội đồng"
        ordering = ["council_id", "order", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class Meeting(models.Model):
    """A meeting of a council considering the nominations of a round (a programme and a year)."""

    council = models.ForeignKey(
        Council, verbose_name="Hội đồng", on_delete=models.PROTECT, related_name="meetings"
    )
    unit = models.ForeignKey(Unit, verbose_name="Cấp", on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField("Ngày họp")
    starts_at = models.TimeField("Giờ bắt đầu", null=True, blank=True)
    ends_at = models.TimeField("Giờ kết thúc", null=True, blank=True)
    place = models.CharField("Địa điểm", max_length=200, blank=True)
    title = models.CharField("Nội dung họp", max_length=300)
    programme = models.ForeignKey(
        Programme,
        verbose_name="Chương trình",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField("Năm", null=True, blank=True)
    ballot = models.CharField("Hình thức biểu quyết", max_length=8, choices=BallotKind.choices)
    status = models.CharField(
        "Trạng thái", max_length=8, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    rules = models.JSONField("Quy tắc áp dụng (bản lưu)", default=dict, blank=True)
    minutes = models.ForeignKey(
        "registry.Document",
        verbose_name="Biên bản họp",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    tally_record = models.ForeignKey(
        "registry.Document",
        verbose_name="Biên bản kiểm phiếu",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    version = models.PositiveIntegerField("Phiên bản", default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OwnLevelQuerySet.as_manager()

    class Meta:
        verbose_name = "Phiên họp Hội đồng"
        verbose_name_plural = "Phiên họp Hội đồng"
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d/%m/%Y})"


class Attendance(models.Model):
    """Whether a member attended a meeting; an absent member may send a written opinion."""

    meeting = models.ForeignKey(
        Meeting, verbose_name="Phiên họp", on_delete=models.CASCADE, related_name="attendance"
    )
    member = models.ForeignKey(
        CouncilMember, verbose_name="Thành viên", on_delete=models.PROTECT, related_name="+"
    )
    present = models.BooleanField("Có mặt")
    written_opinion = models.TextField("Ý kiến bằng văn bản", blank=True)

    class Meta:
        verbose_name = "Điểm danh"
        verbose_name_plural = "Điểm danh"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="awards_attend_once")
        ]

    def __str__(self) -> str:
        return f"{self.member}: {'có mặt' if self.present else 'vắng'}"


class MeetingItem(models.Model):
    """A nomination considered at a meeting, with the council's result."""

    meeting = models.ForeignKey(
        Meeting, verbose_name="Phiên họp", on_delete=models.CASCADE, related_name="items"
    )
    nomination = models.ForeignKey(
        Nomination, verbose_name="Đề nghị", on_delete=models.PROTECT, related_name="meeting_items"
    )
    order = models.PositiveSmallIntegerField("Thứ tự", default=0)
    outcome = models.CharField(
        "Kết quả", max_length=16, choices=NominationStatus.choices, blank=True
    )
    result_form = models.CharField("Hình thức đề nghị (mã)", max_length=60, blank=True)
    explanation = models.TextField("Cách tính kết quả", blank=True)

    class Meta:
        verbose_name = "Đề nghị được xét tại phiên họp"
        verbose_name_plural = "Đề nghị được xét tại phiên họp"
        ordering = ["meeting_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "nomination"], name="awards_item_once")
        ]

    def __str__(self) -> str:
        return str(self.nomination)


class Vote(models.Model):
    """A member's vote on an item in an open ballot (a secret ballot stores only its `Tally`)."""

    item = models.ForeignKey(
        MeetingItem, verbose_name="Đề nghị", on_delete=models.CASCADE, related_name="votes"
    )
    member = models.ForeignKey(
        CouncilMember, verbose_name="Thành viên", on_delete=models.PROTECT, related_name="+"
    )
    choice = models.CharField("Biểu quyết", max_length=10, choices=VoteChoice.choices)

    class Meta:
        verbose_name = "Phiếu biểu quyết"
        verbose_name_plural = "Phiếu biểu quyết"
        constraints = [models.UniqueConstraint(fields=["item", "member"], name="awards_vote_once")]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_choice_display()}"


class Tally(models.Model):
    """The count of an item's ballots (biên bản kiểm phiếu): issued, returned, valid, and the votes."""

    item = models.OneToOneField(
        MeetingItem, verbose_name="Đề nghị", on_delete=models.CASCADE, related_name="tally"
    )
    issued = models.PositiveSmallIntegerField("Số phiếu phát ra", default=0)
    returned = models.PositiveSmallIntegerField("Số phiếu thu về", default=0)
    valid = models.PositiveSmallIntegerField("Số phiếu hợp lệ", default=0)
    invalid = models.PositiveSmallIntegerField("Số phiếu không hợp lệ", default=0)
    agree = models.PositiveSmallIntegerField("Đồng ý", default=0)
    disagree = models.PositiveSmallIntegerField("Không đồng ý", default=0)
    lower = models.PositiveSmallIntegerField("Đề nghị hình thức thấp hơn", default=0)
    abstain = models.PositiveSmallIntegerField("Không biểu quyết", default=0)

    class Meta:
        verbose_name = "Kết quả kiểm phiếu"
        verbose_name_plural = "Kết quả kiểm phiếu"

    def __str__(self) -> str:
        return f"{self.item}: {self.agree}/{self.valid}"


# --- Decisions and the registry of awards ----------------------------------------------------------------------


class Decision(models.Model):
    """An award decision (quyết định khen thưởng) of a level, or a higher level's decision recorded here."""

    unit = models.ForeignKey(
        Unit, verbose_name="Cấp quyết định", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(
        "Loại", max_length=8, choices=DecisionKind.choices, default=DecisionKind.OWN
    )
    status = models.CharField(
        "Trạng thái", max_length=8, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name="Chương trình",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name="Phiên họp",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    title = models.TextField("Trích yếu")
    number = models.CharField("Số, ký hiệu", max_length=80, blank=True)
    signed_on = models.DateField("Ngày ký", null=True, blank=True)
    issuer = models.CharField("Cơ quan, người có thẩm quyền", max_length=200)
    signer_name = models.CharField("Người ký", max_length=150, blank=True)
    signer_title = models.CharField("Chức vụ người ký", max_length=150, blank=True)
    fund_source = models.CharField("Nguồn kinh phí", max_length=300, blank=True)
    bases = models.JSONField("Căn cứ", default=list, blank=True)
    document = models.ForeignKey(
        "registry.Document",
        verbose_name="Văn bản trong sổ",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposed_to = models.ForeignKey(
        Unit,
        verbose_name="Trình cấp trên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    version = models.PositiveIntegerField("Phiên bản", default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OwnLevelQuerySet.as_manager()

    class Meta:
        verbose_name = "Quyết định khen thưởng"
        verbose_name_plural = "Quyết định khen thưởng"
        ordering = ["-signed_on", "-id"]

    def __str__(self) -> str:
        return (
            f"Quyết định số {self.number}"
            if self.number
            else f"Dự thảo quyết định – {self.title[:60]}"
        )


class AwardQuerySet(ScopedQuerySet):
    """An award belongs to the recipient's unit; the deciding level and the levels above cover it too."""

    unit_field = "unit"
    readable_above = False


class Award(models.Model):
    """An award conferred on a collective, a person or a household: the registry the rules and the public read."""

    decision = models.ForeignKey(
        Decision,
        verbose_name="Quyết định",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
    )
    nomination = models.ForeignKey(
        Nomination,
        verbose_name="Đề nghị",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="awards",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name="Đơn vị (của người được khen)",
        on_delete=models.PROTECT,
        related_name="awards",
    )
    subject = models.CharField("Đối tượng", max_length=12, choices=Subject.choices)
    person = models.ForeignKey(
        Person,
        verbose_name="Cá nhân",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
    )
    recipient = models.CharField("Tên tập thể, cá nhân", max_length=300)
    recipient_unit = models.CharField("Đơn vị công tác", max_length=300, blank=True)
    form = models.CharField("Danh hiệu, hình thức (mã)", max_length=60)
    year = models.PositiveSmallIntegerField("Năm thành tích")
    amount = models.DecimalField(
        "Tiền thưởng (đồng)", max_digits=14, decimal_places=0, default=Decimal(0)
    )
    decision_number = models.CharField("Số quyết định", max_length=80, blank=True)
    decision_date = models.DateField("Ngày quyết định", null=True, blank=True)
    decided_by = models.CharField("Cấp quyết định", max_length=200, blank=True)
    code = models.CharField("Mã xác minh", max_length=40, unique=True)
    revoked_on = models.DateField("Ngày thu hồi", null=True, blank=True)
    revoke_reason = models.TextField("Lý do thu hồi", blank=True)
    revoke_document = models.ForeignKey(
        "registry.Document",
        verbose_name="Quyết định thu hồi",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AwardQuerySet.as_manager()

    class Meta:
        verbose_name = "Khen thưởng"
        verbose_name_plural = "Sổ khen thưởng"
        ordering = ["-year", "-decision_date", "recipient"]
        indexes = [models.Index(fields=["year", "form"], name="awards_award_year_form")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(subject__in=["collective", "household"])
                | models.Q(person__isnull=False),
                name="awards_award_person_has_a_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.recipient} – {self.form} {self.year}"

    @property
    def revoked(self) -> bool:
        return self.revoked_on is not None
