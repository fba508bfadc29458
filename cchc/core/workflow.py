"""One declarative way to write a state machine.

A workflow is a `status` field, the states it may take (a `TextChoices`) and its transitions: from which states,
to which state, the policy that allows the user, and a guard that refuses with a Vietnamese reason (a window closed,
a file missing). The service of a transition calls `Workflow.apply` inside its transaction: the row is locked and read
again, the from-state, the policy and the guard are checked, the new state and the service's other fields are saved,
and one audit record "<entity>.<transition>" is written. Pages and the API ask `Workflow.options(user, obj)` which
transitions this user has on this object: buttons come from it, never from template logic.

    SUBMIT = Transition("submit", "Nộp", sources=[Status.DRAFT], target=Status.SUBMITTED,
                        allowed=policies.can_submit, guard=_ready_to_submit)
    FLOW = Workflow(entity="assessment", states=Status, transitions=[SUBMIT, ...])

    @transaction.atomic
    def assessment_submit(*, actor, assessment):
        return FLOW.apply("submit", actor=actor, obj=assessment, changes={"submitted_at": now()})
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from django.db import models
from django.urls import NoReverseMatch, reverse

from cchc.core import audit
from cchc.core.errors import DomainError, PermissionDenied

Policy = Callable[[Any, Any], bool]
Guard = Callable[..., "str | None"]


@dataclass(frozen=True)
class Transition:
    """One allowed move of a workflow.

    `allowed(user, obj)` is the policy (who); `guard(obj, **context)` returns a Vietnamese reason when the move is
    refused for this object now (what), or None. `url_name` is the page route that performs it (POST, the object's
    pk as its only argument). `reason_required` asks the user to write why (returning, reopening)."""

    name: str
    label: str
    sources: Sequence[str]
    target: str
    allowed: Policy
    guard: Guard | None = None
    url_name: str = ""
    button: str = "primary"
    icon: str = ""
    confirm: str | Callable[[Any], str] = ""
    reason_required: bool = False
    refused: str = "Bạn không có quyền thực hiện thao tác này."


@dataclass(frozen=True)
class Option:
    """A transition offered to a user on an object: enabled, or disabled with the guard's reason."""

    transition: Transition
    enabled: bool
    reason: str = ""
    url: str = ""
    confirm: str = ""

    @property
    def name(self) -> str:
        return self.transition.name

    @property
    def label(self) -> str:
        return self.transition.label


@dataclass
class Workflow:
    """States and transitions of one model's status field; see the module docstring."""

    entity: str
    entity_label: str
    states: type[models.TextChoices]
    transitions: Iterable[Transition]
    field: str = "status"
    _by_name: dict[str, Transition] = dataclass_field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.transitions = tuple(self.transitions)
        self._by_name = {}
        values = set(self.states.values)
        for t in self.transitions:
            if t.name in self._by_name:
                raise ValueError(f"{self.entity}: transition {t.name!r} defined twice")
            unknown = ({t.target} | set(t.sources)) - values
            if unknown:
                raise ValueError(f"{self.entity}.{t.name}: unknown states {sorted(unknown)}")
            self._by_name[t.name] = t
        audit.label_actions(
            {
                f"{self.entity}.{t.name}": f"{t.label} ({self.entity_label})"
                for t in self.transitions
            }
        )

    # --- reading ---------------------------------------------------------------------------------------------

    def transition(self, name: str) -> Transition:
        try:
            return self._by_name[name]
        except KeyError:
            raise ValueError(f"{self.entity}: no transition {name!r}") from None

    def state(self, obj: models.Model) -> str:
        return getattr(obj, self.field)

    def state_label(self, value: str) -> str:
        try:
            return str(self.states(value).label)
        except ValueError:
            return value

    def from_states(self, name: str) -> set[str]:
        return set(self.transition(name).sources)

    def targets(self, state: str) -> set[str]:
        """The states reachable in one move from `state` (whatever the user)."""
        return {t.target for t in self.transitions if state in t.sources}

    def options(self, user: Any, obj: models.Model, **context: Any) -> list[Option]:
        """The transitions the user has on the object in its current state, in declaration order."""
        state = self.state(obj)
        result: list[Option] = []
        for t in self.transitions:
            if state not in t.sources or not t.allowed(user, obj):
                continue
            reason = (t.guard(obj, **context) or "") if t.guard else ""
            confirm = t.confirm(obj) if callable(t.confirm) else t.confirm
            result.append(
                Option(t, enabled=not reason, reason=reason, url=self._url(t, obj), confirm=confirm)
            )
        return result

    def can(self, name: str, user: Any, obj: models.Model, **context: Any) -> bool:
        """Whether the user may perform `name` on the object now (state, policy and guard)."""
        t = self.transition(name)
        if self.state(obj) not in t.sources or not t.allowed(user, obj):
            return False
        return not (t.guard and t.guard(obj, **context))

    # --- writing ---------------------------------------------------------------------------------------------

    def check(self, name: str, *, actor: Any, obj: models.Model, **context: Any) -> Transition:
        """Refuse with a Vietnamese message unless the move is allowed now: `DomainError` for a wrong state or a
        guard, `PermissionDenied` (403) for the policy."""
        t = self.transition(name)
        state = self.state(obj)
        if state not in t.sources:
            raise DomainError(
                f"Không thể “{t.label.lower()}”: {obj} đang ở trạng thái “{self.state_label(state)}”."
            )
        if not t.allowed(actor, obj):
            raise PermissionDenied(t.refused)
        if t.guard:
            reason = t.guard(obj, **context)
            if reason:
                raise DomainError(reason)
        return t

    def apply(
        self,
        name: str,
        *,
        actor: Any,
        obj: models.Model,
        changes: Mapping[str, Any] | None = None,
        note: str = "",
        unit_path: str = "",
        **context: Any,
    ) -> models.Model:
        """Perform a transition inside the caller's transaction and return the saved object.

        The row is locked and its state read again first, so two people acting at once cannot both move it."""
        t = self.transition(name)
        if t.reason_required and not note.strip():
            raise DomainError("Vui lòng ghi rõ lý do.", field="note")
        fresh = type(obj)._default_manager.select_for_update().filter(pk=obj.pk).first()
        if fresh is not None:
            setattr(obj, self.field, getattr(fresh, self.field))
        self.check(name, actor=actor, obj=obj, **context)
        fields = [self.field, *(changes or {})]
        before = audit.snapshot(obj, fields)
        setattr(obj, self.field, t.target)
        for key, value in (changes or {}).items():
            setattr(obj, key, value)
        obj.save(update_fields=[_attname(obj, f) for f in fields])
        audit.record(
            actor=actor,
            action=f"{self.entity}.{t.name}",
            obj=obj,
            before=before,
            after=audit.snapshot(obj, fields),
            note=note,
            unit_path=unit_path,
        )
        return obj

    @staticmethod
    def _url(t: Transition, obj: models.Model) -> str:
        if not t.url_name:
            return ""
        try:
            return reverse(t.url_name, args=[obj.pk])
        except NoReverseMatch:
            return ""


def _attname(obj: models.Model, name: str) -> str:
    return obj._meta.get_field(name).name


# --- A leader's sign-off ---------------------------------------------------------------------------------------

REQUEST_APPROVAL, APPROVE, RETURN = "request_approval", "approve", "return"


def all_guards(*guards: Guard | None) -> Guard | None:
    """One guard from several: the first reason any of them gives (None guards are skipped)."""
    present = [g for g in guards if g is not None]
    if not present:
        return None

    def guard(obj: Any, **context: Any) -> str | None:
        for g in present:
            reason = g(obj, **context)
            if reason:
                return reason
        return None

    return guard


def approval_transitions(
    states: type[models.TextChoices],
    *,
    can_request: Policy,
    can_approve: Policy,
    ready: Guard | None = None,
    open_: Guard | None = None,
    url_prefix: str = "",
    what: str = "hồ sơ",
) -> tuple[Transition, Transition, Transition]:
    """The three moves of a leader's sign-off, for any workflow whose states name DRAFT, AWAITING_APPROVAL and
    APPROVED: the preparer sends the draft to the leader ("request_approval"), the leader approves it
    ("approve") or returns it to the draft with a reason ("return", from awaiting or approved).

    `can_request` is who prepares (the unit's officers), `can_approve` who signs off (a leader over the unit);
    `ready(obj, **context)` refuses a request while the object is incomplete, `open_(obj, **context)` refuses
    every move while the object's window is closed. The route of each move is `url_prefix` + its name
    ("par:assessment_" + "approve"), taking the object's pk. The move that follows approval (submitting,
    sending) stays with the caller's workflow, from `states.APPROVED`."""
    draft = states.DRAFT
    awaiting = states.AWAITING_APPROVAL
    approved = states.APPROVED

    def url(name: str) -> str:
        return f"{url_prefix}{name}" if url_prefix else ""

    leader_only = "Chỉ lãnh đạo của đơn vị mới phê duyệt hoặc trả lại " + what + "."
    return (
        Transition(
            REQUEST_APPROVAL,
            "Trình lãnh đạo phê duyệt",
            [draft],
            awaiting,
            can_request,
            guard=all_guards(open_, ready),
            url_name=url(REQUEST_APPROVAL),
            icon="bi-send",
            confirm=f"Trình lãnh đạo phê duyệt {what}? Trong khi chờ phê duyệt không sửa được nội dung.",
            refused=f"Chỉ cán bộ của đơn vị mới trình lãnh đạo phê duyệt {what}.",
        ),
        Transition(
            APPROVE,
            "Phê duyệt",
            [awaiting],
            approved,
            can_approve,
            guard=all_guards(open_),
            url_name=url(APPROVE),
            button="success",
            icon="bi-check2-circle",
            confirm=f"Phê duyệt {what}? Sau khi phê duyệt, cán bộ của đơn vị nộp {what}.",
            refused=leader_only,
        ),
        Transition(
            RETURN,
            "Trả lại",
            [awaiting, approved],
            draft,
            can_approve,
            guard=all_guards(open_),
            url_name=url(RETURN),
            button="outline-danger",
            icon="bi-arrow-counterclockwise",
            reason_required=True,
            refused=leader_only,
        ),
    )
