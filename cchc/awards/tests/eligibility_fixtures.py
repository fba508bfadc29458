"""The seed rule files saved for the demo city's issuing units (idempotent), for the eligibility tests."""

from __future__ import annotations

from pathlib import Path

from cchc.awards.models import Programme
from cchc.awards.rule_files import save_rule_file
from cchc.awards.rules.schema import PROGRAMMES_DIR
from cchc.core.scope import SYSTEM
from cchc.orgs.models import Unit

# Rule file → (unit kind, short name) of the unit that issued the plan in the demo city.
ISSUERS = {
    "hp-2162-2026.yaml": ("city", "Hải Phòng"),
    "lc-259-2026.yaml": ("ward", "Lê Chân"),
    "ktd-2026.yaml": ("commune", "Khúc Thừa Dụ"),
    "ltn-2026.yaml": ("ward", "Lê Thanh Nghị"),
    "pl-26-2023.yaml": ("ward", "Phú Lương"),
}


def issuer(kind: str, short: str) -> Unit:
    return Unit.objects.filter(kind=kind, name__icontains=short).order_by("depth", "pk").first()


def load_seed_rules() -> None:
    """Save every seed rule file under the unit that issued it (a second call only bumps the versions)."""
    for name, (kind, short) in ISSUERS.items():
        unit = issuer(kind, short)
        assert unit is not None, short
        text = (Path(PROGRAMMES_DIR) / name).read_text(encoding="utf-8")
        save_rule_file(text, unit=unit, actor=SYSTEM, source_path=name)


def programme(code: str) -> Programme:
    if not Programme.objects.filter(code=code).exists():
        load_seed_rules()
    return Programme.objects.select_related("unit", "rule_file").get(code=code)
