"""Writes to the organisation: one transaction, a policy check and an audit record each."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from cchc.core import audit, tabular, versions
from cchc.core.errors import DomainError, PermissionDenied
from cchc.core.text import fold, nfc
from cchc.orgs import policies
from cchc.orgs.choices import EmploymentKind, Gender, UnitKind
from cchc.orgs.models import (
    Bloc,
    BlocMembership,
    Person,
    PersonMove,
    StandingAgency,
    Unit,
    UnitAlias,
    person_search_text,
    unit_search_text,
)


def _validate(obj) -> None:
    try:
        obj.full_clean(exclude=["path", "search_text"])
    except ValidationError as exc:
        first_field, messages = next(iter(exc.message_dict.items()))
        label = obj._meta.get_field(first_field).verbose_name if first_field != "__all__" else ""
        raise DomainError(f"{label}: {messages[0]}" if label else messages[0], field=first_field)


def refresh_unit_search(unit: Unit, *, with_children: bool = False) -> None:
    """Recompute the folded search column from the names, aliases and parent (and the children's, which carry
    this unit's name)."""
    unit.search_text = unit_search_text(
        unit, [a.name for a in unit.aliases.all()] if unit.pk else []
    )
    Unit.objects.filter(pk=unit.pk).update(search_text=unit.search_text)
    if with_children:
        for child in unit.children.select_related("parent").prefetch_related("aliases"):
            child.parent = unit
            refresh_unit_search(child)


def _set_path(unit: Unit) -> None:
    parent_path = unit.parent.path if unit.parent is not None else "/"
    unit.path = f"{parent_path}{unit.pk}/"
    unit.depth = unit.path.count("/") - 2
    Unit.objects.filter(pk=unit.pk).update(path=unit.path, depth=unit.depth)


@transaction.atomic
def unit_create(
    *,
    actor,
    name: str,
    kind: str,
    parent: Unit | None,
    short_name: str = "",
    code: str = "",
    aliases: list[str] | None = None,
    order: int = 0,
    audit_it: bool = True,
) -> Unit:
    """Create a unit under `parent`, with its aliases."""
    if not policies.can_create_unit_under(actor, parent):
        raise PermissionDenied("Bạn không có quyền thêm đơn vị ở cấp này.")
    unit = Unit(
        parent=parent,
        name=nfc(name),
        kind=kind,
        short_name=nfc(short_name),
        code=code.strip(),
        order=order,
    )
    _validate(unit)
    unit.save()
    _set_path(unit)
    for alias in aliases or []:
        _alias_add(unit, alias)
    refresh_unit_search(unit)
    if audit_it:
        audit.record(
            actor=actor,
            action="unit.create",
            obj=unit,
            after=audit.snapshot(unit),
            unit_path=unit.path,
        )
    return unit


@transaction.atomic
def unit_update(*, actor, unit: Unit, seen_version: int | None = None, **changes) -> Unit:
    """Change a unit's fields; moving it to another parent moves its whole subtree. `seen_version` is the
    unit's version the user edited (refused when someone saved it since)."""
    if not policies.can_manage_unit(actor, unit):
        raise PermissionDenied("Bạn không có quyền sửa đơn vị này.")
    label = f"Đơn vị “{unit.name}”"
    before = audit.snapshot(unit)
    old_path = unit.path
    old_names = (unit.name, unit.short_name)
    new_parent = changes.pop("parent", unit.parent)
    if new_parent is not None and new_parent.path.startswith(unit.path):
        raise DomainError(
            "Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.", field="parent"
        )
    if new_parent != unit.parent and not policies.can_create_unit_under(actor, new_parent):
        raise PermissionDenied("Bạn không có quyền chuyển đơn vị sang cấp này.")
    for key, value in changes.items():
        setattr(unit, key, nfc(value) if key in {"name", "short_name"} else value)
    unit.parent = new_parent
    _validate(unit)
    versions.check_version(unit, seen_version, actor, label=label)
    unit.save()
    _set_path(unit)
    if unit.path != old_path:
        for child in Unit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk):
            child.path = unit.path + child.path[len(old_path) :]
            child.depth = child.path.count("/") - 2
            Unit.objects.filter(pk=child.pk).update(path=child.path, depth=child.depth)
    refresh_unit_search(unit, with_children=(unit.name, unit.short_name) != old_names)
    audit.record(
        actor=actor,
        action="unit.update",
        obj=unit,
        before=before,
        after=audit.snapshot(unit),
        unit_path=unit.path,
    )
    return unit


@transaction.atomic
def unit_deactivate(*, actor, unit: Unit, on: date, merged_into: Unit | None = None) -> Unit:
    """Mark a unit dissolved or merged; units are kept, never deleted, for the records that cite them."""
    if not policies.can_manage_unit(actor, unit):
        raise PermissionDenied("Bạn không có quyền sửa đơn vị này.")
    before = audit.snapshot(unit)
    unit.is_active = False
    unit.dissolved_on = on
    unit.merged_into = merged_into
    unit.save(update_fields=["is_active", "dissolved_on", "merged_into"])
    audit.record(
        actor=actor,
        action="unit.deactivate",
        obj=unit,
        before=before,
        after=audit.snapshot(unit),
        unit_path=unit.path,
    )
    return unit


def _alias_add(unit: Unit, name: str) -> UnitAlias | None:
    name = nfc(name)
    key = fold(name)
    if not key or key in {fold(unit.name), fold(unit.short_name)}:
        return None
    alias, _ = UnitAlias.objects.get_or_create(unit=unit, folded=key, defaults={"name": name})
    return alias


@transaction.atomic
def alias_add(*, actor, unit: Unit, name: str) -> UnitAlias | None:
    """Record another name of a unit, e.g. fixed while importing a plan."""
    if not policies.can_edit_aliases(actor, unit):
        raise PermissionDenied("Bạn không có quyền thêm tên gọi cho đơn vị này.")
    if not fold(name):
        raise DomainError("Tên gọi khác không được để trống.", field="name")
    alias = _alias_add(unit, name)
    refresh_unit_search(unit)
    if alias:
        audit.record(
            actor=actor,
            action="unit.alias_add",
            obj=unit,
            after={"alias": alias.name},
            unit_path=unit.path,
        )
    return alias


@transaction.atomic
def alias_remove(*, actor, alias: UnitAlias) -> None:
    """Drop another name of a unit."""
    unit = alias.unit
    if not policies.can_edit_aliases(actor, unit):
        raise PermissionDenied("Bạn không có quyền sửa tên gọi của đơn vị này.")
    name = alias.name
    alias.delete()
    refresh_unit_search(unit)
    audit.record(
        actor=actor,
        action="unit.alias_remove",
        obj=unit,
        before={"alias": name},
        unit_path=unit.path,
    )


@transaction.atomic
def bloc_membership_set(
    *, actor, unit: Unit, bloc: Bloc | None, year: int
) -> BlocMembership | None:
    """Put a unit in a bloc for a year (or take it out); one bloc per unit per year."""
    if not policies.can_manage_blocs(actor):
        raise PermissionDenied("Chỉ cơ quan thường trực cấp thành phố được sắp xếp khối thi đua.")
    current = BlocMembership.objects.filter(unit=unit, year=year).select_related("bloc").first()
    before = {"bloc": current.bloc.code if current else None, "year": year}
    if bloc is None:
        if current:
            current.delete()
        result = None
    elif current:
        current.bloc = bloc
        current.save(update_fields=["bloc"])
        result = current
    else:
        result = BlocMembership.objects.create(unit=unit, bloc=bloc, year=year)
    audit.record(
        actor=actor,
        action="bloc.membership_set",
        obj=unit,
        before=before,
        after={"bloc": bloc.code if bloc else None, "year": year},
        unit_path=unit.path,
    )
    return result


@transaction.atomic
def standing_agency_set(*, actor, level: Unit, agency: Unit, field: str = "cchc") -> StandingAgency:
    """Name the standing agency of a level (Sở Nội vụ for the city, an office of the ward for a ward)."""
    if not policies.can_manage_unit(actor, level):
        raise PermissionDenied()
    if not agency.path.startswith(level.path):
        raise DomainError("Cơ quan thường trực phải thuộc cấp đó.", field="agency")
    current = StandingAgency.objects.filter(level=level, field=field).first()
    before = audit.snapshot(current) if current else None
    sa, _ = StandingAgency.objects.update_or_create(
        level=level, field=field, defaults={"agency": agency}
    )
    audit.record(
        actor=actor,
        action="standing_agency.set",
        obj=sa,
        before=before,
        after=audit.snapshot(sa),
        unit_path=level.path,
    )
    return sa


@transaction.atomic
def person_create(
    *,
    actor,
    unit: Unit,
    full_name: str,
    gender: str,
    employment_kind: str,
    birth_year: int | None = None,
    position: str = "",
    audit_it: bool = True,
) -> Person:
    """Add a person to a unit."""
    if not policies.can_manage_people(actor, unit):
        raise PermissionDenied("Bạn không có quyền thêm cá nhân vào đơn vị này.")
    person = Person(
        unit=unit,
        full_name=nfc(full_name),
        gender=gender,
        employment_kind=employment_kind,
        birth_year=birth_year,
        position=nfc(position),
    )
    person.search_text = person_search_text(person)
    _validate(person)
    person.save()
    if audit_it:
        audit.record(
            actor=actor,
            action="person.create",
            obj=person,
            after=audit.snapshot(person),
            unit_path=unit.path,
        )
    return person


@transaction.atomic
def person_update(*, actor, person: Person, **changes) -> Person:
    """Change a person's details; a change of unit goes through person_move so that the history is kept."""
    if not policies.can_manage_people(actor, person.unit):
        raise PermissionDenied("Bạn không có quyền sửa cá nhân này.")
    changes.pop("unit", None)  # moving goes through person_move so that history is kept
    before = audit.snapshot(person)
    for key, value in changes.items():
        setattr(
            person,
            key,
            nfc(value) if isinstance(value, str) and key in {"full_name", "position"} else value,
        )
    person.search_text = person_search_text(person)
    _validate(person)
    person.save()
    audit.record(
        actor=actor,
        action="person.update",
        obj=person,
        before=before,
        after=audit.snapshot(person),
        unit_path=person.unit.path,
    )
    return person


@transaction.atomic
def person_move(*, actor, person: Person, to_unit: Unit, on: date, note: str = "") -> PersonMove:
    """Move a person to another unit, keeping the history of moves."""
    if not policies.can_manage_people(actor, person.unit) or not policies.can_manage_people(
        actor, to_unit
    ):
        raise PermissionDenied("Bạn cần có quyền ở cả đơn vị đi và đơn vị đến.")
    if to_unit.pk == person.unit_id:
        raise DomainError("Đơn vị đến trùng với đơn vị hiện tại.", field="to_unit")
    before = audit.snapshot(person)
    move = PersonMove.objects.create(
        person=person, from_unit=person.unit, to_unit=to_unit, moved_on=on, note=note
    )
    person.unit = to_unit
    person.save(update_fields=["unit"])
    audit.record(
        actor=actor,
        action="person.move",
        obj=person,
        before=before,
        after=audit.snapshot(person),
        unit_path=to_unit.path,
    )
    return move


# --- Imports -----------------------------------------------------------------------------------

UNIT_COLUMNS = {
    "code": ["Mã", "Mã đơn vị", "Ma"],
    "name": ["Tên chính thức", "Tên đơn vị", "Tên"],
    "short_name": ["Tên ngắn", "Tên viết tắt"],
    "kind": ["Loại đơn vị", "Loại"],
    "parent": ["Mã đơn vị cấp trên", "Đơn vị cấp trên", "Cấp trên"],
    "aliases": ["Tên gọi khác", "Bí danh"],
}
PERSON_COLUMNS = {
    "full_name": ["Họ và tên", "Họ tên"],
    "gender": ["Giới tính"],
    "birth_year": ["Năm sinh"],
    "position": ["Chức vụ"],
    "employment_kind": ["Loại cán bộ", "Đối tượng", "Loại"],
    "unit": ["Mã đơn vị", "Đơn vị", "Đơn vị công tác"],
}


@dataclass
class ImportRow:
    number: int
    values: dict
    errors: list[str] = field(default_factory=list)
    action: str = "create"
    cells: list[str] = field(default_factory=list)


@dataclass
class ImportPreview:
    rows: list[ImportRow]
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and all(not r.errors for r in self.rows)

    @property
    def bad_rows(self) -> list[ImportRow]:
        return [r for r in self.rows if r.errors]

    def message(self) -> str:
        parts = list(self.errors)
        for r in self.bad_rows[:20]:
            parts.append(f"Dòng {r.number}: " + "; ".join(r.errors))
        more = len(self.bad_rows) - 20
        if more > 0:
            parts.append(f"… và {more} dòng lỗi khác.")
        return "\n".join(parts)


def _kind_of(text: str) -> str | None:
    key = fold(text)
    for value, label in UnitKind.choices:
        if key in {fold(value), fold(label)}:
            return value
    synonyms = {
        "so": UnitKind.DEPARTMENT,
        "phong": UnitKind.OFFICE,
        "trung tam": UnitKind.CENTER,
        "to dan pho": UnitKind.RESIDENTIAL_GROUP,
        "dac khu": UnitKind.SPECIAL_ZONE,
        "thanh pho": UnitKind.CITY,
        "quan": UnitKind.DISTRICT,
        "huyen": UnitKind.DISTRICT,
    }
    return synonyms.get(key)


def _choice(text: str, choices) -> str | None:
    key = fold(text)
    for value, label in choices:
        if key in {fold(value), fold(label)}:
            return value
    return None


def units_import_preview(*, actor, filename: str, data: bytes) -> ImportPreview:
    """Check every row of a units file; nothing is written."""
    try:
        table = tabular.read_table(
            filename, data, UNIT_COLUMNS, required=["name", "kind", "parent"]
        )
    except DomainError as exc:
        return ImportPreview(rows=[], errors=[exc.message])
    visible = {u.code: u for u in Unit.objects.visible_to(actor).exclude(code="")}
    by_name: dict[str, Unit] = {}
    for u in Unit.objects.visible_to(actor):
        by_name.setdefault(fold(u.name), u)
    new_codes: dict[str, int] = {}
    rows = []
    for number, values in table.rows:
        row = ImportRow(
            number=number, values=values, cells=[values.get(k, "") for k in UNIT_COLUMNS]
        )
        if not values.get("name"):
            row.errors.append("Tên đơn vị trống")
        kind = _kind_of(values.get("kind", ""))
        if not kind:
            row.errors.append(f"Loại đơn vị “{values.get('kind', '')}” không hợp lệ")
        row.values["kind_value"] = kind
        parent_ref = values.get("parent", "")
        code = values.get("code", "")
        if code and (code in new_codes or code in visible):
            if code in new_codes:
                row.errors.append(f"Mã “{code}” trùng với dòng {new_codes[code]}")
            else:
                row.action = "skip"
                row.errors.append(f"Mã “{code}” đã có trong hệ thống")
        if not parent_ref:
            row.errors.append("Thiếu đơn vị cấp trên")
        elif parent_ref in visible:
            row.values["parent_unit"] = visible[parent_ref]
        elif parent_ref in new_codes:
            row.values["parent_code"] = parent_ref
        elif fold(parent_ref) in by_name:
            row.values["parent_unit"] = by_name[fold(parent_ref)]
        else:
            row.errors.append(
                f"Đơn vị cấp trên “{parent_ref}” không tồn tại hoặc ngoài phạm vi của bạn"
            )
        parent = row.values.get("parent_unit")
        if parent is not None and not policies.can_create_unit_under(actor, parent):
            row.errors.append(f"Bạn không có quyền thêm đơn vị dưới “{parent.name}”")
        if code:
            new_codes.setdefault(code, number)
        rows.append(row)
    if not rows:
        return ImportPreview(rows=[], errors=["Tệp không có dòng dữ liệu nào."])
    return ImportPreview(rows=rows)


@transaction.atomic
def units_import(*, actor, filename: str, data: bytes) -> list[Unit]:
    """Create every unit of the file, or none: any bad row refuses the whole file."""
    preview = units_import_preview(actor=actor, filename=filename, data=data)
    if not preview.ok:
        raise DomainError(preview.message(), rows=[r.number for r in preview.bad_rows])
    created: dict[str, Unit] = {}
    result = []
    for row in preview.rows:
        v = row.values
        parent = v.get("parent_unit") or created[v["parent_code"]]
        unit = unit_create(
            actor=actor,
            name=v["name"],
            kind=v["kind_value"],
            parent=parent,
            short_name=v.get("short_name", ""),
            code=v.get("code", ""),
            aliases=[a for a in v.get("aliases", "").split(";") if a.strip()],
        )
        if unit.code:
            created[unit.code] = unit
        result.append(unit)
    audit.record(
        actor=actor,
        action="unit.import",
        model="orgs.unit",
        object_repr=filename,
        after={"count": len(result)},
    )
    return result


def people_import_preview(*, actor, filename: str, data: bytes) -> ImportPreview:
    """Check every row of a people file; nothing is written."""
    try:
        table = tabular.read_table(
            filename,
            data,
            PERSON_COLUMNS,
            required=["full_name", "gender", "employment_kind", "unit"],
        )
    except DomainError as exc:
        return ImportPreview(rows=[], errors=[exc.message])
    units = list(Unit.objects.visible_to(actor))
    by_code = {u.code: u for u in units if u.code}
    by_name: dict[str, list[Unit]] = {}
    for u in units:
        by_name.setdefault(fold(u.name), []).append(u)
    rows = []
    for number, values in table.rows:
        row = ImportRow(
            number=number, values=values, cells=[values.get(k, "") for k in PERSON_COLUMNS]
        )
        if not values.get("full_name"):
            row.errors.append("Họ và tên trống")
        gender = _choice(values.get("gender", ""), Gender.choices)
        if not gender:
            row.errors.append(f"Giới tính “{values.get('gender', '')}” không hợp lệ (Nam/Nữ)")
        kind = _choice(values.get("employment_kind", ""), EmploymentKind.choices)
        if not kind:
            row.errors.append(f"Loại cán bộ “{values.get('employment_kind', '')}” không hợp lệ")
        year = values.get("birth_year", "")
        if year and (not year.isdigit() or not 1930 <= int(year) <= 2015):
            row.errors.append(f"Năm sinh “{year}” không hợp lệ")
        ref = values.get("unit", "")
        unit = by_code.get(ref)
        matches = [] if unit else by_name.get(fold(ref), [])
        if len(matches) == 1:
            unit = matches[0]
        if len(matches) > 1:
            row.errors.append(f"Có nhiều đơn vị tên “{ref}”, hãy dùng mã đơn vị")
        elif unit is None:
            row.errors.append(f"Đơn vị “{ref}” không tồn tại hoặc ngoài phạm vi của bạn")
        elif not policies.can_manage_people(actor, unit):
            row.errors.append(f"Bạn không có quyền thêm cá nhân vào “{unit.name}”")
        row.values.update(gender_value=gender, kind_value=kind, unit_obj=unit)
        rows.append(row)
    if not rows:
        return ImportPreview(rows=[], errors=["Tệp không có dòng dữ liệu nào."])
    return ImportPreview(rows=rows)


@transaction.atomic
def people_import(*, actor, filename: str, data: bytes) -> list[Person]:
    """Create every person of the file, or none."""
    preview = people_import_preview(actor=actor, filename=filename, data=data)
    if not preview.ok:
        raise DomainError(preview.message(), rows=[r.number for r in preview.bad_rows])
    result = []
    for row in preview.rows:
        v = row.values
        result.append(
            person_create(
                actor=actor,
                unit=v["unit_obj"],
                full_name=v["full_name"],
                gender=v["gender_value"],
                employment_kind=v["kind_value"],
                birth_year=int(v["birth_year"]) if v.get("birth_year") else None,
                position=v.get("position", ""),
            )
        )
    audit.record(
        actor=actor,
        action="person.import",
        model="orgs.person",
        object_repr=filename,
        after={"count": len(result)},
    )
    return result
