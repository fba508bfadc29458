"""The `read_movement` command: JSON for the movement pages to come, a text form for people."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

SEEDS = Path(__file__).resolve().parents[3] / "data" / "seeds"


def run(*args) -> str:
    out = StringIO()
    call_command("read_movement", *args, stdout=out)
    return out.getvalue()


def test_json_output_gives_the_city_movement_with_its_report_rule():
    data = json.loads(run(str(next(SEEDS.glob("002_*.txt"))), "--format", "json"))
    assert data["document"]["number"] == "2162/QĐ-UBND"
    assert data["name"]["value"] == "Đẩy mạnh cải cách hành chính"
    assert len(data["contents"]) == 6
    report = data["report_due"]
    assert {k: report[k] for k in ("text", "month", "day", "recurring", "to")} == {
        "text": "trước ngày 30/11 hàng năm",
        "month": 11,
        "day": 30,
        "recurring": True,
        "to": "Sở Nội vụ",
    }


def test_text_output_is_in_vietnamese_and_names_what_is_missing():
    out = run(str(next(SEEDS.glob("003_*.txt"))))
    assert "Tên phong trào: Đẩy mạnh Cải cách hành chính" in out
    assert "Giai đoạn: 2023" in out
    assert "Phong trào cấp trên: 60/KH-UBND" in out
    assert "Chưa đọc được / cần kiểm tra:" in out and "cơ quan thường trực" in out


def test_a_missing_or_unreadable_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        run(str(tmp_path / "khong-co.txt"))
    bad = tmp_path / "ke-hoach.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(CommandError, match="Word cũ"):
        run(str(bad))
