"""A plan's award rules kept in the database: saving a rule file (validated, with its programmes as rows) and
reading the pure rule objects back for evaluation.

`RuleFile.data` is the file as parsed from YAML (what `rules.schema.parse_programme_data` accepts) and each
`Programme` row mirrors one programme of it (`code`, name, kind, form, subject, source; `data` is that
programme's part of the file). The evaluators read the rules through `programme_file` and `programme_rule`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import yaml
from django.db import transaction

from cchc.awards.models import Programme, RuleFile
from cchc.awards.rules import schema
from cchc.core import audit
from cchc.core.errors import DomainError
from cchc.core.scope import user_or_none
from cchc.core.text import fold_words
from cchc.orgs.models import Unit

__all__ = ["programme_file", "programme_rule", "save_rule_file", "parse_text"]


def parse_text(text: str, *, file: str = "<tệp>") -> tuple[dict[str, Any], schema.ProgrammeFile]:
    """The YAML text of a rule file, parsed and validated; a `DomainError` lists every error with the path of
    its field."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"dòng {mark.line + 1}, cột {mark.column + 1}: " if mark is not None else ""
        raise DomainError(
            f"Tệp quy định {file} không đọc được (YAML): {where}{getattr(exc, 'problem', exc)}",
            field="text",
        ) from None
    try:
        pf = schema.parse_programme_data(data, file=file)
    except schema.RuleFileError as exc:
        raise DomainError(
            str(exc), field="text", rows=[{"path": p, "message": m} for p, m in exc.errors]
        ) from None
    return data, pf


def _document_of(unit: Unit, number: str):
    from cchc.registry.models import Document

    if not number:
        return None
    return Document.objects.filter(number=number, org_unit=unit).order_by("pk").first()


@transaction.atomic
def save_rule_file(text: str, *, unit: Unit, actor, source_path: str = "") -> RuleFile:
    """Store (or replace) the rule file of a plan issued by `unit`, with one `Programme` row per programme.

    A programme code used by another plan's file is refused; programmes dropped from the file are kept,
    inactive, since dossiers may point at them. A row renamed or taken out of force in the page keeps that
    change when the file is saved again; otherwise the row follows the file.
    """
    data, pf = parse_text(text, file=source_path or "<tệp>")
    clash = (
        Programme.objects.filter(code__in=[p.code for p in pf.programmes])
        .exclude(rule_file__file_id=pf.id)
        .values_list("code", "rule_file__file_id")
        .first()
    )
    if clash:
        raise DomainError(
            f"Mã chương trình “{clash[0]}” đã dùng trong tệp quy định {clash[1]}.", field="text"
        )
    rule_file = RuleFile.objects.select_for_update().filter(file_id=pf.id).first()
    created = rule_file is None
    if rule_file is None:
        rule_file = RuleFile(file_id=pf.id, unit=unit)
    elif rule_file.unit_id != unit.pk:
        raise DomainError(
            f"Tệp quy định {pf.id} đã thuộc {rule_file.unit}, không ghi đè từ {unit}.", field="text"
        )
    # What the previous version said of each programme: a row whose name or state a person changed in the page
    # keeps that change when the file is saved again (the file's rules still replace the old ones).
    previous = {
        p.get("code"): p
        for p in (rule_file.data or {}).get("programmes", [])
        if isinstance(p, dict)
    }
    with audit.tracked(
        actor=actor,
        action="award_rules.create" if created else "award_rules.update",
        obj=rule_file,
        fields=["document_number", "title", "version"],
        unit_path=unit.path,
    ):
        rule_file.document_number = pf.document.number or ""
        rule_file.title = pf.document.title or ""
        rule_file.document = _document_of(unit, pf.document.number or "")
        rule_file.text = text
        rule_file.data = data
        rule_file.source_path = source_path
        rule_file.version = 1 if created else rule_file.version + 1
        rule_file.updated_by = user_or_none(actor)
        rule_file.search_text = fold_words(
            pf.id, rule_file.document_number, rule_file.title, pf.document.issuer, unit.name
        )
        rule_file.save()
    raw = {p["code"]: p for p in data.get("programmes", [])}
    kept = set()
    rows = {r.code: r for r in rule_file.programmes.all()} if not created else {}
    for order, prog in enumerate(pf.programmes):
        row = rows.get(prog.code)
        name, is_active = prog.name, True
        if row is not None and prog.code in previous:
            if row.name != previous[prog.code].get("name"):
                name = row.name
            is_active = row.is_active
        Programme.objects.update_or_create(
            code=prog.code,
            defaults={
                "rule_file": rule_file,
                "unit": unit,
                "name": name,
                "kind": prog.kind,
                "form": prog.form,
                "subject": prog.subject,
                "source": prog.source,
                "data": raw[prog.code],
                "order": order,
                "is_active": is_active,
                "search_text": programme_search_text(
                    name=name,
                    code=prog.code,
                    document=rule_file.document_number,
                    source=prog.source,
                ),
            },
        )
        kept.add(prog.code)
    rule_file.programmes.exclude(code__in=kept).update(is_active=False)
    return rule_file


def programme_search_text(*, name: str, code: str, document: str, source: str) -> str:
    """The folded words a programme is found by in its list (name, code, document, clause, form name)."""
    return fold_words(name, code, document, source)


@lru_cache(maxsize=64)
def _parsed(pk: int, version: int, file_id: str) -> schema.ProgrammeFile:
    data = RuleFile.objects.values_list("data", flat=True).get(pk=pk)
    return schema.parse_programme_data(data, file=file_id)


def programme_file(rule_file: RuleFile) -> schema.ProgrammeFile:
    """The validated, bound rule file (cached per version)."""
    return _parsed(rule_file.pk, rule_file.version, rule_file.file_id)


def programme_rule(programme: Programme) -> tuple[schema.ProgrammeFile, schema.Programme]:
    """The rule file and the pure programme of a `Programme` row."""
    pf = programme_file(programme.rule_file)
    return pf, pf.programme(programme.code)
