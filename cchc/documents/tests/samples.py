"""Sample documents of each kind, built as the award and council modules will build theirs."""

from datetime import date, datetime

from cchc.documents import kinds
from cchc.documents.spec import (
    Annex,
    Article,
    DocumentSpec,
    Heading,
    Issuer,
    Paragraph,
    Participant,
    Signer,
    Table,
    TableSection,
)

WARD = Issuer(name="Ủy ban nhân dân phường Lê Chân", code="UBND")
COUNCIL = Issuer(
    name="Hội đồng Thi đua - Khen thưởng\nphường Lê Chân",
    parent="Ủy ban nhân dân phường Lê Chân",
    code="HĐTĐKT",
)
CHAIRMAN = Signer(position="Chủ tịch", name="Nguyễn Văn An")
DEPUTY = Signer(
    on_behalf_of="Ủy ban nhân dân",
    signs_for="Chủ tịch",
    position="Phó Chủ tịch",
    name="Trần Thị Bình",
)


def award_decision() -> DocumentSpec:
    """A chairman's award decision with the list of awardees in a landscape annex table."""
    rows: list = [TableSection("I. TẬP THỂ")]
    rows += [
        [i, f"Phòng chuyên môn số {i}", "Tập thể Lao động tiên tiến", "Giấy khen"]
        for i in range(1, 4)
    ]
    rows.append(TableSection("II. CÁ NHÂN"))
    rows += [
        [i, f"Bà Nguyễn Thị Cán Bộ {i}", "Chuyên viên Phòng Văn hóa - Xã hội", "Giấy khen"]
        for i in range(1, 41)
    ]
    return kinds.decision(
        issuer=WARD,
        authority="Chủ tịch Ủy ban nhân dân phường Lê Chân",
        title="Về việc khen thưởng thành tích trong thực hiện phong trào thi đua "
        "“Đẩy mạnh cải cách hành chính” năm 2026",
        bases=[
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025",
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
        ],
        proposal="Theo đề nghị của Trưởng phòng Văn hóa - Xã hội",
        articles=[
            Article(
                [
                    "Tặng Giấy khen cho 03 tập thể và 40 cá nhân có thành tích xuất sắc trong "
                    "thực hiện phong trào thi đua (có danh sách kèm theo)."
                ]
            ),
            Article(["Quyết định này có hiệu lực kể từ ngày ký."]),
            Article(
                [
                    "Chánh Văn phòng HĐND và UBND phường, Trưởng phòng Văn hóa - Xã hội và các tập "
                    "thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."
                ]
            ),
        ],
        signer=CHAIRMAN,
        number=5,
        place="Lê Chân",
        issued_on=date(2027, 3, 15),
        recipients=["Thường trực Đảng ủy phường"],
        archive="VHXH",
        annexes=[
            Annex(
                title="Danh sách tập thể, cá nhân được tặng Giấy khen",
                blocks=[
                    Table(
                        headers=["TT", "Tên tập thể, cá nhân", "Chức vụ, đơn vị", "Hình thức"],
                        rows=rows,
                        widths=[12, 90, 110, 40],
                    )
                ],
                landscape=True,
            )
        ],
    )


def council_minutes() -> DocumentSpec:
    """The council's meeting minutes, signed by the secretary and the chair."""
    return kinds.minutes(
        issuer=COUNCIL,
        title="Họp xét khen thưởng phong trào thi đua “Đẩy mạnh cải cách hành chính” năm 2026",
        started_at=datetime(2027, 3, 10, 8, 0),
        venue="Hội trường Ủy ban nhân dân phường Lê Chân",
        attendees=[
            "Ông Nguyễn Văn An - Chủ tịch UBND phường, Chủ tịch Hội đồng",
            "Bà Lê Thị Cúc - Trưởng phòng Văn hóa - Xã hội, Phó Chủ tịch Hội đồng",
            "Các thành viên Hội đồng: 07/09 người",
        ],
        chair=Participant("Nguyễn Văn An", "Chủ tịch Hội đồng"),
        secretary=Participant("Phạm Minh Đức", "Chuyên viên Phòng Văn hóa - Xã hội"),
        content=[
            Heading("1. Thường trực Hội đồng báo cáo danh sách đề nghị khen thưởng", level=2),
            Paragraph("Có 05 tập thể và 12 cá nhân được các đơn vị đề nghị."),
            Heading("2. Kết quả bỏ phiếu", level=2),
            Table(
                headers=["TT", "Tập thể, cá nhân", "Số phiếu đồng ý", "Tỷ lệ (%)"],
                rows=[[1, "Phòng Văn hóa - Xã hội", 7, "100"], [2, "Bà Lê Thị Cúc", 6, "85,7"]],
                widths=[12, 90, 30, 30],
            ),
        ],
        ended_at=datetime(2027, 3, 10, 10, 30),
    )


def submission() -> DocumentSpec:
    return kinds.submission(
        issuer=WARD,
        title="Về việc đề nghị tặng Bằng khen của Chủ tịch UBND thành phố",
        addressees=["Ủy ban nhân dân thành phố Hải Phòng", "Sở Nội vụ thành phố Hải Phòng"],
        blocks=[Paragraph("Ủy ban nhân dân phường Lê Chân kính trình ...")],
        signer=DEPUTY,
        issued_on=None,
        place="Lê Chân",
        archive="VHXH",
    )


def letter() -> DocumentSpec:
    return kinds.letter(
        issuer=WARD,
        subject="đôn đốc nộp hồ sơ đề nghị khen thưởng năm 2026",
        drafting_unit="VHXH",
        addressees=["Các phòng chuyên môn thuộc UBND phường"],
        blocks=[Paragraph("Đề nghị các đơn vị gửi hồ sơ trước ngày 10/3/2027.")],
        signer=Signer(position="Phó Chủ tịch", signs_for="Chủ tịch", name="Trần Thị Bình"),
        number=12,
        place="Lê Chân",
        issued_on=date(2027, 2, 5),
    )


def plan() -> DocumentSpec:
    return kinds.plan(
        issuer=WARD,
        title="Phát động phong trào thi đua năm 2027",
        blocks=[Heading("I. MỤC ĐÍCH, YÊU CẦU"), Paragraph("Nội dung kế hoạch.")],
        signer=DEPUTY,
        place="Lê Chân",
        issued_on=date(2027, 1, 9),
        recipients=["Sở Nội vụ"],
    )
