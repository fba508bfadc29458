"""Award rules in other wordings than the seeds: each wording read into the vocabulary, with its sentence; a
plan without an award section gives nothing but a clear message."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cchc.awards.reader import NO_SECTION, patterns, propose, without_not_read
from cchc.awards.rules.schema import parse_programme_data

PLANS = Path(__file__).resolve().parent / "fixtures" / "plans"
AN_HOA = PLANS / "an-hoa-45-2027.txt"
NONE = PLANS / "khong-co-khen-thuong.txt"


def _read(path: Path) -> dict:
    return propose(path.read_text(encoding="utf-8"))


def _programme(data: dict, subject: str) -> dict:
    return next(p for p in data["programmes"] if p["subject"] == subject)


def test_a_commune_plan_in_other_wordings_validates_as_a_rule_file():
    data = _read(AN_HOA)
    parse_programme_data(without_not_read(data))
    assert [(p["kind"], p["form"], p["subject"]) for p in data["programmes"]] == [
        ("annual", "giay_khen_chu_tich_ubnd_xa", "collective"),
        ("annual", "giay_khen_chu_tich_ubnd_xa", "person"),
    ]


def test_in_the_group_of_the_3_leading_units_of_the_commune_bloc_is_a_top_3():
    collective = _programme(_read(AN_HOA), "collective")
    kinds = [c["kind"] for c in collective["criteria"]]
    assert kinds == ["par_top_n", "no_discipline", "movement_report_on_time"]
    top = collective["criteria"][0]
    assert top["n_by_bloc"] == {"xa-dac-khu": 3}
    assert top["quote"].startswith("Xếp hạng trong nhóm 03 đơn vị dẫn đầu khối xã")
    assert top["source"] == "45/KH-UBND, mục II.1.a"
    assert collective["criteria"][1]["min_level"] == "khien_trach"


def test_good_completion_or_better_and_at_least_2_of_3_standards():
    person = _programme(_read(AN_HOA), "person")
    gate, group = person["criteria"]
    assert (gate["kind"], gate["min_class"]) == ("evaluation_class", "htt")
    assert (group["kind"], group["k"]) == ("at_least", 2)
    initiative, title, manual = group["of"]
    assert (initiative["min_count"], initiative["min_level"]) == (1, "commune")
    assert (title["kind"], title["title"], title["consecutive_years"]) == (
        "title_held",
        "cstd_co_so",
        2,
    )
    assert manual["kind"] == "manual" and manual["text"].startswith("Có thành tích nổi bật")


def test_a_percentage_of_participants_and_an_either_or_slot_per_office():
    person = _programme(_read(AN_HOA), "person")
    percent, slot = person["quotas"]
    assert percent["percent"] == {"person": "10"} and percent["group_by"] == "programme"
    assert slot == {**slot, "group_by": "proposer", "max": {"any": 1}}
    assert slot["quote"] == "Mỗi bộ phận chuyên môn đề nghị 01 trường hợp, tập thể hoặc cá nhân."


def test_at_the_latest_15_10_every_year_and_late_dossiers_not_considered():
    person = _programme(_read(AN_HOA), "person")
    deadline = person["deadline"]
    assert (deadline["kind"], deadline["date"], deadline["before"]) == ("yearly", "15/10", False)
    assert deadline["year_offset"] == 0
    assert person["late_policy"] == "refuse"
    assert person["late_policy_quote"].startswith("Hồ sơ gửi chậm")


def test_a_deadline_of_a_kind_without_programme_is_listed_as_not_read():
    not_read = _read(AN_HOA)["not_read"]
    assert [n["text"][:60] for n in not_read] == [
        "Hồ sơ đề nghị khen thưởng tổng kết gửi trước 07 ngày làm việ"
    ]


@pytest.mark.parametrize(
    "sentence,expected",
    [
        (
            "Gửi hồ sơ trước 07 ngày làm việc tính đến ngày tổ chức hội nghị tổng kết.",
            {"kind": "days_before_event", "n": 7, "working_days": True},
        ),
        (
            "Hồ sơ gửi chậm nhất 05 ngày trước ngày tổ chức lễ trao thưởng.",
            {"kind": "days_before_event", "n": 5, "working_days": False},
        ),
        (
            "Hồ sơ gửi trước ngày 31/3/2030.",
            {"kind": "fixed", "date": "31/03/2030", "before": True},
        ),
        ("Thời gian nộp: trước ngày 15/3.", {"kind": "yearly", "date": "15/3", "year_offset": 1}),
        ("Nhận hồ sơ từ ngày 01/11 đến ngày 10/12 hằng năm.", {"kind": "window", "end": "10/12"}),
        ("Đề nghị khen thưởng ngay sau khi có thành tích.", {"kind": "any_time"}),
    ],
)
def test_deadline_wordings(sentence, expected):
    rule, _ = patterns.read_deadline(sentence)
    assert rule == {**rule, **expected}


@pytest.mark.parametrize(
    "sentence,expected",
    [
        (
            "Tối đa 05 tập thể, 10 cá nhân.",
            {"group_by": "programme", "max": {"collective": 5, "person": 10}},
        ),
        (
            "Mỗi đơn vị đề nghị không quá 01 tập thể và 01 cá nhân.",
            {"group_by": "proposer", "max": {"collective": 1, "person": 1}},
        ),
        (
            "Số tập thể được đề nghị không quá 20% tổng số tập thể tham gia.",
            {"group_by": "programme", "percent": {"collective": "20"}},
        ),
    ],
)
def test_quota_wordings(sentence, expected):
    assert patterns.read_quotas(sentence) == [expected]


@pytest.mark.parametrize(
    "sentence,kind,fields",
    [
        (
            "Có ít nhất 03 năm trong nhóm 10 đơn vị dẫn đầu về Chỉ số CCHC.",
            "par_years_in_top",
            {"min_years": 3, "n": 10},
        ),
        ("Chỉ số CCHC năm 2027 đạt từ 85 điểm trở lên.", "par_score_at_least", {"min_score": "85"}),
        (
            "Hoàn thành đúng hạn 90% nhiệm vụ của kế hoạch.",
            "plan_on_time_rate",
            {"min_percent": "90"},
        ),
        (
            "Có 70% cá nhân trong tập thể đạt danh hiệu Lao động tiên tiến.",
            "members_title_share",
            {"title": "ldtt", "min_percent": "70"},
        ),
        ("Có sáng kiến được công nhận cấp thành phố.", "initiatives", {"min_level": "city"}),
        ("Có đăng ký thi đua đầy đủ.", "registration", {}),
    ],
)
def test_criterion_wordings(sentence, kind, fields):
    found, _ = patterns.read_criteria(sentence, over_period=False)
    assert [f.rule["kind"] for f in found] == [kind]
    assert found[0].rule == {**found[0].rule, **fields}


def test_one_of_the_standards_and_all_the_standards_are_read_as_combinators():
    fold = patterns.fold_same_length
    assert patterns.combinator(fold("Đạt một trong các tiêu chuẩn sau:")) == {"kind": "any"}
    assert patterns.combinator(fold("Đáp ứng các tiêu chuẩn sau:")) == {"kind": "all"}
    assert patterns.combinator(fold("đạt ít nhất 02 trong các tiêu chuẩn")) == {
        "kind": "at_least",
        "k": 2,
    }


def test_a_plan_without_an_award_section_reads_nothing_and_says_so():
    data = _read(NONE)
    assert data["programmes"] == []
    assert data["not_read"][-1]["reason"] == NO_SECTION
    parse_programme_data(without_not_read(data))


def test_the_command_prints_json_and_yaml_and_refuses_a_missing_file():
    out = StringIO()
    call_command("read_award_rules", str(AN_HOA), "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["document"]["number"] == "45/KH-UBND"
    out, err = StringIO(), StringIO()
    call_command("read_award_rules", str(NONE), "--format", "yaml", stdout=out, stderr=err)
    assert "programmes: []" in out.getvalue()
    assert NO_SECTION in err.getvalue()
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        call_command("read_award_rules", str(PLANS / "khong-co.txt"))


BROKEN_LINES = """Số: 30/KH-UBND

Thành phố Hải Phòng, ngày 02 tháng 4 năm 2027

KẾ HOẠCH

Đợt thi đua đẩy mạnh thanh toán trực tuyến năm 2027

IV. KHEN THƯỞNG

1. Cấp thành phố

a) Chủ tịch Ủy ban nhân dân
thành phố xem xét tặng Bằng khen cho các tập thể, cá nhân có thành tích tiêu biểu trong đợt thi đua.

b) Hồ sơ đề nghị gửi Sở Nội vụ trước ngày 20/11/2027.
"""


def test_a_line_broken_after_a_letter_item_is_joined_and_its_award_read():
    data = propose(BROKEN_LINES)
    assert [(p["form"], p["subject"]) for p in data["programmes"]] == [
        ("bang_khen_chu_tich_ubnd_tp", "collective"),
        ("bang_khen_chu_tich_ubnd_tp", "person"),
    ]
    prog = data["programmes"][0]
    assert prog["criteria"][0]["text"] == "Có thành tích tiêu biểu trong đợt thi đua"
    assert prog["criteria"][0]["quote"].startswith(
        "Chủ tịch Ủy ban nhân dân thành phố xem xét tặng"
    )
    assert prog["source"] == "30/KH-UBND, mục IV.1.a"
    assert (prog["deadline"]["kind"], prog["deadline"]["date"]) == ("fixed", "20/11/2027")
    parse_programme_data(without_not_read(data))


SEEDS = Path(__file__).resolve().parents[3] / "data" / "seeds"


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("00[0-3]_*.txt")), ids=lambda p: p.name[:3])
def test_a_plan_cut_anywhere_still_gives_a_valid_proposal(seed):
    text = seed.read_text(encoding="utf-8")
    for tenth in range(1, 10):
        data = propose(text[: len(text) * tenth // 10])
        parse_programme_data(without_not_read(data))
        assert all(n["reason"] and n["source"] for n in data["not_read"])


@pytest.mark.parametrize(
    "sentence",
    [
        "Xếp trong nhóm 03 đơn vị dẫn đầu khối sở, ngành; 05 đơn vị dẫn đầu khối phường; 05 đơn vị dẫn "
        "đầu khối xã, đặc khu về Chỉ số CCHC năm đánh giá.",
        "Thuộc top 3 khối sở, ngành, top 5 khối phường và top 5 khối xã, đặc khu về Chỉ số cải cách "
        "hành chính.",
    ],
)
def test_one_sentence_with_a_threshold_per_bloc(sentence):
    found, rest = patterns.read_criteria(sentence, over_period=False)
    assert [f.rule for f in found] == [
        {"kind": "par_top_n", "n_by_bloc": {"so-nganh": 3, "phuong": 5, "xa-dac-khu": 5}}
    ]


SECTION_ONLY = """III. CÔNG TÁC KHEN THƯỞNG

1. Tiêu chuẩn

Đối với cá nhân: Có ít nhất 01 sáng kiến được công nhận và hoàn thành xuất sắc nhiệm vụ.

2. Thời gian: hồ sơ gửi trước ngày 20/3 hằng năm.
"""


def test_a_pasted_section_without_header_takes_the_level_the_user_chose():
    data = propose(SECTION_ONLY, issuer_kind="ward", issuer_name="Ủy ban nhân dân Phường Hòa Bình")
    (prog,) = data["programmes"]
    assert (prog["form"], prog["subject"]) == ("giay_khen_chu_tich_ubnd_phuong", "person")
    assert prog["source"] == "Văn bản phường Hòa Bình, mục III.1"
    assert prog["deadline"]["date"] == "20/3"
    assert data["id"] == "vb-phuong-hoa-binh"
    assert data["document"]["issuer"] == "Ủy ban nhân dân Phường Hòa Bình"
    assert {n["text"] for n in data["not_read"]} == {
        "Không đọc được số, ký hiệu.",
        "Không đọc được tên văn bản.",
    }


@pytest.mark.django_db
def test_the_command_takes_the_issuing_unit_by_its_code(tmp_path):
    from cchc.orgs.models import Unit

    ward = Unit.objects.filter(kind="ward").order_by("pk").first()
    plan = tmp_path / "phan-khen-thuong.txt"
    plan.write_text(SECTION_ONLY, encoding="utf-8")
    out = StringIO()
    call_command("read_award_rules", str(plan), "--issuer-unit", ward.code, stdout=out)
    data = json.loads(out.getvalue())
    assert data["programmes"][0]["form"] == "giay_khen_chu_tich_ubnd_phuong"
    with pytest.raises(CommandError, match="Không có đơn vị mã"):
        call_command("read_award_rules", str(plan), "--issuer-unit", "KHONG-CO")
