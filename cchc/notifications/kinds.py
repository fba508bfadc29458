"""The kinds of notification and their Vietnamese labels, registered by the apps that produce them.

The notifications app knows no domain: each producer registers its kinds once (in its `AppConfig.ready()`), and
the inbox, the e-mails and the Excel export show the registered label. A kind that was never registered cannot be
notified, so every stored notification has a label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TONES = frozenset({"danger", "warning", "info", "success", "primary", "secondary"})
FALLBACK_LABEL = "Thông báo"
CODE = re.compile(r"^[a-z][a-z0-9_.]{0,39}$")


@dataclass(frozen=True)
class Kind:
    code: str
    label: str
    tone: str = "secondary"


_KINDS: dict[str, Kind] = {}


def register_kind(code: str, label: str, *, tone: str = "secondary") -> Kind:
    """Register a kind of notification: a short code (lower-case ASCII, digits, `_` or `.`, at most 40 characters), its Vietnamese label and the colour
    of its badge (a Bootstrap tone). Registering the same code again with the same label is harmless; a different
    label means two producers chose the same code, which is refused."""
    if not CODE.match(code or ""):
        raise ValueError(f"invalid notification kind code {code!r}")
    if not label.strip():
        raise ValueError(f"notification kind {code!r} needs a label")
    if tone not in TONES:
        raise ValueError(f"unknown tone {tone!r} for notification kind {code!r}")
    kind = Kind(code=code, label=label.strip(), tone=tone)
    existing = _KINDS.get(code)
    if existing is not None and existing != kind:
        raise ValueError(f"notification kind {code!r} is already registered as {existing.label!r}")
    _KINDS[code] = kind
    return kind


def get(code: str) -> Kind:
    """The registered kind; KeyError for a code nobody registered."""
    return _KINDS[code]


def is_registered(code: str) -> bool:
    return code in _KINDS


def label(code: str) -> str:
    """The Vietnamese label of a kind (a generic one for a kind whose producer is no longer installed)."""
    kind = _KINDS.get(code)
    return kind.label if kind else FALLBACK_LABEL


def tone(code: str) -> str:
    kind = _KINDS.get(code)
    return kind.tone if kind else "secondary"


def choices() -> list[tuple[str, str]]:
    """(code, label) of every registered kind, by label, for the inbox filter."""
    return sorted(((k.code, k.label) for k in _KINDS.values()), key=lambda c: c[1])
