"""The one place that decides which units a user may see: grants over unit subtrees.

A grant (accounts.Grant: user, role, unit) covers the unit and everything below it. Units store a
materialised path ("/1/5/23/"), so a subtree is a prefix and the ancestors are the ids in the path.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Q

from cchc.core import compiled

ADMIN = "admin"
STANDING = "standing"
OFFICER = "officer"
COUNCIL = "council"
LEADER = "leader"
VIEWER = "viewer"

ROLE_LABELS = {
    ADMIN: "Quản trị hệ thống",
    STANDING: "Cán bộ cơ quan thường trực",
    OFFICER: "Cán bộ đơn vị",
    COUNCIL: "Thành viên Hội đồng TĐKT",
    LEADER: "Lãnh đạo phê duyệt, ký",
    VIEWER: "Chỉ xem",
}
WRITE_ROLES = frozenset({ADMIN, STANDING, OFFICER})


@dataclass(frozen=True)
class Root:
    unit_id: int
    path: str
    role: str


@dataclass(frozen=True)
class Scope:
    """What one user may reach; computed once per request with one query."""

    user_id: int | None
    is_admin: bool = False
    roots: tuple[Root, ...] = field(default_factory=tuple)

    @property
    def is_anonymous(self) -> bool:
        return self.user_id is None

    def roles(self) -> set[str]:
        roles = {r.role for r in self.roots}
        if self.is_admin:
            roles.add(ADMIN)
        return roles

    def paths(self, roles=None) -> list[str]:
        return sorted({r.path for r in self.roots if roles is None or r.role in roles})

    def ancestor_ids(self, roles=None) -> set[int]:
        """Ids of every unit on the way from the top to each root (roots included); with `roles`, only the
        roots of grants with one of those roles."""
        ids: set[int] = set()
        for r in self.roots:
            if roles is None or r.role in roles:
                ids.update(int(p) for p in r.path.strip("/").split("/") if p)
        return ids

    def covers_path(self, path: str | None, roles=None) -> bool:
        if self.is_admin:
            return True
        if not path:
            return False
        return any(path.startswith(p) for p in self.paths(roles))

    def has_role_over(self, path: str | None, roles) -> bool:
        """True when a grant with one of `roles` covers the unit at `path`."""
        if self.is_admin:
            return True
        return self.covers_path(path, roles=set(roles))

    def has_role_below(self, path: str | None, roles) -> bool:
        """True when a grant with one of `roles` covers the unit at `path` from above it: a grant's own unit is
        excluded, so that a ward's standing office keeps the ward's offices but not the ward itself."""
        if self.is_admin:
            return True
        if not path:
            return False
        return any(
            path.startswith(r.path) and path != r.path for r in self.roots if r.role in set(roles)
        )

    def standing_at_top(self) -> bool:
        """True for an administrator or the standing agency of a top-level unit (the city's Sở Nội vụ): they keep
        what belongs to no unit, such as documents of outside bodies."""
        return self.is_admin or any(r.role == STANDING and is_top_path(r.path) for r in self.roots)

    def q(self, field_path: str = "path", roles=None) -> Q:
        """Q filter on a unit path field ("path", "org_unit__path", ...) restricting to the subtrees."""
        if self.is_admin:
            return Q()
        paths = self.paths(roles)
        if not paths:
            return Q(pk__in=[])
        cond = Q()
        for p in paths:
            cond |= Q(**{f"{field_path}__startswith": p})
        return cond

    def q_below(self, field_path: str = "path", roles=None) -> Q:
        """Like `q`, without the roots' own units: the queryset form of `has_role_below`."""
        if self.is_admin:
            return Q()
        roots = sorted({r.path for r in self.roots if roles is None or r.role in roles})
        if not roots:
            return Q(pk__in=[])
        cond = Q()
        for p in roots:
            cond |= Q(**{f"{field_path}__startswith": p}) & ~Q(**{field_path: p})
        return cond


NOBODY = Scope(user_id=None)


def is_top_path(path: str) -> bool:
    """Whether a materialised path ("/1/") is that of a top-level unit (no parent)."""
    return path.count("/") == 2


class SystemActor:
    """The system itself acting: the demo loader, scheduled jobs, command-line imports.

    Services take it as their `actor` instead of a user; it passes every policy and is audited as "hệ thống".
    There is no other way to skip a policy: `actor=None` is an anonymous visitor and is refused.
    """

    pk = None
    id = None
    username = ""
    is_authenticated = True
    is_superuser = True
    is_system = True

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM = SystemActor()
SYSTEM_SCOPE = Scope(user_id=0, is_admin=True)


def user_or_none(actor: Any):
    """The user to store in a `created_by`-style field: the actor when it is a saved user, else None."""
    return actor if getattr(actor, "pk", None) else None


def _grant_rows(user) -> list[dict]:
    """The user's grants (unit, its path, role) in one query whose SQL is built once per process."""
    grants = user.grants
    return compiled.values_rows(
        "core.scope_for",
        lambda user_id: (
            grants.model.objects.filter(user_id=user_id)
            .order_by("pk")
            .values("unit_id", "unit__path", "role")
        ),
        args=(user.pk,),
    )


def scope_for(user) -> Scope:
    """The scope of a user, cached on the user object for the request."""
    if user is SYSTEM:
        return SYSTEM_SCOPE
    if user is None or not getattr(user, "is_authenticated", False):
        return NOBODY
    cached = getattr(user, "_cchc_scope", None)
    if cached is not None:
        return cached
    grants = _grant_rows(user)
    is_admin = bool(user.is_superuser) or any(g["role"] == ADMIN for g in grants)
    roots = tuple(Root(unit_id=g["unit_id"], path=g["unit__path"], role=g["role"]) for g in grants)
    scope = Scope(user_id=user.pk, is_admin=is_admin, roots=roots)
    user._cchc_scope = scope
    return scope


def forget(user) -> None:
    """Drop the cached scope after grants change."""
    if hasattr(user, "_cchc_scope"):
        del user._cchc_scope


class ScopedQuerySet(models.QuerySet):
    """`visible_to(actor)` written once for every model owned by a unit.

    Subclasses name the owning unit's relation (`unit_field`, e.g. "unit", "plan__unit", "org_unit"):
    - rows of the units in the actor's subtrees are visible;
    - with `readable_above`, so are rows of the units above the actor's roots (a ward reads the city's plan and
      documents, never a sibling ward's);
    - with `unowned_public`, rows without a unit (documents of outside bodies) are visible to every user.
    Anonymous visitors see nothing; administrators and the system see everything.
    """

    unit_field: str = "unit"
    readable_above: bool = True
    unowned_public: bool = False

    def scope_condition(self, scope: Scope) -> Q:
        cond = scope.q(f"{self.unit_field}__path")
        if self.readable_above:
            cond |= Q(**{f"{self.unit_field}_id__in": scope.ancestor_ids()})
        if self.unowned_public:
            cond |= Q(**{f"{self.unit_field}__isnull": True})
        return cond

    def visible_to(self, actor):
        scope = scope_for(actor)
        if scope.is_admin:
            return self.all()
        if scope.is_anonymous:
            return self.none()
        return self.filter(self.scope_condition(scope))
