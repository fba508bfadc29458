"""Reading uploaded Excel/CSV tables into rows keyed by column, with Vietnamese errors that name rows."""

import csv
import io
from dataclasses import dataclass, field

from django.conf import settings

from cchc.core.errors import DomainError
from cchc.core.text import fold
from cchc.core.uploads import check_package


@dataclass
class Table:
    """Rows of an uploaded sheet: `rows` are (row number in the file, {column key: text})."""

    columns: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


def _csv_rows(filename: str, data: bytes) -> list[list[str]]:
    """The rows of a CSV file; binary bytes or a broken line is a message naming the file, never a crash."""
    if b"\x00" in data[:8192] or data[:2] == b"PK":
        raise DomainError(
            f"Tệp “{filename}” không phải tệp CSV dạng chữ (có vẻ là tệp nhị phân, ví dụ tệp Excel đổi tên): "
            "hãy mở bằng Excel và lưu lại dưới dạng .csv hoặc tải lên tệp .xlsx."
        )
    text = ""
    for encoding in ("utf-8-sig", "cp1258", "latin-1"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    # A bare carriage return (old Mac line ends) is a line end too; the csv module refuses it inside a field.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    sample = text[:2000]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    rows = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for row in reader:
            rows.append([c.strip() for c in row])
    except csv.Error as exc:
        raise DomainError(
            f"Tệp “{filename}” có dòng {reader.line_num} không đọc được dạng CSV ({exc}): hãy mở bằng "
            "Excel và lưu lại dưới dạng .csv (UTF-8)."
        ) from exc
    return rows


def raw_rows(filename: str, data: bytes) -> list[list[str]]:
    """All rows of the first sheet of an .xlsx or a .csv file as text cells."""
    limit = getattr(settings, "MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
    if not data:
        raise DomainError("Tệp tải lên rỗng.")
    if len(data) > limit:
        raise DomainError(f"Tệp quá lớn: tối đa {limit // (1024 * 1024)} MB.")
    name = (filename or "").lower()
    if name.endswith(".csv"):
        return _csv_rows(filename, data)
    if name.endswith(".xlsx") or name.endswith(".xlsm"):
        from openpyxl import load_workbook

        check_package(filename, data)

        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception:
            raise DomainError(f"Tệp “{filename}” bị hỏng hoặc không phải tệp Excel hợp lệ.")
        ws = wb.worksheets[0]
        rows = [[_cell_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
        wb.close()
        return rows
    raise DomainError("Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv).")


def read_table(
    filename: str, data: bytes, columns: dict[str, list[str]], required: list[str]
) -> Table:
    """Find the header row, map synonyms to column keys and return the data rows.

    `columns` maps a key to its accepted header names; a missing required column is an error naming it.
    """
    rows = raw_rows(filename, data)
    wanted = {key: {fold(n) for n in names} for key, names in columns.items()}
    for idx, row in enumerate(rows[:20]):
        folded = [fold(c) for c in row]
        mapping = {}
        for col, text in enumerate(folded):
            for key, names in wanted.items():
                if text in names and key not in mapping:
                    mapping[key] = col
        if len(mapping) >= max(1, len(required) // 2 + 1) or all(k in mapping for k in required):
            missing = [k for k in required if k not in mapping]
            if missing:
                labels = ", ".join(f"“{columns[k][0]}”" for k in missing)
                raise DomainError(f"Thiếu cột {labels} ở dòng tiêu đề (dòng {idx + 1}).")
            table = Table(columns=list(mapping))
            for number, data_row in enumerate(rows[idx + 1 :], start=idx + 2):
                if not any(c.strip() for c in data_row):
                    continue
                values = {
                    k: (data_row[c].strip() if c < len(data_row) else "")
                    for k, c in mapping.items()
                }
                table.rows.append((number, values))
            return table
    expected = ", ".join(f"“{columns[k][0]}”" for k in required)
    raise DomainError(f"Không tìm thấy dòng tiêu đề. Tệp cần có các cột: {expected}.")
