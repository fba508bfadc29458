"""Award rules read from the text of an emulation plan: `propose(text)` gives a rule file to confirm (see
`proposal.py`); `read_file(name, data)` reads a .docx, .txt or pasted text first."""

from __future__ import annotations

from typing import Any

from cchc.awards.reader.proposal import NO_SECTION, propose

__all__ = ["NO_SECTION", "propose", "read_file", "without_not_read"]


def read_file(
    filename: str, data: bytes, *, issuer_kind: str | None = None, issuer_name: str | None = None
) -> dict[str, Any]:
    """The proposal read from an uploaded file (the registry's text extraction; a `DomainError` when the file
    cannot be read)."""
    from cchc.registry import textract

    text = textract.document_text(filename, data)
    return propose(text, issuer_kind=issuer_kind, issuer_name=issuer_name)


def without_not_read(data: dict[str, Any]) -> dict[str, Any]:
    """The rule file alone (what `parse_programme_data` validates)."""
    return {k: v for k, v in data.items() if k != "not_read"}
