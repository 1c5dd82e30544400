"""A plan whose every text is an attack on the page that shows it, or on the spreadsheet
it is exported to: markup with script and event handlers, `javascript:` links, a closing
</script>, formula-looking cells, and names far longer than any label."""

from __future__ import annotations

from dutygraph.loaders.model import Plan
from tests.factories import make_plan

# Each alert names its payload, so a failing test says which one ran.
IMG = "<img src=x onerror=alert('img')>"
SCRIPT = "<script>alert('script')</script>"
SVG = "<svg onload=alert('svg')><circle r=9 /></svg>"
LINK = "javascript:alert('link')"
CLOSE = "</script><script>alert('close')</script>"
QUOTE = "\"'><img src=x onerror=alert('attr')>"
# 752 characters: far past any label, within the 1,000 a uid may hold (graph/model.py's
# KEY_LIMIT: FalkorDB's server crashes on an index key of some 4 KB).
LONG = "县" + "很长的名字" * 150 + "局"

# Formula-looking names: a spreadsheet program would run them on opening the export.
FORMULAS = [
    '=HYPERLINK("http://example.invalid/","点我")',
    "+1+1",
    "-1+1",
    "@SUM(1,1)",
    "\t=1+1",
    "\r=1+1",
]

UNITS = [f"县{IMG}局", f"{SCRIPT}办", f"{SVG}镇人民政府", LINK, CLOSE, QUOTE, LONG, *FORMULAS]


def payload_plan() -> Plan:
    """One plan with a payload in its title, section titles, task texts, unit names, a
    funding measure and a project."""
    tasks = {
        f"{IMG}章节": [(f"{SCRIPT}任务一", UNITS[:4]), (f"{LINK}任务二", [UNITS[0], *UNITS[4:7]])],
        f"{SVG}章节": [(FORMULAS[0], [UNITS[1], *FORMULAS[:3]]), (f"{CLOSE}任务四", FORMULAS[3:])],
    }
    return make_plan(
        "plans/payloads.txt",
        tasks,
        title=f"{QUOTE}工作方案{SCRIPT}",
        funding=f"{IMG}专项资金",
        project=f"{SVG}项目",
    )
