"""The 考核通报 as a Word file laid out by GB/T 9704-2012: :func:`write_notification`.

The words come from :func:`workbench.models.exports.narrative.notification`; this module
only sets them: 版头 (red 发文机关标志, 发文字号 over the red rule), title, 主送机关, body
with headings by level, 附件说明, 落款, page numbers "— 1 —", then one page per attachment
table. Page, grid and fonts are in :mod:`.docx_style`, the tables in :mod:`.docx_table`.
"""

from __future__ import annotations

import os
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from workbench.models.exports.context import ReportError
from workbench.models.exports.docx_style import (
    BODY_SIZE, HEADING_FONTS, LINE_PITCH, PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE, RED, TABLE_FONT,
    TABLE_SIZE, TEXT_WIDTH, TITLE_FONT, TITLE_SIZE, add_run, bottom_border, chars_indent, exact_lines, off_grid,
    setup_page, setup_styles,
)
from workbench.models.exports.docx_table import add_table
from workbench.models.exports.narrative import Notification, Section, clean_text, notification

MARK_TOP = Mm(35)
"""发文机关标志: its top edge 35 mm under the top of the text block (§7.2.4)."""


def write_notification(context, path: str | os.PathLike) -> Path:
    """Write the notification of ``context`` to ``path`` (.docx) and return the path.

    The file is written next to ``path`` and moved into place, so a failure never leaves a
    half-written document where an older one was.

    Raises
    ------
    ReportError
        When the file cannot be written (the message names it).
    """
    document = notification_document(notification(context))
    target = Path(path)
    partial = target.with_name(target.name + ".partial")
    try:
        document.save(str(partial))
        os.replace(partial, target)
    except OSError as exc:
        raise ReportError(f"无法写入考核通报“{target}”：{exc.strerror or exc}") from exc
    finally:
        if partial.exists():
            partial.unlink()
    return target


def notification_document(note: Notification):
    """The python-docx ``Document`` of ``note``, not yet saved."""
    document = Document()
    setup_styles(document)
    section = document.sections[0]
    setup_page(section)
    _page_numbers(document, section)
    document.core_properties.title = clean_text(note.title)
    document.core_properties.author = clean_text(note.issuer)
    body = document.paragraphs[0] if document.paragraphs else None
    if body is not None and not body.text:
        body._p.getparent().remove(body._p)
    _head(document, note)
    _main(document, note)
    _sign(document, note)
    for number, table in enumerate(note.attachments, start=1):
        _attachment(document, table, number if len(note.attachments) > 1 else None)
    return document


def _text(value) -> str:
    return clean_text(value)


def _width_in_chars(text: str) -> float:
    """Width in body characters: a half-width (ASCII) character counts one half."""
    return sum(0.5 if ord(ch) < 0x2E80 and ch not in "“”‘’—" else 1.0 for ch in text)


def _head(document, note: Notification) -> None:
    mark = f"{_text(note.issuer)}文件"
    chars = max(_width_in_chars(mark), 1)
    # The mark fills at most the block's width: large type for a short name; for a long one
    # 26 pt characters narrowed to fit, as printed 版头 do, rather than tiny type.
    size = max(min(52.0, TEXT_WIDTH.pt / chars), 26.0)
    scale = min(100, int(TEXT_WIDTH.pt / (chars * size) * 100))
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    off_grid(paragraph)
    paragraph.paragraph_format.line_spacing = Pt(size * 1.2)
    paragraph.paragraph_format.space_before = MARK_TOP
    paragraph.paragraph_format.space_after = Pt(0)
    add_run(paragraph, mark, TITLE_FONT, Pt(size), color=RED, scale=scale)
    number = document.add_paragraph()
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    exact_lines(number, before=2)
    bottom_border(number)  # the red rule, 4 mm under the 发文字号 (§7.2.7)
    add_run(number, _text(note.doc_number))
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    off_grid(title)
    exact_lines(title, before=2)
    add_run(title, _text(note.title), TITLE_FONT, TITLE_SIZE)
    recipients = document.add_paragraph()
    recipients.alignment = WD_ALIGN_PARAGRAPH.LEFT
    exact_lines(recipients, before=1)
    add_run(recipients, _text(note.recipients))


def _body(document, text: str, *, lead: str = ""):
    """A body paragraph: two characters in, 3号仿宋; ``lead`` in bold first (a level-3 heading)."""
    paragraph = document.add_paragraph()
    chars_indent(paragraph, first=2)
    if lead:
        add_run(paragraph, _text(lead), HEADING_FONTS[3], BODY_SIZE, bold=True)
    if text:
        add_run(paragraph, _text(text))
    return paragraph


def _heading(document, section: Section) -> None:
    paragraph = document.add_paragraph(style=f"Heading {section.level}")
    chars_indent(paragraph, first=2)
    add_run(paragraph, _text(section.heading), HEADING_FONTS[section.level], BODY_SIZE)


def _main(document, note: Notification) -> None:
    for text in note.opening:
        _body(document, text)
    for section in note.sections:
        paragraphs = list(section.paragraphs)
        if section.level == 3:
            # "1.加强……。" runs into its paragraph, as 通报 print their numbered requirements.
            _body(document, paragraphs.pop(0) if paragraphs else "", lead=section.heading)
        elif section.heading:
            _heading(document, section)
        for text in paragraphs:
            _body(document, text)
    _body(document, note.closing)
    if note.attachments:
        captions = [t.caption for t in note.attachments]
        # "附件：" two characters in; names, and the lines they wrap to, stand after its colon.
        for number, caption in enumerate(captions, start=1):
            paragraph = document.add_paragraph()
            lead = "附件：" if number == 1 else ""
            chars_indent(paragraph, left=5, hanging=3 if lead else 0)
            add_run(paragraph, lead + (f"{number}." if len(captions) > 1 else "") + _text(caption))
            if number == 1:
                paragraph.paragraph_format.space_before = LINE_PITCH


def _sign(document, note: Notification) -> None:
    """Issuer centred over the date, the date four characters in from the right (§7.3.5.1),
    with room above for the seal."""
    date, issuer = _text(note.date_text), _text(note.issuer)
    shift = 4 + (_width_in_chars(date) - _width_in_chars(issuer)) / 2
    for text, right, before in ((issuer, max(shift, 0), 2), (date, 4, 0)):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        exact_lines(paragraph, before=before)
        chars_indent(paragraph, right=right)
        add_run(paragraph, text)


def _attachment(document, table, number: int | None) -> None:
    label = document.add_paragraph()
    label.alignment = WD_ALIGN_PARAGRAPH.LEFT
    label.paragraph_format.page_break_before = True
    add_run(label, "附件" if number is None else f"附件{number}", HEADING_FONTS[1], BODY_SIZE)
    caption = document.add_paragraph()
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    off_grid(caption)
    exact_lines(caption, before=1, after=1)
    add_run(caption, _text(table.caption), TITLE_FONT, TITLE_SIZE)
    cells = [[_text(c) for c in row] for row in table.rows]
    add_table(document, [_text(h) for h in table.header], cells, table.numeric,
              shade_statuses=not table.numeric)
    if table.note:
        note = document.add_paragraph()
        off_grid(note)
        note.alignment = WD_ALIGN_PARAGRAPH.LEFT
        note.paragraph_format.line_spacing = Pt(TABLE_SIZE.pt * 1.5)
        note.paragraph_format.space_before = Pt(4)
        add_run(note, _text(table.note), TABLE_FONT, TABLE_SIZE)


def _field(paragraph, instruction: str, shown: str) -> None:
    """A complex field (``PAGE``) whose every run names its fonts like the text around it."""
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None), ("text", shown), ("end", None)):
        run = add_run(paragraph, shown if kind == "text" else "", PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
        if kind == "instr":
            node = OxmlElement("w:instrText")
            node.set(qn("xml:space"), "preserve")
            node.text = f" {instruction} "
            run._r.append(node)
        elif kind != "text":
            node = OxmlElement("w:fldChar")
            node.set(qn("w:fldCharType"), kind)
            run._r.append(node)


def _page_numbers(document, section) -> None:
    """"— 1 —" in 4号宋体: odd pages one character in from the right, even ones from the left."""
    document.settings.odd_and_even_pages_header_footer = True
    for footer, align, side in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"),
                                (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left")):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.alignment = align
        off_grid(paragraph)
        paragraph.paragraph_format.first_line_indent = Pt(0)
        paragraph.paragraph_format.line_spacing = Pt(PAGE_NUMBER_SIZE.pt * 1.2)
        chars_indent(paragraph, size=PAGE_NUMBER_SIZE, **{side: 1})
        add_run(paragraph, "— ", PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
        _field(paragraph, "PAGE", "1")
        add_run(paragraph, " —", PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
