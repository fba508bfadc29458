"""Emulation movements (phong trào thi đua) launched from their plan, their participants, the yearly
registrations (đăng ký thi đua) of the participants and the movement reports they send every year."""

from django.conf import settings
from django.db import models

from cchc.core.models import Attachment
from cchc.core.scope import ScopedQuerySet
from cchc.emulation.choices import (
    ParticipantMode,
    PledgeKind,
    RegistrationStatus,
    ReportKind,
    ReportStatus,
    TitleChoice,
)
from cchc.orgs.choices import BlocCode
from cchc.orgs.models import Person, Unit
from cchc.registry.models import Document


class MovementQuerySet(ScopedQuerySet):
    """Movements of the actor's units and of the levels above them (a ward reads the city's movement)."""

    unit_field = "unit"
    readable_above = True


class Movement(models.Model):
    """A movement launched by a level (city, ward, commune) through its plan: the period, the contents, the
    standing agency, the rule of the yearly report as written and as read, the reviews and the movement of the
    level above that it cascades."""

    unit = models.ForeignKey(
        Unit, verbose_name="Cấp phát động", on_delete=models.PROTECT, related_name="movements"
    )
    document = models.ForeignKey(
        Document,
        verbose_name="Văn bản phát động",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField("Tên phong trào", max_length=500)
    theme = models.CharField("Chủ đề", max_length=255, blank=True)
    start_year = models.PositiveSmallIntegerField("Từ năm")
    end_year = models.PositiveSmallIntegerField("Đến năm")
    standing_agency = models.ForeignKey(
        Unit,
        verbose_name="Cơ quan thường trực",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    standing_agency_text = models.CharField(
        "Cơ quan thường trực (nguyên văn)", max_length=255, blank=True
    )
    standing_agency_clause = models.CharField(
        "Mục (cơ quan thường trực)", max_length=60, blank=True
    )
    report_due_text = models.CharField("Hạn báo cáo (nguyên văn)", max_length=255, blank=True)
    report_due_source = models.TextField("Câu quy định hạn báo cáo", blank=True)
    report_due_clause = models.CharField("Mục (hạn báo cáo)", max_length=60, blank=True)
    report_due_day = models.PositiveSmallIntegerField("Ngày hạn báo cáo", null=True, blank=True)
    report_due_month = models.PositiveSmallIntegerField("Tháng hạn báo cáo", null=True, blank=True)
    report_due_year = models.PositiveSmallIntegerField(
        "Năm hạn báo cáo (hạn một lần)", null=True, blank=True
    )
    report_due_before = models.BooleanField("Hạn ghi “trước ngày”", default=True)
    report_due_to = models.CharField("Báo cáo gửi về", max_length=255, blank=True)
    mid_term_on = models.DateField("Ngày sơ kết", null=True, blank=True)
    final_on = models.DateField("Ngày tổng kết", null=True, blank=True)
    reviews_text = models.TextField("Sơ kết, tổng kết (nguyên văn)", blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="Phong trào cấp trên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    parent_text = models.CharField("Phong trào cấp trên (nguyên văn)", max_length=500, blank=True)
    participant_mode = models.CharField(
        "Đối tượng tham gia",
        max_length=8,
        choices=ParticipantMode.choices,
        default=ParticipantMode.UNITS,
    )
    checks = models.JSONField("Điểm cần kiểm tra", default=list, blank=True)
    created_at = models.DateTimeField("Ngày nhập", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_text = models.TextField(blank=True, editable=False)

    objects = MovementQuerySet.as_manager()

    class Meta:
        verbose_name = "Phong trào thi đua"
        verbose_name_plural = "Phong trào thi đua"
        ordering = ["-start_year", "unit__path", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["document"],
                condition=models.Q(document__isnull=False),
                name="one_movement_per_document",
            ),
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")),
                name="movement_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))

    @property
    def period_label(self) -> str:
        if self.start_year == self.end_year:
            return f"năm {self.start_year}"
        return f"giai đoạn {self.start_year} - {self.end_year}"


class MovementContent(models.Model):
    """One content of a movement ("Thi đua nâng cao trách nhiệm của người đứng đầu ..."), as written."""

    movement = models.ForeignKey(
        Movement, verbose_name="Phong trào", on_delete=models.CASCADE, related_name="contents"
    )
    number = models.CharField("Số thứ tự", max_length=8, blank=True)
    text = models.TextField("Nội dung thi đua")
    clause = models.CharField("Mục", max_length=60, blank=True)
    order = models.PositiveSmallIntegerField("Thứ tự", default=0)

    class Meta:
        verbose_name = "Nội dung phong trào"
        verbose_name_plural = "Nội dung phong trào"
        ordering = ["movement_id", "order", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class ParticipantQuerySet(ScopedQuerySet):
    """Participants in the actor's subtrees: a ward sees itself among the city's participants."""

    unit_field = "unit"
    readable_above = False


class Participant(models.Model):
    """A unit taking part in a movement: it registers each year and sends the yearly movement report."""

    movement = models.ForeignKey(
        Movement, verbose_name="Phong trào", on_delete=models.CASCADE, related_name="participants"
    )
    unit = models.ForeignKey(
        Unit, verbose_name="Đơn vị", on_delete=models.PROTECT, related_name="movement_roles"
    )
    bloc_code = models.CharField("Khối thi đua", max_length=32, blank=True)
    order = models.PositiveIntegerField("Thứ tự", default=0)
    search_text = models.TextField(blank=True, editable=False)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = "Đơn vị tham gia"
        verbose_name_plural = "Đơn vị tham gia"
        ordering = ["movement_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["movement", "unit"], name="one_participant_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.movement}"

    @property
    def bloc_name(self) -> str:
        return str(dict(BlocCode.choices).get(self.bloc_code, ""))


class RegistrationQuerySet(ScopedQuerySet):
    unit_field = "unit"
    readable_above = False


class Registration(models.Model):
    """A participant's yearly registration (đăng ký thi đua): the titles and award forms the unit and its people
    aim at, its pledges and targets; approved or returned by the level above."""

    movement = models.ForeignKey(
        Movement, verbose_name="Phong trào", on_delete=models.CASCADE, related_name="registrations"
    )
    participant = models.ForeignKey(
        "Participant",
        verbose_name="Đơn vị tham gia",
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    unit = models.ForeignKey(
        Unit, verbose_name="Đơn vị", on_delete=models.PROTECT, related_name="registrations"
    )
    year = models.PositiveSmallIntegerField("Năm")
    status = models.CharField(
        "Trạng thái",
        max_length=16,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.DRAFT,
        db_index=True,
    )
    submitted_on = models.DateField("Ngày gửi", null=True, blank=True)
    reviewed_on = models.DateField("Ngày duyệt/trả lại", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người duyệt",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    return_note = models.TextField("Lý do trả lại", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_text = models.TextField(blank=True, editable=False)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = "Đăng ký thi đua"
        verbose_name_plural = "Đăng ký thi đua"
        ordering = ["-year", "unit__path", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["movement", "unit", "year"], name="one_registration_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"Đăng ký thi đua năm {self.year} – {self.unit}"


class RegistrationTitle(models.Model):
    """A title or award form registered for: by the unit itself (no person) or by one of its people."""

    registration = models.ForeignKey(
        Registration, verbose_name="Đăng ký", on_delete=models.CASCADE, related_name="titles"
    )
    person = models.ForeignKey(
        Person,
        verbose_name="Cá nhân",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField("Danh hiệu, hình thức", max_length=40, choices=TitleChoice.choices)
    order = models.PositiveSmallIntegerField("Thứ tự", default=0)

    class Meta:
        verbose_name = "Danh hiệu đăng ký"
        verbose_name_plural = "Danh hiệu đăng ký"
        ordering = ["registration_id", "order", "id"]

    def __str__(self) -> str:
        who = self.person.full_name if self.person is not None else "Tập thể"
        return f"{who}: {self.get_title_display()}"


class RegistrationPledge(models.Model):
    """A pledge (giao ước) or a target of a registration, as the unit writes it."""

    registration = models.ForeignKey(
        Registration, verbose_name="Đăng ký", on_delete=models.CASCADE, related_name="pledges"
    )
    kind = models.CharField("Loại", max_length=8, choices=PledgeKind.choices)
    text = models.TextField("Nội dung")
    order = models.PositiveSmallIntegerField("Thứ tự", default=0)

    class Meta:
        verbose_name = "Giao ước, chỉ tiêu"
        verbose_name_plural = "Giao ước, chỉ tiêu"
        ordering = ["registration_id", "kind", "order", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class MovementReportQuerySet(ScopedQuerySet):
    unit_field = "unit"
    readable_above = False


class MovementReport(models.Model):
    """A participant's report on the movement for a year (or for a review of the period): results per content,
    good models, difficulties, proposals and files, with the system's figures frozen when it is submitted."""

    movement = models.ForeignKey(
        Movement, verbose_name="Phong trào", on_delete=models.CASCADE, related_name="reports"
    )
    participant = models.ForeignKey(
        "Participant",
        verbose_name="Đơn vị tham gia",
        on_delete=models.CASCADE,
        related_name="reports",
    )
    unit = models.ForeignKey(
        Unit, verbose_name="Đơn vị báo cáo", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("Năm")
    kind = models.CharField(
        "Loại báo cáo", max_length=12, choices=ReportKind.choices, default=ReportKind.ANNUAL
    )
    status = models.CharField(
        "Trạng thái",
        max_length=20,
        choices=ReportStatus.choices,
        default=ReportStatus.DRAFT,
        db_index=True,
    )
    good_models = models.TextField("Mô hình, cách làm hay", blank=True)
    difficulties = models.TextField("Khó khăn, vướng mắc", blank=True)
    proposals = models.TextField("Đề xuất, kiến nghị", blank=True)
    figures = models.JSONField("Số liệu từ hệ thống (chốt khi nộp)", default=dict, blank=True)
    submitted_on = models.DateField("Ngày nộp", null=True, blank=True, db_index=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người nộp",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    return_note = models.TextField("Lý do trả lại", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_text = models.TextField(blank=True, editable=False)

    objects = MovementReportQuerySet.as_manager()

    class Meta:
        verbose_name = "Báo cáo phong trào"
        verbose_name_plural = "Báo cáo phong trào"
        ordering = ["-year", "unit__path", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["movement", "unit", "year", "kind"], name="one_movement_report"
            )
        ]
        indexes = [models.Index(fields=["movement", "kind", "year"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year} – {self.unit}"


class ReportResult(models.Model):
    """What the unit did on one content of the movement in the year."""

    report = models.ForeignKey(
        MovementReport, verbose_name="Báo cáo", on_delete=models.CASCADE, related_name="results"
    )
    content = models.ForeignKey(
        MovementContent, verbose_name="Nội dung", on_delete=models.CASCADE, related_name="+"
    )
    text = models.TextField("Kết quả thực hiện", blank=True)

    class Meta:
        verbose_name = "Kết quả theo nội dung"
        verbose_name_plural = "Kết quả theo nội dung"
        ordering = ["report_id", "content__order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "content"], name="one_result_per_content")
        ]

    def __str__(self) -> str:
        return self.text[:80]


def report_file_path(instance, filename):
    return f"movement-reports/{instance.report_id}/{filename}"


class ReportFile(Attachment):
    """A file sent with a movement report (the signed report, pictures of a model, a decision)."""

    report = models.ForeignKey(
        MovementReport, verbose_name="Báo cáo", on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField("Tệp", upload_to=report_file_path, max_length=255)

    class Meta:
        verbose_name = "Tệp báo cáo phong trào"
        verbose_name_plural = "Tệp báo cáo phong trào"
        ordering = ["report_id", "id"]
