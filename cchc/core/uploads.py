"""Holding an uploaded file between its preview and the user's confirmation."""

import uuid
from pathlib import Path

from django.conf import settings


def _dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "pending"
    path.mkdir(parents=True, exist_ok=True)
    return path


def stash(request, *, kind: str, filename: str, data: bytes) -> str:
    """Keep the bytes for this session; returns a token for the confirm step."""
    token = uuid.uuid4().hex
    (_dir() / token).write_bytes(data)
    pending = request.session.get("pending_uploads", {})
    pending[token] = {"kind": kind, "filename": filename}
    request.session["pending_uploads"] = pending
    return token


def take(request, *, kind: str, token: str, keep: bool = False) -> tuple[str, bytes] | None:
    """The stashed (filename, bytes) if this session stashed it for `kind`."""
    pending = request.session.get("pending_uploads", {})
    meta = pending.get(token)
    path = _dir() / token
    if not meta or meta["kind"] != kind or not token.isalnum() or not path.exists():
        return None
    data = path.read_bytes()
    if not keep:
        path.unlink(missing_ok=True)
        pending.pop(token, None)
        request.session["pending_uploads"] = pending
    return meta["filename"], data
