"""A movement from the plan that launches it: each seed through the import service (as the demo imports them),
the corrections of the preview, and what is refused."""

import pytest

from cchc.core.errors import DomainError, PermissionDenied
from cchc.core.models import AuditLog
from cchc.core.scope import SYSTEM
from cchc.emulation import services
from cchc.emulation.import_preview import movement_import_preview
from cchc.emulation.models import Movement
from cchc.emulation.tests.conftest import SEEDS, city_plan, ward_plan
from cchc.orgs.models import BlocMembership, Unit
from cchc.registry.models import Document

pytestmark = pytest.mark.django_db


def seed(prefix: str):
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return path.name, path.read_bytes()


def level(short: str) -> Unit:
    return Unit.objects.get(short_name=short, kind__in=["ward", "commune"])


def reimport(prefix: str, unit: Unit, *children: Movement) -> Movement:
    """Import a seed again through the service after removing the demo's movement of it."""
    for m in [*children, Movement.objects.get(unit=unit)]:
        m.delete()
    name, data = seed(prefix)
    return services.movement_import_confirm(actor=SYSTEM, unit=unit, filename=name, data=data)


def contents_start(movement) -> list[str]:
    return [c.text[:40] for c in movement.contents.order_by("order")]


def test_the_city_plan_2162_is_the_city_movement_due_30_11_with_its_three_blocs(demo_city):
    city = Unit.objects.get(code="HP")
    children = list(Movement.objects.filter(parent__unit=city))
    m = reimport("002", city, *children)
    assert m.name == (
        "Đẩy mạnh cải cách hành chính trên địa bàn thành phố Hải Phòng giai đoạn 2026 - 2030"
    )
    assert (m.start_year, m.end_year, m.parent) == (2026, 2030, None)
    assert (m.report_due_day, m.report_due_month, m.report_due_year, m.report_due_before) == (
        30,
        11,
        None,
        True,
    )
    assert (m.report_due_text, m.report_due_clause) == ("trước ngày 30/11 hàng năm", "mục IV.1")
    assert m.standing_agency.name == "Sở Nội vụ"
    assert m.document.number == "2162/QĐ-UBND" and m.document.org_unit == city
    assert contents_start(m)[0] == "Thi đua nâng cao trách nhiệm của người đ"
    assert m.contents.count() == 6
    members = set(
        BlocMembership.objects.filter(year=2026, bloc__organiser=city).values_list(
            "unit_id", flat=True
        )
    )
    assert set(m.participants.values_list("unit_id", flat=True)) == members
    assert set(m.participants.values_list("bloc_code", flat=True)) == {
        "so-nganh",
        "phuong",
        "xa-dac-khu",
    }


def test_the_lê_chân_plan_259_cascades_2162_and_keeps_its_undated_rule_as_written(demo_city):
    ward = level("Lê Chân")
    m = reimport("000", ward)
    assert m.parent == Movement.objects.get(document__number="2162/QĐ-UBND")
    assert m.report_due_text == "Định kỳ hằng năm"
    assert (m.report_due_day, m.report_due_month) == (None, None)
    assert any("không ghi ngày" in c for c in m.checks)
    assert m.standing_agency == Unit.objects.get(code=f"{ward.code}-VHXH")
    assert m.document.number == "259/KH-UBND"
    names = set(m.participants.values_list("unit__name", flat=True))
    assert {"Văn phòng HĐND và UBND", "Trung tâm Phục vụ hành chính công"} <= names
    assert "Tổ dân phố số 1" in names  # the plan names "các ngành, đơn vị, tổ dân phố"


def test_the_khúc_thừa_dụ_plan_without_number_reuses_its_document_and_is_due_25_11(demo_city):
    commune = level("Khúc Thừa Dụ")
    registered = Document.objects.get(number="", org_unit=commune, title__startswith="Phát động")
    before = Document.objects.count()
    m = reimport("001", commune)
    assert m.document == registered and Document.objects.count() == before
    assert (m.report_due_day, m.report_due_month, m.report_due_before) == (25, 11, True)
    assert m.report_due_text == "trước ngày 25/11 hằng năm"
    assert m.parent.document.number == "2162/QĐ-UBND"
    assert contents_start(m)[3] == "Thi đua trong công tác tuyên truyền, tha"


def test_the_phú_lương_plan_of_2023_is_due_03_10_2023_as_the_reader_reads_it(demo_city):
    ward = Unit.objects.get(name="Phường Phú Lương")
    m = reimport("003", ward)
    assert (m.start_year, m.end_year) == (2023, 2023)
    assert (m.report_due_day, m.report_due_month, m.report_due_year) == (3, 10, 2023)
    assert m.report_due_text == "xong trước ngày 03/10/2023"
    assert m.parent is None and m.parent_text == "60/KH-UBND"
    assert m.standing_agency.name == "Văn phòng UBND phường Phú Lương"
    assert any("không ghi cơ quan thường trực" in c for c in m.checks)
    assert m.contents.count() == 4


def test_a_plan_already_imported_is_refused(demo_city):
    name, data = seed("000")
    with pytest.raises(DomainError, match="đã được nhập thành phong trào"):
        services.movement_import_confirm(
            actor=SYSTEM, unit=level("Lê Chân"), filename=name, data=data
        )


def test_the_import_registers_a_new_document_with_its_bases_and_one_audit_entry(personas):
    m = services.movement_import_confirm(
        actor=personas.city_officer,
        unit=personas.city,
        filename="2162.txt",
        data=city_plan().encode(),
    )
    assert m.document.org_unit == personas.city
    assert m.document.bases.filter(cited_number="282/QĐ-TTg").exists()
    assert m.standing_agency == personas.dept  # "Sở Nội vụ" names no unit: the declared agency
    assert set(m.participants.values_list("unit", flat=True)) == {
        personas.dept.pk,
        personas.ward_a.pk,
        personas.ward_b.pk,
    }
    entry = AuditLog.objects.get(action="movement.import", object_id=str(m.pk))
    assert entry.after["participants"] == 3 and entry.after["contents"] == 6


def test_the_corrections_of_the_preview_replace_what_the_plan_says(personas, city_movement):
    m = services.movement_import_confirm(
        actor=personas.ward_a_officer,
        unit=personas.ward_a,
        filename="31.txt",
        data=ward_plan().encode(),
        choices=services.ImportChoices(
            name="Thi đua cải cách hành chính An Bình",
            contents=["Nội dung một", "", "Nội dung hai"],
            due_given=True,
            report_due_text="trước ngày 20/11 hằng năm",
            report_due_day=20,
            report_due_month=11,
            report_due_before=True,
            parent_id=0,
            mode="units",
            unit_ids=[personas.office_a2.pk],
        ),
    )
    assert m.name == "Thi đua cải cách hành chính An Bình"
    assert [c.text for c in m.contents.order_by("order")] == ["Nội dung một", "Nội dung hai"]
    assert (m.report_due_day, m.report_due_month, m.report_due_text) == (
        20,
        11,
        "trước ngày 20/11 hằng năm",
    )
    assert m.parent is None
    assert list(m.participants.values_list("unit", flat=True)) == [personas.office_a2.pk]


def test_without_corrections_the_ward_movement_finds_its_parent_in_the_city(
    personas, city_movement
):
    preview = movement_import_preview(
        actor=personas.ward_a_officer,
        unit=personas.ward_a,
        filename="31.txt",
        data=ward_plan().encode(),
    )
    assert preview.parent == city_movement
    assert preview.standing_agency == personas.office_a
    assert {c.unit for c in preview.candidates if c.checked} == {
        personas.office_a,
        personas.office_a2,
    }


def test_a_participant_outside_the_level_is_refused(personas):
    with pytest.raises(DomainError, match="không thuộc Phường An Bình"):
        services.movement_import_confirm(
            actor=personas.ward_a_officer,
            unit=personas.ward_a,
            filename="31.txt",
            data=ward_plan().encode(),
            choices=services.ImportChoices(mode="units", unit_ids=[personas.office_b.pk]),
        )
    assert not Movement.objects.filter(unit=personas.ward_a).exists()


def test_a_due_day_that_does_not_exist_is_refused_naming_the_field(personas):
    with pytest.raises(DomainError) as caught:
        services.movement_import_confirm(
            actor=personas.ward_a_officer,
            unit=personas.ward_a,
            filename="31.txt",
            data=ward_plan().encode(),
            choices=services.ImportChoices(due_given=True, report_due_day=31, report_due_month=11),
        )
    assert caught.value.field == "report_due_day" and "31/11" in caught.value.message


def test_a_text_that_is_not_a_movement_plan_is_refused(personas):
    with pytest.raises(DomainError, match="giai đoạn hay năm"):
        movement_import_preview(
            actor=personas.ward_a_officer,
            unit=personas.ward_a,
            filename="x.txt",
            data="Biên bản họp giao ban tuần.".encode(),
        )


def test_the_standing_office_of_another_ward_cannot_import_for_ward_a(personas):
    with pytest.raises(PermissionDenied):
        movement_import_preview(
            actor=personas.ward_b_officer,
            unit=personas.ward_a,
            filename="31.txt",
            data=ward_plan().encode(),
        )
