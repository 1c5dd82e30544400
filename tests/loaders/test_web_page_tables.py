"""A web page whose article is mostly a responsibilities table."""

from __future__ import annotations

from pathlib import Path

from dutygraph.loaders import parse_file

COLUMNS = ("序号", "重点任务", "具体措施", "牵头单位", "责任单位", "完成时限")
# (重点任务, 牵头单位, [(具体措施, 责任单位)]): the first two merged over their group's rows.
GROUPS = (
    ("扩大有效投资", "县发改局", [("实施重点项目。", "县住建局"), ("争取专项债券。", "县财政局")]),
    (
        "稳定和扩大就业",
        "县人社局",
        [("开展技能培训。", "县教育局"), ("落实就业补贴。", "县财政局")],
    ),
    (
        "推进乡村振兴",
        "县农业农村局",
        [("建设高标准农田。", "县水利局"), ("发展特色产业。", "县商务局")],
    ),
)


def _table() -> str:
    rows = ["<tr>" + "".join(f"<th>{name}</th>" for name in COLUMNS) + "</tr>"]
    number = 0
    for task, lead, measures in GROUPS:
        for i, (measure, unit) in enumerate(measures):
            number += 1
            merged = f"<td rowspan='{len(measures)}'>"
            cells = [f"<td>{number}</td>"]
            cells += [f"{merged}{task}</td>"] if i == 0 else []
            cells += [f"<td>{measure}</td>"]
            cells += [f"{merged}{lead}</td>"] if i == 0 else []
            cells += [f"<td>{unit}</td>", "<td>2025年12月底前</td>"]
            rows.append("<tr>" + "".join(cells) + "</tr>")
    return "<table border='1'>" + "".join(rows) + "</table>"


def _page(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "plan.html"
    path.write_text(
        "<html><head><meta charset='utf-8'><title>某县人民政府</title></head><body>"
        "<div class='nav'><a href='/'>首页</a><a href='/a'>政务公开</a></div>"
        f"<div class='content'><h1>某县重点工作任务分工方案</h1>{body}</div>"
        "<div class='footer'>版权所有</div></body></html>",
        "utf-8",
    )
    return path


def test_a_table_holding_most_of_the_text_is_read_with_the_prose_around_it(tmp_path) -> None:
    body = f"{_table()}<p>（一）加强组织领导。建立台账。（责任单位：县政府办公室）</p>"
    plan = parse_file(_page(tmp_path, body))
    assert plan.document.title == "某县重点工作任务分工方案"
    assert [(t.text, [a.name for a in t.units]) for t in plan.tasks[:2]] == [
        ("扩大有效投资 实施重点项目。", ["县发展改革局", "县住房城乡建设局"]),
        ("扩大有效投资 争取专项债券。", ["县发展改革局", "县财政局"]),
    ]
    assert [[a.role for a in t.units] for t in plan.tasks[:6]] == [["lead", "support"]] * 6
    assert plan.tasks[-1].text == "加强组织领导。建立台账。"
    assert len(plan.tasks) == 7


def test_a_layout_table_around_the_article_is_not_read_as_a_task_table(tmp_path) -> None:
    links = "".join(f"<a href='/{n}'>栏目{n}</a>" for n in range(5))
    text = "<br>".join(f"{n}.推进第{n}项工作，逐项抓好落实。（责任单位：县财政局）" for n in (1, 2))
    body = f"<table><tr><td>{links}</td><td>一、重点任务<br>{text}</td></tr></table>"
    plan = parse_file(_page(tmp_path, body))
    assert [t.text for t in plan.tasks] == [
        "推进第1项工作，逐项抓好落实。",
        "推进第2项工作，逐项抓好落实。",
    ]
