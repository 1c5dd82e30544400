"""Accounts and their roles, stored in the graph store beside the plans.

(:User {uid, login, role, unit, unit_name, place, document, password_hash, token_hash})
- reporter: bound to one unit (its uid, `unit`): reports on that unit's assignments only;
- supervisor: bound to one document (`document`) or to all (none): reads, comments, returns;
- admin: accounts, loading and unloading plans.
Passwords are kept as argon2id hashes (argon2-cffi), API tokens as the SHA-256 of the token:
a token is 256 random bits, so a fast hash cannot be searched back, and it lets a request's
token be looked up by its hash. Neither is ever stored, logged or returned in clear.
User nodes carry no edge to the plan, so loading and unloading plans never touches them.
"""

from __future__ import annotations

import functools
import hashlib
import secrets
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from dutygraph.errors import ArgumentError, NotFoundError
from dutygraph.graph.store import Store


class AccountRole(StrEnum):
    """What an account may do."""

    REPORTER = "reporter"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


TOKEN_PREFIX = "dg_"

_HASHER = PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    """Verified against when a login is unknown, so a wrong login costs as long as a wrong
    password and the answer's timing does not tell which logins exist. Made at the first
    login, not at import: hashing takes argon2's 64 MiB, and every command imports this
    module (`dutygraph parse` peaked at 101 MB instead of 73)."""
    return _HASHER.hash(secrets.token_urlsafe(16))


_PUBLIC = (
    "u.uid AS uid, u.login AS login, u.role AS role, u.unit AS unit, "
    "u.unit_name AS unit_name, u.place AS place, u.document AS document"
)


@dataclass(frozen=True, slots=True)
class User:
    """An account as the rest of dutygraph sees it: no hashes."""

    login: str
    role: AccountRole
    unit: str | None = None  # reporter: the unit's uid
    unit_name: str | None = None
    place: str | None = None
    document: str | None = None  # supervisor bound to one document; None: all

    @property
    def uid(self) -> str:
        return user_uid(self.login)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> User:
        return cls(
            login=row["login"],
            role=AccountRole(row["role"]),
            unit=row.get("unit"),
            unit_name=row.get("unit_name"),
            place=row.get("place"),
            document=row.get("document"),
        )


def user_uid(login: str) -> str:
    return "user:" + login


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def add_user(store: Store, user: User, password: str | None) -> None:
    """Create the account; refused when the login is taken or the binding does not fit."""
    _check(user)
    if find_user(store, user.login) is not None:
        raise ArgumentError(f"a user {user.login!r} already exists")
    props = {
        "uid": user.uid,
        "login": user.login,
        "role": user.role,
        "unit": user.unit,
        "unit_name": user.unit_name,
        "place": user.place,
        "document": user.document,
        "password_hash": _HASHER.hash(password) if password else None,
    }
    store.write(
        "CREATE (u:User) SET u = $props",
        {"props": {k: v for k, v in props.items() if v is not None}},
    )


def list_users(store: Store, limit: int = 1000) -> list[User]:
    rows = store.read(
        f"MATCH (u:User) RETURN {_PUBLIC} ORDER BY login LIMIT $limit", {"limit": limit}
    )
    return [User.from_row(r) for r in rows]


def find_user(store: Store, login: str) -> User | None:
    rows = store.read(f"MATCH (u:User {{uid: $uid}}) RETURN {_PUBLIC}", {"uid": user_uid(login)})
    return User.from_row(rows[0]) if rows else None


def remove_user(store: Store, login: str) -> None:
    if find_user(store, login) is None:
        raise NotFoundError(f"no user {login!r}")
    store.write("MATCH (u:User {uid: $uid}) DETACH DELETE u", {"uid": user_uid(login)})


def new_token(store: Store, login: str) -> str:
    """A new API token for the account, replacing its old one; only its hash is kept."""
    if find_user(store, login) is None:
        raise NotFoundError(f"no user {login!r}")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    store.write(
        "MATCH (u:User {uid: $uid}) SET u.token_hash = $hash",
        {"uid": user_uid(login), "hash": token_hash(token)},
    )
    return token


def user_by_token(store: Store, token: str) -> User | None:
    rows = store.read(
        f"MATCH (u:User) WHERE u.token_hash = $hash RETURN {_PUBLIC}", {"hash": token_hash(token)}
    )
    return User.from_row(rows[0]) if rows else None


def check_password(store: Store, login: str, password: str) -> User | None:
    """The account when `password` is its password, else None (also for unknown logins)."""
    rows = store.read(
        f"MATCH (u:User {{uid: $uid}}) RETURN {_PUBLIC}, u.password_hash AS password_hash",
        {"uid": user_uid(login)},
    )
    stored = rows[0].get("password_hash") if rows else None
    try:
        _HASHER.verify(stored or _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return None
    return User.from_row(rows[0]) if stored else None


def _check(user: User) -> None:
    if user.role not in tuple(AccountRole):
        roles = ", ".join(AccountRole)
        raise ArgumentError(f"role must be one of {roles}, not {user.role!r}")
    if not user.login or not user.login.isprintable() or len(user.login) > 64:
        raise ArgumentError("a login is 1 to 64 printable characters")
    if user.role == "reporter" and not user.unit:
        raise ArgumentError("a reporter is bound to a unit: give --unit")
    if user.role != "reporter" and (user.unit or user.place):
        raise ArgumentError("only a reporter is bound to a unit")
    if user.role != "supervisor" and user.document:
        raise ArgumentError("only a supervisor is bound to a document")
