"""Files of the CCHC plan reports: the plan dashboard and the overview as Excel, and the Word draft of the
report on the plan's results (báo cáo kết quả thực hiện Kế hoạch CCHC) for a quarter, the first half or the year.

The Word draft is a Báo cáo built with `cchc.documents.kinds.report` (Nghị định 30/2020/NĐ-CP): the ward's
People's Committee as issuer, "Số:      /BC-UBND" left for the clerk, the tables filled from the data, and
the parts only the ward can write (difficulties, next period's tasks, proposals) left as marked placeholders.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cchc.core import sheets
from cchc.core.dates import fmt
from cchc.documents import kinds
from cchc.documents.spec import Block, Heading, Issuer, Paragraph, Signer, Table
from cchc.documents.word import render
from cchc.orgs.choices import LEVEL_KINDS
from cchc.plans.choices import OfficeRole, Timeliness
from cchc.reports.dashboard import Figures, Overview, PlanDashboard

TIMELINESS_LABELS = dict(Timeliness.choices)
TIMELINESS_LABELS[Timeliness.LATE] = "Hoàn thành muộn"
PLACEHOLDER = "[Đơn vị tự viết nội dung phần này.]"


@dataclass(frozen=True)
class Period:
    key: str
    label: str  # "Quý III", "6 tháng đầu năm", "năm"
    last_month: int

    def title_suffix(self) -> str:
        return "" if self.key == "nam" else f" ({self.label})"

    def next_label(self, year: int) -> str:
        if self.key in {"nam", "quy-4"}:
            return f"năm {year + 1}"
        if self.key == "6-thang":
            return f"6 tháng cuối năm {year}"
        return "quý tới"


PERIODS = {
    p.key: p
    for p in [
        Period("quy-1", "Quý I", 3),
        Period("quy-2", "Quý II", 6),
        Period("6-thang", "6 tháng đầu năm", 6),
        Period("quy-3", "Quý III", 9),
        Period("quy-4", "Quý IV", 12),
        Period("nam", "năm", 12),
    ]
}


def default_period(*, year: int, today: date) -> Period:
    """The quarter under way in the plan's year (reports are drafted before the quarter ends); the year after."""
    if today.year > year:
        return PERIODS["nam"]
    if today.year < year:
        return PERIODS["quy-1"]
    return PERIODS[f"quy-{(today.month - 1) // 3 + 1}"]


def lead_names(task) -> str:
    """The task's lead offices (matched units by name, others as written); the cell as written otherwise."""
    names = [str(o) for o in task.offices.all() if o.role == OfficeRole.LEAD]
    return "; ".join(names) or task.lead_text


def rate_text(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.1f}".replace(".", ",")


FIGURE_HEADERS = [
    "Số nhiệm vụ",
    "Đã hoàn thành",
    "Trước hạn",
    "Đúng hạn",
    "Hoàn thành muộn",
    "Đang quá hạn",
    "Trong hạn",
    "Không có hạn cụ thể",
    "Tỷ lệ đúng hạn (%)",
]


def figure_cells(f: Figures) -> list:
    return [f.tasks, f.done, f.early, f.on_time, f.late, f.overdue, f.in_progress, f.no_due, f.rate]


# --- Excel ----------------------------------------------------------------------------------------------------


def _sheet(wb, title: str, headers: list[str], rows: list[list], widths: list[int]):
    from openpyxl.styles import Alignment, Font, PatternFill

    ws = wb.create_sheet(title[:31])
    sheets.append(ws, headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DCE6F1")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in rows:
        sheets.append(ws, row)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, date):
                cell.number_format = "dd/mm/yyyy"
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = w
    ws.freeze_panes = "A2"
    return ws


def plan_xlsx(*, dash: PlanDashboard, tasks) -> bytes:
    """Sheets: by area (with the total), by lead office, every task with its timeliness, the targets."""
    from openpyxl.styles import Font

    wb = sheets.workbook(empty=True)
    numbers = [10] * len(FIGURE_HEADERS)
    rows = [[a.code, a.label, *figure_cells(a.figures)] for a in dash.areas]
    rows.append(["", "Tổng cộng", *figure_cells(dash.totals)])
    ws = _sheet(wb, "Theo lĩnh vực", ["Mã", "Lĩnh vực", *FIGURE_HEADERS], rows, [6, 50, *numbers])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    _sheet(
        wb,
        "Theo cơ quan chủ trì",
        ["Cơ quan chủ trì", *FIGURE_HEADERS],
        [[o.label, *figure_cells(o.figures)] for o in dash.offices],
        [45, *numbers],
    )
    _sheet(
        wb,
        "Nhiệm vụ",
        [
            "TT",
            "Lĩnh vực",
            "Nội dung nhiệm vụ",
            "Cơ quan chủ trì",
            "Thời hạn (nguyên văn)",
            "Hạn hoàn thành",
            "Trạng thái",
            "Tiến độ (%)",
            "Ngày hoàn thành",
            "Tình hình thực hiện",
        ],
        [
            [
                t.no,
                t.area.code if t.area_id else "",
                t.content,
                lead_names(t),
                t.deadline_text,
                t.due_on,
                t.get_status_display(),
                t.percent,
                t.completed_on,
                TIMELINESS_LABELS.get(t.timeliness, ""),
            ]
            for t in tasks
        ],
        [6, 8, 70, 35, 25, 14, 16, 10, 14, 20],
    )
    _sheet(
        wb,
        "Chỉ tiêu",
        ["Mã", "Chỉ tiêu", "Kỳ", "Giá trị đạt được", "Kết quả"],
        [
            [
                line.target.code,
                line.target.text,
                line.measure.period_label if line.measure else "",
                float(line.measure.value)
                if line.measure and line.measure.value is not None
                else None,
                achieved_text(line.measure),
            ]
            for line in dash.targets
        ],
        [6, 70, 16, 14, 16],
    )
    return sheets.to_bytes(wb)


def achieved_text(measure) -> str:
    if measure is None or measure.achieved is None:
        return "Chưa đánh giá"
    return "Đạt" if measure.achieved else "Không đạt"


OVERVIEW_HEADERS = ["Đơn vị", "Loại", "Kế hoạch", *FIGURE_HEADERS, "Đạt chỉ tiêu 100%"]


def overview_rows(ov: Overview) -> list[list]:
    rows = [
        [
            r.label,
            r.unit.get_kind_display(),
            r.plan.title,
            *figure_cells(r.figures),
            _meets(r.figures),
        ]
        for r in ov.rows
    ]
    rows.append(["Tổng cộng", "", f"{len(ov.rows)} kế hoạch", *figure_cells(ov.totals), ""])
    return rows


def _meets(f: Figures) -> str:
    return {None: "Chưa đến hạn", True: "Đạt", False: "Chưa đạt"}[f.meets_target]


# --- Word -----------------------------------------------------------------------------------------------------


def _issuer(unit) -> Issuer:
    """A ward's (commune's) People's Committee, or the department itself under the city's Committee."""
    if unit.kind in LEVEL_KINDS:
        return Issuer(name=f"Ủy ban nhân dân {_lower_first(unit.name)}", code="UBND")
    parent = unit.parent
    governing = (
        f"Ủy ban nhân dân {_lower_first(parent.name)}"
        if parent is not None and parent.kind in LEVEL_KINDS
        else ""
    )
    return Issuer(name=unit.name, parent=governing)


def _lower_first(text: str) -> str:
    return f"{text[:1].lower()}{text[1:]}"


def _plan_reference(plan) -> str:
    """ "Kế hoạch số 15/KH-UBND ngày 10/01/2026 về ...", "Quyết định số …/QĐ-UBND tháng 01/2026 ban hành ..."."""
    doc = plan.document
    if doc is None:
        return f"Kế hoạch cải cách hành chính năm {plan.year}"
    number = f" số {doc.display_number}" if doc.number or doc.symbol else ""
    when = ""
    if doc.issued_on:
        when = {
            "day": f" ngày {fmt(doc.issued_on)}",
            "month": f" tháng {fmt(doc.issued_on, precision='month')}",
        }.get(doc.date_precision, f" năm {doc.issued_on.year}")
    title = _lower_first(doc.title)
    joined = f" {title}" if title.startswith("ban hành") else f" về {title}"
    return f"{doc.get_doc_type_display()}{number}{when}{joined}"


AREA_HEADERS = [
    "TT",
    "Lĩnh vực",
    "Số nhiệm vụ",
    "Hoàn thành đúng hạn",
    "Hoàn thành muộn",
    "Đang quá hạn",
    "Tỷ lệ đúng hạn (%)",
]


def report_docx(*, dash: PlanDashboard, tasks, period: Period) -> bytes:
    """The draft report (Báo cáo) on the plan's results for `period`, figures as of `dash.today`."""
    plan, unit, t = dash.plan, dash.plan.unit, dash.totals
    issuer = _issuer(unit)
    period_words = "năm" if period.key == "nam" else f"{_lower_first(period.label)} năm"
    blocks: list[Block] = [
        Paragraph(
            f"Thực hiện {_plan_reference(plan)}, {issuer.name} báo cáo kết quả thực hiện Kế hoạch "
            f"cải cách hành chính {period_words} {plan.year} như sau (số liệu tính đến ngày "
            f"{fmt(dash.today)}):"
        ),
        Heading("I. KẾT QUẢ THỰC HIỆN"),
        Heading("1. Kết quả thực hiện các nhiệm vụ của Kế hoạch", level=2),
        Paragraph(
            f"Kế hoạch có {t.tasks} nhiệm vụ; đã hoàn thành {t.done} nhiệm vụ, trong đó "
            f"{t.done_on_time} nhiệm vụ hoàn thành đúng hạn hoặc trước hạn, {t.late} nhiệm vụ hoàn "
            f"thành muộn; {t.overdue} nhiệm vụ đang quá hạn; {t.in_progress} nhiệm vụ đang thực "
            f"hiện trong hạn; {t.no_due} nhiệm vụ thường xuyên hoặc không có thời hạn cụ thể. Tỷ lệ "
            f"nhiệm vụ hoàn thành đúng hạn đạt {rate_text(t.rate)}% so với chỉ tiêu "
            f"{dash.target_rate}%."
        ),
    ]
    rows: list[list] = [
        [
            i,
            a.label,
            a.figures.tasks,
            a.figures.done_on_time,
            a.figures.late,
            a.figures.overdue,
            rate_text(a.figures.rate),
        ]
        for i, a in enumerate(dash.areas, start=1)
    ]
    rows.append(["", "Tổng cộng", t.tasks, t.done_on_time, t.late, t.overdue, rate_text(t.rate)])
    blocks.append(
        Table(
            headers=AREA_HEADERS,
            rows=rows,
            widths=[10, 60, 18, 22, 20, 18, 20],
            bold_rows=[len(rows) - 1],
        )
    )
    blocks.append(Heading("2. Nhiệm vụ chưa hoàn thành, hoàn thành muộn", level=2))
    pending = [
        x
        for x in tasks
        if x.timeliness in (Timeliness.OVERDUE, Timeliness.LATE, Timeliness.IN_PROGRESS)
    ]
    order = {Timeliness.OVERDUE: 0, Timeliness.LATE: 1, Timeliness.IN_PROGRESS: 2}
    pending.sort(key=lambda x: (order[x.timeliness], x.due_on, x.no))
    if pending:
        blocks.append(
            Table(
                headers=["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Tình hình thực hiện"],
                rows=[
                    [x.no, x.content, lead_names(x), fmt(x.due_on), _situation(x)] for x in pending
                ],
                widths=[10, 68, 33, 25, 32],
                align=["center", "left", "left", "center", "left"],
            )
        )
    else:
        blocks.append(
            Paragraph("Không có nhiệm vụ chưa hoàn thành hoặc hoàn thành muộn.", italic=True)
        )
    blocks.append(Heading("3. Kết quả thực hiện các chỉ tiêu", level=2))
    if dash.targets:
        blocks.append(
            Table(
                headers=["TT", "Chỉ tiêu", "Kết quả đạt được", "Đánh giá"],
                rows=[
                    [i, line.target.text, _measured(line), achieved_text(line.measure)]
                    for i, line in enumerate(dash.targets, start=1)
                ],
                widths=[10, 95, 35, 28],
                align=["center", "left", "center", "center"],
            )
        )
    else:
        blocks.append(Paragraph("Kế hoạch không có chỉ tiêu được theo dõi.", italic=True))
    blocks += [
        Heading("II. KHÓ KHĂN, VƯỚNG MẮC"),
        Paragraph(PLACEHOLDER, italic=True),
        Heading(f"III. PHƯƠNG HƯỚNG, NHIỆM VỤ {period.next_label(plan.year).upper()}"),
        Paragraph(PLACEHOLDER, italic=True),
        Heading("IV. ĐỀ XUẤT, KIẾN NGHỊ"),
        Paragraph(PLACEHOLDER, italic=True),
        Paragraph(
            f"Trên đây là báo cáo kết quả thực hiện Kế hoạch cải cách hành chính {period_words} "
            f"{plan.year} của {issuer.name}./."
        ),
    ]
    level = unit.kind in LEVEL_KINDS
    spec = kinds.report(
        issuer=issuer,
        title=f"Kết quả thực hiện Kế hoạch cải cách hành chính năm {plan.year}"
        f"{period.title_suffix()}",
        blocks=blocks,
        signer=Signer(
            on_behalf_of="Ủy ban nhân dân" if level else "",
            position="Chủ tịch" if level else "Giám đốc",
        ),
        place=unit.short_name or unit.name,
        recipients=["Sở Nội vụ thành phố", "Thường trực Đảng ủy, HĐND"],
    )
    return render(spec)


def _situation(task) -> str:
    if task.timeliness == Timeliness.LATE:
        return (
            f"Hoàn thành muộn ngày {fmt(task.completed_on)}"
            if task.completed_on
            else "Hoàn thành muộn"
        )
    return f"{TIMELINESS_LABELS[task.timeliness]}, đạt {task.percent}%"


def _measured(line) -> str:
    m = line.measure
    if m is None:
        return "Chưa có số liệu"
    value = (
        ""
        if m.value is None
        else f"{m.value.normalize():f}".replace(".", ",")
        + (f" {line.target.value_unit}" if line.target.value_unit else "")
    )
    return f"{value} ({m.period_label})".strip() if value else m.period_label
