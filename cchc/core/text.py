"""Vietnamese text folding, so that "le chan" finds "Lê Chân" and "hoá" equals "hóa"."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-"})


def fold(text: str | None) -> str:
    """Lower-case, strip diacritics (đ -> d), unify dashes and collapse spaces."""
    if not text:
        return ""
    text = unicodedata.normalize("NFD", str(text).translate(_DASHES))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    text = text.replace("đ", "d").replace("Đ", "D").lower()
    return _SPACES.sub(" ", text).strip()


def fold_words(*parts: str | None) -> str:
    """Fold several texts into one search string."""
    return " | ".join(fold(p) for p in parts if p)


def nfc(text: str | None) -> str:
    """Unicode NFC with collapsed spaces, the stored form of names."""
    if not text:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", str(text))).strip()
