"""The timeliness written as SQL conditions in the dashboard says what `timeliness.task_timeliness` says."""

from datetime import date
from itertools import product

import pytest

from cchc.plans.choices import TaskStatus, Timeliness
from cchc.plans.models import Task
from cchc.plans.tests.plan_builder import PlanBuilder
from cchc.plans.timeliness import task_timeliness
from cchc.reports.dashboard import _counts, timeliness_expression

TODAY = date(2026, 6, 15)
DUE = [
    None,
    date(2026, 6, 14),
    date(2026, 6, 15),
    date(2026, 6, 16),
    date(2026, 6, 17),
    date(2026, 3, 31),
]
STARTS = [None, date(2026, 6, 1), date(2026, 6, 16)]
COMPLETED = [
    None,
    date(2026, 5, 20),
    date(2026, 6, 13),
    date(2026, 6, 14),
    date(2026, 6, 15),
    date(2026, 6, 16),
]
STATUSES = [TaskStatus.TODO, TaskStatus.DOING, TaskStatus.DONE, TaskStatus.PAUSED]


def cases():
    for status, due, before, start, completed in product(
        STATUSES, DUE, [False, True], STARTS, COMPLETED
    ):
        if status != TaskStatus.DONE and completed is not None:
            continue
        yield status, due, before, start, completed


@pytest.fixture
def table(personas):
    builder = PlanBuilder(personas.ward_a).area("I", "Cải cách thể chế")
    expected = {}
    for status, due, before, start, completed in cases():
        task = builder.task(
            due_on=due, status=status, before=before, start_on=start, completed_on=completed
        )
        expected[task.pk] = task_timeliness(
            status=status,
            start_on=start,
            due_on=due,
            deadline_before=before,
            completed_on=completed,
            today=TODAY,
        )
    return builder.plan, expected


def test_the_sql_timeliness_of_every_case_is_the_one_of_the_rule_module(table):
    plan, expected = table
    got = dict(
        Task.objects.filter(plan=plan)
        .annotate(t=timeliness_expression(today=TODAY))
        .values_list("pk", "t")
    )
    wrong = {pk: (got[pk], str(expected[pk])) for pk in expected if got[pk] != expected[pk]}
    assert wrong == {}
    assert {str(v) for v in expected.values()} == {t.value for t in Timeliness}


def test_the_sql_counts_add_up_to_the_rule_modules_counts(table):
    plan, expected = table
    counts = Task.objects.filter(plan=plan).aggregate(**_counts(today=TODAY))
    for value in Timeliness:
        assert counts[value.value] == sum(1 for t in expected.values() if t == value), value
    assert counts["done"] == sum(1 for s, *_ in cases() if s == TaskStatus.DONE)
