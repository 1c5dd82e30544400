"""GraphQL enums: the model's own StrEnums (the Plan model's, the deadlines', the
accounts' and supervision's), registered with strawberry rather than mirrored, so a value
GraphQL sends is the value the graph stores. Names are what clients write."""

from __future__ import annotations

from enum import Enum
from typing import TypeVar

import strawberry

from dutygraph.graph.accounts import AccountRole
from dutygraph.graph.supervision import ProgressStatus, ReportKind
from dutygraph.loaders.deadlines import Recurrence
from dutygraph.loaders.model import PolicyKind, Role, UnitKind, UnitLevel

__all__ = [
    "AccountRole",
    "PolicyKind",
    "ProgressStatus",
    "Recurrence",
    "ReportKind",
    "Role",
    "UnitKind",
    "UnitLevel",
    "to_enum",
]

strawberry.enum(Role, description="What a unit does on a task.")
strawberry.enum(UnitKind, description="What kind of body a unit is.")
strawberry.enum(UnitLevel, description="Administrative level of a unit (国家 省 市 县 镇).")
strawberry.enum(
    PolicyKind, description="A cited document, a funding measure, a land measure, or other."
)
strawberry.enum(
    ProgressStatus, description="Where an assignment stands, as its latest report says."
)
strawberry.enum(Recurrence, description="The cycle of a recurring deadline (每季度 …).")
strawberry.enum(ReportKind, description="A reporter's report, or a supervisor sending one back.")
strawberry.enum(AccountRole, description="What an account may do.")

E = TypeVar("E", bound=Enum)


def to_enum(kind: type[E], value: object) -> E | None:
    """The enum member for a stored value; None for a value the enum does not know."""
    try:
        return kind(value)
    except ValueError:
        return None
