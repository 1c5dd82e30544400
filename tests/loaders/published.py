"""The sample plan as governments publish it, built by the tests themselves.

A .docx written here (A4, 16 pt body, a 22 pt centred title, `— N —` page numbers in the
footer) is printed to PDF, and saved as .doc/.odt/.rtf, by LibreOffice; the task table
version puts part 二's tasks into a ruled table with narrow columns, so cells wrap and
the table runs over several pages under a repeated header.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "luhe-old-area-plan.txt"
FONT = "Noto Serif CJK SC"
_ITEM = re.compile(r"^(\d+)\.(.*)（责任单位：([^（）]*)）$")


def sample_lines() -> list[str]:
    lines = [line.strip() for line in SAMPLE.read_text("utf-8").splitlines()]
    lines = [line.replace("[bookmark: _GoBack]", "") for line in lines if line]
    # The sample's title was hard-wrapped by whoever saved it as text: one title here.
    return ["".join(lines[:3]), *lines[3:]]


def _document() -> docx.document.Document:
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.6)
    section.top_margin = section.bottom_margin = Cm(3)
    style = document.styles["Normal"]
    style.font.size = Pt(16)
    style.font.name = FONT
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(0)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("— ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    footer._p.append(field)
    footer.add_run(" —")
    return document


def _title(document: docx.document.Document, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.font.size = Pt(22)


def _body(document: docx.document.Document, text: str) -> None:
    paragraph = document.add_paragraph(text)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Pt(32)


def write_sample_docx(path: Path) -> Path:
    """The sample as printed text: every line a paragraph."""
    document = _document()
    title, *rest = sample_lines()
    _title(document, title)
    for line in rest:
        _body(document, line)
    document.save(path)
    return path


def write_table_docx(path: Path) -> Path:
    """The sample with part 二's numbered tasks in a ruled table: 序号 / 工作任务 / 责任单位,
    a merged row for each （一） section, the header repeated on every page."""
    document = _document()
    title, *rest = sample_lines()
    _title(document, title)
    start = rest.index("二、责任分工") + 2  # its heading and its opening paragraph
    # The table ends where the items stop being numbered: （十三）'s one task is a paragraph
    # of its own, printed after the table as the plan prints it.
    end = next(i for i, line in enumerate(rest) if line.startswith("（十三）"))
    for line in rest[:start]:
        _body(document, line)
    table = document.add_table(rows=0, cols=3)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _row(table, ["序号", "工作任务", "责任单位"], header=True)
    for line in rest[start:end]:
        item = _ITEM.match(line)
        if item:
            _row(table, [item.group(1), item.group(2), item.group(3)])
        else:
            merged = _row(table, [line, "", ""])
            merged.cells[0].merge(merged.cells[2])
            merged.cells[0].text = line
    for row in table.rows:
        for cell, width in zip(row.cells, (Cm(1.6), Cm(8.6), Cm(5.6)), strict=True):
            cell.width = width
    for line in rest[end:]:
        _body(document, line)
    document.save(path)
    return path


def write_table_xlsx(path: Path) -> Path:
    """Part 二's numbered tasks as a sheet: 序号 / 工作任务 / 责任单位, a merged row for each
    section."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "工作任务", "责任单位"])
    rest = sample_lines()[1:]
    start = rest.index("二、责任分工") + 2
    end = next(i for i, line in enumerate(rest) if line.startswith("（十三）"))
    for line in rest[start:end]:
        item = _ITEM.match(line)
        if item:
            sheet.append([int(item.group(1)), item.group(2), item.group(3)])
        else:
            sheet.append([line])
            sheet.merge_cells(
                start_row=sheet.max_row, end_row=sheet.max_row, start_column=1, end_column=3
            )
    book.save(path)
    return path


def _row(table, cells: list[str], header: bool = False):  # type: ignore[no-untyped-def]
    row = table.add_row()
    for cell, text in zip(row.cells, cells, strict=True):
        cell.text = text
    if header:
        flag = OxmlElement("w:tblHeader")
        row._tr.get_or_add_trPr().append(flag)
    return row


def soffice(sources: list[Path], target: str, outdir: Path) -> None:
    """`soffice --convert-to target` of every source (one LibreOffice start for all of
    them), in a private profile, into outdir."""
    binary = shutil.which("soffice")
    assert binary, "LibreOffice is installed by scripts/install-system-deps"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                binary,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                str(outdir),
                *map(str, sources),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )


def web_page(charset: str = "utf-8", table: bool = False) -> str:
    """The sample as a county government site publishes it: navigation, breadcrumbs, the
    information table, the article, share and print buttons, 上一篇/下一篇, an attachment
    link and the site's footer. With `table`, part 二's numbered tasks are an HTML table
    (a section a row spanning the columns), as write_table_docx prints them."""
    title, *rest = sample_lines()
    paragraphs = "\n".join(f'<p style="text-indent:2em">{escape(line)}</p>' for line in rest)
    if table:
        start = rest.index("二、责任分工") + 2
        end = next(i for i, line in enumerate(rest) if line.startswith("（十三）"))
        rows = ["<tr><th>序号</th><th>工作任务</th><th>责任单位</th></tr>"]
        for line in rest[start:end]:
            item = _ITEM.match(line)
            cells = [item.group(1), item.group(2), item.group(3)] if item else None
            rows.append(
                "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>"
                if cells
                else f'<tr><td colspan="3">{escape(line)}</td></tr>'
            )
        paragraphs = "\n".join(
            [f"<p>{escape(line)}</p>" for line in rest[:start]]
            + [f'<table border="1">{"".join(rows)}</table>']
            + [f"<p>{escape(line)}</p>" for line in rest[end:]]
        )
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{escape(title)}_通知公告_某县人民政府门户网站</title>
<script>var _hmt = _hmt || []; document.write("访问量统计代码");</script>
<style>.nav {{ color: red }}</style></head>
<body>
<div class="top-bar"><a href="/">网站首页</a> | <a href="/en">English</a> | 无障碍浏览</div>
<div class="nav"><ul><li><a href="/zwgk">政务公开</a></li><li><a href="/zxfw">政务服务</a></li>
<li><a href="/hdjl">互动交流</a></li><li><a href="/ztzl">专题专栏</a></li></ul></div>
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a>
&gt; 通知公告</div>
<table class="xxgk-info"><tr><td>索引号：</td><td>007123456/2021-00123</td>
<td>主题分类：</td><td>综合政务</td></tr>
<tr><td>发布机构：</td><td>某县人民政府办公室</td><td>成文日期：</td><td>2021年11月29日</td></tr>
<tr><td>文号：</td><td>某府办〔2021〕40号</td><td>发布日期：</td><td>2021年12月01日</td></tr></table>
<div class="article">
<h1 class="article-title">{escape(title)}</h1>
<div class="article-meta">来源：某县人民政府办公室 浏览次数：1024 字号：【大 中 小】</div>
<div id="zoom" class="article-content">
{paragraphs}
<p>附件：<a href="/attachment/2021/task-table.xls">重点工作目标任务表.xls</a></p>
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> 【打印本页】 【关闭窗口】</div>
</div>
<div class="prevnext"><p>上一篇：<a href="/a/1.html">关于做好冬季森林防火工作的通知</a></p>
<p>下一篇：<a href="/a/3.html">关于印发某县2022年民生实事的通知</a></p></div>
<div class="footer"><p>主办：某县人民政府办公室 版权所有 粤ICP备12345678号</p>
<p>网站标识码：4415230001 <a href="/map">网站地图</a> <a href="/contact">联系我们</a></p></div>
</body></html>
"""


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
