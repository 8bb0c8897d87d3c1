"""The size of an .xlsx sheet is known before calamine builds it, and never underestimated.

calamine allocates a sheet as one block from A1 to its farthest value, and a failed
allocation ends the process. So whatever the XML says and however it says it, the
pre-scan's extent (:func:`xlsx_scan`'s quick bound, or :func:`xlsx_extent`'s exact count)
must reach at least as far as the cells calamine really places. Small sheets are checked
against calamine itself; bombs, which calamine cannot survive, are read in a child process
with a memory ceiling and must be refused.
"""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from reading_samples import minimal_xlsx, probe
from workbench.models.reading import extent
from workbench.models.reading.extent import xlsx_extent, xlsx_scan

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
MEMBER = "xl/worksheets/sheet1.xml"
ROOM = 20_000_000


def _sheet(body: str, root: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"{root}>'
            f"<sheetData>{body}</sheetData></worksheet>")


def _calamine_extent(path: Path) -> tuple[int, int]:
    end = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).end
    return (end[0] + 1, end[1] + 1) if end else (0, 0)


def _scans(path: Path, monkeypatch, chunk: int, room: int = ROOM):
    """(quick bound, exact extent, may have errors); REFUSED where the scan finds the XML unreadable."""
    monkeypatch.setattr(extent, "_CHUNK", chunk)
    with zipfile.ZipFile(path) as package:
        try:
            quick = xlsx_scan(package, MEMBER, lambda: None, room)
        except ValueError:  # the reader reports it as a damaged sheet: never handed to calamine
            return REFUSED, REFUSED, True
        exact = xlsx_extent(package, MEMBER, lambda: None)
    return (quick.rows, quick.cols), exact, quick.may_have_errors


REFUSED = (-1, -1)


def _covers(bound: tuple[int, int], real: tuple[int, int]) -> bool:
    return bound == REFUSED or real == (0, 0) or (bound[0] >= real[0] and bound[1] >= real[1])


def _column(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# Each holds a value calamine places further out than a naive reading of the XML says.
TRICKS = {
    "plain": '<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="C2"><v>2</v></c></row>',
    "no-refs": '<row r="3"><c><v>1</v></c><c><v>1</v></c></row><row><c><v>2</v></c></row>',
    "self-closing-row-moves-the-row": '<row r="1"><c r="A1"><v>1</v></c></row><row r="90"/><row><c><v>1</v></c></row>',
    "empty-cell-moves-the-column": '<row r="2"><c r="A2"><v>1</v></c><c r="AD2" s="1"/><c><v>1</v></c></row>',
    "spaced-empty-cell": '<row r="2"><c r="A2" cm="1"><v>1</v></c><c r="AD2" s="1" /><c><v>1</v></c></row>',
    "prefixed": '<x:row r="2"><x:c r="B2"><x:v>1</x:v></x:c><x:c><x:v>1</x:v></x:c></x:row>',
    "prefixed-self-closing": '<row r="4"><x:c r="AB4"/><c><v>1</v></c></row>',
    "second-r-wins": '<row r="1"><c r="A1" r="AE80"><v>1</v></c></row>',
    "second-r-without-space": '<row r="1"><c r="A1" s="0"r="AE80"><v>1</v></c></row>',
    "second-r-spaced": '<row r="1"><c r="A1" s="1"  r  =  "AE80"><v>1</v></c></row>',
    "prefixed-r-is-no-reference": '<row r="70"><c r="A70"><v>1</v></c><c x:r="A1"><v>1</v></c></row>',
    "text-after-open-tag": '<row r="60"><c r="AB60"><v>1</v></c><c>r="A1"<v>1</v></c></row>',
    "quoted-gt": '<row r="1"><c r="A1"><v>1</v></c><c r="AC9" foo="/>"><v>1</v></c></row>',
    "single-quotes-tabs": "<row r='5'><c\tr='AB5'><v>1</v></c><c\nr='A7'><v>1</v></c></row>",
    "comment-with-fake-end": '<row r="50"><c r="AB50"><v>1</v></c><!-- </row> --><c><v>1</v></c></row>',
    "cdata": '<row r="8"><c r="AB8" t="inlineStr"><is><t><![CDATA[</row><c>]]></t></is></c><c><v>1</v></c></row>',
    "descending-rows": '<row r="900"><c r="B900"><v>1</v></c></row><row r="2"><c r="A2"><v>1</v></c></row>',
    "row-number-beyond-its-row": '<row r="120"><c r="A120"><v>1</v></c><c r="B199"><v>1</v></c></row>',
    "four-letter-column": '<row r="1"><c r="A1"><v>1</v></c></row><row r="3"><c r="AAAA3"><v>1</v></c></row>',
    "lower-case-reference": '<row r="1"><c r="a1"><v>1</v></c><c r="ab7"><v>1</v></c></row>',
    "error-cell": '<row r="1"><c r="A1" t="e"><v>#DIV/0!</v></c></row>',
    # quick-xml takes "<" in an attribute value as text, not as a tag.
    "tags-in-attribute-values": '<row r="50"><x a=\'<row r="1">\' b="</row>"/><c><v>1</v></c><c><v>1</v></c></row>',
    # calamine reads an inline string on to </is>: a </c>, </row> or <row> before it is no tag to it.
    "tags-inside-an-inline-string": '<row r="50">' + '<c t="inlineStr"><is><t>x</t></c></row><row r="1"><x></is></c>' * 4 + "</row>",
    "rich-text-and-formula": '<row r="9"><c r="B9" t="inlineStr"><is><r><rPr><b/><sz val="11"/></rPr><t xml:space="preserve">a</t></r>'
                             '<rPh sb="0" eb="1"><t>x</t></rPh><phoneticPr fontId="1"/></is></c><c><f>SUM(A1:A2)</f><v>3</v></c></row>',
}


@pytest.mark.parametrize("chunk", [1 << 20, 16], ids=["one-chunk", "tiny-chunks"])
@pytest.mark.parametrize("name", sorted(TRICKS))
def test_every_way_of_placing_a_cell_is_covered(tmp_path, monkeypatch, name, chunk):
    root = f' xmlns:x="{MAIN}"'
    path = minimal_xlsx(tmp_path / f"{name}.xlsx", _sheet(TRICKS[name], root))
    real = _calamine_extent(path)
    quick, exact, errors = _scans(path, monkeypatch, chunk)
    assert _covers(quick, real), (name, quick, real)
    assert _covers(exact, real), (name, exact, real)
    # With no room the quick pass falls back to the exact count, which must still cover.
    quick_exact, _, _ = _scans(path, monkeypatch, chunk, room=0)
    assert _covers(quick_exact, real), (name, quick_exact, real)
    if name == "error-cell":
        assert errors


def _random_sheet(rng: random.Random) -> str:
    """A small sheet mixing every spelling of rows and cells the reader has to expect."""
    rows = []
    numbers = sorted(rng.sample(range(1, rng.choice([20, 150, 1200])), rng.randint(1, 10)))
    if rng.random() < 0.2:
        rng.shuffle(numbers)
    for n in numbers:
        if rng.random() < 0.1:
            rows.append(rng.choice([f'<row r="{rng.randint(1, 1100)}"/>', "<row/>"]))
        tag = rng.choice([f'<row r="{n}">', f"<row r='{n}'>", f'<row\nr="{n}">', f'<x:row r="{n}">', "<row>"])
        cells = []
        for _ in range(rng.randint(0, 5)):
            ref = _column(rng.choice([1, 2, 26, 27, 40, 300])) + str(rng.choice([n, n, n + 1, rng.randint(1, 1300)]))
            value = rng.choice(["<v>1</v>", "<v></v>", '<is><t>x</t></is>'])
            kind = ' t="inlineStr"' if value.startswith("<is") else ""
            cells.append(rng.choice([
                f'<c r="{ref}"{kind}>{value}</c>', f'<c r="{ref}"{kind}>{value}</c>', f"<c{kind}>{value}</c>",
                f"<c\tr='{ref}'{kind}>{value}</c>", f'<c s="0" r="{ref}">{value}</c>',
                f'<x:c r="{ref}"><x:v>1</x:v></x:c>', f'<c r="{ref}" s="1"/>', f'<c r="{ref}" s="1" />', "<c/>",
                f'<c>r="{ref}"<v>1</v></c>', f'<c r="{ref}" vm="1" t="n">{value}</c>',
                f'<c x:r="{ref}">{value}</c>', f'<c r="A{n}"r="{ref}">{value}</c>', f'<c r="{ref}" t="e"><v>#N/A</v></c>',
            ]))
        rows.append(tag + "".join(cells) + ("</x:row>" if tag.startswith("<x:") else "</row>"))
    body = "".join(rows)
    if rng.random() < 0.1:
        body = "<!-- </row><row r='1'> -->" + body
    return _sheet(body, f' xmlns:x="{MAIN}"')


def test_random_sheets_never_reach_further_than_the_scan_says(tmp_path, monkeypatch):
    for seed in range(150):
        xml = _random_sheet(random.Random(seed))
        path = minimal_xlsx(tmp_path / f"s{seed}.xlsx", xml)
        try:
            real = _calamine_extent(path)
        except Exception:  # noqa: BLE001 - calamine refuses some mixtures; nothing to check then
            continue
        for chunk, room in ((1 << 20, ROOM), (24, ROOM), (1 << 20, 3000)):  # a small room: the closer look
            quick, exact, errors = _scans(path, monkeypatch, chunk, room)
            assert _covers(quick, real) and _covers(exact, real), (seed, chunk, room, quick, exact, real, xml)
            if 't="e"' in xml:
                assert errors, (seed, xml)


def test_an_ordinary_long_list_is_settled_by_the_quick_pass(tmp_path, monkeypatch):
    # Ascending rows up to 150 000 (so the last rows have as many digits as the highest
    # row tag) and columns past Z: the quick bound must be close, without the exact count.
    rows = [f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="AD{r}" t="inlineStr"><is><t>x</t></is></c></row>'
            for r in list(range(1, 3000)) + list(range(149_000, 150_001))]
    path = minimal_xlsx(tmp_path / "list.xlsx", _sheet("".join(rows)))

    def no_exact_count(*_args):
        raise AssertionError("the quick pass should have settled this sheet")

    monkeypatch.setattr(extent, "xlsx_extent", no_exact_count)
    monkeypatch.setattr(extent, "_CHUNK", 64 * 1024)
    with zipfile.ZipFile(path) as package:
        scan = xlsx_scan(package, MEMBER, lambda: None, ROOM)
    assert 150_000 <= scan.rows <= 160_000 and scan.cols == 30
    assert not scan.may_have_errors


def _bombs(tmp_path: Path) -> dict[str, Path]:
    """Files of a few kilobytes whose cells calamine would spread over billions of positions."""
    far = "<c><v>1</v></c>" * 20_000  # 20 000 cells in a row, each after the one before
    bodies = {
        # A seven-digit row in a one-letter column under honest-looking small row tags.
        "seven-digit-row": '<row r="1"><c r="Z1"><v>1</v></c></row><row r="2"><c r="A9999999"><v>2</v></c></row>',
        "three-letter-column": '<row r="1"><c r="A1"><v>1</v></c></row><row r="200000"><c r="XFD200000"><v>2</v></c></row>',
        "four-letter-column": '<row r="1"><c r="A1"><v>1</v></c></row><row r="90000"><c r="ZZZZZZ90000"><v>2</v></c></row>',
        "no-references": f'<row r="1"><c><v>1</v></c></row><row r="100000">{far}</row>',
        "descending-rows": '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row><row r="1"><c r="A1"><v>1</v></c></row>',
        "second-r": '<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2" s="0" r="XFD1048576"><v>2</v></c></row>',
        "self-closing-row": f'<row r="1"><c r="A1"><v>1</v></c></row><row r="1048575"/><row>{far}</row>',
        # Text right after "<c>" that reads like a reference: these cells have none.
        "text-after-open-tag": '<row r="1">' + '<c>r="A1"<v>1</v></c>' * 20_000 + "</row>"
                               '<row r="100000"><c>r="A1"<v>1</v></c></row>',
    }
    bombs = {name: minimal_xlsx(tmp_path / f"{name}.xlsx", _sheet(body)) for name, body in bodies.items()}
    # Cells calamine places one after another in row 1 048 576, each written so that a
    # reader not going the way calamine does would see a new row before it.
    trick = '<c t="inlineStr"><is><t>x</t></c></row><row r="1"><x></is></c>'
    bombs["inline-string-trick"] = minimal_xlsx(
        tmp_path / "inline-string-trick.xlsx",
        _sheet('<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576">' + trick * 20_000 + "</row>"),
    )
    # A "/" in an attribute value must not make a cell look self-closing (style-only).
    bombs["slash-in-attribute"] = minimal_xlsx(
        tmp_path / "slash-in-attribute.xlsx",
        _sheet('<row r="1"><c r="A1"><v>1</v></c></row>'
               '<row r="1048576"><c r="XFD1048576" foo="/"><v>2</v></c></row>'),
    )
    # An r attribute elsewhere in the part must not pass for the cell that has none.
    bombs["masked-no-reference"] = minimal_xlsx(
        tmp_path / "masked-no-reference.xlsx",
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>'
        '<row r="1"><c r="XFD1"><v>1</v></c></row><row r="1048576"><c><v>2</v></c></row>'
        '</sheetData><pageSetup r="1"/></worksheet>',
    )
    # Prefixed tags with the prefix declared on the root, and one declared on the cell itself.
    bombs["prefixed"] = minimal_xlsx(
        tmp_path / "prefixed.xlsx",
        f'<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="{MAIN}"><x:sheetData>'
        '<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row>'
        '<x:row r="1048576"><x:c r="XFD1048576"><x:v>2</x:v></x:c></x:row></x:sheetData></x:worksheet>',
    )
    bombs["prefixed-cell"] = minimal_xlsx(
        tmp_path / "prefixed-cell.xlsx",
        _sheet(f'<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><y:c xmlns:y="{MAIN}" r="XFD1048576">'
               "<y:v>2</y:v></y:c></row>"),
    )
    return bombs


def test_allocation_bombs_of_every_spelling_are_refused(tmp_path):
    bombs = _bombs(tmp_path)
    records, done = probe(list(bombs.values()), memory_mb=1536)
    assert done.returncode == 0, f"the reading process died: {done.stderr[-2000:]}"
    by_name = {Path(r["path"]).stem: r for r in records if "path" in r}
    assert set(by_name) == set(bombs)
    for name, record in by_name.items():
        assert record["outcome"] == "refused", (name, record)
        if name == "inline-string-trick":  # beyond what the walk reads: refused as damaged
            assert record["kind"] == "damaged", (name, record["message"])
        else:
            assert "单元格总数超过上限" in record["message"], (name, record["message"])
