"""Rule files: refused with the path of the field and a Vietnamese message; the JSON Schema is current."""

from __future__ import annotations

import copy
import subprocess
import sys
from datetime import date
from decimal import Decimal

import pytest

from cchc.awards.rules.catalogue import award_amount, base_salary_on, catalogue, round_up
from cchc.awards.rules.criteria import _Group
from cchc.awards.rules.schema import (
    SCHEMA_FILE,
    RuleFileError,
    json_schema_text,
    load_all,
    load_programme_file,
    parse_programme_data,
)

GOOD = {
    "schema_version": 1,
    "id": "mau",
    "document": {
        "type": "Kế hoạch",
        "issuer": "UBND mẫu",
        "title": "Mẫu",
        "period": {"start": 2026, "end": 2030},
    },
    "programmes": [
        {
            "code": "a",
            "name": "Mẫu",
            "kind": "annual",
            "form": "bang_khen_chu_tich_ubnd_tp",
            "subject": "collective",
            "conferred_by": {"level": "city", "role": "chairman"},
            "source": "KH mẫu, mục 1",
            "criteria": [{"kind": "par_top_n", "n": 5, "source": "KH mẫu, mục 1"}],
        },
        {
            "code": "b",
            "name": "Mẫu",
            "kind": "annual",
            "form": "bang_khen_chu_tich_ubnd_tp",
            "subject": "person",
            "conferred_by": {"level": "city", "role": "chairman"},
            "source": "KH mẫu, mục 2",
            "criteria": [
                {"kind": "par_top_n", "n": 5, "applies_to": "own_unit", "source": "KH mẫu, mục 2"}
            ],
        },
    ],
}


def _with(path: str, value):
    data = copy.deepcopy(GOOD)
    target = data
    parts = path.split(".")
    for part in parts[:-1]:
        target = target[int(part)] if part.isdigit() else target[part]
    last = parts[-1]
    if value is _DELETE:
        del target[last]
    else:
        target[int(last) if last.isdigit() else last] = value
    return data


_DELETE = object()

BAD = [
    ("programmes.1.criteria.0.n", 0, "programmes[1].criteria[0].n", "phải là số nguyên dương"),
    ("programmes.1.criteria.0.n", "năm", "programmes[1].criteria[0].n", "phải là số nguyên dương"),
    (
        "programmes.0.kind",
        "yearly",
        "programmes[0].kind",
        "phải là một trong: 'annual', 'period_end' hoặc 'ad_hoc'",
    ),
    (
        "programmes.0.criteria.0.source",
        "",
        "programmes[0].criteria[0].source",
        "không được để trống",
    ),
    (
        "programmes.0.criteria.0.source",
        _DELETE,
        "programmes[0].criteria[0].source",
        "thiếu trường bắt buộc",
    ),
    (
        "programmes.0.criteria.0.kind",
        "xep_hang",
        "programmes[0].criteria[0]",
        "loại 'xep_hang' không có",
    ),
    (
        "programmes.0.criteria.0.nn",
        3,
        "programmes[0].criteria[0].nn",
        "trường không có trong định dạng",
    ),
    ("programmes.0.form", "bang_khen_khong_co", "programmes[0].form", "không có trong danh mục"),
    ("programmes.1.code", "a", "programmes[1].code", "trùng mã chương trình 'a'"),
    (
        "programmes.0.criteria.0.applies_to",
        "own_unit",
        "programmes[0].criteria[0].applies_to",
        "chỉ dùng khi xét cá nhân",
    ),
    ("programmes.0.subject", "household", "programmes[0].criteria[0]", "chỉ dùng cho tập thể"),
    (
        "programmes.0.pool",
        {"blocs": ["khoi-la"]},
        "programmes[0].pool.blocs[0]",
        "khối 'khoi-la' không có",
    ),
    (
        "programmes.0.deadline",
        {"kind": "yearly", "date": "31/13", "source": "KH mẫu"},
        "programmes[0].deadline",
        "ngày/tháng không có thật",
    ),
    (
        "programmes.0.quotas",
        [{"group_by": "proposer", "source": "KH mẫu"}],
        "programmes[0].quotas[0]",
        "cần đúng một trong 'max'",
    ),
    ("document.date", "tháng 6", "document.date", "dd/mm/yyyy"),
]


@pytest.mark.parametrize(("path", "value", "where", "message"), BAD)
def test_a_rule_file_with_an_error_is_refused_with_the_path_and_a_vietnamese_message(
    path, value, where, message
):
    with pytest.raises(RuleFileError) as exc:
        parse_programme_data(_with(path, value), file="mau.yaml")
    assert any(p == where and message in m for p, m in exc.value.errors), exc.value.errors
    assert f"- {where}: " in str(exc.value)


def test_the_good_sample_loads():
    pf = parse_programme_data(GOOD)
    assert [p.code for p in pf.programmes] == ["a", "b"]


def test_a_broken_yaml_file_names_the_line(tmp_path):
    path = tmp_path / "hong.yaml"
    path.write_text("schema_version: 1\nid: [mau\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as exc:
        load_programme_file(path)
    assert "không đọc được YAML: dòng" in str(exc.value)


def test_every_rule_of_the_seed_files_cites_its_clause():
    count = 0
    for pf in load_all():
        for prog in pf.programmes:
            stack = list(prog.criteria)
            while stack:
                node = stack.pop()
                assert len(node.source) >= 3
                count += 1
                if isinstance(node, _Group):
                    stack.extend(node.of)
            for rule in [*prog.quotas, *prog.tie_break, *prog.dossier, *prog.notes]:
                assert rule.source
            assert prog.deadline is None or prog.deadline.source
    assert count > 100


def test_the_published_json_schema_is_current():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == json_schema_text(), (
        "run: .venv/bin/python -m cchc.awards.rules.schema"
    )


def test_the_bloc_codes_of_the_rules_are_those_of_the_organisation():
    from cchc.awards.rules.vocabulary import BLOC_NAMES, UNIT_KIND_NAMES
    from cchc.orgs.choices import BlocCode, UnitKind

    assert set(BLOC_NAMES) == set(BlocCode.values)
    assert set(UNIT_KIND_NAMES) == set(UnitKind.values)


def test_the_rule_modules_import_no_django():
    code = (
        "import sys, cchc.awards.rules.eligibility, cchc.awards.rules.quotas, cchc.awards.rules.deadlines;"
        "print('django' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


AMOUNTS = [
    ("ldtt", "person", date(2026, 12, 1), 710_000),
    ("giay_khen_chu_tich_ubnd_phuong", "collective", date(2027, 1, 15), 1_410_000),
    ("giay_khen_chu_tich_ubnd_xa", "household", date(2027, 1, 15), 1_060_000),
    ("ttldtt", "collective", date(2027, 1, 15), 1_880_000),
    ("cstd_co_so", "person", date(2027, 1, 15), 2_340_000),
    ("bang_khen_chu_tich_ubnd_tp", "person", date(2027, 4, 1), 3_510_000),
    ("bang_khen_chu_tich_ubnd_tp", "collective", date(2027, 4, 1), 7_020_000),
    ("co_thi_dua_ubnd_tp", "collective", date(2030, 5, 1), 18_720_000),
    ("bang_khen_ttcp", "person", date(2027, 4, 1), 8_190_000),
    ("ldtt", "person", date(2024, 6, 30), 540_000),  # 0.3 × 1,800,000 before 01/7/2024
    ("cstd_co_so", "collective", date(2027, 1, 1), None),
    ("ldtt", "person", date(2019, 1, 1), None),
]


@pytest.mark.parametrize(("form", "subject", "decided", "amount"), AMOUNTS)
def test_award_money_is_the_coefficient_times_the_base_salary_of_the_decision_date_rounded_up(
    form, subject, decided, amount
):
    assert award_amount(form, subject, decided) == amount


def test_base_salary_is_a_dated_table_and_rounding_goes_up_to_ten_thousand():
    assert base_salary_on(date(2024, 7, 1)) == 2_340_000
    assert base_salary_on(date(2024, 6, 30)) == 1_800_000
    assert round_up(Decimal(702_000)) == 710_000
    assert round_up(Decimal(2_340_000)) == 2_340_000
    names = catalogue().names()
    assert names["co_thi_dua_ubnd_tp"] == "Cờ thi đua của Ủy ban nhân dân thành phố"


def test_every_kind_of_criterion_is_used_by_the_seeds_or_the_fixtures():
    from pathlib import Path

    from cchc.awards.rules.criteria import CRITERION_KINDS

    used: set[str] = set()
    for folder in (None, Path(__file__).parent / "fixtures"):
        for pf in load_all(folder):
            for prog in pf.programmes:
                stack = list(prog.criteria)
                while stack:
                    node = stack.pop()
                    used.add(node.kind)
                    if isinstance(node, _Group):
                        stack.extend(node.of)
    assert used == set(CRITERION_KINDS)
