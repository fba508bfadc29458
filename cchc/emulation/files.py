"""The standing agency's aggregated report of a movement for a year (or a review of the period), as a Word draft
of a Báo cáo in the Nghị định 30/2020/NĐ-CP layout (`cchc.documents.kinds.report`).

The tables are filled from the system: who reported on time, late or not at all against the movement's rule,
the figures of each unit (frozen in its report when submitted, computed now for the others, each saying so),
the initiatives recognised, the units that launched their own cascaded movement. The parts only the agency can
write (the assessment, the tasks ahead) are left as marked placeholders; the good models, difficulties and
proposals the units wrote are gathered for it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from cchc.core import dates
from cchc.documents import kinds
from cchc.documents.spec import (
    Annex,
    Block,
    BulletList,
    Heading,
    Issuer,
    Paragraph,
    Signer,
    Table,
    TableSection,
)
from cchc.documents.word import render
from cchc.emulation import figures, selectors
from cchc.emulation.choices import ParticipantMode, ReportKind, Timeliness
from cchc.emulation.models import Movement
from cchc.orgs.choices import LEVEL_KINDS, BlocCode, UnitKind

PLACEHOLDER = "[Cơ quan thường trực tự viết nội dung phần này.]"
BLOC_NAMES = dict(BlocCode.choices)
STATUS_WORDS = {
    Timeliness.SUBMITTED: "Đúng hạn",
    Timeliness.LATE: "Nộp muộn",
    Timeliness.MISSING: "Chưa nộp",
    Timeliness.PENDING: "Chưa nộp (chưa đến hạn)",
}
WHAT: dict[str, str] = {
    ReportKind.ANNUAL: "năm",
    ReportKind.MID_TERM: "sơ kết",
    ReportKind.FINAL: "tổng kết",
}


def _lower_first(text: str) -> str:
    return f"{text[:1].lower()}{text[1:]}"


def _committee(level) -> str:
    return f"Ủy ban nhân dân {_lower_first(level.name)}"


def issuer_of(movement: Movement) -> Issuer:
    """The standing agency under the level's People's Committee (the committee itself when none is set)."""
    agency = movement.standing_agency
    if agency is None:
        return Issuer(name=_committee(movement.unit), code="UBND")
    code = "SNV" if agency.kind == UnitKind.DEPARTMENT and "nội vụ" in agency.name.lower() else ""
    return Issuer(name=agency.name, parent=_committee(movement.unit), code=code)


def _signer(movement: Movement) -> Signer:
    agency = movement.standing_agency
    if agency is None:
        return Signer(on_behalf_of="Ủy ban nhân dân", position="Chủ tịch")
    if agency.kind == UnitKind.DEPARTMENT:
        return Signer(position="Giám đốc")
    if agency.kind == UnitKind.CENTER:
        return Signer(position="Giám đốc")
    return Signer(position="Trưởng phòng" if agency.name.startswith("Phòng") else "Thủ trưởng")


def _reference(movement: Movement) -> str:
    doc = movement.document
    if doc is None:
        return f"Kế hoạch phát động phong trào thi đua “{movement.name}”"
    number = f" số {doc.number}" if doc.number else ""
    when = f" ngày {dates.fmt(doc.issued_on)}" if doc.issued_on else ""
    return f"{doc.get_doc_type_display()}{number}{when} của {doc.issuer or movement.unit.name}"


def _percent(part: int, whole: int) -> str:
    return "—" if not whole else f"{100 * part / whole:.1f}".replace(".", ",") + "%"


def _count(value: str | None) -> int | None:
    try:
        return int(Decimal(value)) if value is not None else None
    except (InvalidOperation, ValueError):
        return None


def aggregated_report_docx(
    *,
    actor,
    movement: Movement,
    year: int,
    kind: str = ReportKind.ANNUAL,
    today: dt.date | None = None,
) -> bytes:
    """The Word draft of the aggregated report (see the module docstring), over the participants the actor sees
    (the launching level's standing agency sees them all)."""
    today = today or dates.today()
    # Participants annotated with their report (`timeliness`, `submitted_on`): see `selectors.report_board`.
    board: Any = selectors.report_board(
        actor=actor, movement=movement, year=year, kind=kind, today=today
    )
    rows: list[Any] = list(board.order_by("bloc_code", "order", "unit__name"))
    due = selectors.report_due(movement, year, kind)
    reports = selectors.submitted_reports(movement=movement, year=year, kind=kind)
    live_par = figures.par_figures([r.unit_id for r in rows if r.unit_id not in reports], year)
    cascade: Any = selectors.cascade_board(actor=actor, movement=movement)
    launched = cascade.filter(launched=True).count()
    counts = {t: 0 for t in Timeliness.values}
    for r in rows:
        counts[r.timeliness] += 1
    total = len(rows)
    issuer = issuer_of(movement)
    what = WHAT[kind]
    period = f"năm {year}" if kind == ReportKind.ANNUAL else f"{what} {movement.period_label}"
    blocks: list[Block] = [
        Paragraph(
            f"Thực hiện {_reference(movement)} về việc phát động phong trào thi đua “{movement.name}”, "
            f"{issuer.plain_name} tổng hợp, báo cáo kết quả thực hiện phong trào {period} như sau "
            f"(số liệu tính đến ngày {dates.fmt(today)}):"
        ),
        Heading("I. CÔNG TÁC TRIỂN KHAI PHONG TRÀO"),
        Paragraph(
            f"Phong trào có {total} đơn vị tham gia; {launched} đơn vị đã xây dựng kế hoạch, phát động "
            f"phong trào thi đua của đơn vị để triển khai, {total - launched} đơn vị chưa phát động "
            "trên hệ thống."
        ),
        Heading("II. TÌNH HÌNH GỬI BÁO CÁO"),
        Paragraph(
            f"Hạn gửi báo cáo: {due.reason} Đến ngày {dates.fmt(today)}: {counts[Timeliness.SUBMITTED]}"
            f" đơn vị gửi đúng hạn, {counts[Timeliness.LATE]} đơn vị gửi muộn, "
            f"{counts[Timeliness.MISSING]} đơn vị chưa gửi báo cáo dù đã quá hạn"
            + (
                f", {counts[Timeliness.PENDING]} đơn vị chưa gửi (chưa đến hạn)"
                if counts[Timeliness.PENDING]
                else ""
            )
            + "."
        ),
        Table(
            headers=["TT", "Tình hình", "Số đơn vị", "Tỷ lệ"],
            rows=[
                [
                    1,
                    "Gửi báo cáo đúng hạn",
                    counts[Timeliness.SUBMITTED],
                    _percent(counts[Timeliness.SUBMITTED], total),
                ],
                [
                    2,
                    "Gửi báo cáo muộn",
                    counts[Timeliness.LATE],
                    _percent(counts[Timeliness.LATE], total),
                ],
                [
                    3,
                    "Chưa gửi báo cáo (quá hạn)",
                    counts[Timeliness.MISSING],
                    _percent(counts[Timeliness.MISSING], total),
                ],
                [
                    4,
                    "Chưa gửi (chưa đến hạn)",
                    counts[Timeliness.PENDING],
                    _percent(counts[Timeliness.PENDING], total),
                ],
                ["", "Tổng số đơn vị tham gia", total, _percent(total, total)],
            ],
            widths=[12, 90, 30, 30],
            align=["center", "left", "center", "center"],
            bold_rows=[4],
        ),
        Heading("III. KẾT QUẢ THỰC HIỆN CỦA CÁC ĐƠN VỊ"),
        Paragraph(
            "Số liệu lấy từ hệ thống: tỷ lệ nhiệm vụ của Kế hoạch CCHC hoàn thành đúng hạn, Chỉ số CCHC "
            "của năm gần nhất đã công bố (điểm, thứ hạng trong khối, xếp loại) và số sáng kiến được công "
            "nhận; với đơn vị đã nộp báo cáo là số liệu chốt khi nộp, với đơn vị chưa nộp là số liệu "
            f"tại ngày {dates.fmt(today)}. “{figures.NO_DATA}”: hệ thống chưa có dữ liệu để tính."
        ),
    ]
    table_rows: list = []
    bold: list[int] = []
    initiatives_total, initiatives_known = 0, 0
    current_bloc = None
    n = 0
    for r in rows:
        if movement.participant_mode == ParticipantMode.BLOCS and r.bloc_code != current_bloc:
            current_bloc = r.bloc_code
            table_rows.append(TableSection(BLOC_NAMES.get(r.bloc_code, "Đơn vị khác").upper()))
        n += 1
        report = reports.get(r.unit_id)
        if report is not None:
            items = {f.code: f for f in figures.thawed(report.figures)}
            plan = items.get(figures.PLAN_RATE)
            par = items.get(figures.PAR_INDEX)
            initiatives = items.get(figures.INITIATIVES)
        else:
            plan = figures.measure_figure(figures.PLAN_RATE, unit=r.unit, year=year, today=today)
            par = live_par.get(r.unit_id)
            initiatives = figures.measure_figure(figures.INITIATIVES, unit=r.unit, year=year)
        count = _count(initiatives.number) if initiatives else None
        if count is not None:
            initiatives_total += count
            initiatives_known += 1
        table_rows.append(
            [
                n,
                r.unit.name,
                STATUS_WORDS[r.timeliness],
                dates.fmt(r.submitted_on) if r.submitted_on else "",
                plan.text if plan else figures.NO_DATA,
                (
                    f"{par.number.replace('.', ',')} ({par.year})"
                    if par and par.number
                    else figures.NO_DATA
                ),
                (f"{par.rank}/{par.bloc_size}" if par and par.rank else "—"),
                (par.band or "—") if par and par.number else "—",
                str(count) if count is not None else figures.NO_DATA,
            ]
        )
    units_table = Table(
        headers=[
            "TT",
            "Đơn vị",
            "Báo cáo",
            "Ngày nộp",
            "Tỷ lệ nhiệm vụ CCHC đúng hạn",
            "Chỉ số CCHC (năm)",
            "Hạng trong khối",
            "Xếp loại",
            "Sáng kiến được công nhận",
        ],
        rows=table_rows,
        widths=[12, 70, 26, 26, 30, 28, 20, 22, 26],
        align=[
            "center",
            "left",
            "center",
            "center",
            "center",
            "center",
            "center",
            "center",
            "center",
        ],
        size=11,
        bold_rows=bold,
    )
    blocks.append(
        Paragraph(
            "Kết quả của từng đơn vị tại Phụ lục I; danh sách đơn vị chưa gửi báo cáo tại Phụ lục II."
        )
    )
    blocks.append(
        Paragraph(
            f"Tổng số sáng kiến được công nhận: {initiatives_total} (số liệu của {initiatives_known}/"
            f"{total} đơn vị; các đơn vị còn lại “{figures.NO_DATA}”)."
        )
    )
    missing = [r for r in rows if r.timeliness == Timeliness.MISSING]
    blocks.append(Heading("IV. ĐƠN VỊ CHƯA GỬI BÁO CÁO"))
    if missing:
        names = ", ".join(r.unit.name for r in missing[:10])
        more = f" và {len(missing) - 10} đơn vị khác" if len(missing) > 10 else ""
        blocks.append(
            Paragraph(
                f"Có {len(missing)} đơn vị chưa gửi báo cáo dù đã quá hạn ({due.label}): {names}{more} "
                "(danh sách tại Phụ lục II)."
            )
        )
        missing_block: Block = Table(
            headers=["TT", "Đơn vị", "Khối thi đua", "Hạn gửi"],
            rows=[
                [i, r.unit.name, BLOC_NAMES.get(r.bloc_code, ""), due.label]
                for i, r in enumerate(missing, start=1)
            ],
            widths=[14, 110, 60, 45],
            align=["center", "left", "left", "center"],
            size=11,
        )
    else:
        blocks.append(Paragraph("Không có đơn vị nào quá hạn mà chưa gửi báo cáo.", italic=True))
        missing_block = Paragraph("Không có đơn vị nào quá hạn mà chưa gửi báo cáo.", italic=True)
    sent = [reports[r.unit_id] for r in rows if r.unit_id in reports]
    for heading, attr in (
        ("V. MÔ HÌNH, CÁCH LÀM HAY", "good_models"),
        ("VI. KHÓ KHĂN, VƯỚNG MẮC", "difficulties"),
        ("VII. ĐỀ XUẤT, KIẾN NGHỊ", "proposals"),
    ):
        blocks.append(Heading(heading))
        same: dict[str, list[str]] = {}
        for rep in sent:
            words = " ".join(getattr(rep, attr).split())[:600]
            if words:
                same.setdefault(words, []).append(rep.unit.name)
        written = [f"{', '.join(names)}: {words}" for words, names in same.items()]
        if written:
            blocks.append(BulletList(written))
        blocks.append(Paragraph(PLACEHOLDER, italic=True))
    blocks += [
        Heading("VIII. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI"),
        Paragraph(PLACEHOLDER, italic=True),
        Paragraph(
            f"Trên đây là báo cáo kết quả thực hiện phong trào thi đua “{movement.name}” {period} "
            f"của {issuer.plain_name}./."
        ),
    ]
    level = movement.unit
    place = level.short_name or level.name
    if level.kind == UnitKind.CITY:
        place = level.name.replace("Thành phố ", "")
    spec = kinds.report(
        issuer=issuer,
        title=f"Kết quả thực hiện phong trào thi đua “{movement.name}” {period}",
        blocks=blocks,
        signer=_signer(movement),
        addressees=[_committee(level)] if movement.standing_agency is not None else [],
        place=place if level.kind in LEVEL_KINDS else level.name,
        recipients=["Lãnh đạo " + _committee(level)] if movement.standing_agency else [],
        annexes=[
            Annex(
                title=f"Kết quả thực hiện phong trào {period} của các đơn vị",
                blocks=[units_table],
                landscape=True,
            ),
            Annex(
                title=f"Danh sách đơn vị chưa gửi báo cáo {period}",
                blocks=[missing_block],
                landscape=True,
            ),
        ],
    )
    return render(spec)
