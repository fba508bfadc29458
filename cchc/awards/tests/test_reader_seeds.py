"""The award rules read from the four seeds that have an award section, compared with the hand-written rule
files (codes differ; kinds, forms, subjects, thresholds, quotas and deadlines must agree)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cchc.awards.reader import propose, without_not_read
from cchc.awards.reader.sections import paragraphs
from cchc.awards.rules.schema import PROGRAMMES_DIR, load_programme_file, parse_programme_data

SEEDS = Path(__file__).resolve().parents[3] / "data" / "seeds"
CITY = SEEDS / "002_7c2d7534cc75175e.txt"
LE_CHAN = SEEDS / "000_7c29f19b45036252.txt"
KHUC_THUA_DU = SEEDS / "001_fe6032eb2a75d321.txt"
PHU_LUONG = SEEDS / "003_d53ccbadaa947da3.txt"
CASES = [
    (CITY, "hp-2162-2026.yaml"),
    (LE_CHAN, "lc-259-2026.yaml"),
    (KHUC_THUA_DU, "ktd-2026.yaml"),
    (PHU_LUONG, "pl-26-2023.yaml"),
]

_THRESHOLDS = ("n", "n_by_bloc", "min_years", "min_count", "min_level", "min_class", "over")
# What the hand-written files add from outside the award rules' own sentences: the principle "không khen
# thưởng nhiều lần …" (mục III.1.2) written as a criterion; Lê Chân's "03 năm … top 10" also read for its
# own-unit persons.
_HAND_READINGS = {"not_nominated_for"}


def read(path: Path) -> dict[str, Any]:
    return propose(path.read_text(encoding="utf-8"))


def _walk(nodes):
    for node in nodes:
        yield node
        yield from _walk(node.get("of", []))


def thresholds(criteria) -> set[tuple]:
    out = set()
    for node in _walk(criteria):
        if node["kind"] in ("manual", "all", "any", "at_least", *_HAND_READINGS):
            continue
        node = dict(node)
        if len(node.get("n_by_bloc") or {}) == 1:
            # One bloc named in a plan of that bloc: the same as a plain N.
            node["n"] = next(iter(node.pop("n_by_bloc").values()))
        values = tuple(
            (k, tuple(sorted(node[k].items())) if isinstance(node[k], dict) else node[k])
            for k in _THRESHOLDS
            if k in node
        )
        out.add((node["kind"], values))
    return out


def _dump(programme) -> dict[str, Any]:
    return programme.model_dump(mode="json", exclude_none=True)


def _key(p: dict[str, Any]) -> tuple[str, str, str]:
    return (p["kind"], p["form"], p["subject"])


@pytest.mark.parametrize("seed,hand", CASES, ids=[c[1] for c in CASES])
def test_the_proposal_without_not_read_validates_as_a_rule_file(seed, hand):
    data = read(seed)
    assert data["programmes"]
    parse_programme_data(without_not_read(data))


@pytest.mark.parametrize("seed,hand", CASES, ids=[c[1] for c in CASES])
def test_every_rule_carries_its_clause_and_the_sentence_it_came_from(seed, hand):
    data = read(seed)
    document = " ".join(p.text for p in paragraphs(seed.read_text(encoding="utf-8")))
    number = data["document"]["number"] or "KH xã Khúc Thừa Dụ"
    for prog in data["programmes"]:
        assert prog["source"].startswith(f"{number}, mục ")
        for node in _walk(prog["criteria"]):
            assert node["source"].startswith(f"{number}, mục "), node
            assert node["quote"][:60] in document, node
        for quota in prog.get("quotas", []):
            assert quota["source"] and quota["quote"]
        if "deadline" in prog:
            assert prog["deadline"]["source"] and prog["deadline"]["quote"]


@pytest.mark.parametrize("seed,hand", CASES, ids=[c[1] for c in CASES])
def test_the_proposal_has_the_programmes_of_the_hand_written_file(seed, hand):
    data = read(seed)
    expected = [_dump(p) for p in load_programme_file(PROGRAMMES_DIR / hand).programmes]
    proposed: dict[tuple, list[dict]] = {}
    for p in data["programmes"]:
        proposed.setdefault(_key(p), []).append(p)
    assert sorted({_key(p) for p in expected}) == sorted(proposed)
    for want in expected:
        candidates = proposed[_key(want)]
        hand_t = thresholds(want["criteria"])
        assert any(hand_t <= thresholds(p["criteria"]) for p in candidates), (
            want["code"],
            hand_t,
            [thresholds(p["criteria"]) for p in candidates],
        )
        want_quotas = {(q["group_by"], tuple(sorted(q["max"].items()))) for q in want["quotas"]}
        assert any(
            want_quotas
            == {(q["group_by"], tuple(sorted(q["max"].items()))) for q in p.get("quotas", [])}
            for p in candidates
        ), (want["code"], want_quotas)
        if "deadline" in want:
            dl = want["deadline"]
            got = {(p["deadline"]["kind"], p["deadline"].get("date")) for p in candidates}
            date = dl.get("date")
            if dl["kind"] == "fixed":
                d, m, y = date.split("/")
                date = f"{int(d):02d}/{int(m):02d}/{y}"
            assert (dl["kind"], date) in got, (want["code"], got)
        assert {p.get("late_policy", "to_check") for p in candidates} == {want["late_policy"]}


def _programme(data, kind, form, subject, extra=""):
    found = [
        p
        for p in data["programmes"]
        if (p["kind"], p["form"], p["subject"]) == (kind, form, subject) and extra in p["code"]
    ]
    assert found, (kind, form, subject, extra)
    return found[0]


def test_2162_annual_collectives_need_an_initiative_and_the_top_3_5_5_of_their_bloc():
    data = read(CITY)
    prog = _programme(data, "annual", "bang_khen_chu_tich_ubnd_tp", "collective")
    top = next(c for c in prog["criteria"] if c["kind"] == "par_top_n")
    assert top["n_by_bloc"] == {"so-nganh": 3, "phuong": 5, "xa-dac-khu": 5}
    assert top["source"] == "2162/QĐ-UBND, mục III.2.1.2.a"
    assert "top 3 đơn vị dẫn đầu" in top["quote"] and "khối xã, đặc khu" in top["quote"]
    assert [c["kind"] for c in prog["criteria"]] == ["initiatives", "par_top_n"]
    assert prog["pool"]["blocs"] == ["phuong", "so-nganh", "xa-dac-khu"]


def test_2162_one_collective_and_one_person_per_unit_before_31_3_every_year():
    data = read(CITY)
    for subject in ("collective", "person"):
        prog = _programme(data, "annual", "bang_khen_chu_tich_ubnd_tp", subject)
        (quota,) = prog["quotas"]
        assert quota["group_by"] == "proposer" and quota["max"] == {subject: 1}
        assert quota["quote"] == "Mỗi đơn vị đề nghị không quá 01 tập thể, 01 cá nhân."
        assert quota["source"] == "2162/QĐ-UBND, mục III.2.1.2.b"
        deadline = prog["deadline"]
        assert (deadline["kind"], deadline["date"], deadline["before"]) == ("yearly", "31/3", True)
        assert deadline["year_offset"] == 1
        assert deadline["source"] == "2162/QĐ-UBND, mục III.3.1"
        assert "trước ngày 31/3 hàng năm" in deadline["quote"]


def test_2162_persons_meet_the_preamble_and_one_of_two_standards():
    prog = _programme(read(CITY), "annual", "bang_khen_chu_tich_ubnd_tp", "person")
    kinds = [c["kind"] for c in prog["criteria"]]
    assert kinds == ["manual", "evaluation_class", "cchc_work_years", "any"]
    assert prog["criteria"][1]["min_class"] == "htxs"
    assert [c["kind"] for c in prog["criteria"][3]["of"]] == ["manual", "initiatives"]


def test_2162_period_end_rules_and_the_flag_of_the_bloc_leader():
    data = read(CITY)
    flag = _programme(data, "period_end", "co_thi_dua_ubnd_tp", "collective")
    assert [c["kind"] for c in flag["criteria"]] == ["any", "bloc_leader"]
    any_of = flag["criteria"][0]["of"]
    assert [c["kind"] for c in any_of] == ["manual", "initiatives", "par_years_in_top"]
    assert any_of[1]["min_count"] == 2 and any_of[1]["over"] == "period"
    assert any_of[2]["min_years"] == 3
    assert any_of[2]["n_by_bloc"] == {"so-nganh": 5, "phuong": 10, "xa-dac-khu": 15}
    assert flag["quotas"][0]["group_by"] == "bloc" and flag["quotas"][0]["max"] == {"collective": 1}
    assert "dẫn đầu khối thi đua" in flag["criteria"][1]["quote"]
    assert flag["deadline"]["kind"] == "fixed" and flag["deadline"]["date"] == "31/03/2030"
    persons = _programme(data, "period_end", "bang_khen_chu_tich_ubnd_tp", "person", "don_vi_co")
    assert persons["criteria"][0] == {
        **persons["criteria"][0],
        "kind": "nominated_for",
        "programme": flag["code"],
        "applies_to": "own_unit",
    }
    assert persons["quotas"][0]["group_by"] == "parent_nomination"
    assert persons["quotas"][0]["max"] == {"person": 2}
    person = _programme(data, "period_end", "bang_khen_chu_tich_ubnd_tp", "person")
    work = next(c for c in person["criteria"] if c["kind"] == "cchc_work_years")
    assert (work["min_years"], work["over"]) == (3, "period")


def test_2162_lists_what_it_could_not_read_with_the_sentence():
    not_read = read(CITY)["not_read"]
    texts = [n["text"] for n in not_read]
    assert any(t.startswith("Khen thưởng cấp Nhà nước: Sở Nội vụ") for t in texts)
    assert any("thay đổi thời gian nhận hồ sơ" in t for t in texts)
    assert all(n["source"] and n["reason"] for n in not_read)


def test_le_chan_top_10_against_the_note_s_top_5_is_proposed_as_a_conflict():
    data = read(LE_CHAN)
    prog = _programme(data, "period_end", "bang_khen_chu_tich_ubnd_tp", "collective", "gd_bk")
    (conflict,) = prog["conflicts"]
    quotes = [s["quote"] for s in conflict["statements"]]
    assert any("danh sách 5 đơn vị dẫn đầu" in q for q in quotes)
    assert any("top 10" in q for q in quotes)
    five = [c for c in prog["criteria"] if c.get("conflict") == conflict["code"]]
    assert five and five[0].get("n") == 5
    assert "top 5" in conflict["title"] and "top 10" in conflict["title"]


def test_le_chan_dossiers_by_15_3_and_10_3_and_ad_hoc_right_after_the_achievement():
    data = read(LE_CHAN)
    annual = _programme(data, "annual", "bang_khen_chu_tich_ubnd_tp", "collective")
    assert annual["deadline"]["date"] == "15/3"
    period = _programme(data, "period_end", "co_thi_dua_ubnd_tp", "collective")
    assert period["deadline"]["date"] == "10/3"
    ad_hoc = _programme(data, "ad_hoc", "giay_khen_chu_tich_ubnd_phuong", "person")
    assert ad_hoc["deadline"]["kind"] == "any_time"
    assert "ngay sau khi lập được thành tích" in ad_hoc["deadline"]["quote"]
    assert any("kế hoạch tổng kết" in n["text"] for n in data["not_read"])


def test_phu_luong_refuses_late_dossiers_and_shares_5_collectives_over_both_forms():
    data = read(PHU_LUONG)
    for prog in data["programmes"]:
        assert prog["late_policy"] == "refuse"
        assert "nộp hồ sơ muộn" in prog["late_policy_quote"]
        assert prog["deadline"]["date"] == "03/10/2023"
        assert [d["code"] for d in prog["dossier"]] == ["to_trinh_kem_trich", "bien_ban_hop_hoi"]
    ward = _programme(data, "annual", "giay_khen_chu_tich_ubnd_phuong", "collective")
    (quota,) = ward["quotas"]
    assert quota["max"] == {"collective": 5} and len(quota["programmes"]) == 2
    person = _programme(data, "annual", "giay_khen_chu_tich_ubnd_quan", "person")
    (any_of,) = person["criteria"]
    assert any_of["kind"] == "any" and any_of["of"][1]["min_level"] == "district"


def test_khuc_thua_du_priority_sentence_orders_the_annual_candidates():
    data = read(KHUC_THUA_DU)
    annual = [p for p in data["programmes"] if p["kind"] == "annual"]
    assert annual and all(p["tie_break"][0]["by"] == "priority" for p in annual)
    assert annual[0]["tie_break"][0]["quote"].startswith("Ưu tiên xem xét khen thưởng")
    assert all("tie_break" not in p for p in data["programmes"] if p["kind"] != "annual")
