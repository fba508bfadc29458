"""Matching the offices named in a plan's task table to units of the organisation.

Only units inside the plan's unit (the ward and its offices, centres, residential groups) are candidates: a
ward's plan never assigns a task to another ward's office. A name is looked up, in order,

1. by its folded text among the names, short names and aliases of those units (`alias_index`), so an alias
   saved while fixing an earlier import is found again;
2. by its normalised form (`offices.normalise_office_name`: diacritics, case and punctuation ignored,
   abbreviations such as HĐND, UBND, HCC, VHXH expanded, a trailing "phường"/"xã" dropped) on both sides.

When the normalised form names several units (two offices written the same way), the direct children of the
plan's unit win; if that still leaves several, the office stays unmatched and the user chooses. Group phrases
("Các cơ quan, đơn vị liên quan", "các Tổ dân phố") name no single office and are kept as groups.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from cchc.core.text import fold
from cchc.orgs.models import Unit, UnitAlias
from cchc.plans.offices import normalise_office_name, split_offices

MATCHED_BY_ALIAS = "alias"
MATCHED_BY_NAME = "name"
MATCHED_BY_FIX = "fix"
GROUP = "group"
UNMATCHED = "unmatched"
AMBIGUOUS = "ambiguous"


@dataclass
class OfficeMatch:
    """One office of a task cell: as written, its role and place, and the unit found (or why none)."""

    role: str  # OfficeRole value
    order: int  # 0-based position within the role
    text: str
    is_group: bool
    unit: Unit | None = None
    how: str = UNMATCHED  # MATCHED_BY_* | GROUP | UNMATCHED | AMBIGUOUS

    @property
    def matched(self) -> bool:
        return self.unit is not None

    @property
    def needs_fix(self) -> bool:
        return self.unit is None and not self.is_group

    def as_dict(self) -> dict:
        return {
            "text": self.text,
            "unit_id": self.unit.pk if self.unit else None,
            "unit": self.unit.name if self.unit else None,
            "is_group": self.is_group,
            "match": self.how,
        }


class OfficeIndex:
    """The units inside one level (ward, commune, city) by folded and normalised names."""

    def __init__(self, level: Unit):
        self.level = level
        self.units: dict[int, Unit] = {}
        self.by_folded: dict[str, Unit] = {}
        self.by_normalised: dict[str, list[Unit]] = {}
        units = Unit.objects.filter(path__startswith=level.path, is_active=True).prefetch_related(
            Prefetch("aliases", queryset=UnitAlias.objects.order_by("pk"))
        )
        for unit in units.order_by("depth", "order", "pk"):
            self.units[unit.pk] = unit
            for name in [unit.name, unit.short_name, *[a.name for a in unit.aliases.all()]]:
                key = fold(name)
                if not key:
                    continue
                self.by_folded.setdefault(key, unit)
                bucket = self.by_normalised.setdefault(normalise_office_name(name), [])
                if unit not in bucket:
                    bucket.append(unit)
        # "UBND phường", "Ủy ban nhân dân xã": the level itself
        for name in ("Ủy ban nhân dân", f"Ủy ban nhân dân {level.name}"):
            self.by_normalised.setdefault(normalise_office_name(name), [level])

    def lookup(self, text: str) -> tuple[Unit | None, str]:
        """(unit, how) for one office name; (None, UNMATCHED | AMBIGUOUS) when no single unit fits."""
        unit = self.by_folded.get(fold(text))
        if unit is not None:
            return unit, MATCHED_BY_ALIAS
        candidates = self.by_normalised.get(normalise_office_name(text), [])
        if len(candidates) > 1:
            children = [u for u in candidates if u.parent_id == self.level.pk]
            candidates = children if children else candidates
        if len(candidates) == 1:
            return candidates[0], MATCHED_BY_NAME
        return None, AMBIGUOUS if candidates else UNMATCHED

    def match_cell(self, cell: str, role: str) -> list[OfficeMatch]:
        """Split a lead or coordinating cell into offices and match each one."""
        matches = []
        for order, ref in enumerate(split_offices(cell)):
            match = OfficeMatch(role=role, order=order, text=ref.text, is_group=ref.is_group)
            if ref.is_group:
                match.how = GROUP
            else:
                match.unit, match.how = self.lookup(ref.text)
            matches.append(match)
        return matches

    def get(self, unit_id) -> Unit | None:
        """A unit of this level by id (a fix chosen by the user), None when it is not inside the level."""
        try:
            return self.units.get(int(unit_id))
        except (TypeError, ValueError):
            return None

    def choices(self) -> list[Unit]:
        """Units a fix may choose: the level's offices and the level itself, shallow first, then by name."""
        return [u for u in self.units.values() if u.depth <= self.level.depth + 1]
