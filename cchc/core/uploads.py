"""Uploaded files: checking Word and Excel packages before anything unpacks them, and holding a file between
its preview and the user's confirmation."""

import io
import os
import uuid
import zipfile
from pathlib import Path
from typing import IO

from django.conf import settings

from cchc.core.errors import DomainError

# Word, Excel and PowerPoint files are zip packages: their size on disk says little about what they unpack to.
PACKAGE_EXTENSIONS = (".docx", ".docm", ".dotx", ".xlsx", ".xlsm", ".xltx", ".pptx")


def is_package(filename: str) -> bool:
    return os.path.splitext((filename or "").lower())[1] in PACKAGE_EXTENSIONS


def check_package(filename: str, data: bytes | IO[bytes], *, field: str = "file") -> None:
    """Refuse a Word/Excel file whose parts would unpack beyond CCHC_UPLOAD_MAX_UNPACKED bytes in all, or
    whose unpacked size is more than CCHC_UPLOAD_MAX_RATIO times its packed size (a zip bomb).

    Only the zip directory is read, so a bomb is refused without unpacking it; Python's zipfile never yields
    more than the size the directory declares, so the declared sizes are the ones that count. A file that is not
    a zip at all is left to the reader, which names it as damaged.
    """
    name = os.path.basename(filename or "") or "tệp"
    max_unpacked = settings.CCHC_UPLOAD_MAX_UNPACKED
    max_ratio = settings.CCHC_UPLOAD_MAX_RATIO
    stream = io.BytesIO(data) if isinstance(data, (bytes, bytearray)) else data
    start = stream.tell()
    try:
        with zipfile.ZipFile(stream) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return
    finally:
        stream.seek(start)
    unpacked = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members)
    if unpacked > max_unpacked:
        raise DomainError(
            f"Tệp “{name}” khi giải nén lên tới {unpacked // (1024 * 1024)} MB, vượt giới hạn "
            f"{max_unpacked // (1024 * 1024)} MB: hệ thống không đọc tệp này. Hãy kiểm tra lại tệp.",
            field=field,
        )
    if unpacked > 1024 * 1024 and unpacked > max_ratio * max(packed, 1):
        raise DomainError(
            f"Tệp “{name}” có tỉ lệ nén bất thường (giải nén gấp {unpacked // max(packed, 1)} lần, tối đa "
            f"{max_ratio} lần): hệ thống không đọc tệp này. Hãy lưu lại tệp bằng Word/Excel rồi tải lên.",
            field=field,
        )


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
