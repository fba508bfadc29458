"""Plausible Vietnamese names for demo people, drawn with a fixed seed."""

import random

SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Vũ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Mai",
]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Thành", "Tiến", "Xuân"]
MIDDLE_F = ["Thị", "Thu", "Thanh", "Ngọc", "Phương", "Hồng", "Minh", "Thùy"]
GIVEN_M = [
    "Hùng",
    "Dũng",
    "Tuấn",
    "Nam",
    "Hải",
    "Long",
    "Sơn",
    "Tâm",
    "Phúc",
    "Khánh",
    "Trung",
    "Quân",
    "Thắng",
    "Bình",
]
GIVEN_F = [
    "Lan",
    "Hương",
    "Mai",
    "Hà",
    "Linh",
    "Trang",
    "Thảo",
    "Yến",
    "Ngân",
    "Hạnh",
    "Dung",
    "Vân",
    "Hằng",
    "Nhung",
]


def person_name(rng: random.Random) -> tuple[str, str]:
    """A (full name, gender) pair."""
    if rng.random() < 0.5:
        return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_M)} {rng.choice(GIVEN_M)}", "male"
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_F)} {rng.choice(GIVEN_F)}", "female"
