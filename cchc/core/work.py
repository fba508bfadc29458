""" "Việc của tôi": what waits for this user today, gathered from every module without core knowing them.

A module registers a provider (`register(provider)`, from its `AppConfig.ready()`); the home page calls `collect`,
which asks each provider for the user's items and groups them by section, the most urgent first. An item is a
line with a link: an overdue task, a task due within 7 days, a self-assessment waiting for the leader's approval,
the next deadline of a PAR round, a movement report or a nomination dossier, an unread notification.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

# The sections of the home page, in this order, with their Vietnamese titles and icons.
SECTIONS: list[tuple[str, str, str]] = [
    ("overdue", "Quá hạn", "bi-exclamation-octagon"),
    ("approvals", "Chờ tôi phê duyệt", "bi-pen"),
    ("due_soon", "Đến hạn trong 7 ngày", "bi-hourglass-split"),
    ("deadlines", "Hạn sắp tới", "bi-calendar-event"),
    ("notifications", "Thông báo mới", "bi-bell"),
]
SECTION_KEYS = {key for key, _, _ in SECTIONS}
LIMIT = 8


@dataclass(frozen=True)
class WorkItem:
    """One thing for the user to do or watch: a line with a link, its date and why it is shown."""

    section: str
    title: str
    url: str
    due_on: date | None = None
    detail: str = ""
    tone: str = "secondary"  # a Bootstrap colour: danger, warning, info, success, secondary


@dataclass
class Section:
    key: str
    title: str
    icon: str
    items: list[WorkItem] = field(default_factory=list)
    total: int = 0


Provider = Callable[..., list[WorkItem]]
_PROVIDERS: list[Provider] = []


def register(provider: Provider) -> None:
    """Add a provider `provider(*, user, today) -> list[WorkItem]` (once)."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def collect(*, user: Any, today: date) -> list[Section]:
    """The user's sections with at most `LIMIT` items each (most urgent first) and how many there are."""
    sections = {key: Section(key, title, icon) for key, title, icon in SECTIONS}
    if not getattr(user, "is_authenticated", False):
        return []
    for provider in _PROVIDERS:
        for item in provider(user=user, today=today):
            if item.section not in SECTION_KEYS:
                raise ValueError(f"unknown section {item.section!r} from {provider!r}")
            sections[item.section].items.append(item)
    result = []
    for section in sections.values():
        section.items.sort(key=lambda i: (i.due_on is None, i.due_on or today, i.title))
        section.total = len(section.items)
        section.items = section.items[:LIMIT]
        result.append(section)
    return result
