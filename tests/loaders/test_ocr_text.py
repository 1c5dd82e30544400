"""What OCR gets wrong in a plan, and how the reader puts it back (examples of our own)."""

from __future__ import annotations

from dutygraph.loaders.ocr import _heading_numbers_restored, _join, _repaired, _tsv_lines


def test_parentheses_read_as_book_title_marks_are_put_back() -> None:
    assert _repaired("1.修缮道路。《责任单位：县交通局)") == "1.修缮道路。（责任单位：县交通局)"
    assert _repaired("〈三)加强保障。") == "（三)加强保障。"
    # A real title mark keeps its closing 》.
    kept = "落实《某某条例》（责任单位：县司法局）"
    assert _repaired(kept) == kept


def test_a_label_colon_read_as_other_punctuation() -> None:
    assert _repaired("(牵头单位;县财政局；配合单位,县审计局)") == (
        "(牵头单位：县财政局；配合单位：县审计局)"
    )
    assert _repaired("（责任单位、县林业局）") == "（责任单位：县林业局）"
    assert _repaired("县财政局为责任单位，负责监督。") == "县财政局为责任单位，负责监督。"


def test_a_lost_opening_parenthesis_before_a_clause() -> None:
    assert _repaired("建成5个站点。责任单位:县水务局、县财政局)") == (
        "建成5个站点。（责任单位:县水务局、县财政局)"
    )
    assert _repaired("建成5个站点。责任单位:县水务局") == "建成5个站点。责任单位:县水务局"


def test_an_unreadable_heading_number_between_its_neighbours() -> None:
    lines = [(1, "（二）甲。"), (2, "1.任务。"), (3, "（和A)乙。"), (4, "（四）丙。"), (5, "(x)丁")]
    assert _heading_numbers_restored(lines) == [
        (1, "（二）甲。"),
        (2, "1.任务。"),
        (3, "（三）乙。"),
        (4, "（四）丙。"),
        (5, "(x)丁"),
    ]
    # Neighbours that do not bracket one missing number leave it as read.
    assert _heading_numbers_restored([(1, "（二）甲"), (2, "（和）乙"), (3, "（五）丙")])[1] == (
        2,
        "（和）乙",
    )


def test_spaces_between_chinese_words_are_not_text() -> None:
    assert _join(["推进", "5G", "网络", "建设"]) == "推进5G网络建设"
    assert _join(["Wi-Fi", "6", "覆盖"]) == "Wi-Fi 6覆盖"


def test_tesseract_lines_with_their_place_and_size() -> None:
    header = "\t".join(
        [
            "level",
            "page_num",
            "block_num",
            "par_num",
            "line_num",
            "word_num",
            "left",
            "top",
            "width",
            "height",
            "conf",
            "text",
        ]
    )
    rows = [
        "5\t1\t1\t1\t1\t1\t100\t50\t300\t30\t95\t一、总体",
        "5\t1\t1\t1\t1\t2\t400\t50\t60\t30\t91\t要求",
        "5\t1\t1\t1\t2\t1\t100\t100\t120\t45\t40\t局）",
    ]
    [(first, conf), (second, low)] = _tsv_lines("\n".join([header, *rows]), page=2)
    assert (first.number, first.text, first.x0, first.x1) == (2001, "一、总体要求", 100, 460)
    assert conf == 93
    # The tall ） does not make 局） a line of larger type: its pitch is the page's.
    assert second.number == 2002 and second.size == first.size and low == 40
