"""Fixtures of the plan tests: the small plans of the dashboard and report tests, and a fixed "today"."""

import pytest

from cchc.plans.tests.plan_builder import TODAY, small_plan, small_ward_b_plan


@pytest.fixture
def dash_plan(personas):
    """Ward A's 2026 plan with a task of every kind (see `plan_builder.small_plan`)."""
    return small_plan(personas)


@pytest.fixture
def dash_plan_b(personas):
    """Ward B's 2026 plan: one task done early, one overdue."""
    return small_ward_b_plan(personas)


@pytest.fixture
def dash_today(settings):
    """The report pages compute their figures on TODAY (15/06/2026): the system's configured day."""
    settings.CCHC_TODAY = TODAY.strftime("%d/%m/%Y")
    return TODAY
