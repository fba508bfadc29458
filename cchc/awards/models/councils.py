"""Emulation councils, their members, meetings, attendance, votes and tallies."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from cchc.awards.choices import (
    BallotKind,
    CouncilRole,
    MeetingStatus,
    NominationStatus,
    VoteChoice,
)
from cchc.awards.models.dossiers import Nomination
from cchc.awards.models.programmes import Programme
from cchc.core.scope import ScopedQuerySet
from cchc.orgs.models import Unit

USER = settings.AUTH_USER_MODEL

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
