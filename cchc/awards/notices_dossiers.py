"""Who hears about a dossier's moves: the leader asked to approve, the standing agency a dossier reaches, the
unit's staff when it is refused, returned or received. The services call `notify_move` inside their
transaction; the kinds are registered when the app starts (`register_kinds`)."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse

from cchc.accounts.models import Grant
from cchc.awards.models import Dossier
from cchc.core.scope import LEADER, OFFICER, STANDING
from cchc.notifications import kinds
from cchc.notifications import services as notifications
from cchc.orgs.choices import LEVEL_KINDS, UnitKind

TO_APPROVE = "award_dossier.to_approve"
SUBMITTED = "award_dossier.submitted"
REFUSED = "award_dossier.refused"
RETURNED = "award_dossier.returned"
RECEIVED = "award_dossier.received"

KINDS = {
    TO_APPROVE: ("Hồ sơ khen thưởng chờ phê duyệt", "warning"),
    SUBMITTED: ("Hồ sơ khen thưởng mới nộp", "info"),
    REFUSED: ("Hồ sơ khen thưởng không được xét", "danger"),
    RETURNED: ("Hồ sơ khen thưởng bị trả lại", "warning"),
    RECEIVED: ("Hồ sơ khen thưởng đã được tiếp nhận", "success"),
}


def register_kinds() -> None:
    for code, (label, tone) in KINDS.items():
        kinds.register_kind(code, label, tone=tone)


def _path_ids(path: str) -> list[int]:
    return [int(p) for p in path.strip("/").split("/") if p]


def leaders(dossier: Dossier) -> set[int]:
    """Leaders over the proposing unit (its chairman)."""
    ids = _path_ids(dossier.proposing_unit.path)
    return set(Grant.objects.filter(role=LEADER, unit_id__in=ids).values_list("user_id", flat=True))


def standing_agency(dossier: Dossier) -> set[int]:
    """The standing agency of the programme's level."""
    return set(
        Grant.objects.filter(role=STANDING, unit=dossier.programme.unit).values_list(
            "user_id", flat=True
        )
    )


def unit_staff(dossier: Dossier) -> set[int]:
    """The proposing unit's staff, its own level's standing office, and who opened the dossier."""
    unit = dossier.proposing_unit
    own = Q(unit__path__startswith=unit.path)
    if unit.kind not in LEVEL_KINDS and unit.kind != UnitKind.DEPARTMENT and unit.parent_id:
        own |= Q(unit_id=unit.parent_id)
    users = set(
        Grant.objects.filter(own, role__in=[STANDING, OFFICER]).values_list("user_id", flat=True)
    )
    if dossier.created_by_id:
        users.add(dossier.created_by_id)
    return users


def notify_move(dossier: Dossier, kind: str, text: str) -> None:
    """Tell the people concerned by this move of the dossier."""
    users = {
        TO_APPROVE: leaders,
        SUBMITTED: standing_agency,
    }.get(kind, unit_staff)(dossier)
    notifications.notify(
        users=users,
        kind=kind,
        subject=dossier,
        text=text,
        url=reverse("awards:dossier_detail", args=[dossier.pk]),
        unit_path=dossier.proposing_unit.path,
    )
