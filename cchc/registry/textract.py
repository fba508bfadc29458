"""Plain text of an uploaded document: paragraphs separated by newlines, tables as tab-separated rows.

Word (.docx), web pages (.html, .htm) and plain text (.txt, .md) are read; the reader (`cchc.registry.reader`) and the
plan importer work on the text this returns. Borderless two-column layout tables (the header of an administrative
document: body name on the left, national motto and date on the right) keep one line per paragraph, the two
columns side by side with a tab, as Word itself copies them.
"""

import io
import os
import re
import unicodedata
import zipfile
from html.parser import HTMLParser

from django.conf import settings

from cchc.core.errors import DomainError
from cchc.core.uploads import check_package

ACCEPTED = "Word (.docx), trang web (.html, .htm) hoặc văn bản (.txt, .md)"
TEXT_EXTENSIONS = (".txt", ".md", ".markdown", ".text")
HTML_EXTENSIONS = (".html", ".htm")
DOCX_EXTENSIONS = (".docx",)


class TextractError(DomainError):
    """The file cannot be read as a document: unsupported type, corrupt, too large or empty."""


def _limit() -> int:
    return getattr(settings, "MAX_UPLOAD_BYTES", 20 * 1024 * 1024)


def document_text(filename: str, data: bytes) -> str:
    """The text of an uploaded document; raises TextractError with a Vietnamese message naming the file."""
    name = os.path.basename(filename or "") or "tệp"
    ext = os.path.splitext(name.lower())[1]
    if data is None or len(data) == 0:
        raise TextractError(f"Tệp “{name}” rỗng.", field="file")
    if len(data) > _limit():
        raise TextractError(
            f"Tệp “{name}” quá lớn: tối đa {_limit() // (1024 * 1024)} MB.", field="file"
        )
    if ext in DOCX_EXTENSIONS:
        try:
            check_package(name, data)
        except DomainError as exc:
            raise TextractError(exc.message, field="file") from exc
        text = _docx_text(name, data)
    elif ext in HTML_EXTENSIONS:
        text = html_text(_decode(name, data))
    elif ext in TEXT_EXTENSIONS:
        text = _decode(name, data)
        if text.lstrip().startswith("{\\rtf"):
            raise TextractError(
                f"Tệp “{name}” là định dạng RTF: hãy mở bằng Word và lưu lại dưới dạng .docx.",
                field="file",
            )
    elif ext == ".doc":
        raise TextractError(
            f"Tệp “{name}” là định dạng Word cũ (.doc): hãy mở bằng Word và lưu lại dưới dạng .docx.",
            field="file",
        )
    elif ext == ".pdf":
        raise TextractError(
            f"Chưa đọc được tệp PDF “{name}”: hãy dán nội dung văn bản hoặc tải lên bản Word (.docx).",
            field="file",
        )
    else:
        raise TextractError(f"Không đọc được loại tệp “{name}”: chỉ nhận {ACCEPTED}.", field="file")
    text = clean_text(text)
    if not text.strip():
        raise TextractError(f"Tệp “{name}” không có nội dung chữ.", field="file")
    return text


def clean_text(text: str) -> str:
    """NFC, Unix newlines, no non-breaking or zero-width spaces, no trailing spaces."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = (
        text.replace("\u00a0", " ")
        .replace("\u200b", "")
        .replace("\ufeff", "")
        .replace("\u00ad", "")
    )
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def _decode(name: str, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if len(data) >= 4 and data[1:2] == b"\x00" and data[3:4] == b"\x00":
        try:
            return data.decode("utf-16-le")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1258")
    except UnicodeDecodeError:
        raise TextractError(
            f"Không đọc được bảng mã của tệp “{name}”: hãy lưu lại với bảng mã UTF-8.", field="file"
        )


# --- Word ------------------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_text(name: str, data: bytes) -> str:
    try:
        from docx import Document

        body = Document(io.BytesIO(data)).element.body
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise TextractError(
            f"Tệp “{name}” bị hỏng hoặc không phải tệp Word (.docx) hợp lệ.", field="file"
        ) from exc
    except Exception as exc:  # python-docx raises several lxml/opc errors on damaged packages
        raise TextractError(
            f"Tệp “{name}” bị hỏng hoặc không phải tệp Word (.docx) hợp lệ.", field="file"
        ) from exc
    lines: list[str] = []
    _block_lines(body, lines)
    return "\n".join(lines)


def _children(el, tags: tuple[str, ...]) -> list:
    """Direct children with one of the tags, looking through content controls (w:sdt) and custom XML."""
    out = []
    for child in el:
        if child.tag in tags:
            out.append(child)
        elif child.tag in (_W + "sdt", _W + "customXml"):
            content = child.find(_W + "sdtContent")
            out.extend(_children(content if content is not None else child, tags))
    return out


def _paragraph_text(p) -> str:
    parts = []
    for el in p.iter():
        if el.tag == _W + "t":
            parts.append(el.text or "")
        elif el.tag == _W + "tab":
            parts.append(" ")
        elif el.tag in (_W + "br", _W + "cr"):
            parts.append("\n")
        elif el.tag == _W + "delText":
            continue
    return "".join(parts).strip()


def _block_lines(container, lines: list[str]) -> None:
    for el in _children(container, (_W + "p", _W + "tbl")):
        if el.tag == _W + "p":
            lines.extend(_paragraph_text(el).split("\n"))
        else:
            lines.extend(_table_lines(el))


def _cell_paragraphs(tc) -> list[str]:
    out: list[str] = []
    _block_lines(tc, out)
    return [line for line in out if line.strip()]


def _table_lines(tbl) -> list[str]:
    rows = []
    for tr in _children(tbl, (_W + "tr",)):
        cells: list[list[str]] = []
        for tc in _children(tr, (_W + "tc",)):
            tc_pr = tc.find(_W + "tcPr")
            v_merge = tc_pr.find(_W + "vMerge") if tc_pr is not None else None
            if v_merge is not None and v_merge.get(_W + "val") in (None, "continue"):
                cells.append([])
                continue
            cells.append(_cell_paragraphs(tc))
        rows.append(cells)
    layout = all(len(r) <= 2 for r in rows) and any(len(c) > 1 for r in rows for c in r)
    lines = []
    for cells in rows:
        if layout:
            height = max((len(c) for c in cells), default=0)
            for i in range(height):
                lines.append("\t".join(c[i] if i < len(c) else "" for c in cells).rstrip("\t"))
        else:
            line = "\t".join(" ".join(c) for c in cells)
            if line.strip():
                lines.append(line)
    return lines


# --- Web pages ---------------------------------------------------------------------------------------------

_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header",
    "footer", "nav", "aside", "main", "table", "tbody", "thead", "blockquote", "pre", "hr", "form", "dd", "dt", "dl",
}  # fmt: skip
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "head", "iframe"}


class _TextParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.row: list[list[str]] | None = None
        self.cell: list[str] | None = None
        self.skip = 0

    def _flush(self):
        text = re.sub(r"[ \t\n]+", " ", "".join(self.current)).strip()
        self.current = []
        if not text:
            return
        if self.cell is not None:
            self.cell.append(text)
        else:
            self.lines.append(text)

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP_TAGS:
            self.skip += 1
        elif tag == "tr":
            self._flush()
            self.row = []
        elif tag in ("td", "th"):
            self._flush()
            self.cell = []
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag):
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag in ("td", "th"):
            self._flush()
            if self.row is not None and self.cell is not None:
                self.row.append(self.cell)
            self.cell = None
        elif tag == "tr":
            self._flush()
            if self.row is not None:
                self._emit_row(self.row)
            self.row = None
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_startendtag(self, tag, attrs):
        if tag in ("br", "hr"):
            self._flush()

    def handle_data(self, data):
        if not self.skip:
            self.current.append(data)

    def _emit_row(self, cells: list[list[str]]):
        if len(cells) <= 2 and any(len(c) > 1 for c in cells):
            for i in range(max(len(c) for c in cells)):
                self.lines.append("\t".join(c[i] if i < len(c) else "" for c in cells).rstrip("\t"))
        else:
            line = "\t".join(" ".join(c) for c in cells)
            if line.strip():
                self.lines.append(line)

    def close(self):
        super().close()
        self._flush()


def html_text(html: str) -> str:
    """The visible text of a web page, one block per line, table rows tab-separated."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return "\n".join(parser.lines)
