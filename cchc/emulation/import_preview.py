"""The preview of a movement import: what would be saved, read from the plan that launches the movement, with
nothing written.

`movement_import_preview` takes the text of the plan (a .docx, a web page or plain text, read by
`cchc.registry.textract`), proposes the movement with `reading.read_movement`, and matches what it names to the
organisation: the standing agency to a unit under the issuing level (by name and alias, else the level's declared
standing agency, flagged "cần kiểm tra"), the parent movement to a registered movement by its document's number,
the participants to the blocs the level organises (their members of the movement's first year) or to the units
directly under the level. The page shows it for the user to confirm or correct; `services.movement_import_confirm`
repeats it on the same bytes and saves it in one transaction.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from cchc.core.errors import DomainError, PermissionDenied
from cchc.core.scope import ADMIN, STANDING, scope_for
from cchc.core.text import fold
from cchc.emulation.choices import ParticipantMode
from cchc.emulation.models import Movement
from cchc.emulation.reading import MovementProposal, read_movement
from cchc.orgs import selectors as org_selectors
from cchc.orgs.choices import LEVEL_KINDS, UnitKind
from cchc.orgs.models import Bloc, BlocMembership, Unit
from cchc.registry import reader, textract
from cchc.registry.models import Document

IMPORTERS = frozenset({ADMIN, STANDING})
ACCEPTED_EXTENSIONS = (".docx", ".txt", ".md", ".html", ".htm")
# Units under a level that take part by default when the plan names no bloc: everything but residential groups,
# which join when the plan names "tổ dân phố".
DEFAULT_CHILD_KINDS = frozenset(UnitKind.values) - {UnitKind.RESIDENTIAL_GROUP}


def can_import_movement(user, unit: Unit) -> bool:
    """The standing agency of a level (city, ward, commune) or above it, and administrators, import the plans that
    launch its movements."""
    return unit.kind in LEVEL_KINDS and scope_for(user).has_role_over(unit.path, IMPORTERS)


def importable_units(actor) -> list[Unit]:
    """The levels whose movements the actor may import, top first, then by name."""
    scope = scope_for(actor)
    units = Unit.objects.filter(kind__in=LEVEL_KINDS, is_active=True)
    if not scope.is_admin:
        units = units.filter(scope.q("path", roles=IMPORTERS))
    return list(units.order_by("depth", "name"))


@dataclass
class Candidate:
    """A unit proposed as a participant, checked or not, with why."""

    unit: Unit
    checked: bool
    bloc_code: str = ""


@dataclass
class MovementPreview:
    """What an import would save; nothing is written until `services.movement_import_confirm`."""

    unit: Unit
    filename: str
    text: str
    proposal: MovementProposal
    standing_agency: Unit | None
    standing_agency_note: str
    agency_choices: list[Unit]
    parent: Movement | None
    parent_note: str
    parent_choices: list[Movement]
    mode: str
    blocs: list[tuple[Bloc, bool]]
    candidates: list[Candidate]
    bases: list[tuple[reader.CitedBasis, Document | None]]
    existing: Movement | None = None
    checks: list[str] = field(default_factory=list)

    @property
    def header(self) -> reader.DocumentHeader:
        return self.proposal.document

    @property
    def name(self) -> str:
        return _movement_name(self.proposal)

    @property
    def checked_units(self) -> list[Unit]:
        return [c.unit for c in self.candidates if c.checked]

    def as_dict(self) -> dict:
        """JSON-ready, for the command and the tests."""
        p = self.proposal
        rule = p.report_due
        return {
            "unit": {"id": self.unit.pk, "name": self.unit.name},
            "name": self.name,
            "theme": p.name.value if p.name else "",
            "period": [p.period.start, p.period.end] if p.period else None,
            "document": {"number": self.header.number, "title": self.header.title},
            "contents": [
                {"number": c.number, "text": c.text, "clause": c.clause} for c in p.contents
            ],
            "standing_agency": {
                "text": p.standing_agency.text if p.standing_agency else "",
                "unit_id": self.standing_agency.pk if self.standing_agency else None,
                "unit": self.standing_agency.name if self.standing_agency else None,
                "note": self.standing_agency_note,
            },
            "report_due": {
                "text": rule.text if rule else "",
                "day": rule.day if rule else None,
                "month": rule.month if rule else None,
                "year": rule.year if rule else None,
                "before": rule.before if rule else True,
                "clause": rule.clause if rule else "",
            },
            "parent": {
                "number": p.parent.number if p.parent else "",
                "movement_id": self.parent.pk if self.parent else None,
                "note": self.parent_note,
            },
            "mode": self.mode,
            "blocs": [b.code for b, checked in self.blocs if checked],
            "participants": [
                {"unit_id": c.unit.pk, "unit": c.unit.name, "bloc": c.bloc_code}
                for c in self.candidates
                if c.checked
            ],
            "checks": list(self.checks),
            "existing_movement_id": self.existing.pk if self.existing else None,
        }


def check_import_permission(actor, unit: Unit) -> None:
    if not can_import_movement(actor, unit):
        raise PermissionDenied(f"Bạn không có quyền nhập phong trào thi đua của {unit.name}.")


def _movement_name(p: MovementProposal) -> str:
    if p.name is None:
        return ""
    text = p.name.text.strip()
    return text[:1].upper() + text[1:]


def plan_text(filename: str, data: bytes) -> str:
    """The text of the uploaded plan; DomainError with a Vietnamese message when it cannot be read."""
    text = textract.document_text(filename, data)
    if not text.strip():
        raise DomainError(f"Tệp “{os.path.basename(filename)}” không có nội dung.", field="file")
    return text


# --- Matching ---------------------------------------------------------------------------------------------------


def _trimmed(text: str, level: Unit) -> list[str]:
    """The folded forms a name may be written in: as is, without the level's noun at its end ("Văn phòng UBND
    phường"), and with the level's own name added ("... phường Phú Lương")."""
    base = fold(text)
    forms = [base]
    for noun in ("phuong", "xa", "thanh pho", "dac khu"):
        if base.endswith(" " + noun):
            stem = base[: -len(noun) - 1].strip()
            forms.append(stem)
            forms.append(f"{base} {fold(level.short_name or level.name)}")
    forms.append(f"{base} {fold(level.name)}")
    return [f for f in forms if f]


def match_agency(level: Unit, found) -> tuple[Unit | None, str]:
    """The unit the plan names as standing agency, inside the level; else the level's declared standing agency,
    with why in Vietnamese."""
    declared = org_selectors.standing_agency_of(level=level)
    if found is not None:
        index = org_selectors.alias_index(within=level)
        for name in (found.name, found.text):
            for form in _trimmed(name, level):
                unit = index.get(form)
                if unit is not None and unit.pk != level.pk:
                    return unit, f"“{found.text}” ({found.clause}) khớp với {unit.name}."
        if declared is not None:
            return declared, (
                f"“{found.text}” ({found.clause}) không khớp với đơn vị nào của {level.name}; đề xuất cơ "
                f"quan thường trực đã khai báo ({declared.name}): cần kiểm tra."
            )
        return None, (
            f"“{found.text}” ({found.clause}) không khớp với đơn vị nào của {level.name}: cần chọn đơn vị."
        )
    if declared is not None:
        return declared, (
            f"Kế hoạch không ghi cơ quan thường trực; đề xuất cơ quan thường trực đã khai báo của "
            f"{level.name} ({declared.name}): cần kiểm tra."
        )
    return None, "Kế hoạch không ghi cơ quan thường trực: cần chọn đơn vị."


def match_parent(actor, found) -> tuple[Movement | None, str]:
    """The registered movement launched by the document the plan cites as its parent (by number, the date
    deciding between documents of the same number), or why none."""
    if found is None:
        return None, "Kế hoạch không dẫn văn bản phát động phong trào của cấp trên."
    candidates = list(
        Movement.objects.visible_to(actor)
        .filter(document__number__iexact=found.number)
        .select_related("document", "unit")
        .order_by("-start_year", "id")
    )
    same_day = [m for m in candidates if found.date and m.document.issued_on == found.date]
    chosen = (same_day or candidates or [None])[0]
    if chosen is None:
        return None, (
            f"Phong trào phát động theo {found.number} chưa được nhập vào hệ thống: phong trào được lưu "
            "không có cấp trên (cần kiểm tra)."
        )
    return chosen, f"Căn cứ {found.number} ({found.clause}) là văn bản phát động “{chosen.name}”."


def _blocs_named(level: Unit, proposal: MovementProposal) -> list[tuple[Bloc, bool]]:
    """The blocs the level organises, checked when the plan names them."""
    named = {fold(p.name) for p in proposal.participants if p.kind == "bloc"}
    blocs = list(Bloc.objects.filter(organiser=level).order_by("id"))
    return [(b, fold(b.name) in named) for b in blocs]


def bloc_members(blocs: list[Bloc], year: int) -> list[Candidate]:
    """The members of the blocs in `year` (the latest arranged year before it when that year has none)."""
    years = sorted(
        set(BlocMembership.objects.filter(bloc__in=blocs).values_list("year", flat=True))
    )
    earlier = [y for y in years if y <= year]
    chosen = earlier[-1] if earlier else (years[0] if years else year)
    rows = (
        BlocMembership.objects.filter(bloc__in=blocs, year=chosen, unit__is_active=True)
        .select_related("unit", "bloc")
        .order_by("bloc_id", "unit__name")
    )
    return [Candidate(unit=m.unit, checked=True, bloc_code=m.bloc.code) for m in rows]


def child_candidates(level: Unit, proposal: MovementProposal) -> list[Candidate]:
    """The active units directly under the level; residential groups only when the plan names them."""
    texts = " ".join(fold(p.text) for p in proposal.participants)
    groups_named = "to dan pho" in texts
    units = Unit.objects.filter(parent=level, is_active=True).order_by("order", "name")
    return [
        Candidate(
            unit=u,
            checked=u.kind in DEFAULT_CHILD_KINDS
            or (u.kind == UnitKind.RESIDENTIAL_GROUP and groups_named),
        )
        for u in units
    ]


def existing_movement(unit: Unit, header: reader.DocumentHeader) -> Movement | None:
    """A movement already imported from the same document (same number and year, or the same unnumbered
    title) of the same level."""
    qs = Movement.objects.filter(unit=unit).select_related("document")
    if header.number:
        qs = qs.filter(document__number__iexact=header.number)
        if header.date:
            qs = qs.filter(document__issued_on__year=header.date.year)
        return qs.order_by("id").first()
    if header.title:
        for m in qs.filter(document__number=""):
            if m.document is not None and fold(m.document.title) == fold(header.title):
                return m
    return None


def movement_import_preview(*, actor, unit: Unit, filename: str, data: bytes) -> MovementPreview:
    """Read the plan launching a movement of `unit` and show what would be saved (see the module docstring);
    DomainError when the file cannot be read or names no period."""
    check_import_permission(actor, unit)
    text = plan_text(filename, data)
    proposal = read_movement(text)
    if proposal.period is None and proposal.document.period_start is None:
        raise DomainError(
            "Không đọc được giai đoạn hay năm của phong trào (trong trích yếu): văn bản này có phải kế "
            "hoạch phát động phong trào thi đua không?",
            field="file",
        )
    agency, agency_note = match_agency(unit, proposal.standing_agency)
    parent, parent_note = match_parent(actor, proposal.parent)
    blocs = _blocs_named(unit, proposal)
    start = proposal.period.start if proposal.period else proposal.document.period_start or 0
    if any(checked for _, checked in blocs):
        mode = ParticipantMode.BLOCS
        candidates = bloc_members([b for b, checked in blocs if checked], start)
    else:
        mode = ParticipantMode.UNITS
        candidates = child_candidates(unit, proposal)
    agency_choices = list(
        Unit.objects.filter(path__startswith=unit.path, depth__lte=unit.depth + 1, is_active=True)
        .exclude(pk=unit.pk)
        .order_by("order", "name")
    )
    if agency is not None and agency not in agency_choices:
        agency_choices.insert(0, agency)
    parent_choices = list(
        Movement.objects.visible_to(actor)
        .filter(unit_id__in=unit.ancestor_ids()[:-1])
        .select_related("unit", "document")
        .order_by("-start_year", "unit__path")
    )
    if parent is not None and parent not in parent_choices:
        parent_choices.insert(0, parent)
    checks = [n.reason for n in proposal.not_read]
    if "không khớp" in agency_note or "cần" in agency_note:
        checks.append(agency_note)
    preview = MovementPreview(
        unit=unit,
        filename=os.path.basename(filename or ""),
        text=text,
        proposal=proposal,
        standing_agency=agency,
        standing_agency_note=agency_note,
        agency_choices=agency_choices,
        parent=parent,
        parent_note=parent_note,
        parent_choices=parent_choices,
        mode=mode,
        blocs=blocs,
        candidates=candidates,
        bases=reader.link_bases(proposal.document, actor=actor),
        existing=existing_movement(unit, proposal.document),
        checks=list(dict.fromkeys(checks)),
    )
    return preview
