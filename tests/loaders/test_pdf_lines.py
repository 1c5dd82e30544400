"""How printed lines become the plan's lines again (pdf.paragraphs), on lines of our own:
a page 500 points wide, text from x=50 to x=450 in 16 pt, page numbers in the footer."""

from __future__ import annotations

from dutygraph.loaders.pdf import PAGE_LINES, PrintedLine, paragraphs

PAGE = (500.0, 800.0)


def line(
    page: int,
    n: int,
    text: str,
    x0: float = 50,
    x1: float = 450,
    size: float = 16,
    top: float | None = None,
) -> PrintedLine:
    return PrintedLine(
        page, page * PAGE_LINES + n, text, x0, x1, 100 + 20 * n if top is None else top, size
    )


def test_a_clause_split_over_a_page_break_reads_whole() -> None:
    lines = [
        line(1, 1, "一、重点任务", x0=82, x1=180),
        line(1, 2, "1.修缮城区道路，完善排水设施。（责任单位：县发展改革", x0=82),
        line(1, 3, "— 1 —", x0=230, x1=270, top=760),
        line(2, 1, "局、县财政局）", x1=160),
        line(2, 2, "2.建设公园。（责任单位：县林业局）", x0=82, x1=300),
        line(2, 3, "— 2 —", x0=230, x1=270, top=760),
    ]
    assert paragraphs(lines, [PAGE, PAGE]) == [
        (1001, "一、重点任务"),
        (1002, "1.修缮城区道路，完善排水设施。（责任单位：县发展改革局、县财政局）"),
        (2002, "2.建设公园。（责任单位：县林业局）"),
    ]


def test_a_paragraph_ends_at_a_short_line_an_indent_or_a_number() -> None:
    lines = [
        line(1, 1, "各单位要加强领导，", x0=82),
        line(1, 2, "落实责任。", x1=130),  # short: the paragraph ends here
        line(1, 3, "全年安排资金一百万元。"),  # full width, but at the margin after a short line
        line(1, 4, "（一）完善机制", x1=170),  # a number opens its own paragraph
        line(1, 5, "建立台账。", x0=82, x1=170),  # an indent too
    ]
    assert [text for _, text in paragraphs(lines, [PAGE])] == [
        "各单位要加强领导，落实责任。",
        "全年安排资金一百万元。",
        "（一）完善机制",
        "建立台账。",
    ]


def test_a_title_over_several_lines_in_a_larger_type_is_one_line() -> None:
    lines = [
        line(1, 1, "某县关于推进城乡道路建设", x0=60, x1=440, size=22, top=80),
        line(1, 2, "的实施方案", x0=195, x1=305, size=22, top=110),
        line(1, 3, "为加快道路建设，制定本方案。", x0=82, x1=300),
        line(1, 4, "一、总体要求", x0=82, x1=180),
        line(1, 5, "（一）指导思想。坚持统筹推进。", x0=82, x1=330),
    ]
    assert [text for _, text in paragraphs(lines, [PAGE])][:2] == [
        "某县关于推进城乡道路建设的实施方案",
        "为加快道路建设，制定本方案。",
    ]


def test_running_headers_repeated_on_most_pages_are_dropped() -> None:
    pages = 4
    lines = []
    for page in range(1, pages + 1):
        lines.append(line(page, 1, "某县人民政府办公室文件", x0=150, x1=350, top=30))
        lines.append(line(page, 2, f"{page}.第{page}项任务。（责任单位：县林业局）", x0=82, x1=320))
        lines.append(line(page, 3, f"第 {page} 页 共 {pages} 页", x0=210, x1=290, top=770))
    texts = [text for _, text in paragraphs(lines, [PAGE] * pages)]
    assert texts == [f"{n}.第{n}项任务。（责任单位：县林业局）" for n in range(1, pages + 1)]
