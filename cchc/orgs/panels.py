"""Sections other apps add to the page of a unit, a person or an initiative (the awards of a person, the
nominations using an initiative), without the page's app knowing those apps: an app registers a provider from its
`AppConfig.ready()`; the page renders what each one returns."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

UNIT = "unit"
PERSON = "person"
INITIATIVE = "initiative"


@dataclass(frozen=True)
class Panel:
    """A template to include on the page, with its own context (available there as `panel`)."""

    template: str
    context: dict[str, Any]


Provider = Callable[..., Panel | None]
_PROVIDERS: dict[str, list[Provider]] = {UNIT: [], PERSON: [], INITIATIVE: []}


def register(page: str, provider: Provider) -> None:
    """Add `provider(*, user, obj) -> Panel | None` to the page of a unit (`UNIT`), a person (`PERSON`) or an
    initiative (`INITIATIVE`)."""
    if provider not in _PROVIDERS[page]:
        _PROVIDERS[page].append(provider)


def collect(page: str, *, user: Any, obj: Any) -> list[Panel]:
    """The panels of a page for this user, in the order the apps registered them."""
    panels = (provider(user=user, obj=obj) for provider in _PROVIDERS[page])
    return [p for p in panels if p is not None]
