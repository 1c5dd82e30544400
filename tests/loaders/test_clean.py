"""Cleaning: conversion noise, odd spaces, web-page chrome, metadata and the covering notice."""

from __future__ import annotations

from dutygraph.loaders import parse_file
from dutygraph.loaders.clean import clean_chars, clean_lines, split_lines
from dutygraph.loaders.read import read_file, read_text

# A plan saved from a county government's web page: navigation, the information table
# (label and value on one line, or on two), buttons, the notice that issues the plan, and
# the footer.
WEB_PAGE = """首页 > 政务公开 > 政策文件 > 县府办文件
【字体：大 中 小】 【打印】 【关闭】
索 引 号：
11441523007186340R/2022-00012
主题分类：综合政务\\其他    发布机构：陆河县人民政府办公室
成文日期：2022年03月15日    发布日期：2022-03-20
标    题：陆河县人民政府办公室关于印发《陆河县老区振兴工作方案》的通知
文    号：陆府办〔2022〕5号
分享到：微信 微博 QQ空间
陆河县人民政府办公室关于印发《陆河县老区振兴工作方案》的通知
陆府办〔2022〕5号
各镇人民政府，县直各单位：
\u3000\u3000现将《陆河县老区振兴工作方案》印发给你们，请认真贯彻执行。执行中遇到的问题，请径向县发展改革局反映。
陆河县人民政府办公室
2022年3月15日
（此件公开发布）

陆河县老区振兴工作方案

一、重点任务
1.加快建设青梅产业园。（责任单位：县农业农村局）
扫一扫在手机打开当前页
【打印本页】  【关闭窗口】
上一篇：陆河县2021年政府工作报告
主办单位：陆河县人民政府办公室  版权所有  粤ICP备12345678号
"""


def test_web_page_keeps_metadata_and_drops_chrome_and_notice(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(WEB_PAGE, encoding="utf-8")
    source = read_file(path)
    assert [(line.number, line.text) for line in source.lines] == [
        (17, ""),
        (18, "陆河县老区振兴工作方案"),
        (19, ""),
        (20, "一、重点任务"),
        (21, "1.加快建设青梅产业园。（责任单位：县农业农村局）"),
        (26, ""),
    ]
    meta = source.metadata
    assert meta.title == "陆河县老区振兴工作方案"
    assert meta.doc_number == "陆府办〔2022〕5号"
    assert meta.issuer == "陆河县人民政府办公室"
    assert meta.date == "2022-03-15"
    for line in source.lines:
        assert source.text[line.start : line.start + len(line.text)] == line.text


def test_notice_alone_gives_issuer_date_and_number():
    text = (
        "粤府办〔2021〕8号\n"
        "广东省人民政府办公厅关于印发\n"
        "《某某实施方案》的通知\n"
        "各地级以上市人民政府，省政府各部门、各直属机构：\n"
        "现将《某某实施方案》印发给你们，请认真组织实施。\n"
        "广东省人民政府办公厅\n"
        "二〇二一年十二月三十一日\n"
        "某某实施方案\n"
        "一、总体要求\n"
    )
    lines, meta = clean_lines(split_lines(text))
    assert [n for n, t in lines if t] == [8, 9]
    assert (meta.title, meta.doc_number, meta.issuer, meta.date) == (
        "某某实施方案",
        "粤府办〔2021〕8号",
        "广东省人民政府办公厅",
        "2021-12-31",
    )


def test_plain_plan_has_no_metadata_and_loses_nothing():
    text = "某县工作方案\n为贯彻落实……，制定本方案。\n一、总体要求\n（一）大\n中\n"
    lines, meta = clean_lines(split_lines(text))
    assert [t for _, t in lines] == text.split("\n")
    assert meta.title is None and meta.date is None


def test_page_fields_printed_as_a_bulleted_list():
    text = "  • 发布时间: 2024-04-02 10:08\n  • 信息来源: 县府办(县外事办)\n一、重点任务\n"
    lines, meta = clean_lines(split_lines(text))
    assert [t for _, t in lines if t] == ["一、重点任务"]
    assert meta.date == "2024-04-02"


def test_body_lines_that_look_like_labels_stay():
    # Labels are only read above the first heading; below it they are the plan's own words.
    text = "一、工作任务\n来源：县财政局统计\n标题：不是网页\n"
    lines, meta = clean_lines(split_lines(text))
    assert [t for _, t in lines][:3] == ["一、工作任务", "来源：县财政局统计", "标题：不是网页"]
    assert meta.title is None


def test_conversion_noise_and_spaces():
    assert clean_chars("[bookmark: _GoBack]（一）指导思想") == "（一）指导思想"
    assert clean_chars("[]{#_Toc123 .anchor}二、[保障措施]{.underline}") == "二、保障措施"
    assert clean_chars("县\u200b发改\u00ad局\ufeff") == "县发改局"
    assert clean_chars("中共广东省委\u00a0广东省人民政府") == "中共广东省委 广东省人民政府"
    # The ideographic space survives cleaning (pasted tables may use it) and is made a
    # plain space, with the line trimmed, only when the line is finished.
    assert read_text("\u3000\u3000中共广东省委\u3000广东省人民政府").lines[0].text == (
        "中共广东省委 广东省人民政府"
    )


def test_markdown_markup_is_removed():
    source = read_text("# 某县工作方案\n## 一、总体要求\n**（一）指导思想。**以……\n", fmt="md")
    assert [line.text for line in source.lines][:3] == [
        "某县工作方案",
        "一、总体要求",
        "（一）指导思想。以……",
    ]


def test_parse_file_takes_the_page_metadata(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(WEB_PAGE, encoding="utf-8")
    plan = parse_file(path)
    document = plan.document
    assert (document.title, document.doc_number, document.issuer, document.date) == (
        "陆河县老区振兴工作方案",
        "陆府办〔2022〕5号",
        "陆河县人民政府办公室",
        "2022-03-15",
    )
    assert [(t.text, t.span.line) for t in plan.tasks] == [("加快建设青梅产业园。", 21)]
    assert document.place == "陆河县"
