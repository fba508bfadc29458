"""What a page's POST of one workflow move does, written once: the move must be open to the user (else 403), the
service runs, its refusal comes back as an error message, its success as `done`, and the user goes back to the
object's page."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse

from cchc.core.errors import DomainError
from cchc.core.workflow import Workflow


def move(
    request,
    obj: Any,
    *,
    flow: Workflow,
    name: str,
    call: Callable[[Any], Any],
    done: str,
    back: Callable[[Any], HttpResponse],
) -> HttpResponse:
    """Run `call(obj)` for the move `name` of `flow` and return `back(obj)`, with a message either way."""
    if not flow.transition(name).allowed(request.user, obj):
        raise PermissionDenied
    try:
        call(obj)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return back(obj)
