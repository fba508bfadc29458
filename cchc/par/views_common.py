"""What the PAR Index pages share: file downloads, refusals, the level a standing agency manages, and the check
that a workflow move is allowed to the user (403 inside the scope; the selector gave 404 outside it)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse

from cchc.core.errors import DomainError
from cchc.core.workflow import Workflow
from cchc.orgs.choices import BlocCode
from cchc.par import policies, selectors

BLOC_LABELS = dict(BlocCode.choices)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def error(request, exc: DomainError) -> None:
    messages.error(request, exc.message)


def download(data: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def organiser_for_manage(request):
    """The level whose sets and rounds the user keeps; 403 for anyone else."""
    organiser = selectors.organiser_for(actor=request.user)
    if organiser is None or not policies.can_manage_sets(request.user, organiser):
        raise PermissionDenied
    return organiser


def check_move(flow: Workflow, name: str, user, obj) -> None:
    """403 when the move's policy does not allow the user (whatever the object's state)."""
    if not flow.transition(name).allowed(user, obj):
        raise PermissionDenied


def moves(flow: Workflow, user, obj, names=None, **context) -> list:
    """The options of `flow` the user has on the object (only `names` when given), for the shared component
    `components/transitions.html`."""
    return [o for o in flow.options(user, obj, **context) if names is None or o.name in names]
