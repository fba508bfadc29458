from django.db import models

from cchc.core.scope import scope_for
from cchc.core.text import fold, fold_words
from cchc.orgs.choices import BlocCode, EmploymentKind, Gender, UnitKind


class UnitQuerySet(models.QuerySet):
    def visible_to(self, actor):
        """Units in the subtrees the actor's grants cover."""
        return self.filter(scope_for(actor).q("path"))

    def visible_with_ancestors(self, actor):
        """Units in the actor's subtrees plus the units above them (the city above a ward)."""
        scope = scope_for(actor)
        if scope.is_admin:
            return self.all()
        return self.filter(scope.q("path") | models.Q(pk__in=scope.ancestor_ids()))


class Unit(models.Model):
    """A node of the organisation tree: the city, a department, a ward or commune, an office, a group."""

    parent = models.ForeignKey(
        "self",
        verbose_name="Đơn vị cấp trên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    kind = models.CharField("Loại đơn vị", max_length=32, choices=UnitKind.choices, db_index=True)
    name = models.CharField("Tên chính thức", max_length=255)
    short_name = models.CharField("Tên ngắn", max_length=120, blank=True)
    code = models.CharField("Mã", max_length=64, blank=True, db_index=True)
    path = models.CharField(
        "Đường dẫn cây", max_length=255, blank=True, db_index=True, editable=False
    )
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    order = models.IntegerField("Thứ tự", default=0)
    is_active = models.BooleanField("Đang hoạt động", default=True)
    dissolved_on = models.DateField("Ngày giải thể/sáp nhập", null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name="Sáp nhập vào",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_from",
    )
    note = models.TextField("Ghi chú", blank=True)
    search_text = models.TextField(blank=True, editable=False)

    objects = UnitQuerySet.as_manager()

    # Raised by every edit (cchc.core.versions): an edit based on an older one is refused.
    version = models.PositiveIntegerField("Phiên bản", default=1, editable=False)

    class Meta:
        verbose_name = "Đơn vị"
        verbose_name_plural = "Đơn vị"
        ordering = ["path"]
        indexes = [models.Index(fields=["parent", "kind"])]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def ancestor_ids(self) -> list[int]:
        return [int(p) for p in self.path.strip("/").split("/") if p]


class UnitAlias(models.Model):
    """Another name a unit is written with ("Phòng VHXH" for "Phòng Văn hóa - Xã hội")."""

    unit = models.ForeignKey(
        Unit, verbose_name="Đơn vị", on_delete=models.CASCADE, related_name="aliases"
    )
    name = models.CharField("Tên gọi khác", max_length=255)
    folded = models.CharField(max_length=255, db_index=True, editable=False)

    class Meta:
        verbose_name = "Tên gọi khác"
        verbose_name_plural = "Tên gọi khác"
        constraints = [
            models.UniqueConstraint(fields=["unit", "folded"], name="unique_alias_per_unit")
        ]

    def __str__(self) -> str:
        return self.name


class Bloc(models.Model):
    """An emulation bloc (khối thi đua) of a city; membership is kept per year."""

    code = models.CharField("Mã khối", max_length=32, choices=BlocCode.choices, unique=True)
    name = models.CharField("Tên khối", max_length=255)
    organiser = models.ForeignKey(
        Unit, verbose_name="Cấp tổ chức", on_delete=models.PROTECT, related_name="blocs"
    )

    class Meta:
        verbose_name = "Khối thi đua"
        verbose_name_plural = "Khối thi đua"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class BlocMembership(models.Model):
    """A unit belongs to one bloc in a given year (blocs change when units merge)."""

    bloc = models.ForeignKey(
        Bloc, verbose_name="Khối", on_delete=models.PROTECT, related_name="memberships"
    )
    unit = models.ForeignKey(
        Unit, verbose_name="Đơn vị", on_delete=models.PROTECT, related_name="bloc_memberships"
    )
    year = models.PositiveSmallIntegerField("Năm", db_index=True)

    class Meta:
        verbose_name = "Thành viên khối"
        verbose_name_plural = "Thành viên khối"
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="one_bloc_per_unit_year")
        ]
        ordering = ["bloc_id", "unit__name"]

    def __str__(self) -> str:
        return f"{self.unit} – {self.bloc} ({self.year})"


class StandingAgency(models.Model):
    """The standing agency (cơ quan thường trực) of a level: Sở Nội vụ for the city, Phòng VH-XH for a ward."""

    level = models.ForeignKey(
        Unit, verbose_name="Cấp", on_delete=models.PROTECT, related_name="standing_agencies"
    )
    agency = models.ForeignKey(
        Unit, verbose_name="Cơ quan thường trực", on_delete=models.PROTECT, related_name="+"
    )
    field = models.CharField("Lĩnh vực", max_length=32, default="cchc")

    class Meta:
        verbose_name = "Cơ quan thường trực"
        verbose_name_plural = "Cơ quan thường trực"
        constraints = [
            models.UniqueConstraint(fields=["level", "field"], name="one_standing_agency_per_level")
        ]

    def __str__(self) -> str:
        return f"{self.agency} ({self.level})"


class PersonQuerySet(models.QuerySet):
    def visible_to(self, actor):
        return self.filter(scope_for(actor).q("unit__path"))


class Person(models.Model):
    """A cadre, civil servant, public employee or worker of a unit."""

    full_name = models.CharField("Họ và tên", max_length=150)
    gender = models.CharField("Giới tính", max_length=8, choices=Gender.choices)
    birth_year = models.PositiveSmallIntegerField("Năm sinh", null=True, blank=True)
    position = models.CharField("Chức vụ", max_length=200, blank=True)
    employment_kind = models.CharField("Loại cán bộ", max_length=20, choices=EmploymentKind.choices)
    unit = models.ForeignKey(
        Unit, verbose_name="Đơn vị công tác", on_delete=models.PROTECT, related_name="people"
    )
    is_active = models.BooleanField("Đang công tác", default=True)
    search_text = models.TextField(blank=True, editable=False)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = "Cá nhân"
        verbose_name_plural = "Cá nhân"
        ordering = ["full_name", "id"]

    def __str__(self) -> str:
        return self.full_name


class PersonMove(models.Model):
    """A move of a person between units, kept as history."""

    person = models.ForeignKey(
        Person, verbose_name="Cá nhân", on_delete=models.CASCADE, related_name="moves"
    )
    from_unit = models.ForeignKey(
        Unit, verbose_name="Từ đơn vị", null=True, on_delete=models.PROTECT, related_name="+"
    )
    to_unit = models.ForeignKey(
        Unit, verbose_name="Đến đơn vị", on_delete=models.PROTECT, related_name="+"
    )
    moved_on = models.DateField("Ngày chuyển")
    note = models.CharField("Ghi chú", max_length=255, blank=True)

    class Meta:
        verbose_name = "Quá trình công tác"
        verbose_name_plural = "Quá trình công tác"
        ordering = ["person_id", "moved_on", "id"]

    def __str__(self) -> str:
        return f"{self.person}: {self.from_unit} → {self.to_unit} ({self.moved_on:%d/%m/%Y})"


def unit_search_text(unit: Unit, aliases: list[str] | None = None) -> str:
    """Folded name, short name, code and aliases of a unit, and the name of the unit above it, so that
    "vhxh le chan" finds the office of phường Lê Chân."""
    parent = unit.parent.display_name if unit.parent is not None else ""
    return fold_words(unit.name, unit.short_name, unit.code, *(aliases or []), parent)


def person_search_text(person: Person) -> str:
    return fold_words(person.full_name, person.position)


def alias_key(name: str) -> str:
    return fold(name)
