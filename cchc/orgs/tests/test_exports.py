import io

from openpyxl import load_workbook

from cchc.core.scope import SYSTEM
from cchc.orgs import services


def rows_of(response):
    assert (
        response["Content-Type"]
        == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def test_the_unit_list_exports_the_filtered_units_to_excel(personas, client_for):
    response = client_for(personas.ward_a_officer).get("/to-chuc/", {"export": "xlsx", "q": "vhxh"})
    assert response["Content-Disposition"] == 'attachment; filename="don-vi.xlsx"'
    rows = rows_of(response)
    assert rows[0] == ("Tên đơn vị", "Tên ngắn", "Loại", "Cấp trên", "Mã", "Đang hoạt động")
    assert rows[1:] == [
        ("Phòng Văn hóa - Xã hội", None, "Phòng chuyên môn", "Phường An Bình", "TN-AB-VHXH", "Có")
    ]


def test_the_person_list_exports_only_people_in_scope(personas, client_for):
    services.person_create(
        actor=SYSTEM,
        unit=personas.office_a,
        full_name="Nguyễn Thị Lan",
        gender="female",
        employment_kind="cong_chuc",
        birth_year=1985,
        position="Chuyên viên",
    )
    services.person_create(
        actor=SYSTEM,
        unit=personas.office_b,
        full_name="Lê Văn Nam",
        gender="male",
        employment_kind="cong_chuc",
    )
    rows = rows_of(client_for(personas.ward_a_officer).get("/to-chuc/ca-nhan/", {"export": "xlsx"}))
    assert rows[0] == ("Họ và tên", "Giới tính", "Năm sinh", "Chức vụ", "Loại cán bộ", "Đơn vị")
    assert rows[1:] == [
        ("Nguyễn Thị Lan", "Nữ", 1985, "Chuyên viên", "Công chức", "Phòng Văn hóa - Xã hội")
    ]


def test_the_bloc_members_export_to_excel(personas, client_for):
    rows = rows_of(
        client_for(personas.city_officer).get(
            "/to-chuc/khoi/phuong/", {"export": "xlsx", "year": "2026"}
        )
    )
    assert rows[0] == ("Đơn vị", "Tên ngắn", "Loại", "Mã", "Năm")
    assert ("Phường An Bình", "An Bình", "Phường", "TN-AB", 2026) in rows
