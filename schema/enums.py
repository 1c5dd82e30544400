"""GraphQL enums. Values are what the graph stores, names are what clients write."""

from __future__ import annotations

from enum import Enum
from typing import TypeVar

import strawberry


@strawberry.enum(description="What a unit does on a task.")
class Role(Enum):
    LEAD = "lead"
    SUPPORT = "support"


@strawberry.enum(description="What kind of body a unit is.")
class UnitKind(Enum):
    PARTY = "party"
    GOVERNMENT = "government"
    INSTITUTION = "institution"
    PARK = "park"
    TOWN = "town"
    BRANCH = "branch"
    COLLECTIVE = "collective"
    GROUP = "group"
    OTHER = "other"


@strawberry.enum(description="Administrative level of a unit (国家 省 市 县 镇).")
class UnitLevel(Enum):
    NATIONAL = "国家"
    PROVINCE = "省"
    CITY = "市"
    COUNTY = "县"
    TOWN = "镇"


@strawberry.enum(description="A cited document, a funding measure, a land measure, or other.")
class PolicyKind(Enum):
    DOCUMENT = "document"
    FUNDING = "funding"
    LAND = "land"
    OTHER = "other"


E = TypeVar("E", bound=Enum)


def to_enum(kind: type[E], value: object) -> E | None:
    """The enum member for a stored value; None for a value the enum does not know."""
    try:
        return kind(value)
    except ValueError:
        return None
