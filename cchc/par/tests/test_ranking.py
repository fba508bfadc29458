"""Ranking rules: competition ranks and the award order."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc.par.ranking import Entry, competition_ranks, movements, rank


@pytest.mark.parametrize(
    "totals, ranks",
    [
        (["95", "90", "90", "85"], [1, 2, 2, 4]),
        (["90", "90", "90"], [1, 1, 1]),
        (["80", "95", "80", "70"], [2, 1, 2, 4]),
        (["90.004", "90.001"], [1, 1]),  # equal once rounded to two decimals
        (["90.01", "90"], [1, 2]),
        ([], []),
    ],
)
def test_ties_share_a_rank_and_the_next_rank_skips(totals, ranks):
    assert competition_ranks([D(t) for t in totals]) == ranks


def e(uid, name, total, appraised, survey):
    return Entry(uid, name, D(total), D(appraised), D(survey))


def test_the_award_order_breaks_ties_by_appraised_score_then_survey_then_name():
    entries = [
        e(1, "Phường Đông Hải", "90", "62", "28"),
        e(2, "Phường An Biên", "90", "62", "28"),
        e(3, "Phường Cát Bi", "90", "63", "27"),
        e(4, "Phường Hải An", "92", "64", "28"),
        e(5, "Phường Bạch Đằng", "90", "62", "28.5"),
    ]
    ranked = rank(entries)
    assert [(r.entry.unit_id, r.rank, r.award_order) for r in ranked] == [
        (4, 1, 1),
        (3, 2, 2),  # higher appraised score
        (5, 2, 3),  # same appraised score, higher survey score
        (2, 2, 4),  # then the name: "An Biên" before "Đông Hải" (đ folds to d)
        (1, 2, 5),
    ]


@given(st.lists(st.decimals(min_value=0, max_value=100, places=2), min_size=1, max_size=30))
def test_ranks_never_exceed_the_award_order_and_award_orders_are_1_to_n(totals):
    ranked = rank([e(i, f"Đơn vị {i}", t, "0", "0") for i, t in enumerate(totals)])
    assert [r.award_order for r in ranked] == list(range(1, len(totals) + 1))
    for r in ranked:
        assert r.rank <= r.award_order
        assert r.rank == 1 + sum(1 for t in totals if t > r.entry.total)


@pytest.mark.parametrize(
    "previous, current, expected",
    [({1: 8, 2: 1}, {1: 3, 2: 4}, {1: 5, 2: -3}), ({1: 2}, {1: 2, 3: 1}, {1: 0})],
)
def test_movements_count_places_gained(previous, current, expected):
    assert movements(previous, current) == expected
