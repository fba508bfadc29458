"""How a task stands against its deadline, written as SQL conditions so that the database counts it.

The rule itself is `cchc.plans.timeliness.task_timeliness`; `cchc/reports/tests/test_dashboard_timeliness.py`
checks on a table of cases that both say the same. Lists (`task_selectors`) and dashboards (`cchc.reports`)
filter and count with these conditions.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Case, CharField, DateField, F, Func, Q, Value, When

from cchc.plans.choices import TaskStatus, Timeliness


class DayBefore(Func):
    """The day before a date column, in SQL (SQLite and PostgreSQL)."""

    output_field = DateField()
    template = "(%(expressions)s - 1)"

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="date(%(expressions)s, '-1 day')", **extra
        )


def timeliness_conditions(*, today: date, prefix: str = "") -> dict[Timeliness, Q]:
    """One condition per `Timeliness` value, exclusive and covering every task, for counting in SQL.

    `prefix` reaches the task through a relation ("tasks__" from a plan, "task__" from an office role). The
    last day is the due date, or the day before it when the deadline is worded "Trước ngày ..."."""

    def q(**lookups) -> Q:
        return Q(**{f"{prefix}{k}": v for k, v in lookups.items()})

    due, start = F(f"{prefix}due_on"), F(f"{prefix}start_on")
    before, by_date = q(deadline_before=True), q(deadline_before=False)
    has_due, done = q(due_on__isnull=False), q(status=TaskStatus.DONE)
    completed, started = q(completed_on__isnull=False), q(start_on__isnull=False)
    past_last_day = (by_date & q(due_on__lt=today)) | (before & q(due_on__lte=today))
    # A task marked done without a completion date is judged as finished today.
    late = (
        completed & ((by_date & q(completed_on__gt=due)) | (before & q(completed_on__gte=due)))
    ) | (~completed & past_last_day)
    # Early: finished before the window opens (its start), or before the last day when there is no start.
    early = (
        completed
        & (
            (started & q(completed_on__lt=start))
            | (
                ~started
                & (
                    (by_date & q(completed_on__lt=due))
                    | (before & q(completed_on__lt=DayBefore(due)))
                )
            )
        )
    ) | (
        ~completed
        & (
            (started & q(start_on__gt=today))
            | (
                ~started
                & (
                    (by_date & q(due_on__gt=today))
                    | (before & q(due_on__gt=today + timedelta(days=1)))
                )
            )
        )
    )
    done_due = has_due & done
    return {
        Timeliness.NO_DUE: q(due_on__isnull=True),
        Timeliness.EARLY: done_due & ~late & early,
        Timeliness.ON_TIME: done_due & ~late & ~early,
        Timeliness.LATE: done_due & late,
        Timeliness.OVERDUE: has_due & ~done & past_last_day,
        Timeliness.IN_PROGRESS: has_due & ~done & ~past_last_day,
    }


def due_by_condition(*, today: date, days: int) -> Q:
    """Tasks whose last day is no later than `days` days from today (with `IN_PROGRESS`: `timeliness.due_within`)."""
    until = today + timedelta(days=days)
    return (Q(deadline_before=False) & Q(due_on__lte=until)) | (
        Q(deadline_before=True) & Q(due_on__lte=until + timedelta(days=1))
    )


def timeliness_expression(*, today: date, prefix: str = "") -> Case:
    """The `Timeliness` value of each row as a SQL expression (for annotating and ordering tasks)."""
    conditions = timeliness_conditions(today=today, prefix=prefix)
    return Case(
        *[When(cond, then=Value(key)) for key, cond in conditions.items()], output_field=CharField()
    )
