"""The state machine of a task: how a progress report may move its status.

A progress report carries the status the lead office reports; the move from the task's status to that one must be a
transition below, allowed by the same policy as the report. Reporting the same status again (a new percent) is not a
transition. Reopening a finished task asks for a confirmation first.
"""

from cchc.core.dates import fmt
from cchc.core.workflow import Transition, Workflow
from cchc.plans import policies
from cchc.plans.choices import TaskStatus

TODO, DOING, DONE, PAUSED = TaskStatus.TODO, TaskStatus.DOING, TaskStatus.DONE, TaskStatus.PAUSED

TASK_FLOW = Workflow(
    entity="task",
    entity_label="nhiệm vụ",
    states=TaskStatus,
    transitions=[
        Transition("start", "Đang thực hiện", [TODO], DOING, policies.can_report_progress),
        Transition(
            "complete", "Hoàn thành", [TODO, DOING, PAUSED], DONE, policies.can_report_progress
        ),
        Transition("pause", "Tạm dừng", [TODO, DOING], PAUSED, policies.can_report_progress),
        Transition("resume", "Tiếp tục thực hiện", [PAUSED], DOING, policies.can_report_progress),
        Transition(
            "reopen",
            "Mở lại (đang thực hiện)",
            [DONE],
            DOING,
            policies.can_report_progress,
            confirm=lambda task: (
                f"Nhiệm vụ đã hoàn thành ngày {fmt(task.completed_on)}. "
                "Mở lại nhiệm vụ (bỏ ngày hoàn thành)?"
            ),
        ),
    ],
)


def transition_to(current: str, target: str) -> str | None:
    """The name of the transition from `current` to `target`, or None when there is none."""
    for t in TASK_FLOW.transitions:
        if current in t.sources and t.target == target:
            return t.name
    return None


def status_choices(user, task) -> list[tuple[str, str]]:
    """The statuses a user may report for a task: its current status, then the moves the workflow allows."""
    current = [(task.status, TaskStatus(task.status).label)]
    moves = [(o.transition.target, o.label) for o in TASK_FLOW.options(user, task)]
    return current + moves
