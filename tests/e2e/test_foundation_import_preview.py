"""lechan uploads a units file with bad rows: the preview names each row and nothing is saved."""

from playwright.sync_api import expect

from cchc.orgs.models import Unit
from tests.scope_registry import OWN, Demo


def units_csv(parent: str) -> str:
    return "\n".join(
        [
            "Mã;Tên chính thức;Tên ngắn;Loại đơn vị;Mã đơn vị cấp trên;Tên gọi khác",
            f"LC-TDP9;Tổ dân phố số 9;;Tổ dân phố;{parent};",
            f"LC-X;;;Phòng;{parent};",
            "LC-Y;Phòng Tư pháp;;Phòng;HP-KHONG-CO;",
            f"LC-Z;Tổ dân phố số 10;;Hợp tác xã;{parent};",
        ]
    )


def test_a_bad_units_file_shows_its_rows_and_saves_nothing(page, login, shot, tmp_path):
    before = Unit.objects.count()
    parent = Demo().level(OWN).code
    login("lechan")
    page.click("#mainnav >> text=Tổ chức")
    page.click("text=Nhập từ Excel")
    expect(page.locator("h1")).to_have_text("Nhập danh sách đơn vị")
    path = tmp_path / "don-vi.csv"
    path.write_text(units_csv(parent), encoding="utf-8")
    page.set_input_files("input[type=file]", str(path))
    page.click("button:has-text('Xem trước')")
    errors = page.locator("#import-errors")
    expect(errors).to_contain_text("Tệp có 3 dòng lỗi; chưa có dữ liệu nào được lưu.")
    expect(errors).to_contain_text("Dòng 3: Tên đơn vị trống")
    expect(errors).to_contain_text("Dòng 4: Đơn vị cấp trên “HP-KHONG-CO” không tồn tại")
    expect(errors).to_contain_text("Dòng 5: Loại đơn vị “Hợp tác xã” không hợp lệ")
    expect(page.locator("text=Xác nhận nhập")).to_have_count(0)
    expect(page.locator("tr.table-danger")).to_have_count(3)
    shot("foundation-import-preview")
    assert Unit.objects.count() == before
