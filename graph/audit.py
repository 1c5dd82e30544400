"""The audit log: one (:Audit {at, seq, who, what, ip}) per write that people make.

Writes through the API create their Audit node in the same statement as the change
(`CREATE_AUDIT` joins their Cypher), so a change is never without its entry. Audit nodes
carry no edge to the plan: loading and unloading plans leaves them alone.
"""

from __future__ import annotations

import datetime
import getpass
import time
from typing import Any

from dutygraph.graph.store import Store

# Appended to a write statement that has $audit among its parameters.
CREATE_AUDIT = "CREATE (audit:Audit) SET audit = $audit"

_READ = """MATCH (a:Audit)
RETURN a.at AS at, a.who AS who, a.what AS what, a.ip AS ip
ORDER BY a.at DESC, a.seq DESC SKIP $offset LIMIT $limit"""


def audit_row(who: str, what: str, ip: str | None, at: datetime.datetime) -> dict[str, Any]:
    """The properties of one entry. `seq` orders entries made in the same instant."""
    row = {"at": at.isoformat(), "seq": time.time_ns(), "who": who, "what": what, "ip": ip}
    return {k: v for k, v in row.items() if v is not None}


def record(store: Store, who: str, what: str, ip: str | None, at: datetime.datetime) -> None:
    """An entry for a write made elsewhere (an account changed from the command line)."""
    store.write(CREATE_AUDIT, {"audit": audit_row(who, what, ip, at)})


def entries(store: Store, limit: int, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """A page of entries, newest first, and how many there are."""
    rows = store.read(_READ, {"limit": limit, "offset": offset}) if limit else []
    total = store.read("MATCH (a:Audit) RETURN count(a) AS n")[0]["n"]
    return rows, total


def record_command(store: Store, what: str) -> None:
    """An entry for a write made with the `dutygraph` command, by the system user running it."""
    record(store, f"cli:{getpass.getuser()}", what, None, datetime.datetime.now(datetime.UTC))
