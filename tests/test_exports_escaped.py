"""Excel exports keep texts that look like formulas as text, and every workbook is written through
cchc/core/sheets.py."""

import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cchc.core import sheets
from cchc.orgs import services as org_services

EVIL = '=HYPERLINK("http://evil.example/x","Bam vao")'
ROOT = Path(__file__).resolve().parent.parent / "cchc"


def _cells(content: bytes):
    wb = load_workbook(io.BytesIO(content))
    return [cell for ws in wb.worksheets for row in ws.iter_rows() for cell in row]


def _evil_cells(content: bytes):
    return [c for c in _cells(content) if isinstance(c.value, str) and "evil.example" in c.value]


@pytest.fixture
def evil_person(personas):
    return org_services.person_create(
        actor=personas.ward_a_officer,
        unit=personas.office_a,
        full_name=EVIL,
        gender="female",
        employment_kind="cong_chuc",
    )


def test_the_people_export_writes_a_formula_like_name_as_text(evil_person, personas, client_for):
    response = client_for(personas.ward_a_officer).get("/to-chuc/ca-nhan/", {"export": "xlsx"})
    assert response.status_code == 200
    found = _evil_cells(response.content)
    assert found, "the person is in the export"
    assert all(c.data_type == "s" and c.value.startswith("=HYPERLINK") for c in found)


def test_the_audit_log_export_writes_it_as_text_too(evil_person, personas, client_for):
    response = client_for(personas.admin).get("/nhat-ky/", {"export": "xlsx"})
    assert response.status_code == 200
    found = _evil_cells(response.content)
    assert found, "the audit entry names the person"
    assert all(c.data_type == "s" for c in found)


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_every_formula_start_stays_text(text):
    wb = sheets.workbook()
    ws = sheets.first_sheet(wb, "Thử")
    sheets.append(ws, [text, 5, -5])
    sheets.put(ws, 2, 1, text)
    cells = _cells(sheets.to_bytes(wb))
    texts = [c for c in cells if isinstance(c.value, str)]
    assert [c.data_type for c in texts] == ["s", "s"]
    assert [c.value for c in cells if not isinstance(c.value, str) and c.value is not None] == [
        5,
        -5,
    ]


WRITES = [
    (re.compile(r"\bWorkbook\("), "creates a workbook"),
    (re.compile(r"\.cell\([^)]*value="), "writes a cell"),
    (re.compile(r"\.value\s*=[^=]"), "writes a cell value"),
]
# A name bound to a worksheet (`ws = wb.active`, `wb.create_sheet(…)`, `wb.worksheets[0]`, `wb["…"]`).
SHEET_NAME = re.compile(
    r"\b(\w+)\s*=\s*(?:\w+\.active\b|\w+\.create_sheet\(|\w+\.worksheets\[|wb\[|sheets\.first_sheet\()"
)


def offending_lines(rel: str, text: str) -> list[str]:
    appends = [
        (re.compile(rf"\b{re.escape(name)}\.append\("), "appends a row")
        for name in set(SHEET_NAME.findall(text))
    ]
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for pattern, what in WRITES + appends:
            if pattern.search(line):
                found.append(f"{rel}:{number} {what}: {line.strip()}")
    return found


def test_the_check_catches_a_direct_write():
    sample = "wb = Workbook()\nws = wb.active\nws.append([1])\nnotes = []\nnotes.append(1)\n"
    sample += "other = wb.create_sheet('x')\nother.cell(row=1, column=1, value='=1')\n"
    assert [line.split(" ", 1)[0] for line in offending_lines("m.py", sample)] == [
        "m.py:1",
        "m.py:3",
        "m.py:7",
    ]


def test_no_module_writes_workbooks_except_core_sheets():
    """Workbooks are created and written only through cchc/core/sheets.py, so the escaping holds everywhere."""
    offenders = []
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT.parent).as_posix()
        if rel == "cchc/core/sheets.py" or "/tests/" in rel or "/migrations/" in rel:
            continue
        text = path.read_text(encoding="utf-8")
        if "openpyxl" in text or "sheets" in text:
            offenders += offending_lines(rel, text)
    assert not offenders, "Write workbooks through cchc.core.sheets:\n" + "\n".join(offenders)
