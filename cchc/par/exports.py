"""Files of the PAR Index: a criteria set as Excel (re-importable), the ranking as Excel and as a Word table.

The Word table is an annex file laid out by `cchc.documents.word` (Nghị định 30/2020/NĐ-CP): the issuing body
and the national title side by side, "Phụ lục" with "(Kèm theo Quyết định số …)", page numbers from page 2.
"""

from cchc.core import sheets
from cchc.documents.spec import (
    Annex,
    AnnexFile,
    Block,
    Heading,
    Issuer,
    Kind,
    Paragraph,
    Table,
    citation,
)
from cchc.documents.word import render_annex_file
from cchc.orgs.choices import BlocCode
from cchc.par.criteria_services import BAND_SHEET, SET_COLUMNS
from cchc.par.scoring import vn

BLOC_LABELS = dict(BlocCode.choices)
METHOD_LABELS = {
    "points": "Chấm điểm",
    "yes_no": "Đạt/không đạt",
    "threshold": "Theo ngưỡng",
    "survey": "Điều tra",
}
PART_LABELS = {"appraised": "Thẩm định", "survey": "Điều tra xã hội học"}


def _sheet_style(ws, widths):
    from openpyxl.styles import Alignment, Font, PatternFill

    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DCE6F1")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = w
    ws.freeze_panes = "A2"


def criteria_set_xlsx(*, criteria_set, nodes) -> bytes:
    """The tree (one row per node, parents first) and a “Xếp loại” sheet with the bands."""
    from openpyxl.styles import Font

    wb = sheets.workbook()
    ws = sheets.first_sheet(wb, "Bộ chỉ số")
    keys = list(SET_COLUMNS)
    sheets.append(ws, [SET_COLUMNS[k][0] for k in keys])
    for node in nodes:
        c = node.criterion
        values = {
            "code": c.code,
            "name": c.name,
            "max_score": float(c.max_score),
            "part": PART_LABELS.get(c.part, c.part),
            "method": "" if not c.is_leaf else METHOD_LABELS.get(c.method, c.method),
            "thresholds": node.thresholds_text if c.is_leaf and c.method == "threshold" else "",
            "figure_unit": c.figure_unit if c.is_leaf and c.method == "threshold" else "",
            "evidence_required": "Có" if c.evidence_required else "",
            "allow_not_applicable": "Có" if c.allow_not_applicable else "",
            "guide": c.guide,
        }
        sheets.append(ws, [values[k] for k in keys])
        if c.level == 1:
            for cell in ws[ws.max_row]:
                cell.font = Font(bold=True)
    _sheet_style(ws, [9, 70, 12, 18, 16, 24, 10, 14, 14, 50])
    bands = wb.create_sheet(BAND_SHEET)
    sheets.append(bands, ["Xếp loại", "Từ điểm (≥)"])
    for b in criteria_set.bands.order_by("-min_score"):
        sheets.append(bands, [b.name, float(b.min_score)])
    _sheet_style(bands, [20, 14])
    info = wb.create_sheet("Thông tin")
    for row in [
        ("Tên bộ chỉ số", criteria_set.name),
        ("Năm", criteria_set.year),
        ("Khối", BLOC_LABELS.get(criteria_set.bloc_code, criteria_set.bloc_code)),
        ("Phiên bản", criteria_set.version),
        ("Tổng điểm phần thẩm định", float(criteria_set.appraised_max)),
        ("Tổng điểm điều tra xã hội học", float(criteria_set.survey_max)),
        ("Căn cứ", criteria_set.basis),
    ]:
        sheets.append(info, list(row))
    info.column_dimensions["A"].width = 32
    info.column_dimensions["B"].width = 80
    return sheets.to_bytes(wb)


def survey_template_xlsx(*, columns: dict, units) -> bytes:
    """The survey import file: one row per unit of the round, one column per survey item."""
    wb = sheets.workbook()
    ws = sheets.first_sheet(wb, "Điều tra xã hội học")
    sheets.append(ws, ["Mã đơn vị", "Đơn vị", *columns.keys()])
    for u in units:
        sheets.append(ws, [u.code, u.name, *["" for _ in columns]])
    _sheet_style(ws, [14, 40, *[10 for _ in columns]])
    notes = wb.create_sheet("Hướng dẫn")
    sheets.append(notes, ["Mục", "Nội dung", "Điểm tối đa"])
    for code, (name, top) in columns.items():
        sheets.append(notes, [code, name, float(top)])
    _sheet_style(notes, [8, 70, 12])
    return sheets.to_bytes(wb)


RANKING_HEADERS = [
    "Xếp hạng",
    "Thứ tự xét khen thưởng",
    "Đơn vị",
    "Điểm tự đánh giá",
    "Điểm thẩm định",
    "Điểm điều tra XHH",
    "Chỉ số CCHC (%)",
    "Xếp loại",
]


def ranking_rows(results) -> list[list]:
    return [
        [
            r.rank,
            r.award_order,
            r.unit.name,
            float(r.self_score) if r.self_score is not None else None,
            float(r.appraised_score),
            float(r.survey_score),
            float(r.total),
            r.band,
        ]
        for r in results
    ]


RANKING_DOCX_HEADERS = [
    "Xếp hạng",
    "Đơn vị",
    "Điểm thẩm định",
    "Điểm điều tra XHH",
    "Chỉ số (%)",
    "Xếp loại",
]
RANKING_NOTE = (
    "Ghi chú: Chỉ số = (điểm thẩm định + điểm điều tra xã hội học) quy về thang 100; các đơn vị bằng "
    "điểm cùng thứ hạng. Thứ tự xét khen thưởng khi bằng điểm: điểm thẩm định cao hơn, rồi điểm điều "
    "tra cao hơn."
)


def ranking_docx(
    *, organiser, year: int, blocs: list[tuple[str, list]], published_on=None
) -> bytes:
    """The ranking of each bloc as an annex file, ready to attach to the chairman's decision.

    One table per bloc (rank, unit, appraisal and survey points, index, band) in the annex layout of
    Nghị định 30/2020/NĐ-CP (Phụ lục III, Mẫu 2.1), dated the day the results were published.
    """
    committee = f"Ủy ban nhân dân {organiser.name[:1].lower()}{organiser.name[1:]}"
    blocks: list[Block] = []
    for code, results in blocs:
        blocks.append(Heading(BLOC_LABELS.get(code, code).upper()))
        blocks.append(
            Table(
                headers=RANKING_DOCX_HEADERS,
                rows=[
                    [
                        r.rank,
                        r.unit.name,
                        vn(r.appraised_score),
                        vn(r.survey_score),
                        vn(r.total),
                        r.band,
                    ]
                    for r in results
                ],
                widths=[16, 60, 24, 22, 19, 24],
                align=["center", "left", "center", "center", "center", "center"],
            )
        )
        if not results:
            blocks.append(Paragraph("Chưa có kết quả.", italic=True, indent=False, align="left"))
    blocks.append(Paragraph(RANKING_NOTE, italic=True, size=12))
    decision = citation(
        kind=Kind.DECISION,
        symbol="QĐ-UBND",
        number=None,
        issued_on=None,
        author=f"Chủ tịch {committee}",
    )
    return render_annex_file(
        AnnexFile(
            issuer=Issuer(name=committee),
            annex=Annex(
                title=f"Kết quả xếp hạng Chỉ số cải cách hành chính năm {year}", blocks=blocks
            ),
            reference=f"(Kèm theo {decision})",
            place=organiser.short_name or organiser.name,
            issued_on=published_on,
        )
    )
