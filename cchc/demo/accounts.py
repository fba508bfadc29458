"""Demo accounts, one per role, all with the demo password."""

from cchc.accounts import services
from cchc.core.scope import COUNCIL, LEADER, OFFICER, STANDING, SYSTEM, VIEWER
from cchc.demo import DEMO_PASSWORD

# (username, full name, office key, role, scope key, description shown in the README and at start-up)
ACCOUNTS = [
    (
        "snv",
        "Trần Thu Hà",
        "snv_par",
        STANDING,
        "city",
        "Sở Nội vụ – cơ quan thường trực CCHC toàn thành phố",
    ),
    (
        "lechan",
        "Nguyễn Thị Lan",
        "office:Lê Chân:VHXH",
        STANDING,
        "level:Lê Chân",
        "Phòng Văn hóa - Xã hội phường Lê Chân (thường trực của phường)",
    ),
    (
        "khucthuadu",
        "Vũ Minh Tuấn",
        "office:Khúc Thừa Dụ:VHXH",
        STANDING,
        "level:Khúc Thừa Dụ",
        "Phòng Văn hóa - Xã hội xã Khúc Thừa Dụ (thường trực của xã)",
    ),
    (
        "lethanhnghi",
        "Phạm Thu Trang",
        "office:Lê Thanh Nghị:VHXH",
        STANDING,
        "level:Lê Thanh Nghị",
        "Phòng Văn hóa - Xã hội phường Lê Thanh Nghị (thường trực của phường)",
    ),
    (
        "phuluong",
        "Đỗ Thanh Hương",
        "phu_luong_office",
        STANDING,
        "phu_luong",
        "Văn phòng UBND phường Phú Lương (Hà Đông, Hà Nội)",
    ),
    (
        "lechan.vanphong",
        "Lê Quang Huy",
        "office:Lê Chân:VP",
        OFFICER,
        "office:Lê Chân:VP",
        "Cán bộ Văn phòng HĐND và UBND phường Lê Chân (lập, gửi hồ sơ của đơn vị)",
    ),
    (
        "lechan.chutich",
        "Phạm Văn Tân",
        "level:Lê Chân",
        LEADER,
        "level:Lê Chân",
        "Chủ tịch UBND phường Lê Chân (phê duyệt, ký)",
    ),
    (
        "lechan.hoidong",
        "Bùi Thị Hạnh",
        "office:Lê Chân:VHXH",
        COUNCIL,
        "level:Lê Chân",
        "Thành viên Hội đồng Thi đua - Khen thưởng phường Lê Chân",
    ),
    (
        "lechan.xem",
        "Hoàng Minh Nam",
        "office:Lê Chân:VP",
        VIEWER,
        "level:Lê Chân",
        "Chỉ xem dữ liệu phường Lê Chân",
    ),
]


def load(units: dict) -> list[dict]:
    """Create the administrator and the demo accounts with their grants."""
    services.user_create(
        actor=SYSTEM,
        username="admin",
        password=DEMO_PASSWORD,
        full_name="Quản trị hệ thống",
        is_superuser=True,
        audit_it=False,
    )
    rows = [{"username": "admin", "description": "Quản trị hệ thống (toàn quyền)"}]
    for username, full_name, office_key, role, scope_key, description in ACCOUNTS:
        user = services.user_create(
            actor=SYSTEM,
            username=username,
            password=DEMO_PASSWORD,
            full_name=full_name,
            office=units[office_key],
            audit_it=False,
        )
        services.grant_add(
            actor=SYSTEM, user=user, role=role, unit=units[scope_key], audit_it=False
        )
        rows.append({"username": username, "description": description})
    return rows
