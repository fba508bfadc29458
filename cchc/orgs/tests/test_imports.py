import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from cchc.core.errors import DomainError
from cchc.core.models import AuditLog
from cchc.orgs import services
from cchc.orgs.models import Person, Unit

UNIT_HEADER = [
    "Mã",
    "Tên chính thức",
    "Tên ngắn",
    "Loại đơn vị",
    "Mã đơn vị cấp trên",
    "Tên gọi khác",
]
PERSON_HEADER = ["Họ và tên", "Giới tính", "Năm sinh", "Chức vụ", "Loại cán bộ", "Mã đơn vị"]


def xlsx(header, rows) -> bytes:
    wb = Workbook()
    wb.active.append(header)
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def counts():
    return Unit.objects.count(), Person.objects.count(), AuditLog.objects.count()


GOOD_UNITS = [
    [
        "TN-AB-HCC",
        "Trung tâm Phục vụ hành chính công",
        "TTPVHCC",
        "Trung tâm",
        "TN-AB",
        "Bộ phận Một cửa; TT PVHCC",
    ],
    ["TN-AB-TDP1", "Tổ dân phố số 1", "", "Tổ dân phố", "TN-AB", ""],
    ["TN-AB-TDP1A", "Chi hội phụ nữ tổ 1", "", "Tổ chức chính trị - xã hội", "TN-AB-TDP1", ""],
]
BAD_UNITS = [
    ["TN-AB-HCC", "Trung tâm Phục vụ hành chính công", "", "Trung tâm", "TN-AB", ""],
    ["TN-AB-X", "", "", "Phòng", "TN-AB", ""],
    ["TN-AB-Y", "Phòng Kinh tế", "", "Phòng", "TN-KHONG-CO", ""],
    ["TN-AB-Z", "Phòng Tư pháp", "", "Bộ", "TN-AB", ""],
]


def test_a_good_units_file_previews_then_creates_everything_under_the_right_parents(personas):
    data = xlsx(UNIT_HEADER, GOOD_UNITS)
    preview = services.units_import_preview(
        actor=personas.ward_a_officer, filename="dv.xlsx", data=data
    )
    assert preview.ok and [r.number for r in preview.rows] == [2, 3, 4]
    created = services.units_import(actor=personas.ward_a_officer, filename="dv.xlsx", data=data)
    group = Unit.objects.get(code="TN-AB-TDP1")
    assert [u.code for u in created] == ["TN-AB-HCC", "TN-AB-TDP1", "TN-AB-TDP1A"]
    assert group.parent == personas.ward_a
    assert Unit.objects.get(code="TN-AB-TDP1A").parent == group
    assert sorted(a.name for a in Unit.objects.get(code="TN-AB-HCC").aliases.all()) == [
        "Bộ phận Một cửa",
        "TT PVHCC",
    ]
    assert AuditLog.objects.filter(action="unit.import", after={"count": 3}).exists()


def test_bad_unit_rows_are_named_and_nothing_is_written(personas):
    before = counts()
    data = xlsx(UNIT_HEADER, BAD_UNITS)
    preview = services.units_import_preview(
        actor=personas.ward_a_officer, filename="dv.xlsx", data=data
    )
    errors = {r.number: "; ".join(r.errors) for r in preview.bad_rows}
    assert set(errors) == {3, 4, 5}
    assert "Tên đơn vị trống" in errors[3]
    assert "Đơn vị cấp trên “TN-KHONG-CO” không tồn tại" in errors[4]
    assert "Loại đơn vị “Bộ” không hợp lệ" in errors[5]
    with pytest.raises(DomainError) as exc:
        services.units_import(actor=personas.ward_a_officer, filename="dv.xlsx", data=data)
    assert exc.value.rows == [3, 4, 5]
    assert counts() == before


def test_a_unit_under_another_ward_is_out_of_scope_for_the_importer(personas):
    data = xlsx(UNIT_HEADER, [["TN-BM-X", "Phòng X", "", "Phòng", "TN-BM", ""]])
    preview = services.units_import_preview(
        actor=personas.ward_a_officer, filename="dv.xlsx", data=data
    )
    assert "ngoài phạm vi của bạn" in preview.bad_rows[0].errors[0]


def test_a_file_with_wrong_columns_is_refused_before_any_row(personas):
    before = counts()
    data = xlsx(["STT", "Họ tên", "Ghi chú"], [["1", "Phòng A", ""]])
    preview = services.units_import_preview(
        actor=personas.ward_a_officer, filename="dv.xlsx", data=data
    )
    assert not preview.ok and "Không tìm thấy dòng tiêu đề" in preview.errors[0]
    assert counts() == before


def test_the_import_page_previews_bad_rows_and_leaves_the_database_unchanged(personas, client_for):
    client = client_for(personas.ward_a_officer)
    before = counts()
    upload = SimpleUploadedFile("don-vi.xlsx", xlsx(UNIT_HEADER, BAD_UNITS))
    response = client.post("/to-chuc/nhap/don-vi/", {"file": upload})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tệp có 3 dòng lỗi; chưa có dữ liệu nào được lưu." in body
    assert "Dòng 3: Tên đơn vị trống" in body
    assert "Dòng 4: Đơn vị cấp trên “TN-KHONG-CO” không tồn tại" in body
    assert "Xác nhận nhập" not in body
    assert counts() == before


def test_the_import_page_commits_a_good_file_after_confirmation(personas, client_for):
    client = client_for(personas.ward_a_officer)
    response = client.post(
        "/to-chuc/nhap/don-vi/",
        {"file": SimpleUploadedFile("don-vi.xlsx", xlsx(UNIT_HEADER, GOOD_UNITS))},
    )
    assert "Xác nhận nhập 3 dòng" in response.content.decode()
    assert not Unit.objects.filter(code="TN-AB-HCC").exists()
    response = client.post("/to-chuc/nhap/don-vi/xac-nhan/", {"token": response.context["token"]})
    assert response.status_code == 302
    assert Unit.objects.filter(code__in=["TN-AB-HCC", "TN-AB-TDP1", "TN-AB-TDP1A"]).count() == 3


def test_a_confirmation_without_a_valid_token_imports_nothing(personas, client_for):
    before = counts()
    response = client_for(personas.ward_a_officer).post(
        "/to-chuc/nhap/don-vi/xac-nhan/", {"token": "abc"}
    )
    assert response.status_code == 302 and response["Location"] == "/to-chuc/nhap/don-vi/"
    assert counts() == before


def test_a_people_csv_with_bad_rows_names_them(personas):
    before = counts()
    csv = "\n".join(
        [
            ";".join(PERSON_HEADER),
            "Nguyễn Văn An;Nam;1980;Trưởng phòng;Công chức;TN-AB-VHXH",
            ";Nữ;1990;;Công chức;TN-AB-VHXH",
            "Lê Thị Bình;Khác;1990;;Công chức;TN-AB-VHXH",
            "Trần Văn C;Nam;1890;;Viên chức;TN-AB-VHXH",
            "Phạm Văn D;Nam;1990;;Công chức;TN-BM-VHXH",
        ]
    ).encode()
    preview = services.people_import_preview(
        actor=personas.ward_a_officer, filename="cn.csv", data=csv
    )
    errors = {r.number: "; ".join(r.errors) for r in preview.bad_rows}
    assert errors[3] == "Họ và tên trống"
    assert "Giới tính “Khác” không hợp lệ" in errors[4]
    assert "Năm sinh “1890” không hợp lệ" in errors[5]
    assert "ngoài phạm vi" in errors[6]
    assert 2 not in errors
    with pytest.raises(DomainError):
        services.people_import(actor=personas.ward_a_officer, filename="cn.csv", data=csv)
    assert counts() == before


def test_a_good_people_file_creates_the_people_by_unit_code_or_name(personas):
    data = xlsx(
        PERSON_HEADER,
        [
            ["Nguyễn Văn An", "Nam", 1980, "Trưởng phòng", "Công chức", "TN-AB-VHXH"],
            ["Lê Thị Bình", "nu", "", "", "vien chuc", "Văn phòng HĐND và UBND"],
        ],
    )
    created = services.people_import(actor=personas.ward_a_officer, filename="cn.xlsx", data=data)
    assert [(p.full_name, p.unit, p.gender, p.birth_year) for p in created] == [
        ("Nguyễn Văn An", personas.office_a, "male", 1980),
        ("Lê Thị Bình", personas.office_a2, "female", None),
    ]


def test_the_template_file_has_the_expected_headers(personas, client_for):
    response = client_for(personas.ward_a_officer).get("/to-chuc/mau/ca-nhan.xlsx")
    header = next(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert list(header) == PERSON_HEADER[:4] + ["Loại cán bộ", "Mã đơn vị"]


def test_a_read_only_viewer_cannot_open_the_import(personas, client_for):
    client = client_for(personas.ward_a_viewer)
    assert client.get("/to-chuc/nhap/don-vi/").status_code == 403
    assert (
        client.post(
            "/to-chuc/nhap/ca-nhan/", {"file": SimpleUploadedFile("a.csv", b"x")}
        ).status_code
        == 403
    )
