"""Writes of award decisions: draft the chairman's decision from the council's recommendations, sign it (awards
created, the decision registered), propose upward what the level cannot confer, record the higher decision,
revoke an award, keep the base salary table. Each service is one transaction with its policy and audit."""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any

from django.db import transaction

from cchc.awards import money
from cchc.awards import policies_decisions as policies
from cchc.awards import selectors_decisions as selectors
from cchc.awards.choices import DecisionKind, DecisionStatus, NominationStatus
from cchc.awards.files_decisions import body_name
from cchc.awards.models import Award, BaseSalary, Decision, Nomination, Programme
from cchc.awards.rules import powers
from cchc.awards.rules.laws import law_era
from cchc.awards.workflows_decisions import DECISION_FLOW
from cchc.core import audit, dates
from cchc.core.errors import DomainError, PermissionDenied
from cchc.core.scope import SYSTEM, user_or_none
from cchc.core.text import fold_words, nfc
from cchc.orgs.models import Unit
from cchc.orgs.selectors import level_of, standing_agency_of
from cchc.registry.choices import DocType
from cchc.registry.models import Document
from cchc.registry.services import BasisInput, document_register

DECREE_152 = "152/2025/NĐ-CP"


def _cite(doc: Document) -> str:
    """ "Căn cứ Kế hoạch số 259/KH-UBND ngày 19 tháng 6 năm 2026 của Ủy ban nhân dân phường Lê Chân về …"."""
    title = doc.title.strip().rstrip(".;")
    joined = title[:1].lower() + title[1:]
    if not joined.startswith(("ban hành", "về ", "quy định")):
        joined = f"về {joined}"
    when = dates.long_form(doc.issued_on) if doc.issued_on else ""
    issuer = f" của {doc.issuer}" if doc.issuer else ""
    return " ".join(
        x
        for x in (
            f"Căn cứ {doc.get_doc_type_display()} số {doc.number}",
            when,
            issuer.strip(),
            joined,
        )
        if x
    )


def _plan_document(programme: Programme) -> Document | None:
    rule_file = programme.rule_file
    if rule_file.document_id:
        return rule_file.document
    if rule_file.document_number:
        return (
            Document.objects.filter(number=rule_file.document_number, org_unit=rule_file.unit)
            .order_by("pk")
            .first()
        )
    return None


def legal_bases(*, programme: Programme | None, day: date) -> list[dict[str, str]]:
    """The "Căn cứ" lines: the laws in force on `day`, the award decree from the registry, then the registry's
    chain of the movement's plan (the movement it cascades, the plan itself); each with its number so that the
    registered decision links to what it cites."""
    era = law_era(day)
    bases = [{"text": line, "number": ""} for line in era.lines]
    if era.decree.endswith(DECREE_152):
        decree = Document.objects.filter(number=DECREE_152).order_by("pk").first()
        text = (
            _cite(decree)
            if decree is not None
            else "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân "
            "cấp, phân quyền trong lĩnh vực thi đua, khen thưởng"
        )
        bases.append({"text": text, "number": DECREE_152})
    if programme is None:
        return bases
    plan = _plan_document(programme)
    if plan is not None:
        movement_bases = [
            b.cited
            for b in plan.bases.select_related("cited").order_by("order", "id")
            if b.cited is not None and "thi đua" in b.cited.title.lower()
        ]
        for cited in [*movement_bases, plan]:
            if cited.number and cited.number not in {b["number"] for b in bases}:
                bases.append({"text": _cite(cited), "number": cited.number})
    else:
        doc = programme.rule_file.data.get("document", {})
        if doc.get("number"):
            when = dates.parse(doc.get("date"))
            bases.append(
                {
                    "text": (
                        f"Căn cứ {doc.get('type', 'Kế hoạch')} số {doc['number']} "
                        f"{dates.long_form(when) if when else ''} của {doc.get('issuer', '')} "
                        f"về {doc.get('title', '')}"
                    ).replace("  ", " "),
                    "number": doc["number"],
                }
            )
    return bases


def _proposal_line(level: Unit, *, number: str = "", day: date | None = None) -> str:
    """ "Theo đề nghị của Trưởng Phòng Văn hóa - Xã hội tại Tờ trình số … ngày …" (the submission the decision
    answers) and of the level's council."""
    agency = standing_agency_of(level=level)
    who = (
        f"Trưởng {agency.name}"
        if agency is not None
        else "cơ quan thường trực công tác thi đua, khen thưởng"
    )
    if number:
        who += f" tại Tờ trình số {number}" + (f" {dates.long_form(day)}" if day else "")
    council = f"{level.name[:1].lower()}{level.name[1:]}"
    return f"Theo đề nghị của {who} và Hội đồng Thi đua - Khen thưởng {council}"


def _check_level(actor: Any, level: Unit) -> None:
    if not policies.can_draft_decision(actor, level):
        raise PermissionDenied(
            "Chỉ cơ quan thường trực của cấp này mới lập quyết định khen thưởng."
        )


@transaction.atomic
def decision_draft(
    *,
    actor: Any,
    programme: Programme,
    year: int,
    fund_source: str = "",
    signer_title: str = "Chủ tịch",
    submission_number: str = "",
    submission_date: date | None = None,
) -> Decision:
    """Draft the chairman's decision from the nominees the council recommended (lowered ones at the lower
    form) for a programme and year, keeping only the forms this level confers itself (Luật Thi đua, khen thưởng
    2022, Điều 80)."""
    level = programme.unit
    _check_level(actor, level)
    own, up = selectors.split_by_power(
        selectors.recommended(programme=programme, year=year), level=level
    )
    if not own:
        more = f" {len(up)} đề nghị thuộc thẩm quyền cấp trên: dùng “Trình cấp trên”." if up else ""
        raise DomainError(
            f"Chưa có tập thể, cá nhân nào được Hội đồng đề nghị khen thưởng thuộc thẩm quyền của "
            f"{level.name} cho “{programme.name}” năm {year}.{more}",
            field="programme",
        )
    issuer = body_name(level)
    forms = ", ".join(
        dict.fromkeys(powers.titled_name(selectors.effective_form(n), level) for n in own)
    )
    whom = {
        frozenset({"person"}): "các cá nhân",
        frozenset({"collective"}): "các tập thể",
    }.get(frozenset(n.subject for n in own), "các tập thể, cá nhân")
    decision = Decision(
        unit=level,
        kind=DecisionKind.OWN,
        status=DecisionStatus.DRAFT,
        programme=programme,
        year=year,
        title=f"Về việc tặng {forms} cho {whom} có thành tích xuất sắc năm {year}",
        issuer=f"Chủ tịch {issuer}",
        signer_title=signer_title,
        fund_source=nfc(fund_source) or f"Quỹ thi đua, khen thưởng của {issuer} năm {year}",
        bases=legal_bases(programme=programme, day=dates.today()),
        submission_number=nfc(submission_number),
        submission_date=submission_date,
        proposal=_proposal_line(level, number=nfc(submission_number), day=submission_date),
    )
    decision.full_clean(exclude=["nominations"])
    decision.save()
    decision.nominations.set(own)
    audit.record(
        actor=actor,
        action="award_decision.draft",
        obj=decision,
        after={**audit.snapshot(decision), "nominations": [n.pk for n in own]},
        unit_path=level.path,
    )
    return decision


@transaction.atomic
def proposal_create(
    *,
    actor: Any,
    programme: Programme,
    year: int,
    submission_number: str = "",
    submission_date: date | None = None,
) -> Decision:
    """Propose upward the recommended nominees whose form this level cannot confer: a submission (tờ trình) to
    the level above, the nominations marked "proposed up"; the higher decision is recorded on it when it comes."""
    level = programme.unit
    _check_level(actor, level)
    _, up = selectors.split_by_power(
        selectors.recommended(programme=programme, year=year), level=level
    )
    if not up:
        raise DomainError(
            f"Không có đề nghị nào của “{programme.name}” năm {year} vượt thẩm quyền của {level.name}.",
            field="programme",
        )
    higher = level_of(unit=level.parent) if level.parent is not None else None
    forms = sorted({selectors.effective_form(n) for n in up})
    authority = powers.authority_of(forms, higher)
    decision = Decision(
        unit=level,
        kind=DecisionKind.HIGHER,
        status=DecisionStatus.DRAFT,
        programme=programme,
        year=year,
        title=f"Về việc tặng {', '.join(powers.form_name(f) for f in forms)} năm {year}",
        issuer=authority,
        proposed_to=higher,
        submission_number=nfc(submission_number),
        submission_date=submission_date or dates.today(),
        bases=legal_bases(programme=programme, day=submission_date or dates.today()),
        proposal=_proposal_line(level),
    )
    decision.full_clean(exclude=["nominations"])
    decision.save()
    decision.nominations.set(up)
    Nomination.objects.filter(pk__in=[n.pk for n in up]).update(status=NominationStatus.PROPOSED_UP)
    audit.record(
        actor=actor,
        action="award_decision.propose_up",
        obj=decision,
        after={**audit.snapshot(decision), "nominations": [n.pk for n in up]},
        unit_path=level.path,
    )
    return decision


def _check_signing(decision: Decision, *, number: str, signed_on: date | None) -> str:
    number = nfc(number).replace(" ", "")
    if not number:
        raise DomainError("Vui lòng nhập số, ký hiệu của quyết định.", field="number")
    if signed_on is None:
        raise DomainError("Vui lòng nhập ngày ký (dd/mm/yyyy).", field="signed_on")
    if signed_on > dates.today():
        raise DomainError(
            f"Ngày ký {dates.fmt(signed_on)} sau ngày hôm nay ({dates.fmt(dates.today())}).",
            field="signed_on",
        )
    clash = (
        Decision.objects.filter(
            unit=decision.unit, number__iexact=number, signed_on__year=signed_on.year
        )
        .exclude(pk=decision.pk)
        .first()
    )
    if clash is not None:
        raise DomainError(
            f"Số {number} năm {signed_on.year} đã dùng cho quyết định “{clash.title[:80]}”.",
            field="number",
        )
    return number


def _confer(decision: Decision, *, day: date) -> list[Award]:
    """One award per nomination of the decision, with its money on the decision's date and a code that cannot
    be guessed (the public verification page reads it)."""
    table = selectors.salary_table()
    awards = []
    nominations = decision.nominations.select_related(
        "person", "person__unit", "unit", "unit__parent", "dossier"
    ).order_by("subject", "order", "id")
    for n in nominations:
        form = selectors.effective_form(n)
        amount = money.award_amount(form_code=form, subject=n.subject, day=day, table=table)
        if amount is None:
            raise DomainError(
                f"{n.name}: chưa tính được tiền thưởng của “{powers.form_name(form)}” ngày {dates.fmt(day)} "
                "(thiếu hệ số hoặc mức lương cơ sở) — cần kiểm tra danh mục.",
                field="signed_on",
            )
        award = Award(
            decision=decision,
            nomination=n,
            unit=selectors.nominee_unit(n),
            subject=n.subject,
            person=n.person,
            recipient=n.name,
            recipient_unit=selectors.nominee_unit_name(n),
            form=form,
            year=decision.year or n.dossier.year or day.year,
            amount=amount,
            decision_number=decision.number,
            decision_date=day,
            decided_by=decision.issuer,
            code=secrets.token_urlsafe(16),
        )
        award.search_text = fold_words(
            award.recipient, award.recipient_unit, powers.form_name(form)
        )
        awards.append(award)
    Award.objects.bulk_create(awards)
    Nomination.objects.filter(pk__in=[n.pk for n in nominations]).update(
        status=NominationStatus.AWARDED
    )
    return awards


def _register(decision: Decision, *, actor: Any, issuer_unit: Unit | None) -> Document:
    """The decision in the registry, citing its bases (the system registers it: the signer need not keep the
    register)."""
    doc = document_register(
        actor=SYSTEM,
        title=decision.title,
        doc_type=DocType.QD,
        number=decision.number,
        issuer=decision.issuer,
        issued_on=decision.signed_on,
        signer=decision.signer_name,
        signer_title=decision.signer_title,
        org_unit=decision.unit,
        issuer_unit=issuer_unit,
        period_start=decision.year,
        period_end=decision.year,
        bases=[BasisInput(number=b.get("number", ""), raw=b["text"]) for b in decision.bases],
        audit_it=False,
    )
    Document.objects.filter(pk=doc.pk).update(created_by=user_or_none(actor))
    return doc


@transaction.atomic
def decision_sign(
    *,
    actor: Any,
    decision: Decision,
    number: str,
    signed_on: date | None,
    signer_name: str,
    signer_title: str = "Chủ tịch",
) -> Decision:
    """The leader signs: the number and date are recorded, an award is created for each nominee (nominations →
    awarded; the others of the round the council did not recommend → not awarded) and the decision is registered
    in the registry."""
    DECISION_FLOW.check("sign", actor=actor, obj=decision)
    number = _check_signing(decision, number=number, signed_on=signed_on)
    assert signed_on is not None
    if not nfc(signer_name):
        raise DomainError("Vui lòng nhập họ tên người ký.", field="signer_name")
    decision.number = number
    decision.signed_on = signed_on
    decision.bases = legal_bases(programme=decision.programme, day=signed_on)
    _confer(decision, day=signed_on)
    if decision.programme is not None and decision.year:
        (
            Nomination.objects.filter(
                dossier__programme=decision.programme,
                dossier__year=decision.year,
                status=NominationStatus.FAILED,
            ).update(status=NominationStatus.NOT_AWARDED)
        )
    document = _register(decision, actor=actor, issuer_unit=decision.unit)
    return DECISION_FLOW.apply(
        "sign",
        actor=actor,
        obj=decision,
        changes={
            "number": number,
            "signed_on": signed_on,
            "signer_name": nfc(signer_name),
            "signer_title": nfc(signer_title) or "Chủ tịch",
            "bases": decision.bases,
            "document": document,
        },
        unit_path=decision.unit.path,
    )


@transaction.atomic
def higher_record(
    *,
    actor: Any,
    decision: Decision,
    number: str,
    signed_on: date | None,
    signer_name: str,
    signer_title: str = "Chủ tịch",
    issuer: str = "",
) -> Decision:
    """The higher level's decision on a proposal arrives: its number, date and signer are recorded, the awards
    created (nominations → awarded) and the decision kept in this level's registry."""
    DECISION_FLOW.check("record", actor=actor, obj=decision)
    number = _check_signing(decision, number=number, signed_on=signed_on)
    assert signed_on is not None
    decision.number = number
    decision.signed_on = signed_on
    if nfc(issuer):
        decision.issuer = nfc(issuer)
    decision.signer_name = nfc(signer_name)
    decision.signer_title = nfc(signer_title)
    _confer(decision, day=signed_on)
    document = _register(decision, actor=actor, issuer_unit=decision.proposed_to)
    return DECISION_FLOW.apply(
        "record",
        actor=actor,
        obj=decision,
        changes={
            "number": number,
            "signed_on": signed_on,
            "issuer": decision.issuer,
            "signer_name": decision.signer_name,
            "signer_title": decision.signer_title,
            "document": document,
        },
        unit_path=decision.unit.path,
    )


@transaction.atomic
def award_revoke(
    *,
    actor: Any,
    award: Award,
    reason: str,
    document_number: str,
    revoked_on: date | None,
    document_title: str = "",
) -> Award:
    """Revoke an award (Luật Thi đua, khen thưởng 2022, Điều 94): the reason and the revoking decision are
    recorded and audited; the award stays in the registry, marked revoked."""
    if award.revoked_on is not None:
        raise DomainError(f"Khen thưởng đã bị thu hồi ngày {dates.fmt(award.revoked_on)}.")
    if not policies.can_revoke_award(actor, award):
        raise PermissionDenied(
            "Chỉ cơ quan thường trực của cấp quyết định mới ghi nhận việc thu hồi."
        )
    reason = nfc(reason)
    if not reason:
        raise DomainError("Vui lòng ghi rõ lý do thu hồi.", field="reason")
    number = nfc(document_number).replace(" ", "")
    if not number:
        raise DomainError("Vui lòng nhập số, ký hiệu quyết định thu hồi.", field="document_number")
    if revoked_on is None:
        raise DomainError("Vui lòng nhập ngày quyết định thu hồi (dd/mm/yyyy).", field="revoked_on")
    if award.decision_date and revoked_on < award.decision_date:
        raise DomainError(
            f"Ngày thu hồi {dates.fmt(revoked_on)} trước ngày quyết định khen thưởng "
            f"{dates.fmt(award.decision_date)}.",
            field="revoked_on",
        )
    if revoked_on > dates.today():
        raise DomainError("Ngày thu hồi sau ngày hôm nay.", field="revoked_on")
    level = award.decision.unit if award.decision is not None else level_of(unit=award.unit)
    document = Document.objects.filter(number__iexact=number, org_unit=level).order_by("pk").first()
    if document is None:
        document = document_register(
            actor=SYSTEM,
            title=nfc(document_title)
            or f"Về việc thu hồi {powers.form_name(award.form)} đã tặng {award.recipient}",
            doc_type=DocType.QD,
            number=number,
            issuer=award.decided_by,
            issued_on=revoked_on,
            org_unit=level,
            issuer_unit=level,
            bases=[BasisInput(number=award.decision_number)] if award.decision_number else [],
            audit_it=False,
        )
    with audit.tracked(
        actor=actor,
        action="award.revoke",
        obj=award,
        fields=["revoked_on", "revoke_reason", "revoke_document"],
        unit_path=level.path,
        note=reason,
    ):
        award.revoked_on = revoked_on
        award.revoke_reason = reason
        award.revoke_document = document
        award.save(update_fields=["revoked_on", "revoke_reason", "revoke_document"])
    return award


@transaction.atomic
def base_salary_add(
    *, actor: Any, from_date: date | None, amount: int | None, source: str
) -> BaseSalary:
    """Add a base salary in force from a date (a new decree); amounts of decisions signed from that date use it."""
    if not policies.can_manage_base_salary(actor):
        raise PermissionDenied(
            "Chỉ cơ quan thường trực của thành phố mới cập nhật mức lương cơ sở."
        )
    if from_date is None:
        raise DomainError("Vui lòng nhập ngày áp dụng (dd/mm/yyyy).", field="from_date")
    if not amount or amount <= 0:
        raise DomainError("Mức lương cơ sở phải là số đồng lớn hơn 0.", field="amount")
    if BaseSalary.objects.filter(from_date=from_date).exists():
        raise DomainError(
            f"Đã có mức lương cơ sở áp dụng từ ngày {dates.fmt(from_date)}.", field="from_date"
        )
    source = nfc(source)
    if not source:
        raise DomainError("Vui lòng ghi văn bản quy định mức lương cơ sở.", field="source")
    row = BaseSalary(
        from_date=from_date, amount=amount, source=source, created_by=user_or_none(actor)
    )
    row.full_clean()
    row.save()
    audit.record(actor=actor, action="base_salary.create", obj=row, after=audit.snapshot(row))
    return row
