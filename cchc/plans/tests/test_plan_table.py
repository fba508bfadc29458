"""Reading a plan's task table from text, Word and Excel (cchc.plans.plan_table), on the ward plan of seed 004."""

import io
import random
from pathlib import Path

import pytest
from docx import Document
from openpyxl import Workbook

from cchc.plans.offices import split_offices
from cchc.plans.plan_files import parse_plan_file, rows_from_docx, rows_from_text, rows_from_xlsx
from cchc.plans.plan_table import (
    EMPTY_TABLE,
    JOINED_CONTENT,
    MISSING_DEADLINE,
    MISSING_LEAD,
    NO_TABLE,
    ParsedArea,
    PlanTableError,
    parse_task_table,
)

SEED = Path(__file__).resolve().parents[3] / "data" / "seeds" / "004_b78bd4a0b75bbdc4.txt"
HEADER = [
    "TT",
    "Nội dung công việc",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời gian thực hiện/ hoàn thành",
    "Sản phẩm",
]
TASK_4 = (
    "Ban hành Kế hoạch nâng cao chỉ số năng lực cạnh tranh năm 2026 - 2027 của phường, "
    "báo cáo đánh giá kết quả thực hiện, đề xuất giải pháp."
)
AREAS = [
    ("I", "Chỉ đạo điều hành, kiểm tra và tuyên truyền"),
    ("II", "Cải cách thể chế"),
    ("III", "Cải cách thủ tục hành chính"),
    ("IV", "Cải cách tổ chức bộ máy"),
    ("V", "Cải cách chế độ công vụ"),
    ("VI", "Cải cách tài chính công"),
    ("VII", "Xây dựng Chính quyền điện tử, Chính quyền số"),
]


@pytest.fixture(scope="module")
def seed_bytes() -> bytes:
    return SEED.read_bytes()


@pytest.fixture(scope="module")
def seed_table(seed_bytes):
    return parse_plan_file(SEED.name, seed_bytes)


def seed_pages(seed_bytes) -> list[list[list[str]]]:
    """The appendix table of the seed as pages of rows, each page starting with its header row."""
    pages: list[list[list[str]]] = []
    for line in seed_bytes.decode("utf-8").splitlines():
        if "\t" not in line:
            continue
        cells = line.split("\t")
        if cells[0] == "TT":
            pages.append([cells])
        else:
            pages[-1].append(cells)
    return pages


def is_section(cells: list[str]) -> bool:
    return bool(cells[0]) and not any(cells[1:]) and not cells[0].isdigit()


def task_key(task):
    return (
        task.no,
        task.content,
        task.area,
        task.area_code,
        task.lead_text,
        task.coordinating_text,
        task.deadline_text,
        task.product,
    )


def docx_bytes(pages, *, before=("KẾ HOẠCH", "Phụ lục"), after_table=None) -> bytes:
    doc = Document()
    for text in before:
        doc.add_paragraph(text)
    for page in pages:
        table = doc.add_table(rows=0, cols=len(HEADER))
        for cells in page:
            row = table.add_row()
            if is_section(cells):
                merged = row.cells[0].merge(row.cells[-1])
                merged.text = cells[0]
            else:
                for cell, text in zip(row.cells, cells, strict=True):
                    cell.text = text
        doc.add_page_break()
    if after_table:
        table = doc.add_table(rows=1, cols=len(after_table))
        for cell, text in zip(table.rows[0].cells, after_table, strict=True):
            cell.text = text
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def xlsx_bytes(pages, *, sheets_before=0) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Ghi chú" if sheets_before else "Phụ lục"
    if sheets_before:
        ws.append(["Sheet này không có bảng nhiệm vụ"])
        ws = wb.create_sheet("Phụ lục")
    ws.append(["DANH MỤC NHIỆM VỤ"])
    ws.append([])
    for page in pages:
        for cells in page:
            values = [int(cells[0]) if cells[0].isdigit() else cells[0], *cells[1:]]
            ws.append(values)
            if is_section(cells):
                ws.merge_cells(
                    start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=len(HEADER)
                )
        ws.append([])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def text_table(*rows: list[str]) -> str:
    return "\n".join("\t".join(r) for r in rows)


# --- Seed 004 as text --------------------------------------------------------------------------------------


def test_seed_text_gives_32_tasks_numbered_1_to_32_without_errors(seed_table):
    assert [t.no for t in seed_table.tasks] == list(range(1, 33))
    assert seed_table.errors == []
    assert seed_table.warnings == []


def test_seed_text_gives_the_seven_areas_with_their_titles(seed_table):
    assert seed_table.areas == [
        ParsedArea(code, title, i) for i, (code, title) in enumerate(AREAS, start=1)
    ]


def test_seed_tasks_belong_to_their_areas(seed_table):
    by_area = {}
    for task in seed_table.tasks:
        by_area.setdefault(task.area_code, []).append(task.no)
    assert by_area == {
        "I": list(range(1, 9)),
        "II": list(range(9, 15)),
        "III": list(range(15, 21)),
        "IV": [21, 22],
        "V": [23, 24],
        "VI": [25, 26],
        "VII": list(range(27, 33)),
    }
    assert seed_table.tasks[0].area == "Chỉ đạo điều hành, kiểm tra và tuyên truyền"


def test_task_4_split_by_a_page_break_is_joined_with_a_space(seed_table):
    task = seed_table.tasks[3]
    assert task.no == 4
    assert task.content == TASK_4
    assert task.source_rows == [243, 246]
    assert task.warnings == [JOINED_CONTENT]
    assert task.lead_text == "Phòng Kinh tế, Hạ tầng và Đô thị"
    assert task.deadline_text == "Cả năm 2026"
    assert task.product == "Kế hoạch, báo cáo của UBND phường"


def test_task_8_lead_cell_names_two_offices(seed_table):
    task = seed_table.tasks[7]
    assert task.lead_text == "Trung tâm Dịch vụ sự nghiệp công; Phòng Văn hóa - Xã hội"
    refs = split_offices(task.lead_text)
    assert [(r.text, r.is_group) for r in refs] == [
        ("Trung tâm Dịch vụ sự nghiệp công", False),
        ("Phòng Văn hóa - Xã hội", False),
    ]


def test_tasks_27_to_29_are_led_by_the_ward_police(seed_table):
    assert [t.lead_text for t in seed_table.tasks[26:29]] == ["Công an phường"] * 3


def test_every_seed_task_has_content_lead_deadline_and_product(seed_table):
    for task in seed_table.tasks:
        assert task.content and task.lead_text and task.deadline_text and task.product, task.no
    assert seed_table.tasks[21].deadline_text == (
        "Theo Kế hoạch số 310/KH-UBND ngày 24/11/2025 của UBND thành phố và các văn bản khác liên quan"
    )
    assert seed_table.tasks[24].deadline_text == "Tháng 01/2026 đến tháng 5/2026"


def test_section_vi_right_after_a_repeated_header_starts_its_area(seed_bytes, seed_table):
    rows = rows_from_text(seed_bytes.decode("utf-8"))
    assert rows[279] == HEADER  # line 280: the header repeated on a new page
    assert rows[280][0] == "VI. Cải cách tài chính công"  # line 281, straight after it
    task_25 = seed_table.tasks[24]
    assert (task_25.area_code, task_25.area, task_25.source_rows) == (
        "VI",
        "Cải cách tài chính công",
        [282],
    )
    assert task_25.content.startswith(
        "Phối hợp với Sở Tài chính triển khai thực hiện Tổng kiểm kê tài sản công"
    )


def test_seed_row_numbers_are_line_numbers_of_the_text(seed_bytes, seed_table):
    lines = seed_bytes.decode("utf-8").split("\n")
    for task in seed_table.tasks:
        assert lines[task.source_rows[0] - 1].startswith(f"{task.no}\t")


def test_the_seven_targets_outside_the_table_are_not_read_as_tasks(seed_bytes, seed_table):
    text = seed_bytes.decode("utf-8")
    targets = text.split("2. Một số chỉ tiêu chủ yếu")[1].split("II. NHIỆM VỤ, GIẢI PHÁP")[0]
    letters = [
        line.split(")")[0]
        for line in targets.split("\n")
        if line[:2] in {f"{c})" for c in "abcdđef"}
    ]
    assert letters == ["a", "b", "c", "d", "đ", "e", "f"]
    assert all("Trong năm 2026, phấn đấu" not in t.content for t in seed_table.tasks)


# --- The same table as Word and Excel ----------------------------------------------------------------------


def test_docx_with_one_table_per_page_gives_the_same_tasks(seed_bytes, seed_table):
    pages = seed_pages(seed_bytes)
    assert len(pages) == 10 and pages[1][1][0] == ""  # task 4 continues at the top of page 2
    data = docx_bytes(pages, after_table=["Nơi nhận:\n- Như trên;", "CHỦ TỊCH"])
    table = parse_plan_file("ke-hoach.docx", data)
    assert table.errors == [] and table.warnings == []
    assert [task_key(t) for t in table.tasks] == [task_key(t) for t in seed_table.tasks]
    assert [(a.code, a.title) for a in table.areas] == AREAS
    assert table.tasks[3].content == TASK_4


def test_docx_merged_section_rows_give_their_title_once(seed_bytes):
    rows = rows_from_docx(docx_bytes(seed_pages(seed_bytes)[:1]))
    assert rows[0] == HEADER
    assert rows[1] == ["I. Chỉ đạo điều hành, kiểm tra và tuyên truyền", "", "", "", "", ""]


def test_xlsx_with_repeated_headers_gives_the_same_tasks(seed_bytes, seed_table):
    data = xlsx_bytes(seed_pages(seed_bytes), sheets_before=1)
    table = parse_plan_file("ke-hoach.xlsx", data)
    assert table.errors == [] and table.warnings == []
    assert [task_key(t) for t in table.tasks] == [task_key(t) for t in seed_table.tasks]
    assert [(a.code, a.title) for a in table.areas] == AREAS
    assert table.tasks[3].content == TASK_4
    assert table.tasks[0].source_rows == [
        5
    ]  # Excel row numbers: title, blank, header, section, task 1


def test_xlsx_reader_takes_the_first_sheet_with_a_header_and_merged_values_in_the_first_cell(
    seed_bytes,
):
    rows = rows_from_xlsx(xlsx_bytes(seed_pages(seed_bytes)[:1], sheets_before=1))
    assert rows[0] == ["DANH MỤC NHIỆM VỤ", "", "", "", "", ""]
    assert rows[2] == HEADER
    assert rows[3] == ["I. Chỉ đạo điều hành, kiểm tra và tuyên truyền", "", "", "", "", ""]
    assert rows[4][0] == "1"


def test_docx_vertically_merged_cells_apply_to_each_row_but_not_the_number():
    doc = Document()
    table = doc.add_table(rows=5, cols=4)
    for cell, text in zip(
        table.rows[0].cells, ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn"], strict=True
    ):
        cell.text = text
    for r, (no, content) in enumerate(
        [("1", "Việc một"), ("2", "Việc hai"), ("3", "Việc ba, phần")], start=1
    ):
        table.cell(r, 0).text, table.cell(r, 1).text = no, content
    table.cell(4, 1).text = "tiếp theo"
    shared = table.cell(1, 2).merge(table.cell(2, 2))
    shared.text = "Văn phòng HĐND&UBND phường"
    table.cell(3, 2).text = "Công an phường"
    number = table.cell(3, 0).merge(table.cell(4, 0))
    number.text = "3"
    deadline = table.cell(1, 3).merge(table.cell(4, 3))
    deadline.text = "Cả năm 2026"
    out = io.BytesIO()
    doc.save(out)
    parsed = parse_plan_file("bang.docx", out.getvalue())
    assert parsed.errors == []
    assert [(t.no, t.content, t.lead_text, t.deadline_text) for t in parsed.tasks] == [
        (1, "Việc một", "Văn phòng HĐND&UBND phường", "Cả năm 2026"),
        (2, "Việc hai", "Văn phòng HĐND&UBND phường", "Cả năm 2026"),
        (3, "Việc ba, phần tiếp theo", "Công an phường", "Cả năm 2026"),
    ]


def test_xlsx_vertically_merged_lead_applies_to_each_task():
    wb = Workbook()
    ws = wb.active
    ws.append(["TT", "Nội dung", "Chủ trì", "Thời gian"])
    ws.append([1, "Việc một", "Phòng Văn hóa - Xã hội", "Quý I/2026"])
    ws.append([2, "Việc hai", None, "Quý II/2026"])
    ws.merge_cells("C2:C3")
    out = io.BytesIO()
    wb.save(out)
    parsed = parse_plan_file("bang.xlsx", out.getvalue())
    assert [t.lead_text for t in parsed.tasks] == ["Phòng Văn hóa - Xã hội"] * 2


def test_docx_whose_table_was_pasted_as_tab_separated_paragraphs_is_read(seed_bytes):
    doc = Document()
    for line in seed_bytes.decode("utf-8").split("\n"):
        doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    parsed = parse_plan_file("dan-van-ban.docx", out.getvalue())
    assert [t.no for t in parsed.tasks] == list(range(1, 33))
    assert parsed.tasks[3].content == TASK_4


# --- Other text shapes and header variants -----------------------------------------------------------------


def test_header_names_are_matched_without_diacritics_and_in_any_order():
    text = text_table(
        ["Thoi han", "San pham", "STT", "Don vi chu tri", "Nhiem vu", "Don vi phoi hop"],
        [
            "Quý I/2026",
            "Kế hoạch",
            "1",
            "Phòng Văn hóa - Xã hội",
            "Ban hành kế hoạch",
            "Các cơ quan, đơn vị liên quan",
        ],
    )
    (task,) = parse_task_table(rows_from_text(text)).tasks
    assert (
        task.no,
        task.content,
        task.lead_text,
        task.coordinating_text,
        task.deadline_text,
        task.product,
    ) == (
        1,
        "Ban hành kế hoạch",
        "Phòng Văn hóa - Xã hội",
        "Các cơ quan, đơn vị liên quan",
        "Quý I/2026",
        "Kế hoạch",
    )


def test_a_repeated_header_may_change_the_column_order():
    text = text_table(
        ["TT", "Nội dung", "Chủ trì", "Thời gian"],
        ["1", "Việc một", "Phòng A", "Quý I"],
        ["Thời gian", "Chủ trì", "Nội dung", "TT"],
        ["Quý II", "Phòng B", "Việc hai", "2"],
    )
    parsed = parse_task_table(rows_from_text(text))
    assert [(t.no, t.content, t.lead_text, t.deadline_text) for t in parsed.tasks] == [
        (1, "Việc một", "Phòng A", "Quý I"),
        (2, "Việc hai", "Phòng B", "Quý II"),
    ]


def test_markdown_table_is_read_like_the_tab_separated_one():
    text = "\n".join(
        [
            "| TT | Nội dung công việc | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian | Sản phẩm |",
            "|---|---|---|---|---|---|",
            "| **II. Cải cách thể chế** | | | | | |",
            "| 9 | Ban hành văn bản, báo | Văn phòng HĐND&UBND phường | Các cơ quan, đơn vị liên quan | Cả năm 2026 | Quyết định |",
            "| | cáo kết quả | | | | |",
        ]
    )
    parsed = parse_plan_file("phu-luc.md", text.encode())
    assert parsed.areas == [ParsedArea("II", "Cải cách thể chế", 1)]
    (task,) = parsed.tasks
    assert (task.no, task.content, task.area_code, task.lead_text) == (
        9,
        "Ban hành văn bản, báo cáo kết quả",
        "II",
        "Văn phòng HĐND&UBND phường",
    )
    assert parsed.warnings == ["Nhiệm vụ đầu tiên có số thứ tự 9 (dòng 4), không phải 1"]


def test_table_aligned_with_spaces_is_read_by_column_position():
    text = "\n".join(
        [
            "TT   Nội dung công việc        Cơ quan chủ trì          Cơ quan phối hợp   Thời gian     Sản phẩm",
            "I. Cải cách thể chế",
            "1    Rà soát văn bản           Văn phòng HĐND&UBND                         Quý I/2026    Báo cáo",
            "2    Ban hành kế hoạch, báo    Phòng Văn hóa - Xã hội   Công an phường     Cả năm 2026",
            "     cáo kết quả",
        ]
    )
    parsed = parse_task_table(rows_from_text(text))
    assert [
        (t.no, t.content, t.lead_text, t.coordinating_text, t.deadline_text, t.product)
        for t in parsed.tasks
    ] == [
        (1, "Rà soát văn bản", "Văn phòng HĐND&UBND", "", "Quý I/2026", "Báo cáo"),
        (
            2,
            "Ban hành kế hoạch, báo cáo kết quả",
            "Phòng Văn hóa - Xã hội",
            "Công an phường",
            "Cả năm 2026",
            "",
        ),
    ]


def test_column_numbering_row_under_the_header_is_skipped():
    text = text_table(
        HEADER,
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
        ["1", "Việc một", "Phòng A", "", "Quý I", ""],
    )
    parsed = parse_task_table(rows_from_text(text))
    assert parsed.errors == [] and [t.no for t in parsed.tasks] == [1]


def test_text_after_the_table_is_ignored():
    text = (
        text_table(HEADER, ["1", "Việc một", "Phòng A", "", "Quý I", ""])
        + "\n\nNơi nhận:\n- Như trên;\tCHỦ TỊCH"
    )
    parsed = parse_task_table(rows_from_text(text))
    assert parsed.errors == [] and parsed.warnings == [] and len(parsed.tasks) == 1


# --- Errors and warnings -----------------------------------------------------------------------------------


def test_prose_that_is_not_a_plan_is_refused():
    prose = (
        "Phường Lê Thanh Nghị tổ chức hội nghị tổng kết công tác năm 2025. Các cơ quan, đơn vị "
        "đã hoàn thành nhiệm vụ được giao, chủ trì và phối hợp tốt trong thời gian qua."
    )
    with pytest.raises(PlanTableError) as exc:
        parse_plan_file("bao-cao.txt", prose.encode())
    assert exc.value.message == NO_TABLE
    assert exc.value.message == (
        "Không tìm thấy bảng nhiệm vụ: cần các cột TT, Nội dung công việc, Cơ quan chủ trì, Thời gian thực hiện"
    )


def test_header_without_task_rows_is_refused():
    text = text_table(HEADER, ["I. Cải cách thể chế", "", "", "", "", ""])
    with pytest.raises(PlanTableError) as exc:
        parse_plan_file("rong.txt", text.encode())
    assert exc.value.message == EMPTY_TABLE == "Bảng nhiệm vụ không có dòng nào"


def test_table_without_lead_column_is_refused_naming_the_column():
    header = [h for h in HEADER if h != "Cơ quan chủ trì"]
    text = text_table(
        ["Phụ lục"], header, ["1", "Việc một", "Các cơ quan, đơn vị liên quan", "Quý I", "Báo cáo"]
    )
    with pytest.raises(PlanTableError) as exc:
        parse_plan_file("thieu-cot.txt", text.encode())
    assert exc.value.message.startswith("Thiếu cột “Cơ quan chủ trì”")
    assert "dòng 2" in exc.value.message
    assert exc.value.errors == [exc.value.message]


def test_corrupt_docx_is_refused():
    noise = random.Random(4).randbytes(4096)
    for data in (noise, b"PK\x03\x04" + noise):
        with pytest.raises(PlanTableError) as exc:
            parse_plan_file("hong.docx", data)
        assert (
            exc.value.message
            == "Không đọc được tệp “hong.docx”: tệp bị hỏng hoặc không phải tệp Word (.docx) hợp lệ."
        )


def test_corrupt_xlsx_is_refused():
    with pytest.raises(PlanTableError) as exc:
        parse_plan_file("hong.xlsx", b"PK\x03\x04" + random.Random(5).randbytes(2048))
    assert "không phải tệp Excel (.xlsx) hợp lệ" in exc.value.message


def test_file_over_20_mb_is_refused():
    with pytest.raises(PlanTableError) as exc:
        parse_plan_file("lon.txt", b"a" * (20 * 1024 * 1024 + 1))
    assert exc.value.message == "Tệp “lon.txt” quá lớn (20.0 MB): chỉ nhận tệp tối đa 20 MB."


def test_pdf_and_unknown_types_are_refused_with_what_is_accepted():
    with pytest.raises(PlanTableError) as exc:
        parse_plan_file("ke-hoach.pdf", b"%PDF-1.7")
    assert exc.value.message == (
        "Không đọc được bảng nhiệm vụ từ tệp PDF “ke-hoach.pdf”: hãy tải lên tệp Word (.docx), Excel (.xlsx) "
        "hoặc văn bản (.txt, .md) của kế hoạch."
    )
    with pytest.raises(PlanTableError, match="lưu lại dưới dạng .docx"):
        parse_plan_file("cu.doc", b"\xd0\xcf\x11\xe0")
    with pytest.raises(PlanTableError, match="Không hỗ trợ loại tệp “.png”"):
        parse_plan_file("anh.png", b"\x89PNG")


def test_empty_file_is_refused():
    with pytest.raises(PlanTableError, match="Tệp “rong.txt” rỗng."):
        parse_plan_file("rong.txt", b"")


def test_duplicated_task_number_is_an_error_naming_both_rows():
    text = text_table(
        HEADER,
        ["I. Mục một", "", "", "", "", ""],
        ["1", "Việc một", "Phòng A", "", "Quý I", ""],
        ["II. Mục hai", "", "", "", "", ""],
        ["1", "Việc hai", "Phòng B", "", "Quý II", ""],
    )
    parsed = parse_plan_file("trung.txt", text.encode())
    assert len(parsed.tasks) == 2
    assert parsed.errors == [
        "Số thứ tự 1 bị trùng: dòng 3 và dòng 5 (nếu bảng đánh số lại từ 1 ở mỗi mục, hãy đánh số liên tục cho cả bảng)"
    ]


def test_task_without_content_is_an_error_naming_the_row():
    text = text_table(
        HEADER,
        ["1", "Việc một", "Phòng A", "", "Quý I", ""],
        ["2", "", "Phòng B", "", "Quý II", ""],
    )
    parsed = parse_task_table(rows_from_text(text))
    assert parsed.errors == ["Dòng 3: nhiệm vụ số 2 không có nội dung"]


def test_content_moved_entirely_to_the_next_page_is_not_an_error():
    text = text_table(
        HEADER, ["1", "", "Phòng A", "", "Quý I", ""], HEADER, ["", "Việc một", "", "", "", ""]
    )
    parsed = parse_task_table(rows_from_text(text))
    assert parsed.errors == []
    assert parsed.tasks[0].content == "Việc một" and parsed.tasks[0].source_rows == [2, 4]


def test_non_numeric_number_between_tasks_is_an_error():
    text = text_table(
        HEADER,
        ["1", "Việc một", "Phòng A", "", "Quý I", ""],
        ["a", "Việc phụ", "Phòng A", "", "Quý I", ""],
        ["2", "Việc hai", "Phòng B", "", "Quý II", ""],
    )
    parsed = parse_task_table(rows_from_text(text))
    assert parsed.errors == [
        "Dòng 3: cột “TT” có giá trị “a” không phải số thứ tự (dòng tên mục phải để trống các cột khác)"
    ]


def test_doubts_are_warnings_gaps_missing_lead_and_deadline():
    text = text_table(
        HEADER, ["1", "Việc một", "", "", "Quý I", ""], ["3", "Việc ba", "Phòng B", "", "", ""]
    )
    parsed = parse_task_table(rows_from_text(text))
    assert parsed.errors == []
    assert parsed.warnings == ["Số thứ tự không liên tục: sau nhiệm vụ 1 là nhiệm vụ 3 (dòng 3)"]
    assert parsed.tasks[0].warnings == [MISSING_LEAD]
    assert parsed.tasks[1].warnings == [MISSING_DEADLINE]


def test_office_continued_on_the_next_page_is_joined_as_a_new_office():
    text = text_table(
        HEADER,
        ["1", "Việc một", "Phòng Văn hóa - Xã hội", "Trung tâm Phục vụ", "Quý I", ""],
        ["", "", "Trung tâm Dịch vụ sự nghiệp công", "hành chính công", "", ""],
    )
    (task,) = parse_task_table(rows_from_text(text)).tasks
    assert task.lead_text == "Phòng Văn hóa - Xã hội; Trung tâm Dịch vụ sự nghiệp công"
    assert task.coordinating_text == "Trung tâm Phục vụ hành chính công"
    assert task.warnings == [
        "Cột “Cơ quan chủ trì” nối từ hai dòng (ngắt trang)",
        "Cột “Cơ quan phối hợp” nối từ hai dòng (ngắt trang)",
    ]
