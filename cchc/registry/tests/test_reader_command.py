"""The `read_document` command: JSON with the keys of the issue, and a text form for people."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

SEEDS = Path(__file__).resolve().parents[3] / "data" / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "documents"


def run(*args) -> str:
    out = StringIO()
    call_command("read_document", *args, stdout=out)
    return out.getvalue()


def test_json_output_has_exactly_the_keys_of_the_issue_and_the_bases():
    path = next(SEEDS.glob("004_*.txt"))
    data = json.loads(run(str(path), "--format", "json"))
    assert {"number", "type", "date", "issuer", "title", "bases"} <= set(data)
    assert (data["number"], data["type"], data["date"], data["date_precision"]) == (
        "",
        "QĐ",
        "2026-01-01",
        "month",
    )
    assert data["issuer"] == "Chủ tịch Ủy ban nhân dân phường Lê Thanh Nghị"
    assert (
        data["title"]
        == "Ban hành Kế hoạch Cải cách hành chính nhà nước phường Lê Thanh Nghị năm 2026"
    )
    assert [(b["number"], b["date"], b["issuer"]) for b in data["bases"]] == [
        ("", "2025-06-16", ""),
        ("76/NQ-CP", "2021-07-15", "Chính phủ"),
        ("3470/QĐ-UBND", "2025-08-27", "Ủy ban nhân dân thành phố"),
        ("5256/QĐ-UBND", "2025-12-26", "Ủy ban nhân dân thành phố"),
        ("698/QĐ-UBND", "2025-09-30", "Ủy ban nhân dân phường Lê Thanh Nghị"),
    ]
    assert all({"number", "date", "issuer", "title"} <= set(b) for b in data["bases"])
    assert data["bases"][0]["title"] == "Luật Tổ chức chính quyền địa phương"


def test_text_output_is_in_vietnamese_with_dates_dd_mm_yyyy_and_the_warnings():
    out = run(str(next(SEEDS.glob("000_*.txt"))))
    assert "Số, ký hiệu: 259/KH-UBND" in out
    assert "Ngày ban hành: 19/06/2026" in out
    assert "Căn cứ (4):" in out
    assert "1. [Thực hiện] 282/QĐ-TTg | Quyết định | 12/02/2026 | Thủ tướng Chính phủ" in out
    assert "Cần kiểm tra:" in out


def test_text_output_of_a_document_with_a_blank_day_shows_month_and_year():
    out = run(str(next(SEEDS.glob("004_*.txt"))), "--format", "text")
    assert "Số, ký hiệu: (chưa có số) …/QĐ-UBND" in out
    assert "Ngày ban hành: 01/2026" in out


def test_a_web_page_can_be_read():
    data = json.loads(run(str(FIXTURES / "web_clutter.html"), "--format", "json"))
    assert data["number"] == "259/KH-UBND" and data["date"] == "2026-06-19"


def test_a_missing_or_unreadable_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        run(str(tmp_path / "khong-co.txt"))
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"not a docx")
    with pytest.raises(CommandError, match="bị hỏng"):
        run(str(broken))
