import io

import pytest
from openpyxl import Workbook

from cchc.core.errors import DomainError
from cchc.core.tabular import raw_rows, read_table

COLUMNS = {"name": ["Tên đơn vị", "Tên"], "kind": ["Loại đơn vị", "Loại"], "code": ["Mã"]}


def xlsx(rows) -> bytes:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_an_excel_sheet_is_read_below_its_title_rows_with_file_row_numbers():
    data = xlsx(
        [
            ["DANH SÁCH ĐƠN VỊ"],
            [],
            ["Mã", "Tên đơn vị", "Loại"],
            ["A1", "Phòng VHXH", "Phòng"],
            [],
            ["A2", "Công an", 12.0],
        ]
    )
    table = read_table("ds.xlsx", data, COLUMNS, required=["name", "kind"])
    assert table.rows == [
        (4, {"code": "A1", "name": "Phòng VHXH", "kind": "Phòng"}),
        (6, {"code": "A2", "name": "Công an", "kind": "12"}),
    ]


def test_headers_match_without_diacritics_or_case():
    data = "ten don vi;LOAI DON VI\nPhòng Văn hóa - Xã hội;Phòng\n".encode()
    table = read_table("ds.csv", data, COLUMNS, required=["name", "kind"])
    assert table.rows == [(2, {"name": "Phòng Văn hóa - Xã hội", "kind": "Phòng"})]


def test_a_csv_saved_by_excel_with_a_byte_order_mark_is_read():
    data = "\ufeffTên,Loại\nPhường Lê Chân,Phường\n".encode()
    assert (
        read_table("ds.csv", data, COLUMNS, required=["name"]).rows[0][1]["name"]
        == "Phường Lê Chân"
    )


def test_a_missing_required_column_is_named():
    data = "Tên,Mã\nPhòng A,A1\n".encode()
    with pytest.raises(DomainError, match="Thiếu cột “Loại đơn vị”"):
        read_table("ds.csv", data, COLUMNS, required=["name", "kind"])


def test_a_file_with_unrelated_columns_says_which_columns_it_needs():
    data = "Họ tên,Ngày sinh\nNguyễn Văn A,01/01/1990\n".encode()
    with pytest.raises(DomainError, match="Không tìm thấy dòng tiêu đề.*“Tên đơn vị”"):
        read_table("ds.csv", data, COLUMNS, required=["name", "kind"])


@pytest.mark.parametrize(
    "filename, data, message",
    [
        ("ds.csv", b"", "rỗng"),
        ("ds.pdf", b"%PDF-1.4", "Chỉ nhận tệp Excel"),
        ("ds.xlsx", b"not a zip", "không phải tệp Excel hợp lệ"),
    ],
)
def test_files_that_cannot_be_read_are_refused_with_a_reason(filename, data, message):
    with pytest.raises(DomainError, match=message):
        raw_rows(filename, data)


def test_a_file_over_the_upload_limit_is_refused(settings):
    settings.MAX_UPLOAD_BYTES = 10
    with pytest.raises(DomainError, match="Tệp quá lớn"):
        raw_rows("ds.csv", b"a" * 11)
