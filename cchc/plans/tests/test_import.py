"""Importing a ward's CCHC plan (seed 004) through plan_services: preview, formats, errors, fixes, confirm."""

import io
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from docx import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from openpyxl import Workbook

from cchc.core.errors import DomainError, PermissionDenied
from cchc.core.models import AuditLog
from cchc.orgs.choices import LEVEL_KINDS
from cchc.orgs.models import Unit, UnitAlias
from cchc.plans.choices import DeadlineKind, OfficeRole
from cchc.plans.import_preview import importable_units, plan_import_preview
from cchc.plans.models import Area, Plan, ProgressReport, Target, Task, TaskOffice
from cchc.plans.plan_services import plan_import_confirm
from cchc.registry.models import Document

pytestmark = pytest.mark.django_db


SEED = Path(__file__).resolve().parents[3] / "data" / "seeds" / "004_b78bd4a0b75bbdc4.txt"
TASK_4 = (
    "Ban hành Kế hoạch nâng cao chỉ số năng lực cạnh tranh năm 2026 - 2027 của phường, "
    "báo cáo đánh giá kết quả thực hiện, đề xuất giải pháp."
)
UNKNOWN_OFFICE = "Phòng Tư pháp - Hộ tịch"


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def variant(year: int = 2028, *, unknown_lead_for: int | None = None) -> str:
    """Seed 004 for another year; optionally task N led by an office the organisation does not know."""
    lines = []
    for line in seed_text().replace("2026", str(year)).split("\n"):
        cells = line.split("\t")
        if unknown_lead_for is not None and len(cells) >= 6 and cells[0] == str(unknown_lead_for):
            cells[2] = UNKNOWN_OFFICE
            line = "\t".join(cells)
        lines.append(line)
    return "\n".join(lines)


def user(username):
    return get_user_model().objects.get(username=username)


def level(short_name):
    return Unit.objects.get(short_name=short_name, kind__in=LEVEL_KINDS)


def office(lvl, key):
    return Unit.objects.get(code=f"{lvl.code}-{key}")


def rows_written() -> tuple:
    return (
        Plan.objects.count(),
        Area.objects.count(),
        Task.objects.count(),
        TaskOffice.objects.count(),
        Target.objects.count(),
        Document.objects.count(),
        UnitAlias.objects.count(),
        AuditLog.objects.count(),
    )


@pytest.fixture
def ltn():
    return level("Lê Thanh Nghị")


@pytest.fixture
def officer():
    return user("lethanhnghi")


@pytest.fixture
def seed_preview(ltn, officer):
    return plan_import_preview(actor=officer, unit=ltn, filename=SEED.name, data=SEED.read_bytes())


# --- Seed 004 as text ---------------------------------------------------------------------------------------


def test_seed_gives_exactly_32_tasks_in_7_areas_without_errors(seed_preview):
    assert [t.no for t in seed_preview.tasks] == list(range(1, 33))
    assert [a.code for a in seed_preview.areas] == ["I", "II", "III", "IV", "V", "VI", "VII"]
    assert seed_preview.errors == []
    assert seed_preview.year == 2026
    assert {t.area_code for t in seed_preview.tasks[:8]} == {"I"}
    assert seed_preview.tasks[31].area_code == "VII"


def test_every_lead_office_of_the_appendix_is_matched_inside_the_ward(seed_preview, ltn):
    for task in seed_preview.tasks:
        for o in task.lead:
            assert o.is_group or o.unit is not None, (task.no, o.text)
            if o.unit is not None:
                assert o.unit.path.startswith(ltn.path)
    police = office(ltn, "CA")
    for no in (27, 28, 29):
        assert [o.unit for o in seed_preview.tasks[no - 1].lead] == [police]


def test_task_8_has_two_lead_offices(seed_preview, ltn):
    assert [o.unit for o in seed_preview.tasks[7].lead] == [
        office(ltn, "TTDVSNC"),
        office(ltn, "VHXH"),
    ]


def test_the_ward_office_abbreviations_match(seed_preview, ltn):
    # "Văn phòng HĐND&UBND phường", "Trung tâm phục vụ hành chính công" (lower case), "Trung tâm Phục vụ HCC"
    assert seed_preview.tasks[8].lead[0].unit == office(ltn, "VP")
    assert seed_preview.tasks[17].lead[0].unit == office(ltn, "TTPVHCC")
    assert seed_preview.tasks[27].coordinating[0].unit == office(ltn, "TTPVHCC")


def test_group_phrases_are_kept_as_groups_and_nothing_is_unmatched(seed_preview):
    task_3 = seed_preview.tasks[2]
    assert [(o.text, o.is_group, o.unit) for o in task_3.coordinating] == [
        ("Các cơ quan, đơn vị liên quan", True, None),
        ("các Tổ dân phố", True, None),
    ]
    assert seed_preview.unmatched() == []
    assert seed_preview.counts()["offices_unmatched"] == 0


def test_task_4_split_by_a_page_break_is_whole(seed_preview):
    assert seed_preview.tasks[3].content == TASK_4


def test_every_deadline_is_read(seed_preview):
    kinds = {t.no: t.deadline.kind for t in seed_preview.tasks}
    assert DeadlineKind.UNKNOWN not in kinds.values(), kinds
    assert kinds[16] == DeadlineKind.CONTINUOUS
    assert kinds[2] == DeadlineKind.ON_REQUEST
    assert kinds[22] == DeadlineKind.PER_REFERENCE
    assert seed_preview.tasks[20].deadline.due.isoformat() == "2026-12-31"


def test_a_deadline_per_a_registered_plan_links_that_document(seed_preview):
    task_22 = seed_preview.tasks[21]
    assert task_22.deadline.reference_number == "310/KH-UBND"
    assert task_22.deadline_reference is not None
    assert task_22.deadline_reference.number == "310/KH-UBND"


def test_the_seven_targets_are_proposed_with_comparable_forms(seed_preview):
    got = [(t.code, t.comparator, t.value) for t in seed_preview.targets]
    assert got == [
        ("a", "top", None),
        ("b", "gte", 100),
        ("c", "gte", 100),
        ("d", "exceed", None),
        ("đ", "text", None),
        ("e", "gte", 100),
        ("f", "gte", 90),
    ]


def test_the_plan_title_and_year_come_from_the_document(seed_preview):
    assert (
        seed_preview.title == "Kế hoạch Cải cách hành chính nhà nước phường Lê Thanh Nghị năm 2026"
    )
    assert seed_preview.header.doc_type == "QĐ"


# --- The same plan as .docx and .xlsx -----------------------------------------------------------------------


def _pages(text: str) -> tuple[list[str], list[list[list[str]]]]:
    """(paragraphs before the appendix table, pages of table rows each starting with the header row)."""
    before, pages = [], []
    for line in text.split("\n"):
        if "\t" not in line:
            if not pages:
                before.append(line)
            continue
        cells = line.split("\t")
        if cells[0] == "TT":
            pages.append([cells])
        else:
            pages[-1].append(cells)
    return [p for p in before if p.strip()], pages


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def seed_docx(text: str) -> bytes:
    """The plan as Word: its paragraphs, then the appendix as one real table per page, the header row repeated."""
    before, pages = _pages(text)
    doc = WordDocument()
    for paragraph in before:
        doc.add_paragraph(paragraph)
    for page in pages:
        table = doc.add_table(rows=0, cols=6)
        table.style = "Table Grid"
        for index, cells in enumerate(page):
            row = table.add_row()
            if index == 0:
                _repeat_header(row)
            if cells[0] and not any(cells[1:]) and not cells[0].isdigit():
                row.cells[0].merge(row.cells[-1]).text = cells[0]
            else:
                for cell, value in zip(row.cells, cells, strict=True):
                    cell.text = value
        doc.add_page_break()
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def seed_xlsx(text: str) -> bytes:
    before, pages = _pages(text)
    wb = Workbook()
    ws = wb.active
    ws.title = "Kế hoạch"
    for paragraph in before:
        ws.append([paragraph])
    for page in pages:
        for cells in page:
            ws.append([int(cells[0]) if cells[0].isdigit() else cells[0], *cells[1:]])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def task_key(t):
    return (
        t.no,
        t.content,
        t.area_code,
        tuple((o.role, o.text, o.is_group, o.unit.pk if o.unit else None) for o in t.offices),
        t.deadline_text,
        t.deadline.kind,
        t.deadline.start,
        t.deadline.due,
        t.product,
    )


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_the_same_plan_as_word_or_excel_gives_the_same_result(kind, ltn, officer, seed_preview):
    data = seed_docx(seed_text()) if kind == "docx" else seed_xlsx(seed_text())
    preview = plan_import_preview(actor=officer, unit=ltn, filename=f"ke-hoach.{kind}", data=data)
    assert preview.errors == []
    assert [(a.code, a.title) for a in preview.areas] == [
        (a.code, a.title) for a in seed_preview.areas
    ]
    assert [task_key(t) for t in preview.tasks] == [task_key(t) for t in seed_preview.tasks]
    assert preview.year == 2026
    assert [(t.code, t.comparator) for t in preview.targets] == [
        (t.code, t.comparator) for t in seed_preview.targets
    ]


# --- Files that are not plans: clear messages, nothing saved ----------------------------------------------


def _missing_lead_column() -> bytes:
    lines = []
    for line in seed_text().split("\n"):
        cells = line.split("\t")
        lines.append("\t".join(cells[:2] + cells[3:]) if len(cells) >= 6 else line)
    return "\n".join(lines).encode()


def _empty_table() -> bytes:
    text = seed_text()
    head, _, _ = text.partition("TT\tNội dung công việc")
    return (
        head
        + "TT\tNội dung công việc\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\tSản phẩm\n"
    ).encode()


BAD_FILES = {
    "not a plan": (
        "thu-moi.txt",
        "Kính gửi các cơ quan, đơn vị.\nMời dự hội nghị sơ kết.".encode(),
        "bảng nhiệm vụ",
    ),
    "empty table": ("ke-hoach.txt", None, "không có dòng nào"),
    "corrupt docx": ("ke-hoach.docx", b"PK\x03\x04 this is not a zip archive", "bị hỏng"),
    "20 MB": ("ke-hoach.txt", b"a" * (20 * 1024 * 1024 + 1), "quá lớn"),
    "missing column": ("ke-hoach.txt", None, "Thiếu cột “Cơ quan chủ trì”"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_gets_a_clear_message_and_nothing_is_saved(case, ltn, officer):
    name, data, message = BAD_FILES[case]
    if data is None:
        data = _empty_table() if case == "empty table" else _missing_lead_column()
    before = rows_written()
    with pytest.raises(DomainError) as exc:
        plan_import_confirm(actor=officer, unit=ltn, filename=name, data=data)
    assert message in exc.value.message
    assert rows_written() == before


def test_a_table_without_a_year_anywhere_asks_for_the_year(ltn, officer):
    table = "\n".join(line for line in variant(2028).split("\n") if "\t" in line).replace(
        "2028", ""
    )
    data = table.encode()
    with pytest.raises(DomainError) as exc:
        plan_import_preview(actor=officer, unit=ltn, filename="bang.txt", data=data)
    assert "năm" in exc.value.message
    preview = plan_import_preview(
        actor=officer, unit=ltn, filename="bang.txt", data=data, year=2028
    )
    assert len(preview.tasks) == 32 and preview.year == 2028


# --- Confirming ------------------------------------------------------------------------------------------


def test_confirm_saves_the_whole_plan_at_once(ltn, officer):
    data = variant(2028).encode()
    last = AuditLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    plan = plan_import_confirm(
        actor=officer, unit=ltn, filename="ke-hoach-2028.txt", data=data, targets=["b", "f"]
    )
    assert plan.year == 2028 and plan.unit == ltn
    assert plan.tasks.count() == 32 and plan.areas.count() == 7
    assert Task.objects.get(plan=plan, no=4).content == TASK_4.replace("2026", "2028")
    assert Task.objects.filter(plan=plan, deadline_kind=DeadlineKind.UNKNOWN).count() == 0
    lead_8 = TaskOffice.objects.filter(task__plan=plan, task__no=8, role=OfficeRole.LEAD).order_by(
        "order"
    )
    assert [o.unit.code for o in lead_8] == [f"{ltn.code}-TTDVSNC", f"{ltn.code}-VHXH"]
    assert not TaskOffice.objects.filter(
        task__plan=plan, unit__isnull=True, is_group=False
    ).exists()
    assert list(plan.targets.values_list("code", "confirmed")) == [("b", True), ("f", True)]
    assert plan.document is not None and plan.document.org_unit == ltn
    assert plan.document.bases.count() >= 2
    assert Task.objects.get(plan=plan, no=22).deadline_reference.number == "310/KH-UBND"
    actions = set(AuditLog.objects.filter(pk__gt=last).values_list("action", flat=True))
    assert {"plan.import", "document.register"} <= actions


def test_an_unmatched_office_is_fixed_and_saved_as_an_alias(ltn, officer):
    data = variant(2028, unknown_lead_for=9).encode()
    preview = plan_import_preview(actor=officer, unit=ltn, filename="ke-hoach.txt", data=data)
    assert [(u.text, u.tasks) for u in preview.unmatched()] == [(UNKNOWN_OFFICE, [9])]
    assert any(UNKNOWN_OFFICE in w for w in preview.tasks[8].warnings)
    vp = office(ltn, "VP")
    plan = plan_import_confirm(
        actor=officer,
        unit=ltn,
        filename="ke-hoach.txt",
        data=data,
        fixes={UNKNOWN_OFFICE: vp.pk},
        save_aliases=True,
    )
    lead = TaskOffice.objects.get(task__plan=plan, task__no=9, role=OfficeRole.LEAD)
    assert lead.unit == vp and lead.text == UNKNOWN_OFFICE
    assert vp.aliases.filter(name=UNKNOWN_OFFICE).exists()
    assert not any(UNKNOWN_OFFICE in w for w in Task.objects.get(plan=plan, no=9).warnings)
    again = plan_import_preview(actor=officer, unit=ltn, filename="ke-hoach.txt", data=data)
    assert again.unmatched() == [] and again.tasks[8].lead[0].unit == vp


def test_a_fix_outside_the_ward_is_refused(ltn, officer):
    data = variant(2028, unknown_lead_for=9).encode()
    other = office(level("Lê Chân"), "VP")
    before = rows_written()
    with pytest.raises(DomainError):
        plan_import_confirm(
            actor=officer, unit=ltn, filename="k.txt", data=data, fixes={UNKNOWN_OFFICE: other.pk}
        )
    assert rows_written() == before


def test_an_unfixed_office_is_saved_as_written_without_a_unit(ltn, officer):
    plan = plan_import_confirm(
        actor=officer, unit=ltn, filename="k.txt", data=variant(2029, unknown_lead_for=12).encode()
    )
    lead = TaskOffice.objects.get(task__plan=plan, task__no=12, role=OfficeRole.LEAD)
    assert lead.unit is None and not lead.is_group and lead.text == UNKNOWN_OFFICE


def test_a_second_import_for_the_same_year_is_refused_then_replaced_while_without_progress(
    ltn, officer
):
    data = variant(2030).encode()
    first = plan_import_confirm(actor=officer, unit=ltn, filename="k.txt", data=data)
    with pytest.raises(DomainError) as exc:
        plan_import_confirm(actor=officer, unit=ltn, filename="k.txt", data=data)
    assert "đã có kế hoạch CCHC năm 2030" in exc.value.message
    second = plan_import_confirm(actor=officer, unit=ltn, filename="k.txt", data=data, replace=True)
    assert Plan.objects.filter(unit=ltn, year=2030).count() == 1
    assert not Plan.objects.filter(pk=first.pk).exists()
    assert second.document_id == first.document_id
    task = second.tasks.get(no=1)
    ProgressReport.objects.create(
        task=task,
        reported_on=task.due_on or task.plan.created_at.date(),
        status="doing",
        percent=50,
    )
    with pytest.raises(DomainError) as exc:
        plan_import_confirm(actor=officer, unit=ltn, filename="k.txt", data=data, replace=True)
    assert "đã có báo cáo tiến độ" in exc.value.message
    assert Plan.objects.filter(pk=second.pk).exists()


# --- Who may import ---------------------------------------------------------------------------------------


def test_lechan_cannot_import_for_le_thanh_nghi(ltn):
    lechan = user("lechan")
    before = rows_written()
    with pytest.raises(PermissionDenied):
        plan_import_preview(actor=lechan, unit=ltn, filename=SEED.name, data=SEED.read_bytes())
    with pytest.raises(PermissionDenied):
        plan_import_confirm(actor=lechan, unit=ltn, filename=SEED.name, data=SEED.read_bytes())
    assert rows_written() == before
    assert ltn not in importable_units(lechan)
    assert level("Lê Chân") in importable_units(lechan)


@pytest.mark.parametrize("username", ["lechan.xem", "lechan.vanphong", "lechan.chutich"])
def test_viewers_officers_and_leaders_import_nothing(username):
    lechan = level("Lê Chân")
    with pytest.raises(PermissionDenied):
        plan_import_preview(
            actor=user(username), unit=lechan, filename=SEED.name, data=SEED.read_bytes()
        )
    assert importable_units(user(username)) == []
