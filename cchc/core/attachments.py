"""Checking and storing uploaded files on an `Attachment` record, the same way everywhere."""

from __future__ import annotations

from typing import Any, TypeVar

from django.conf import settings

from cchc.core.errors import DomainError
from cchc.core.models import Attachment
from cchc.core.scope import user_or_none
from cchc.core.uploads import check_package, is_package

AttachmentT = TypeVar("AttachmentT", bound=Attachment)


def check_upload(upload: Any, *, field: str = "file", limit: int | None = None) -> None:
    """Refuse an empty or oversized file with a Vietnamese message naming it."""
    limit = limit or settings.MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise DomainError(
            f"Tệp “{upload.name}” quá lớn (tối đa {limit // (1024 * 1024)} MB).", field=field
        )
    if upload.size == 0:
        raise DomainError(f"Tệp “{upload.name}” rỗng (0 byte).", field=field)
    if is_package(upload.name):
        check_package(upload.name, upload.file if hasattr(upload, "file") else upload, field=field)


def attach(record: AttachmentT, upload: Any, *, actor: Any, field: str = "file") -> AttachmentT:
    """Check the upload, then store it on the (unsaved) attachment record and save the record."""
    check_upload(upload, field=field)
    record.name = upload.name[:255]
    record.size = upload.size
    record.uploaded_by = user_or_none(actor)
    record.file.save(upload.name, upload, save=False)
    record.save()
    return record
