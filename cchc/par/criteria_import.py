"""A criteria set from an Excel workbook: one row per area, criterion or sub-criterion (the parent follows from
the code), an optional "Xếp loại" sheet with the bands, an optional column "Số liệu hệ thống" naming the figure
the system computes for a criterion. Any bad row refuses the whole file, naming the rows; nothing is half-saved.
"""

import io
from decimal import Decimal

from django.db import transaction

from cchc.core import audit, measures, sheets, tabular
from cchc.core.errors import DomainError
from cchc.core.text import fold, nfc
from cchc.par.choices import Method, Part
from cchc.par.criteria_services import (
    BAND_SHEET,
    SET_COLUMNS,
    _check_editable,
    _check_manage,
    _create_nodes,
    _set_bands,
    set_create,
)
from cchc.par.models import Assessment, CriteriaSet
from cchc.par.scoring import Node, parent_code, parse_number, parse_thresholds, validate_tree

# Read on import, beside SET_COLUMNS (which the Excel export writes).
MEASURE_COLUMN = {"measure_code": ["Số liệu hệ thống", "Số liệu tự động", "Mã số liệu hệ thống"]}
IMPORT_COLUMNS = {**SET_COLUMNS, **MEASURE_COLUMN}


def _measure_of(text: str) -> str | None:
    """The measure code a cell names, by its code or its label; "" when empty, None when unknown."""
    key = fold(text)
    if not key:
        return ""
    for code, label in measures.choices():
        if key in {fold(code), fold(label)}:
            return code
    return None


def _method_of(text: str, part: str | None) -> str | None:
    key = fold(text)
    if not key:
        return Method.SURVEY if part == Part.SURVEY else Method.POINTS
    for value, label in Method.choices:
        if key in {fold(value), fold(label)}:
            return value
    synonyms = {
        "cham diem": Method.POINTS,
        "diem": Method.POINTS,
        "co/khong": Method.YES_NO,
        "co / khong": Method.YES_NO,
        "dat/khong dat": Method.YES_NO,
        "nguong": Method.THRESHOLD,
        "theo nguong": Method.THRESHOLD,
        "dieu tra": Method.SURVEY,
    }
    return synonyms.get(key)


def _part_of(text: str) -> str | None:
    key = fold(text)
    if not key:
        return None
    if key.startswith("dieu tra") or key == "survey":
        return Part.SURVEY
    if key.startswith("tham dinh") or key == "appraised":
        return Part.APPRAISED
    return "?"


def _flag(text: str) -> bool:
    return fold(text) in {"co", "x", "1", "yes", "true", "bat buoc", "dung"}


def _read_bands(data: bytes) -> list[tuple[str, Decimal]] | None:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        return None
    if BAND_SHEET not in wb.sheetnames:
        return None
    bands = []
    for row in list(wb[BAND_SHEET].iter_rows(values_only=True))[1:]:
        if not row or row[0] in (None, ""):
            continue
        try:
            lo = parse_number(row[1])
        except (ValueError, IndexError):
            raise DomainError(
                f"Trang “{BAND_SHEET}”: điểm bắt đầu của mức “{row[0]}” không phải số."
            )
        bands.append((nfc(str(row[0])), lo or Decimal("0")))
    return bands or None


def parse_set_file(
    filename: str, data: bytes
) -> tuple[list[Node], list[tuple[str, Decimal]] | None]:
    """Nodes (and bands when the workbook has a “Xếp loại” sheet) of an Excel criteria set; errors name rows."""
    table = tabular.read_table(
        filename, data, IMPORT_COLUMNS, required=["code", "name", "max_score"]
    )
    nodes: list[Node] = []
    errors: list[str] = []
    bad_rows: list[int] = []
    parts: dict[str, str] = {}
    for number, v in table.rows:
        row_errors = []
        code = v.get("code", "").strip().rstrip(".")
        if not code:
            row_errors.append("thiếu mã")
        try:
            max_score = parse_number(v.get("max_score"))
            if max_score is None:
                row_errors.append("thiếu điểm tối đa")
        except ValueError:
            max_score = None
            row_errors.append(f"điểm tối đa “{v.get('max_score')}” không phải số")
        part = _part_of(v.get("part", ""))
        if part == "?":
            row_errors.append(
                f"phần “{v.get('part')}” không hợp lệ (Thẩm định hoặc Điều tra xã hội học)"
            )
            part = None
        pc = parent_code(code) if code else None
        part = part or (parts.get(pc) if pc else None)
        method = _method_of(v.get("method", ""), part)
        if method is None:
            row_errors.append(f"phương pháp chấm “{v.get('method')}” không hợp lệ")
            method = Method.POINTS
        part = part or (Part.SURVEY if method == Method.SURVEY else Part.APPRAISED)
        parts[code] = part
        try:
            thresholds = (
                parse_thresholds(v.get("thresholds", "")) if method == Method.THRESHOLD else []
            )
        except ValueError as exc:
            thresholds = []
            row_errors.append(f"ngưỡng “{exc}” không đúng dạng “mức:điểm”")
        measure_code = _measure_of(v.get("measure_code", ""))
        if measure_code is None:
            row_errors.append(f"số liệu hệ thống “{v.get('measure_code')}” không có trong hệ thống")
            measure_code = ""
        elif measure_code and method != Method.THRESHOLD:
            row_errors.append("số liệu hệ thống chỉ dùng cho tiêu chí chấm theo ngưỡng")
        if row_errors:
            errors.append(f"Dòng {number}: " + "; ".join(row_errors) + ".")
            bad_rows.append(number)
            continue
        nodes.append(
            Node(
                code=code,
                name=nfc(v.get("name", "")),
                max_score=max_score,
                part=part,
                method=method,
                thresholds=thresholds,
                guide=v.get("guide", ""),
                evidence_required=_flag(v.get("evidence_required", "")),
                allow_not_applicable=_flag(v.get("allow_not_applicable", "")),
                figure_unit=v.get("figure_unit", "") or ("%" if method == Method.THRESHOLD else ""),
                measure_code=measure_code,
                row=number,
            )
        )
    if errors:
        raise DomainError(
            "Tệp có dòng lỗi; chưa có dữ liệu nào được lưu.\n" + "\n".join(errors), rows=bad_rows
        )
    if not nodes:
        raise DomainError("Tệp không có dòng tiêu chí nào.")
    return nodes, _read_bands(data)


@transaction.atomic
def set_import(
    *,
    actor,
    organiser,
    year: int,
    bloc_code: str,
    name: str,
    appraised_max: Decimal,
    survey_max: Decimal,
    filename: str,
    data: bytes,
    replace: CriteriaSet | None = None,
) -> CriteriaSet:
    """A set from an Excel file (new, or replacing the tree of a draft set); any error refuses the whole file."""
    _check_manage(actor, organiser)
    nodes, bands = parse_set_file(filename, data)
    errors = validate_tree(nodes, appraised_max=appraised_max, survey_max=survey_max)
    if errors:
        raise DomainError(
            "Bộ chỉ số trong tệp chưa hợp lệ; chưa có dữ liệu nào được lưu.\n" + "\n".join(errors)
        )
    if replace is not None:
        _check_editable(replace)
        if Assessment.objects.filter(criteria_set=replace).exists():
            raise DomainError("Bộ chỉ số đã được dùng trong đợt đánh giá; hãy tạo phiên bản mới.")
        replace.criteria.all().delete()
        replace.name, replace.appraised_max, replace.survey_max = (
            nfc(name) or replace.name,
            appraised_max,
            survey_max,
        )
        replace.save()
        if bands:
            _set_bands(replace, bands)
        _create_nodes(replace, nodes)
        cs = replace
    else:
        cs = set_create(
            actor=actor,
            organiser=organiser,
            year=year,
            bloc_code=bloc_code,
            name=name,
            appraised_max=appraised_max,
            survey_max=survey_max,
            bands=bands,
            nodes=nodes,
            audit_it=False,
        )
    audit.record(
        actor=actor,
        action="criteria_set.import",
        obj=cs,
        after={"file": filename, "nodes": len(nodes), "replace": replace is not None},
        unit_path=organiser.path,
    )
    return cs


def set_xlsx(criteria_set: CriteriaSet) -> bytes:
    """The workbook of a set (`exports.criteria_set_xlsx`) with the column “Số liệu hệ thống”: it re-imports
    identically."""
    from cchc.par import exports, selectors

    nodes = selectors.flatten(selectors.set_tree(criteria_set=criteria_set))
    return with_measure_column(
        exports.criteria_set_xlsx(criteria_set=criteria_set, nodes=nodes), nodes
    )


def with_measure_column(data: bytes, nodes) -> bytes:
    """The exported workbook with the column “Số liệu hệ thống” added to its first sheet, so that the export of a
    set whose criteria are fed by the system's data re-imports identically."""
    from copy import copy

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))
    ws = wb.worksheets[0]
    col = ws.max_column + 1
    header = sheets.put(ws, 1, col, MEASURE_COLUMN["measure_code"][0])
    header.font, header.fill = (
        copy(ws.cell(row=1, column=1).font),
        copy(ws.cell(row=1, column=1).fill),
    )
    labels = dict(measures.choices())
    for row, node in enumerate(nodes, start=2):
        code = node.criterion.measure_code
        if code:
            sheets.put(ws, row, col, labels.get(code, code))
    ws.column_dimensions[ws.cell(row=1, column=col).column_letter].width = 40
    return sheets.to_bytes(wb)
