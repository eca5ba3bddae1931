"""HTML pages (councils' ModernGov minutes and decision notices) as lines of the text model.

Headings, paragraphs, list items and divs become lines; a table becomes one line per row
with its cells TAB-separated (as PDF conversion gives), so the same segmenter and
extractors read HTML, PDF and text alike. Scripts, styles, navigation, page headers and
footers, forms and hidden elements are dropped: they are the site, not the document.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

SKIP = {"script", "style", "nav", "header", "footer", "noscript", "form", "aside", "head",
        "button", "select", "svg", "iframe", "template"}
BLOCK = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li",
         "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "address", "table", "tbody",
         "thead", "tfoot", "caption", "hr", "body", "html", "fieldset", "figure", "figcaption"}
VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source",
        "track", "wbr", "param"}


#: A list item that writes its own number or bullet ('(a) That ...', '2. ...', '• ...').
_OWN_MARKER = re.compile(r"^(?:\(?(?:\d{1,3}|[a-z]|[ivx]{1,5})[.)]\s|[-•▪■*]\s)", re.I)


class _Lines(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.buf: list[str] = []
        self.skip = 0
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.table_depth = 0
        self.lists: list[list] = []  # open <ol>/<ul>: [tag, next number, type]
        self.marker = ""  # the open <li>'s number, written before its text

    # text outside tables accumulates in buf; inside a cell in cell
    def _flush(self, paragraph: bool = True) -> None:
        """End the current line; a new paragraph (not a <br>) is set off by a blank line."""
        text = re.sub(r"\s+", " ", "".join(self.buf)).strip()
        self.buf.clear()
        if text and self.marker and not _OWN_MARKER.match(text):  # '<li>(a) That ...' keeps (a)
            text = self.marker + text
        self.marker = ""
        if text:
            if self.lines and self.lines[-1] != "" and not self._in_paragraph:
                self.lines.append("")
            self.lines.append(text)
        self._in_paragraph = not paragraph and bool(text or self._in_paragraph)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        classes = (a.get("class") or "").lower()
        hidden = ("display:none" in (a.get("style") or "").replace(" ", "") or "hidden" in a
                  or ("aria-hidden" in a and a["aria-hidden"] == "true")
                  or any(c in classes for c in ("hide", "hidden", "sr-only", "print-only")))
        if tag in SKIP or (hidden and tag not in VOID):
            self.skip += 1
            return
        if self.skip:
            return
        if tag == "table":
            self._flush()
            self.table_depth += 1
        elif tag == "tr" and self.table_depth:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
        elif tag == "br":
            if self.cell is not None:
                self.cell.append(" ")
            else:
                self._flush(paragraph=False)
        elif tag in ("ol", "ul"):
            if self.cell is None:
                self._flush()
            start = a.get("start") or "1"
            self.lists.append([tag, int(start) if start.isdigit() else 1, a.get("type") or "1"])
        elif tag == "li" and self.cell is None:
            self._flush()
            self.marker = self._marker(a.get("value"))
        elif tag in BLOCK and self.cell is None:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append(re.sub(r"\s+", " ", "".join(self.cell)).strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if any(self.row):
                if self.lines and self.lines[-1] != "" and not self._last_is_row:
                    self.lines.append("")
                self.lines.append("\t".join(self.row))
                self._last_is_row = True
            self.row = None
        elif tag == "table":
            self.table_depth = max(0, self.table_depth - 1)
            self._last_is_row = False
            self.lines.append("")
        elif tag in BLOCK and self.cell is None:
            if tag in ("ol", "ul") and self.lists:
                self.lists.pop()
            self._flush()
            self._last_is_row = False

    def _marker(self, value: str | None) -> str:
        """A list item's number as the text would write it: '(1) ', '(b) ', '(iii) ' in an
        ordered list (resolutions' clauses, in the form the minutes extractor reads), '- '
        in a bulleted one."""
        if not self.lists or self.lists[-1][0] == "ul":
            return "- "
        _tag, n, style = self.lists[-1]
        if value and value.isdigit():
            n = int(value)
        self.lists[-1][1] = n + 1
        if style in ("a", "A"):
            label = chr(ord(style) + (n - 1) % 26)
        elif style in ("i", "I"):
            label = _roman(n) if style == "i" else _roman(n).upper()
        else:
            label = str(n)
        return f"({label}) "

    _last_is_row = False
    _in_paragraph = False

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.cell is not None:
            self.cell.append(data)
        elif self.table_depth and self.row is not None:
            return  # whitespace between cells
        else:
            self.buf.append(data)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + numeral, n - value
    return out


def html_lines(text: str) -> list[str]:
    """The page's text as lines: blocks separated by blank lines, table rows TAB-separated."""
    parser = _Lines()
    parser.feed(text)
    parser.close()
    parser._flush()
    lines = [ln.replace("\u00a0", " ").rstrip() for ln in parser.lines]
    while lines and not lines[-1]:
        lines.pop()
    out: list[str] = []
    for ln in lines:  # no runs of blank lines
        if ln or (out and out[-1]):
            out.append(ln)
    return out
