"""Who is asking: the account a request comes with, its address, and the clock.

The HTTP layer (api/auth.py) decides who a request is from and puts it in the context;
the schema only asks `writer()` for an account that may write, and every write goes to
the audit log with the account's login and the address.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from dutygraph.errors import AccessError
from dutygraph.graph.accounts import User

Clock = Callable[[], datetime.datetime]


def utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


@dataclass(frozen=True, slots=True)
class Caller:
    """The request's account (None: anonymous), address, and the clock it is judged by.

    `write_refusal` is set by the HTTP layer when the account may read but this request
    may not write: a browser session whose request lacks its CSRF token.
    """

    user: User | None = None
    address: str | None = None
    clock: Clock = field(default=utc_now)
    write_refusal: str | None = None
    due_soon_days: int = 14

    def today(self) -> datetime.date:
        return self.clock().date()

    def writer(self) -> User:
        """The account when it may write at all, else AccessError saying why not."""
        if self.user is None:
            raise AccessError("not logged in")
        if self.write_refusal:
            raise AccessError(self.write_refusal)
        return self.user


ANONYMOUS = Caller()
