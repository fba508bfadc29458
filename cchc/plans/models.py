from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models

from cchc.core.models import Attachment
from cchc.core.scope import ScopedQuerySet
from cchc.notifications.models import Notification
from cchc.orgs.models import Unit
from cchc.plans.choices import (
    DeadlineKind,
    OfficeRole,
    Recurrence,
    TargetComparator,
    TaskStatus,
)
from cchc.registry.models import Document

# --- CCHC plans and tasks ---------------------------------------------------------------------------------


class PlanQuerySet(ScopedQuerySet):
    """Plans of the units in the actor's subtrees and of the units above them (a ward office reads its
    ward's plan and the city's); never a sibling ward's."""

    unit_field = "unit"


class Plan(models.Model):
    """The CCHC plan (kế hoạch CCHC) of one unit for one year: its areas, tasks and targets."""

    unit = models.ForeignKey(
        Unit, verbose_name="Đơn vị", on_delete=models.PROTECT, related_name="cchc_plans"
    )
    document = models.ForeignKey(
        Document,
        verbose_name="Văn bản",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plans",
    )
    year = models.PositiveSmallIntegerField("Năm", db_index=True)
    title = models.TextField("Tên kế hoạch")
    report_every = models.CharField(
        "Kỳ báo cáo nhiệm vụ thường xuyên",
        max_length=12,
        choices=Recurrence.choices,
        default=Recurrence.QUARTERLY,
    )
    source_name = models.CharField("Tệp nguồn", max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_text = models.TextField(blank=True, editable=False)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = "Kế hoạch CCHC"
        verbose_name_plural = "Kế hoạch CCHC"
        ordering = ["-year", "unit__name", "id"]

    def __str__(self) -> str:
        return self.title


class Area(models.Model):
    """A section of the plan's task table ("I. Cải cách thể chế")."""

    plan = models.ForeignKey(
        Plan, verbose_name="Kế hoạch", on_delete=models.CASCADE, related_name="areas"
    )
    code = models.CharField("Mã", max_length=12)
    title = models.CharField("Lĩnh vực", max_length=500)
    order = models.PositiveSmallIntegerField("Thứ tự", default=0)

    class Meta:
        verbose_name = "Lĩnh vực"
        verbose_name_plural = "Lĩnh vực"
        ordering = ["plan_id", "order", "id"]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"


class TaskQuerySet(ScopedQuerySet):
    """Tasks of the plans the actor may read."""

    unit_field = "plan__unit"


class Task(models.Model):
    """One task of a plan: its wording, offices, deadline as written and as read, product and progress."""

    plan = models.ForeignKey(
        Plan, verbose_name="Kế hoạch", on_delete=models.CASCADE, related_name="tasks"
    )
    area = models.ForeignKey(
        Area,
        verbose_name="Lĩnh vực",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    no = models.PositiveIntegerField("TT")
    content = models.TextField("Nội dung nhiệm vụ")
    lead_text = models.TextField("Cơ quan chủ trì (nguyên văn)", blank=True)
    coordinating_text = models.TextField("Cơ quan phối hợp (nguyên văn)", blank=True)
    deadline_text = models.TextField("Thời gian hoàn thành (nguyên văn)", blank=True)
    deadline_kind = models.CharField(
        "Loại thời hạn", max_length=16, choices=DeadlineKind.choices, default=DeadlineKind.UNKNOWN
    )
    start_on = models.DateField("Bắt đầu", null=True, blank=True)
    due_on = models.DateField("Hạn hoàn thành", null=True, blank=True, db_index=True)
    deadline_before = models.BooleanField("Hạn ghi “trước ngày”", default=False)
    recurrence = models.CharField(
        "Kỳ báo cáo", max_length=12, choices=Recurrence.choices, blank=True, default=""
    )
    deadline_reference = models.ForeignKey(
        Document,
        verbose_name="Văn bản quy định thời hạn",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    deadline_reference_text = models.CharField(
        "Văn bản được dẫn (nguyên văn)", max_length=255, blank=True
    )
    product = models.TextField("Sản phẩm", blank=True)
    status = models.CharField(
        "Trạng thái", max_length=8, choices=TaskStatus.choices, default=TaskStatus.TODO
    )
    percent = models.PositiveSmallIntegerField("Tiến độ (%)", default=0)
    completed_on = models.DateField("Ngày hoàn thành", null=True, blank=True)
    warnings = models.JSONField("Cảnh báo khi nhập", default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_text = models.TextField(blank=True, editable=False)
    # The task's reminders (notifications whose subject is the task), deleted with it.
    notifications = GenericRelation(Notification, related_query_name="task")

    objects = TaskQuerySet.as_manager()

    # Raised by every edit (cchc.core.versions): an edit based on an older one is refused.
    version = models.PositiveIntegerField("Phiên bản", default=1, editable=False)

    class Meta:
        verbose_name = "Nhiệm vụ"
        verbose_name_plural = "Nhiệm vụ"
        ordering = ["plan_id", "no", "id"]
        constraints = [models.UniqueConstraint(fields=["plan", "no"], name="plans_task_unique_no")]
        indexes = [models.Index(fields=["status", "due_on"], name="plans_task_status_due")]

    def __str__(self) -> str:
        return f"{self.no}. {self.content[:80]}"


class TaskOffice(models.Model):
    """An office named in a task's lead or coordinating cell, matched to a unit or kept as written."""

    task = models.ForeignKey(
        Task, verbose_name="Nhiệm vụ", on_delete=models.CASCADE, related_name="offices"
    )
    role = models.CharField("Vai trò", max_length=12, choices=OfficeRole.choices)
    unit = models.ForeignKey(
        Unit,
        verbose_name="Đơn vị",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="task_roles",
    )
    text = models.CharField("Nguyên văn", max_length=500)
    is_group = models.BooleanField("Nhóm cơ quan", default=False)
    order = models.PositiveSmallIntegerField("Thứ tự", default=0)

    class Meta:
        verbose_name = "Cơ quan thực hiện"
        verbose_name_plural = "Cơ quan thực hiện"
        ordering = ["task_id", "role", "order", "id"]
        indexes = [models.Index(fields=["unit", "role"], name="plans_taskoffice_unit_role")]

    def __str__(self) -> str:
        return self.unit.name if self.unit is not None else self.text


class ProgressReport(models.Model):
    """A progress report by the lead office: percent, status, text, a period for continuous tasks, products."""

    task = models.ForeignKey(
        Task, verbose_name="Nhiệm vụ", on_delete=models.CASCADE, related_name="reports"
    )
    reported_on = models.DateField("Ngày báo cáo")
    period_label = models.CharField("Kỳ báo cáo", max_length=40, blank=True)
    period_end = models.DateField("Hết kỳ", null=True, blank=True)
    status = models.CharField("Trạng thái", max_length=8, choices=TaskStatus.choices)
    percent = models.PositiveSmallIntegerField("Tiến độ (%)")
    text = models.TextField("Kết quả thực hiện", blank=True)
    product_document = models.ForeignKey(
        Document,
        verbose_name="Văn bản sản phẩm",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "Báo cáo tiến độ"
        verbose_name_plural = "Báo cáo tiến độ"
        ordering = ["task_id", "-reported_on", "-id"]

    def __str__(self) -> str:
        return f"{self.task_id} – {self.percent}%"


def progress_file_path(instance, filename):
    return f"tasks/{instance.report.task_id}/{filename}"


class ProgressFile(Attachment):
    """An evidence file attached to a progress report."""

    report = models.ForeignKey(
        ProgressReport, verbose_name="Báo cáo", on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField("Tệp", upload_to=progress_file_path, max_length=255)

    class Meta:
        verbose_name = "Tệp kiểm chứng"
        verbose_name_plural = "Tệp kiểm chứng"


class Target(models.Model):
    """A target (chỉ tiêu) of a plan: its wording and a comparable form, proposed from the text, confirmed."""

    plan = models.ForeignKey(
        Plan, verbose_name="Kế hoạch", on_delete=models.CASCADE, related_name="targets"
    )
    code = models.CharField("Mã", max_length=8, blank=True)
    text = models.TextField("Nội dung chỉ tiêu")
    comparator = models.CharField(
        "Cách so sánh",
        max_length=8,
        choices=TargetComparator.choices,
        default=TargetComparator.QUALITATIVE,
    )
    value = models.DecimalField(
        "Giá trị chỉ tiêu", max_digits=12, decimal_places=2, null=True, blank=True
    )
    value_unit = models.CharField("Đơn vị tính", max_length=20, blank=True)
    responsible = models.ForeignKey(
        Unit,
        verbose_name="Cơ quan theo dõi",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    confirmed = models.BooleanField("Đã xác nhận", default=False)
    order = models.PositiveSmallIntegerField("Thứ tự", default=0)

    # Raised by every edit (cchc.core.versions): an edit based on an older one is refused.
    version = models.PositiveIntegerField("Phiên bản", default=1, editable=False)

    class Meta:
        verbose_name = "Chỉ tiêu"
        verbose_name_plural = "Chỉ tiêu"
        ordering = ["plan_id", "order", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class TargetMeasure(models.Model):
    """A measured value of a target for one period, entered by the responsible office."""

    target = models.ForeignKey(
        Target, verbose_name="Chỉ tiêu", on_delete=models.CASCADE, related_name="measures"
    )
    period_label = models.CharField("Kỳ", max_length=40)
    period_end = models.DateField("Hết kỳ")
    value = models.DecimalField(
        "Giá trị đạt được", max_digits=12, decimal_places=2, null=True, blank=True
    )
    achieved = models.BooleanField("Đạt", null=True)
    note = models.TextField("Ghi chú", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "Kết quả chỉ tiêu"
        verbose_name_plural = "Kết quả chỉ tiêu"
        ordering = ["target_id", "period_end", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["target", "period_end"], name="plans_targetmeasure_unique_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.target_id} {self.period_label}"
