"""The sample as it is published — a printed PDF, a PDF task table, a scan, web pages in
UTF-8 and GB2312, .doc/.odt/.rtf — parses to the gold; bad files are one line of error.

The files are built here (published.py) once per session: LibreOffice prints and converts
a .docx written by the test, pdfium renders the scan.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pdfplumber
import pypdfium2
import pytest
from docx.oxml import OxmlElement

from dutygraph.errors import InputError
from dutygraph.loaders import parse_file
from dutygraph.loaders.model import Plan
from dutygraph.loaders.pdf import PAGE_LINES
from dutygraph.loaders.read import read_file
from tests.loaders import published
from tests.measured import run_measured

DUTYGRAPH = Path(sys.executable).with_name("dutygraph")
needs_soffice = pytest.mark.skipif(not shutil.which("soffice"), reason="no LibreOffice")
needs_tesseract = pytest.mark.skipif(not shutil.which("tesseract"), reason="no Tesseract")


@pytest.fixture(scope="session")
def files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """plan.docx and table.docx, printed to PDF, and plan.docx as .doc, .odt and .rtf."""
    if not shutil.which("soffice"):
        pytest.skip("no LibreOffice (scripts/install-system-deps installs it)")
    folder = tmp_path_factory.mktemp("published")
    plan = published.write_sample_docx(folder / "plan.docx")
    published.write_table_docx(folder / "table.docx")
    published.soffice([plan, folder / "table.docx"], "pdf", folder)
    for target in ("doc", "odt", "rtf"):
        published.soffice([plan], target, folder)
    (folder / "page.html").write_text(published.web_page(), "utf-8")
    (folder / "table.htm").write_text(published.web_page(table=True), "utf-8")
    # The task table as a sheet, saved by LibreOffice as .xls and .ods; and the legacy
    # files under the names WPS Office gives them (.wps, .et: the same formats inside).
    published.write_table_xlsx(folder / "table.xlsx")
    for target in ("xls", "ods"):
        published.soffice([folder / "table.xlsx"], target, folder)
    shutil.copy(folder / "plan.doc", folder / "plan.wps")
    shutil.copy(folder / "table.xls", folder / "table.et")
    # Declared GB2312 as such sites do, encoded in the GBK/GB18030 the text needs.
    (folder / "page-gb2312.shtml").write_bytes(published.web_page("gb2312").encode("gb18030"))
    return folder


@pytest.fixture(scope="session")
def scan(files: Path) -> Path:
    """plan.pdf as a scan: each page a 150 dpi greyscale picture, no text layer."""
    pdf = pypdfium2.PdfDocument(files / "plan.pdf")
    pages = [pdf[i].render(scale=150 / 72, grayscale=True).to_pil() for i in range(len(pdf))]
    path = files / "scan.pdf"
    pages[0].save(path, save_all=True, append_images=pages[1:], resolution=150)
    return path


def _tasks(plan: Plan) -> list[tuple[list[str], str, list[str]]]:
    return [(list(t.path), t.text, [a.name for a in t.units]) for t in plan.tasks]


@pytest.mark.parametrize(
    "name",
    [
        "plan.pdf",
        "table.pdf",
        "page.html",
        "page-gb2312.shtml",
        "table.htm",
        "plan.doc",
        "plan.odt",
        "plan.rtf",
        "plan.wps",
    ],
)
def test_published_sample_reproduces_the_gold(files: Path, gold: dict, name: str) -> None:
    plan = parse_file(files / name)
    assert plan.document.title == gold["document"]["title"]
    assert len(plan.tasks) == gold["task_count"]
    assert sum(len(t.units) for t in plan.tasks) == gold["assignment_count"]
    assert _tasks(plan) == [(t["path"], t["text"], t["units"]) for t in gold["tasks"]]
    parts = [f"{s.number}、{s.title}" for s in plan.sections if s.level == 1]
    assert parts == gold["document"]["parts"]
    for task in plan.tasks:
        for a in task.units:
            assert plan.text[a.span.start : a.span.end] == a.written


@pytest.mark.parametrize("name", ["table.xls", "table.ods", "table.et"])
def test_sheets_converted_by_libreoffice_read_as_the_xlsx(files: Path, name: str) -> None:
    expected = parse_file(files / "table.xlsx")
    plan = parse_file(files / name)
    assert plan.document.format == name.rsplit(".", 1)[1]
    assert len(plan.tasks) == len(expected.tasks) == 46
    assert _tasks(plan) == _tasks(expected)


@needs_tesseract
def test_a_page_image_is_read_by_ocr_and_a_poor_one_warned(files: Path, tmp_path: Path) -> None:
    page = pypdfium2.PdfDocument(files / "plan.pdf")[2]
    sharp = tmp_path / "page3.png"
    page.render(scale=150 / 72, grayscale=True).to_pil().save(sharp)
    source = read_file(sharp)
    assert source.format == "image"
    assert any("责任单位" in line.text for line in source.lines)
    assert all(line.number // PAGE_LINES == 1 for line in source.lines)
    # The same page scanned at 40 dpi, enlarged to 150 dpi and saved as a poor JPEG.
    poor = tmp_path / "poor.jpg"
    image = page.render(scale=40 / 72, grayscale=True).to_pil()
    image.resize((image.width * 150 // 40, image.height * 150 // 40)).save(poor, quality=15)
    warned = read_file(poor).warnings
    assert warned
    assert all(re.match(r"OCR confidence \d+%: ", w.message) for w in warned)


def test_pdf_lines_are_page_and_line(files: Path) -> None:
    """A task's line names the page it is printed on; page numbers and footers are gone."""
    plan = parse_file(files / "plan.pdf")
    with pdfplumber.open(files / "plan.pdf") as pdf:
        pages = [page.extract_text().replace("\n", "").replace(" ", "") for page in pdf.pages]
    for task in plan.tasks:
        page = task.span.line // PAGE_LINES
        assert 1 <= task.span.line % PAGE_LINES < PAGE_LINES
        assert task.text[:8] in pages[page - 1], (task.path, page)
    assert not any("—" in line.text for line in read_file(files / "plan.pdf").lines)


def test_the_pdf_table_wraps_cells_over_pages(files: Path) -> None:
    """The annex really is the hard case: several pages, the header printed on each, and
    at least one row the page break splits."""
    with pdfplumber.open(files / "table.pdf") as pdf:
        tables = [t.extract() for page in pdf.pages for t in page.find_tables()]
    assert len(tables) >= 3
    assert all(t[0][:3] == ["序号", "工作任务", "责任单位"] for t in tables)
    assert any("\n" in (cell or "") for t in tables for row in t for cell in row)
    assert any(t[1][0] in ("", None) and t[1][1] for t in tables[1:])


def test_web_page_metadata_chrome_and_attachments(files: Path) -> None:
    plan = parse_file(files / "page.html")
    assert plan.document.doc_number == "某府办〔2021〕40号"
    assert plan.document.issuer == "某县人民政府办公室"
    assert plan.document.date == "2021-11-29"
    chrome = ("政务公开", "上一篇", "分享到", "版权所有", "网站地图", "访问量统计代码", "浏览次数")
    for word in chrome:
        assert word not in plan.text
    [note] = [w for w in plan.warnings if "attachments" in w.message]
    assert "重点工作目标任务表.xls" in note.message


def test_mhtml_archive_of_the_page(files: Path, tmp_path: Path) -> None:
    html = published.web_page("gb2312").encode("gb18030")
    body = base64.encodebytes(html).decode()
    archive = (
        "From: <Saved by Blink>\nMIME-Version: 1.0\n"
        'Content-Type: multipart/related; type="text/html"; boundary="----B"\n\n'
        "------B\nContent-Type: text/html; charset=gb2312\n"
        f"Content-Transfer-Encoding: base64\n\n{body}\n------B--\n"
    )
    path = tmp_path / "page.mhtml"
    path.write_text(archive, "ascii")
    assert len(parse_file(path).tasks) == 47


@needs_tesseract
def test_scanned_pdf_reaches_assignment_f1(scan: Path, gold: dict) -> None:
    plan = parse_file(scan)

    def key(path: list[str] | tuple[str, ...]) -> str:
        return "".join(path).replace("(", "（").replace(")", "）")

    got = {(key(t.path), a.name) for t in plan.tasks for a in t.units}
    expected = {(key(t["path"]), u) for t in gold["tasks"] for u in t["units"]}
    hits = len(got & expected)
    precision, recall = hits / len(got), hits / len(expected)
    assert 2 * precision * recall / (precision + recall) >= 0.9
    assert all(w.line // PAGE_LINES >= 1 for w in plan.warnings)


def _parse(path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(DUTYGRAPH), "parse", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **env},
    )


def _one_line_error(done: subprocess.CompletedProcess[str], *words: str) -> None:
    assert done.returncode == 1, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert done.stderr.startswith("Error: ")
    for word in words:
        assert word in done.stderr


@needs_soffice
def test_encrypted_pdf(files: Path, tmp_path: Path) -> None:
    secret = (
        'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
        '"DocumentOpenPassword":{"type":"string","value":"secret"}}'
    )
    shutil.copy(files / "plan.docx", tmp_path / "locked.docx")
    published.soffice([tmp_path / "locked.docx"], secret, tmp_path)
    _one_line_error(_parse(tmp_path / "locked.pdf"), "encrypted PDF")


def test_scan_without_tesseract_says_how_to_install_it(scan: Path) -> None:
    _one_line_error(_parse(scan, PATH="/nonexistent"), "tesseract-ocr-chi-sim")


def test_a_doc_without_libreoffice_says_how_to_install_it(tmp_path: Path) -> None:
    path = tmp_path / "plan.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le"))
    _one_line_error(_parse(path, PATH="/nonexistent"), "libreoffice-writer-nogui")


@needs_soffice
def test_corrupt_doc(tmp_path: Path) -> None:
    path = tmp_path / "broken.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 40)
    _one_line_error(_parse(path), str(path))


def test_web_page_with_no_article(tmp_path: Path) -> None:
    path = tmp_path / "index.html"
    links = "".join(f'<li><a href="/{n}.html">第{n}篇通知</a></li>' for n in range(30))
    path.write_text(f"<html><body><div class='nav'><ul>{links}</ul></div></body></html>", "utf-8")
    _one_line_error(_parse(path), "no article")


@needs_soffice
def test_conversion_that_does_not_finish_in_time(files: Path) -> None:
    _one_line_error(
        _parse(files / "plan.doc", DUTYGRAPH_MAX_PARSE_SECONDS="0.2"),
        "did not finish",
        "DUTYGRAPH_MAX_PARSE_SECONDS",
    )


@needs_soffice
def test_a_500_page_pdf_shows_progress_in_bounded_memory(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("一、道路")
    for n in range(1, 501):
        paragraph = document.add_paragraph(f"{n}.修缮第{n}条道路。（责任单位：县交通运输局）")
        paragraph.paragraph_format.page_break_before = n > 1
    document.save(tmp_path / "long.docx")
    published.soffice([tmp_path / "long.docx"], "pdf", tmp_path)
    run = run_measured([str(DUTYGRAPH), "parse", str(tmp_path / "long.pdf")])
    assert run.returncode == 0, run.stderr
    assert "500 tasks" in run.stdout
    assert f"reading {tmp_path / 'long.pdf'}" in run.stderr  # the progress bar's label
    assert run.peak_mb < 400  # MB: one page at a time, not 500


def test_a_pdf_that_is_not_one(tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\n")
    with pytest.raises(InputError, match="corrupt PDF"):
        read_file(path)


def _table_pdf(
    folder: Path,
    rows: list[list[str]],
    merges: list[tuple[int, int, int, int]],
    header_rows: int = 1,
) -> Path:
    """The rows as a ruled Word table (cells merged from (r0, c0) to (r1, c1), the first
    header_rows repeated on every page) printed to PDF by LibreOffice."""
    document = docx.Document()
    document.add_paragraph("某县重点任务分工方案")
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, cells in enumerate(rows):
        for c, value in enumerate(cells):
            table.cell(r, c).text = value
    for r0, c0, r1, c1 in merges:
        table.cell(r0, c0).merge(table.cell(r1, c1))
    for row in table.rows[:header_rows]:
        row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    document.save(folder / "table.docx")
    published.soffice([folder / "table.docx"], "pdf", folder)
    return folder / "table.pdf"


@needs_soffice
def test_a_cell_merged_over_rows_of_a_pdf_table_holds_for_each(tmp_path: Path) -> None:
    # pdfplumber gives nothing where a merged cell covers a row: its lead and its
    # category hold for every row it covers, as in the Word table it was printed from.
    rows = [
        ["领域", "序号", "工作任务", "牵头单位", "配合单位"],
        ["交通", "1", "推进国道改造", "县交通运输局", "县财政局"],
        ["", "2", "推进农村公路建设", "", "各镇人民政府"],
        ["", "3", "建设客运站", "", "县自然资源局"],
        ["水利", "4", "建设供水管网", "县水利局", "县住房城乡建设局"],
    ]
    plan = parse_file(_table_pdf(tmp_path, rows, [(1, 0, 3, 0), (1, 3, 3, 3)]))
    assert [(s.number, s.title) for s in plan.sections] == [("一", "交通"), ("二", "水利")]
    assert [(t.text, [(a.written, a.role) for a in t.units]) for t in plan.tasks] == [
        ("推进国道改造", [("县交通运输局", "lead"), ("县财政局", "support")]),
        ("推进农村公路建设", [("县交通运输局", "lead"), ("各镇人民政府", "support")]),
        ("建设客运站", [("县交通运输局", "lead"), ("县自然资源局", "support")]),
        ("建设供水管网", [("县水利局", "lead"), ("县住房城乡建设局", "support")]),
    ]


@needs_soffice
def test_a_two_row_header_repeated_on_each_page_is_read_once(tmp_path: Path) -> None:
    # 责任单位 over 牵头单位 | 配合单位, both header rows printed again on every page.
    rows = [["序号", "工作任务", "责任单位", "", "完成时限"], ["", "", "牵头单位", "配合单位", ""]]
    measure = "加快推进项目前期工作并落实建设资金保障，" * 6
    for n in range(1, 31):
        rows.append([str(n), f"推进第{n}项工程。{measure if n % 7 == 0 else ''}", "县发展改革局"])
        rows[-1] += ["县财政局\n县自然资源局", "长期"]
    merges = [(0, 2, 0, 3), (0, 0, 1, 0), (0, 1, 1, 1), (0, 4, 1, 4)]
    plan = parse_file(_table_pdf(tmp_path, rows, merges, header_rows=2))
    with pdfplumber.open(tmp_path / "table.pdf") as pdf:
        assert len(pdf.pages) > 1
    assert [t.text.split("。")[0] for t in plan.tasks] == [f"推进第{n}项工程" for n in range(1, 31)]
    assert {tuple((a.written, a.role) for a in t.units) for t in plan.tasks} == {
        (("县发展改革局", "lead"), ("县财政局", "support"), ("县自然资源局", "support"))
    }
    assert not plan.warnings


@needs_soffice
def test_a_merged_cell_a_page_break_cuts_holds_on_the_next_page(tmp_path: Path) -> None:
    # The 牵头单位 merged over tasks 1-24 is printed on the first page only; the part of
    # the cell on the next page is empty.
    rows = [["序号", "工作任务", "牵头单位", "配合单位"]]
    for n in range(1, 25):
        rows.append([str(n), f"实施第{n}项民生实事工程项目建设任务" * 2, "", "各镇人民政府"])
    rows[1][2] = "县住房城乡建设局"
    rows.append(["25", "建设供水管网", "县水利局", "县财政局"])
    plan = parse_file(_table_pdf(tmp_path, rows, [(1, 2, 24, 2)]))
    with pdfplumber.open(tmp_path / "table.pdf") as pdf:
        assert len(pdf.pages) > 1
    assert [[a.written for a in t.units if a.role == "lead"] for t in plan.tasks] == [
        *[["县住房城乡建设局"]] * 24,
        ["县水利局"],
    ]
