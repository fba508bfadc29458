"""Errors that services raise with a message a Vietnamese user can act on."""


class DomainError(Exception):
    """A rule refused the change; `message` is Vietnamese and names the field or rows concerned."""

    def __init__(self, message: str, *, field: str | None = None, rows: list | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.rows = rows or []


class PermissionDenied(DomainError):
    """The actor may not do this; views answer 404 or 403."""

    def __init__(self, message: str = "Bạn không có quyền thực hiện thao tác này."):
        super().__init__(message)
