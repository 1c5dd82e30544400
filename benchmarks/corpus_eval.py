"""How well the parser reads the real plans of tests/data/corpus against their hand-checked gold.

    .venv/bin/python benchmarks/corpus_eval.py [--corpus tests/data/corpus | --genre] [-v]

Every document goes through `parse_file`, the code path of `dutygraph parse` (its two header
lines, `# source:` and `# convention:`, are left out first: they describe the document, they
are not part of it). Predicted tasks are paired with gold tasks by the similarity of their
texts (Dice coefficient of character bigrams, punctuation and whitespace ignored: the same
task as a reader would accept it), best pairs first, one to one. A predicted unit is the gold
unit when its canonical name, one of its aliases or the form it was printed in (`written`)
equals the gold name, whitespace removed on both sides.

Printed per document: tasks found (paired) / gold / predicted, assignment precision, recall
and F1 over (task, unit) pairs, lead accuracy (a gold task counts when the units the parser
read as stated leads are exactly the gold leads; an unpaired gold task counts as wrong), and
the micro figures over the whole corpus last (lead accuracy also over the gold tasks whose
text says who leads). `-v` lists every miss.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from dutygraph.errors import DutygraphError
from dutygraph.loaders import parse_file
from dutygraph.loaders.model import Plan, Task

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "corpus"
# Plans the team wrote in the genre's conventions as printed elsewhere (not real documents):
# a check that the rules fitted on CORPUS hold for plans it does not hold.
GENRE = CORPUS.parent / "genre"
# Below this similarity a predicted task is not the gold task (a reader would not accept it).
MATCH_THRESHOLD = 0.5
_NOISE = re.compile(r"[\s\W_]+")


@dataclass
class Score:
    """Counts for one document, or summed over the corpus."""

    gold_tasks: int = 0
    predicted_tasks: int = 0
    paired_tasks: int = 0
    true_pairs: int = 0
    gold_pairs: int = 0
    predicted_pairs: int = 0
    leads_right: int = 0
    stated_lead_tasks: int = 0  # gold tasks whose text says who leads
    stated_leads_right: int = 0
    error: str | None = None
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in (
            "gold_tasks",
            "predicted_tasks",
            "paired_tasks",
            "true_pairs",
            "gold_pairs",
            "predicted_pairs",
            "leads_right",
            "stated_lead_tasks",
            "stated_leads_right",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float:
        return self.true_pairs / self.predicted_pairs if self.predicted_pairs else 0.0

    @property
    def recall(self) -> float:
        return self.true_pairs / self.gold_pairs if self.gold_pairs else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def lead_accuracy(self) -> float:
        return self.leads_right / self.gold_tasks if self.gold_tasks else 0.0


def bigrams(text: str) -> set[str]:
    s = _NOISE.sub("", text)
    return {s[i : i + 2] for i in range(len(s) - 1)} or {s}


def similarity(a: str, b: str) -> float:
    """Dice coefficient of the character bigrams of two texts."""
    x, y = bigrams(a), bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y))


def pair_tasks(gold: list[dict], tasks: tuple[Task, ...]) -> dict[int, int]:
    """gold index -> predicted index, best similarity first, one to one."""
    candidates = sorted(
        (
            (similarity(g["text"], t.text), gi, ti)
            for gi, g in enumerate(gold)
            for ti, t in enumerate(tasks)
        ),
        reverse=True,
    )
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for score, gi, ti in candidates:
        if score < MATCH_THRESHOLD:
            break
        if gi not in pairs and ti not in used:
            pairs[gi] = ti
            used.add(ti)
    return pairs


def _bare(name: str) -> str:
    return re.sub(r"\s+", "", name)


def spellings(plan: Plan) -> dict[str, set[str]]:
    """Canonical unit name -> every form it answers to in this plan (name, aliases)."""
    return {u.name: {_bare(u.name), *map(_bare, u.aliases)} for u in plan.units}


def _names(task: Task, forms: dict[str, set[str]]) -> list[tuple[set[str], bool]]:
    """Each assignment of a task: the forms it answers to, and whether it is a stated lead."""
    return [
        (
            forms.get(a.name, set()) | {_bare(a.name), _bare(a.written)},
            a.role == "lead" and not a.inferred,
        )
        for a in task.units
    ]


def score_task(gold: dict, task: Task, forms: dict[str, set[str]], score: Score) -> None:
    predicted = _names(task, forms)
    used: set[int] = set()
    leads: set[str] = set()
    for name in gold["units"]:
        bare = _bare(name)
        hit = next((i for i, (f, _) in enumerate(predicted) if i not in used and bare in f), None)
        if hit is None:
            score.misses.append(f"  missed {name} in {gold['text'][:24]}")
            continue
        used.add(hit)
        score.true_pairs += 1
        if predicted[hit][1]:
            leads.add(name)
    extra = [i for i in range(len(predicted)) if i not in used]
    for i in extra:
        score.misses.append(f"  extra {task.units[i].written} in {gold['text'][:24]}")
    unmatched_leads = any(predicted[i][1] for i in extra)
    if leads == set(gold["lead"]) and not unmatched_leads:
        score.leads_right += 1
        score.stated_leads_right += bool(gold["lead"])
    else:
        score.misses.append(f"  lead {sorted(leads)} != {gold['lead']} in {gold['text'][:24]}")


def evaluate(doc: Path, gold: dict) -> Score:
    score = Score(gold_tasks=len(gold["tasks"]))
    score.stated_lead_tasks = sum(1 for t in gold["tasks"] if t["lead"])
    score.gold_pairs = sum(len(t["units"]) for t in gold["tasks"])
    body = doc.read_text("utf-8").split("\n", 2)[2]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / doc.name
        path.write_text(body, "utf-8")
        try:
            plan = parse_file(path)
        except DutygraphError as exc:
            score.error = str(exc).split(": ", 1)[-1][:40]
            return score
    score.predicted_tasks = len(plan.tasks)
    score.predicted_pairs = sum(len(t.units) for t in plan.tasks)
    pairs = pair_tasks(gold["tasks"], plan.tasks)
    score.paired_tasks = len(pairs)
    forms = spellings(plan)
    for gi, g in enumerate(gold["tasks"]):
        if gi in pairs:
            score_task(g, plan.tasks[pairs[gi]], forms, score)
        else:
            score.misses.append(f"  no task for {g['text'][:30]}")
    for ti, t in enumerate(plan.tasks):
        if ti not in pairs.values():
            score.misses.append(f"  extra task {t.text[:30]}")
    return score


def documents(corpus: Path) -> Iterable[tuple[Path, dict]]:
    for gold_file in sorted((corpus / "gold").glob("*.gold.json")):
        gold = json.loads(gold_file.read_text("utf-8"))
        yield corpus / "docs" / gold["file"], gold


def run(corpus: Path) -> tuple[list[tuple[str, Score]], Score]:
    """Every document's score and the corpus total."""
    rows = [(doc.name, evaluate(doc, gold)) for doc, gold in documents(corpus)]
    total = Score()
    for _, s in rows:
        total.add(s)
    return rows, total


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument(
        "--genre",
        action="store_const",
        const=GENRE,
        dest="corpus",
        help=f"score the team-written genre set ({GENRE.relative_to(CORPUS.parents[2])})",
    )
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = ap.parse_args()
    rows, total = run(args.corpus)
    print(f"{'document':<48} found/gold/pred    P      R      F1   lead")
    for name, s in rows:
        if s.error:
            print(f"{name[:48]:<48} {s.error}")
            continue
        print(
            f"{name[:48]:<48} {s.paired_tasks:>4}/{s.gold_tasks:>3}/{s.predicted_tasks:<4}"
            f" {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.lead_accuracy:6.3f}"
        )
        if args.verbose:
            print("\n".join(s.misses))
    failed = sum(1 for _, s in rows if s.error)
    print(
        f"micro: tasks {total.paired_tasks}/{total.gold_tasks} (predicted "
        f"{total.predicted_tasks}), assignments P {total.precision:.3f} R {total.recall:.3f} "
        f"F1 {total.f1:.3f}, lead {total.leads_right}/{total.gold_tasks} "
        f"({total.lead_accuracy:.3f}; of tasks with a stated lead "
        f"{total.stated_leads_right}/{total.stated_lead_tasks}), documents failing: {failed}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
