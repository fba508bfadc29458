"""The one place that decides which units a user may see: grants over unit subtrees.

A grant (accounts.Grant: user, role, unit) covers the unit and everything below it. Units store a
materialised path ("/1/5/23/"), so a subtree is a prefix and the ancestors are the ids in the path.
"""

from dataclasses import dataclass, field

from django.db.models import Q

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

    def ancestor_ids(self) -> set[int]:
        """Ids of every unit on the way from the top to each root (roots included)."""
        ids: set[int] = set()
        for r in self.roots:
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


NOBODY = Scope(user_id=None)


def scope_for(user) -> Scope:
    """The scope of a user, cached on the user object for the request."""
    if user is None or not getattr(user, "is_authenticated", False):
        return NOBODY
    cached = getattr(user, "_cchc_scope", None)
    if cached is not None:
        return cached
    grants = list(user.grants.select_related("unit").all())
    is_admin = bool(user.is_superuser) or any(g.role == ADMIN for g in grants)
    roots = tuple(Root(unit_id=g.unit_id, path=g.unit.path, role=g.role) for g in grants)
    scope = Scope(user_id=user.pk, is_admin=is_admin, roots=roots)
    user._cchc_scope = scope
    return scope


def forget(user) -> None:
    """Drop the cached scope after grants change."""
    if hasattr(user, "_cchc_scope"):
        del user._cchc_scope
