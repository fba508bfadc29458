"""Rule files saved in the database: the five seeds load, a new version replaces the old, errors name the field."""

from pathlib import Path

import pytest
import yaml

from cchc.awards.models import Programme, RuleFile
from cchc.awards.rule_files import programme_rule, save_rule_file
from cchc.awards.rules.schema import PROGRAMMES_DIR
from cchc.core.errors import DomainError
from cchc.core.scope import SYSTEM

SEEDS = sorted(Path(PROGRAMMES_DIR).glob("*.yaml"))


def owner(text: str, personas):
    """The unit a seed file is saved under: the one the demo saved it for, else the test city."""
    saved = RuleFile.objects.filter(file_id=yaml.safe_load(text)["id"]).first()
    return saved.unit if saved is not None else personas.city


@pytest.mark.django_db
def test_every_seed_file_saves_with_one_row_per_programme(personas):
    for path in SEEDS:
        rule_file = save_rule_file(
            path.read_text(encoding="utf-8"),
            unit=owner(path.read_text(encoding="utf-8"), personas),
            actor=SYSTEM,
            source_path=path.name,
        )
        expected = len(yaml.safe_load(path.read_text(encoding="utf-8")).get("programmes") or [])
        assert rule_file.programmes.count() == expected, path.name
    assert Programme.objects.count() > 20
    assert RuleFile.objects.filter(file_id="hp-2162-2026", document_number="2162/QĐ-UBND").exists()
    pf, prog = programme_rule(Programme.objects.get(code="hp2162_tp_hang_nam_tap_the"))
    assert prog.kind == "annual" and prog.subject == "collective"
    assert pf.id == "hp-2162-2026"


@pytest.mark.django_db
def test_saving_again_bumps_the_version_and_keeps_dropped_programmes_inactive(personas):
    path = Path(PROGRAMMES_DIR) / "ktd-2026.yaml"
    text = path.read_text(encoding="utf-8")
    unit = owner(text, personas)
    first = save_rule_file(text, unit=unit, actor=SYSTEM)
    codes = list(first.programmes.values_list("code", flat=True))
    dropped = codes[-1]
    start = text.index(f"  - code: {dropped}")
    end = text.find("\n  - code:", start + 1)
    shorter = text[:start] + (text[end + 1 :] if end != -1 else "")
    second = save_rule_file(shorter, unit=unit, actor=SYSTEM)
    assert second.pk == first.pk and second.version == first.version + 1
    assert Programme.objects.get(code=dropped).is_active is False
    assert Programme.objects.filter(rule_file=second, is_active=True).count() == len(codes) - 1


@pytest.mark.django_db
def test_an_invalid_file_is_refused_naming_the_field_and_nothing_is_saved(personas):
    text = (Path(PROGRAMMES_DIR) / "pl-26-2023.yaml").read_text(encoding="utf-8")
    broken = text.replace("kind: annual", "kind: yearly", 1)
    before = list(RuleFile.objects.values_list("pk", "version"))
    with pytest.raises(DomainError) as exc:
        save_rule_file(broken, unit=personas.city, actor=SYSTEM)
    assert "programmes[0].kind" in exc.value.message or any(
        "kind" in row["path"] for row in exc.value.rows
    )
    assert list(RuleFile.objects.values_list("pk", "version")) == before
    with pytest.raises(DomainError) as exc:
        save_rule_file("id: [unclosed", unit=personas.city, actor=SYSTEM)
    assert "dòng 1" in exc.value.message
