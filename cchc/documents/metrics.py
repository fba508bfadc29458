"""How wide a line of Times New Roman is, to size the short rules under the heading lines.

Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.1.b and II.2.b: the rule under the Tiêu ngữ is as long as the
text, the rule under the issuing body and under the trích yếu is 1/3 to 1/2 of it. Word draws those rules
as paragraph borders, so their length has to be computed here. Widths are the advance widths of Times New
Roman (regular and bold, in thousandths of an em, printable ASCII); a Vietnamese letter takes the width of
its base letter, a horned letter (ơ, ư) a little more.
"""

import unicodedata

# Advance widths of printable ASCII (U+0020 to U+007E), thousandths of an em.
_REGULAR = (
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,
    921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
    556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,
    333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
    500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
)  # fmt: skip
_BOLD = (
    250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278,
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500,
    930, 722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778,
    611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581, 500,
    333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500,
    556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520,
)  # fmt: skip
_HORN = "\u031b"
_WIDE = {"…": 1000, "–": 500, "—": 1000, "“": 444, "”": 444, "‘": 333, "’": 333}
PT_MM = 25.4 / 72


def char_width(ch: str, *, bold: bool = False) -> int:
    """Advance width of one character in thousandths of an em."""
    table = _BOLD if bold else _REGULAR
    if ch in _WIDE:
        return _WIDE[ch]
    decomposed = unicodedata.normalize("NFD", ch)
    base = {"đ": "d", "Đ": "D"}.get(ch, decomposed[0])
    extra = 60 if _HORN in decomposed else 0
    code = ord(base)
    if 32 <= code < 127:
        return table[code - 32] + extra
    return 500


def text_width_mm(text: str, size_pt: float, *, bold: bool = False) -> float:
    """Width of `text` on one line, in millimetres."""
    return sum(char_width(ch, bold=bold) for ch in text) / 1000 * size_pt * PT_MM


def split_to_fit(text: str, width_mm: float, size_pt: float, *, bold: bool = False) -> list[str]:
    """`text` as lines no wider than `width_mm`, split at spaces so that the lines are balanced.

    "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG" in a 70 mm column gives "ỦY BAN NHÂN DÂN" over "THÀNH PHỐ
    HẢI PHÒNG", as offices set it, rather than a full first line and a lone word below.
    """
    if text_width_mm(text, size_pt, bold=bold) <= width_mm:
        return [text]
    words = _words(text)
    if len(words) < 2:
        return [text]
    for count in range(2, len(words) + 1):
        best = _balanced(words, count, size_pt, bold)
        if max(text_width_mm(line, size_pt, bold=bold) for line in best) <= width_mm:
            return best
    return words


def _words(text: str) -> list[str]:
    """Words to break between; a dash stays at the end of the line ("THI ĐUA -" / "KHEN THƯỞNG")."""
    words: list[str] = []
    for word in text.split():
        if word in {"-", "–"} and words:
            words[-1] = f"{words[-1]} {word}"
        else:
            words.append(word)
    return words


def _balanced(words: list[str], count: int, size_pt: float, bold: bool) -> list[str]:
    """Split `words` into `count` lines minimising the widest line (small inputs: exhaustive)."""
    if count == 1:
        return [" ".join(words)]
    best: list[str] = []
    best_width = float("inf")
    for cut in range(1, len(words) - count + 2):
        head = " ".join(words[:cut])
        rest = _balanced(words[cut:], count - 1, size_pt, bold)
        lines = [head, *rest]
        widest = max(text_width_mm(line, size_pt, bold=bold) for line in lines)
        if widest < best_width:
            best, best_width = lines, widest
    return best
