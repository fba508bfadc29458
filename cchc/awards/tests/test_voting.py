"""The council's quorum and thresholds as data (cchc.awards.rules.voting), one table per rule."""

import pytest

from cchc.awards.rules import voting
from cchc.awards.rules.voting import FAILED, LOWERED, PASSED, Counts

RULES = voting.merged_rules()


def counts(agree=0, disagree=0, lower=0, abstain=0, members=9, present=9) -> Counts:
    return Counts(agree, disagree, lower, abstain, members, present)


@pytest.mark.parametrize(
    ("agree", "disagree", "present", "expected"),
    [
        (4, 3, 7, PASSED),  # 4/7 > 1/2
        (4, 4, 8, FAILED),  # 4/8 is not more than half
        (5, 3, 8, PASSED),
        (3, 4, 7, FAILED),
    ],
)
def test_the_default_threshold_is_more_than_half_of_those_present(
    agree, disagree, present, expected
):
    result = voting.outcome(
        RULES, form="ldtt", counts=counts(agree, disagree, present=present, members=9)
    )
    assert result.outcome == expected
    assert result.threshold.of == "present"
    assert f"/{present}" in result.message
    assert "số thành viên có mặt" in result.message


@pytest.mark.parametrize(
    ("agree", "members", "expected"),
    [(8, 10, PASSED), (7, 10, FAILED), (8, 9, PASSED), (7, 9, FAILED)],
)
def test_chien_si_thi_dua_co_so_needs_80_percent_of_all_members_not_of_those_present(
    agree, members, expected
):
    # Everyone present agrees, but the denominator is the whole council.
    result = voting.outcome(
        RULES, form="cstd_co_so", counts=counts(agree, 0, members=members, present=agree)
    )
    assert result.outcome == expected
    assert result.threshold.of == "members"
    assert f"{agree}/{members}" in result.message
    assert "tổng số thành viên Hội đồng" in result.message


def test_the_city_title_needs_90_percent_of_all_members():
    assert voting.outcome(RULES, form="cstd_cap_tinh", counts=counts(9, 1, members=10)).outcome == (
        PASSED
    )
    result = voting.outcome(RULES, form="cstd_cap_tinh", counts=counts(8, 2, members=10))
    assert result.outcome == FAILED
    assert "cần 9/10" in result.message


def test_a_threshold_over_the_votes_cast_leaves_abstentions_out():
    rules = voting.merged_rules({"thresholds": {"gk": {"share": "2/3", "of": "voting"}}})
    # 4 agree, 2 disagree, 3 abstain: 4/6 = 2/3 of the votes cast.
    result = voting.outcome(rules, form="gk", counts=counts(4, 2, abstain=3, present=9))
    assert result.outcome == PASSED
    assert result.threshold.denominator == 6
    assert "số phiếu biểu quyết hợp lệ" in result.message
    assert voting.outcome(rules, form="gk", counts=counts(3, 3, abstain=3)).outcome == FAILED


def test_a_conflict_of_interest_leaves_the_member_out_of_those_present_as_the_data_says():
    # 4 agree, 4 disagree, 1 abstains: 4/8 present-and-voting is not more than half.
    assert voting.outcome(RULES, form="ldtt", counts=counts(4, 4, abstain=1)).outcome == FAILED
    # 5 agree, 3 disagree, 1 abstains: the denominator is 8, not 9.
    result = voting.outcome(RULES, form="ldtt", counts=counts(5, 3, abstain=1))
    assert result.threshold.denominator == 8
    assert "1 không biểu quyết do xung đột lợi ích" in result.message
    # A council whose rules keep the abstaining member counts 9.
    keep = voting.merged_rules({"conflict": {"exclude_from": []}})
    assert voting.outcome(
        keep, form="ldtt", counts=counts(5, 3, abstain=1)
    ).threshold.denominator == (9)


def test_lowered_when_agree_and_lower_reach_the_threshold_of_the_lower_form():
    names = {"cstd_co_so": "Chiến sĩ thi đua cơ sở", "ldtt": "Lao động tiên tiến"}
    # 5/9 agree: not 80 % of all members; 5 + 3 lower = 8/9 present: more than half → Lao động tiên tiến.
    result = voting.outcome(RULES, form="cstd_co_so", counts=counts(5, 1, lower=3), names=names)
    assert result.outcome == LOWERED
    assert result.result_form == "ldtt"
    assert "Lao động tiên tiến" in result.message
    assert "8/9" in result.message


def test_failed_when_even_the_lower_form_is_not_reached():
    result = voting.outcome(RULES, form="cstd_co_so", counts=counts(2, 5, lower=2))
    assert result.outcome == FAILED
    assert result.result_form == ""


def test_no_lower_form_means_failed():
    result = voting.outcome(RULES, form="ldtt", counts=counts(2, 3, lower=4))
    assert result.outcome == FAILED


@pytest.mark.parametrize(
    ("present", "members", "reached"),
    [(8, 10, True), (7, 10, False), (6, 9, False), (8, 9, True), (0, 0, False)],
)
def test_quorum_is_80_percent_of_members_for_a_session_considering_awards(
    present, members, reached
):
    result = voting.quorum(RULES, members=members, present=present)
    assert result.reached is reached
    if members and not reached:
        assert f"Có mặt {present}/{members}" in result.message
        assert "chưa thể biểu quyết" in result.message


def test_quorum_of_a_session_without_awards_is_two_thirds():
    assert voting.quorum(RULES, members=9, present=6, awards=False).reached
    assert not voting.quorum(RULES, members=9, present=5, awards=False).reached


def test_written_opinions_count_in_the_quorum_only_when_the_data_says_so():
    assert not voting.quorum(RULES, members=10, present=7, written=2).reached
    rules = voting.merged_rules({"written_opinions": {"count_in_quorum": True}})
    assert voting.quorum(rules, members=10, present=7, written=2).reached


@pytest.mark.parametrize(
    "bad",
    [
        {"thresholds": {"ldtt": {"share": "1.5", "of": "present"}}},
        {"thresholds": {"ldtt": {"share": "abc", "of": "present"}}},
        {"thresholds": {"ldtt": {"share": "1/2", "of": "everyone"}}},
        {"quorum": [{"share": "2/3", "of": "present"}]},
    ],
)
def test_malformed_rules_are_refused_in_vietnamese(bad):
    with pytest.raises(voting.RuleError) as exc:
        voting.merged_rules(bad)
    assert any(ch in str(exc.value) for ch in "ỷốẫệ")


def test_the_rules_read_as_vietnamese_sentences_with_their_denominators():
    lines = voting.describe(RULES, {"cstd_co_so": "Chiến sĩ thi đua cơ sở", "ldtt": "LĐTT"})
    assert "Túc số phiên họp xét khen thưởng: từ 80% tổng số thành viên trở lên" in lines[1]
    assert "Chiến sĩ thi đua cơ sở: từ 80% trở lên tổng số thành viên Hội đồng đồng ý." in lines
    assert any(
        line.startswith("Các hình thức khác: quá 1/2 số thành viên có mặt") for line in lines
    )
    assert "Không đạt Chiến sĩ thi đua cơ sở thì có thể đề nghị LĐTT." in lines
