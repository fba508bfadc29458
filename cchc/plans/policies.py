"""Who may register and change documents, report on tasks and follow a plan's targets."""

from cchc.core.scope import ADMIN, OFFICER, STANDING, scope_for
from cchc.plans.choices import DeadlineKind, OfficeRole
from cchc.plans.deadlines import parse_deadline

# Deadlines without a date to hold a task to until someone enters one.
MANUAL_DEADLINE_KINDS = frozenset({DeadlineKind.UNKNOWN, DeadlineKind.ON_REQUEST})


# --- CCHC plans and tasks -----------------------------------------------------------------------------------
# The standing agency of the plan's unit (or above it) and administrators manage a plan; the officers of a
# task's lead office report its progress.


def _lead_paths(task) -> list[str]:
    """Unit paths of the task's lead offices matched to units (uses the prefetched `offices` when present)."""
    return [o.unit.path for o in task.offices.all() if o.role == OfficeRole.LEAD and o.unit_id]


def can_manage_plan(user, plan) -> bool:
    """The standing agency over the plan's unit and administrators follow and manage the plan."""
    return scope_for(user).has_role_over(plan.unit.path, {ADMIN, STANDING})


def can_report_progress(user, task) -> bool:
    """Officers of a lead office of the task (an officer grant covering it), the plan's standing agency, admins."""
    if can_manage_plan(user, task.plan):
        return True
    scope = scope_for(user)
    return any(scope.has_role_over(path, {OFFICER}) for path in _lead_paths(task))


def deadline_set_by_hand(task) -> bool:
    """Whether the task's date is entered by hand: its wording could not be read or waits for a request (a date
    entered earlier may be corrected, since the wording still gives none)."""
    if task.deadline_kind in MANUAL_DEADLINE_KINDS:
        return True
    return parse_deadline(task.deadline_text, year=task.plan.year).kind in MANUAL_DEADLINE_KINDS


def can_set_deadline(user, task) -> bool:
    """A date entered by hand, for a deadline that could not be read or that waits for a request."""
    return deadline_set_by_hand(task) and can_report_progress(user, task)


def can_manage_targets(user, plan) -> bool:
    """The plan's standing agency confirms its targets (comparator, value, responsible office)."""
    return can_manage_plan(user, plan)


def can_record_measure(user, target) -> bool:
    """The plan's standing agency or the officers of the office responsible for following the target."""
    if can_manage_targets(user, target.plan):
        return True
    return target.responsible_id is not None and scope_for(user).has_role_over(
        target.responsible.path, {OFFICER}
    )
