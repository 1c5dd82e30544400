"""Spreadsheets: .xlsx (merged cells, several sheets) and .csv (encodings, delimiters)."""

from __future__ import annotations

import datetime
from pathlib import Path

import openpyxl
import pytest

from dutygraph.errors import InputError
from dutygraph.loaders import parse_file
from dutygraph.loaders.read import read_file


def _plan_xlsx(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "任务分工"
    sheet.append(["某县老区振兴重点任务分工表"])  # 1: a title row merged across the sheet
    sheet.merge_cells("A1:F1")
    sheet.append(["领域", "序号", "工作任务", "责任单位", "完成时限", "责任领导"])  # 2
    sheet.append(["产业", 1, "建设青梅产业园", "县农业农村局、县财政局", "2025年底", "张三"])  # 3
    sheet.append([None, 2, "培育茶叶龙头企业", "县农业农村局", datetime.date(2024, 6, 30), None])
    sheet.merge_cells("A3:A4")  # one category for both rows
    sheet.append([])  # 5: empty
    sheet.append(
        ["交通", 3.0, "推进高速公路前期工作", "县交通运输局\n县发展改革局", None, None]
    )  # 6
    notes = book.create_sheet("说明")
    notes.append(["本表由县发展改革局汇总。"])
    hidden = book.create_sheet("草稿")
    hidden.append(["不应读出"])
    hidden.sheet_state = "hidden"
    book.save(path)
    return path


def test_xlsx_rows_become_plan_lines(tmp_path):
    source = read_file(_plan_xlsx(tmp_path / "plan.xlsx"))
    assert source.format == "xlsx"
    assert [(line.number, line.text) for line in source.lines] == [
        (1, "某县老区振兴重点任务分工表"),
        (3, "一、产业"),
        (3, "1.建设青梅产业园（责任单位：县农业农村局、县财政局；完成时限：2025年底）"),
        (4, "2.培育茶叶龙头企业（责任单位：县农业农村局；完成时限：2024年6月30日）"),
        (6, "二、交通"),
        (6, "3.推进高速公路前期工作（责任单位：县交通运输局、县发展改革局）"),
        (1, "本表由县发展改革局汇总。"),  # the second sheet; line numbers are its rows
    ]


def test_sheets_of_tables_are_parts_named_by_their_sheets(tmp_path):
    """A book splitting its tasks over sheets (经济发展, 社会民生) makes each sheet a part:
    the sheets' categories and numbers restart, and would otherwise run together."""
    book = openpyxl.Workbook()
    header = ["序号", "类别", "工作任务", "牵头单位"]
    for title, category, task, unit in (
        ("经济发展", "投资", "实施重点项目", "县发改局"),
        ("社会民生", "教育", "新建学校", "县教育局"),
    ):
        sheet = book.create_sheet(title)
        sheet.append(header)
        sheet.append([1, category, task, unit])
    book.remove(book.worksheets[0])  # the empty Sheet a new book starts with
    plan = parse_file(book.save(tmp_path / "plan.xlsx") or tmp_path / "plan.xlsx")
    assert [(s.number, s.title) for s in plan.sections] == [
        ("一", "经济发展"),
        ("（一）", "投资"),
        ("二", "社会民生"),
        ("（一）", "教育"),
    ]
    assert [t.path for t in plan.tasks] == [("一", "（一）", "1"), ("二", "（一）", "1")]


def test_truncated_xlsx(tmp_path):
    data = _plan_xlsx(tmp_path / "plan.xlsx").read_bytes()
    (tmp_path / "cut.xlsx").write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match=r"cut\.xlsx: truncated or corrupt \.xlsx"):
        read_file(tmp_path / "cut.xlsx")


CSV_ROWS = (
    "序号,重点任务,牵头单位,配合单位,时间节点\n"
    "一、基础设施,,,,\n"
    '1,"修建碧道，\n改善河道",县水务局,"县自然资源局、县财政局",2025年\n'
    "2,建设医院,县卫生健康局,,\n"
)


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8-sig", ","), ("utf-8", "\t"), ("gb18030", ","), ("gb18030", ";")],
)
def test_csv_in_utf8_or_gb18030_with_any_delimiter(tmp_path, encoding, delimiter):
    text = CSV_ROWS.replace(",", delimiter) if delimiter != "," else CSV_ROWS
    path = tmp_path / "plan.csv"
    path.write_bytes(text.encode(encoding))
    source = read_file(path)
    assert source.format == "csv"
    assert [(line.number, line.text) for line in source.lines] == [
        (2, "一、基础设施"),
        (
            3,
            "1.修建碧道，改善河道（牵头单位：县水务局；配合单位：县自然资源局、县财政局；完成时限：2025年）",
        ),
        (5, "2.建设医院（牵头单位：县卫生健康局）"),
    ]


def _tasks(plan):
    return [
        (t.path, t.text, t.deadline, [(a.name, a.role, a.inferred) for a in t.units])
        for t in plan.tasks
    ]


def test_parse_file_on_the_xlsx_plan(tmp_path):
    plan = parse_file(_plan_xlsx(tmp_path / "plan.xlsx"))
    assert plan.document.format == "xlsx"
    assert [s.title for s in plan.sections] == ["产业", "交通"]
    # 责任单位 names no lead: the first unit leads, inferred.
    assert _tasks(plan) == [
        (
            ("一", "1"),
            "建设青梅产业园",
            "2025年底",
            [("县农业农村局", "lead", True), ("县财政局", "support", True)],
        ),
        (("一", "2"), "培育茶叶龙头企业", "2024年6月30日", [("县农业农村局", "lead", True)]),
        (
            ("二", "3"),
            "推进高速公路前期工作",
            None,
            [("县交通运输局", "lead", True), ("县发展改革局", "support", True)],
        ),
    ]
    assert "张三" not in {u.name for u in plan.units}


def test_parse_file_on_a_gb18030_csv_plan(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_bytes(CSV_ROWS.encode("gb18030"))
    plan = parse_file(path)
    assert _tasks(plan) == [
        (
            ("一", "1"),
            "修建碧道，改善河道",
            "2025年",
            [
                ("县水务局", "lead", False),
                ("县自然资源局", "support", False),
                ("县财政局", "support", False),
            ],
        ),
        (("一", "2"), "建设医院", None, [("县卫生健康局", "lead", False)]),
    ]
    assert [t.span.line for t in plan.tasks] == [3, 5]


def test_a_csv_keeps_a_merged_cells_text_in_its_first_row_only(tmp_path):
    # Saved from a sheet whose 牵头单位 was merged over tasks 1-2.
    path = tmp_path / "plan.csv"
    path.write_text(
        "序号,工作任务,牵头单位,配合单位,完成时限\n"
        "1,修路,县交通运输局,县财政局,2025年底\n"
        "2,修桥,,各镇人民政府,2025年底\n"
        "3,修渠,县水务局,县农业农村局,2026年底\n"
        "4,建闸,县水利局,,2026年底\n",
        "utf-8",
    )
    assert [[(a.written, a.role) for a in t.units] for t in parse_file(path).tasks] == [
        [("县交通运输局", "lead"), ("县财政局", "support")],
        [("县交通运输局", "lead"), ("各镇人民政府", "support")],
        [("县水务局", "lead"), ("县农业农村局", "support")],
        [("县水利局", "lead")],  # a lead of its own: a support cell left empty is no merge
    ]
