"""The folded search columns of plans and tasks, so that "le chan" finds "Lê Chân" in their lists."""

from cchc.core.text import fold_words


def plan_search_text(plan) -> str:
    """Folded title, unit name, year and document number of a plan (the plan's unit must be loaded)."""
    number = plan.document.number if plan.document_id and plan.document else ""
    return fold_words(plan.title, plan.unit.name if plan.unit_id else "", str(plan.year), number)


def task_search_text(task) -> str:
    """Folded wording of a task: content, lead and coordinating offices, deadline and product as written."""
    return fold_words(
        task.content, task.lead_text, task.coordinating_text, task.deadline_text, task.product
    )
