"""Who a request is from: API tokens, browser sessions, CSRF, throttled logins.

- `Authorization: Bearer TOKEN`: the account whose token hash matches (API clients). A
  browser never sends this header by itself, so such requests need no CSRF token.
- Browser sessions: `POST /auth/login` with JSON {login, password} sets an HttpOnly,
  SameSite=Strict cookie holding a new random session id (a new one at every login, and
  any session the request came with is ended: no session fixation) and answers the
  session's CSRF token, which every write must echo in the `X-CSRF-Token` header (also
  `GET /auth/session`, for a page that was reloaded). Sessions live in this process's
  memory, kept by the hash of their id; a restart logs browsers out, not API clients.
- Failed logins are throttled per login and per address: after `max_failures` within
  `window` seconds, logins from there or for it are refused (429) until the window ends.
Passwords and tokens are never logged; an unknown login costs as long as a wrong password.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import secrets
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse, Response

from dutygraph.graph import accounts, audit
from dutygraph.graph.store import Store
from dutygraph.schema.access import Caller, Clock, utc_now

SESSION_COOKIE = "dutygraph_session"
CSRF_HEADER = "X-CSRF-Token"
SESSION_SECONDS = 8 * 3600
CSRF_REFUSAL = f"CSRF token missing or wrong: send the session's token in {CSRF_HEADER}"
log = logging.getLogger("dutygraph.api")

StoreGetter = Callable[[], Awaitable[Store]]


@dataclass(frozen=True, slots=True)
class Session:
    login: str
    csrf: str
    expires: float  # time.monotonic()


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


class Sessions:
    """Browser sessions by the hash of their id (a leaked memory dump holds no usable id)."""

    def __init__(self, seconds: float = SESSION_SECONDS) -> None:
        self._seconds = seconds
        self._by_hash: dict[str, Session] = {}
        self._lock = threading.Lock()

    def create(self, login: str) -> tuple[str, Session]:
        sid = secrets.token_urlsafe(32)
        session = Session(login, secrets.token_urlsafe(32), time.monotonic() + self._seconds)
        with self._lock:
            self._by_hash[_digest(sid)] = session
        return sid, session

    def get(self, sid: str | None) -> Session | None:
        if not sid:
            return None
        with self._lock:
            session = self._by_hash.get(_digest(sid))
            if session is not None and session.expires < time.monotonic():
                del self._by_hash[_digest(sid)]
                return None
            return session

    def end(self, sid: str | None) -> None:
        if sid:
            with self._lock:
                self._by_hash.pop(_digest(sid), None)


class Throttle:
    """Counts failed logins per key in a sliding window."""

    def __init__(self, max_failures: int = 5, window: float = 300.0) -> None:
        self.max_failures = max_failures
        self.window = window
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def retry_after(self, *keys: str) -> int:
        """Seconds until a login for these keys is accepted again (0: now)."""
        now = time.monotonic()
        wait = 0.0
        with self._lock:
            for key in keys:
                times = self._failures.get(key)
                while times and times[0] <= now - self.window:
                    times.popleft()
                if times and len(times) >= self.max_failures:
                    wait = max(wait, times[0] + self.window - now)
        return int(wait) + 1 if wait else 0

    def fail(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._failures.setdefault(key, deque()).append(time.monotonic())

    def clear(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)


class Auth:
    """Finds the caller of each request and serves the login endpoints."""

    def __init__(
        self,
        store: StoreGetter,
        *,
        require_login: bool = False,
        due_soon_days: int = 14,
        clock: Clock = utc_now,
        throttle: Throttle | None = None,
    ) -> None:
        self._store = store
        self.require_login = require_login
        self.due_soon_days = due_soon_days
        self.clock = clock
        self.sessions = Sessions()
        self.throttle = throttle or Throttle()

    async def caller(self, request: Request) -> Caller:
        """The request's Caller; HTTPException 401 for a bad token, or for no account
        when the server requires one for reading too."""
        address = request.client.host if request.client else None
        user, refusal = await self._user(request)
        if user is None and self.require_login:
            raise HTTPException(401, "not logged in: this server requires an account to read")
        return Caller(
            user=user, address=address, clock=self.clock, write_refusal=refusal,
            due_soon_days=self.due_soon_days,
        )  # fmt: skip

    async def _user(self, request: Request) -> tuple[accounts.User | None, str | None]:
        header = request.headers.get("authorization")
        if header is not None:
            scheme, _, token = header.partition(" ")
            if scheme.lower() != "bearer" or not token.strip():
                raise HTTPException(401, "Authorization must be `Bearer TOKEN`")
            store = await self._store()
            user = await asyncio.to_thread(accounts.user_by_token, store, token.strip())
            if user is None:
                raise HTTPException(401, "unknown or revoked API token")
            return user, None
        session = self.sessions.get(request.cookies.get(SESSION_COOKIE))
        if session is None:
            return None, None
        store = await self._store()
        # read again each time: a removed account's session ends at once
        user = await asyncio.to_thread(accounts.find_user, store, session.login)
        sent = request.headers.get(CSRF_HEADER, "")
        ok = hmac.compare_digest(sent.encode(), session.csrf.encode())
        return user, None if ok else CSRF_REFUSAL

    def router(self) -> APIRouter:
        router = APIRouter(prefix="/auth")
        router.add_api_route("/login", self.login, methods=["POST"], include_in_schema=False)
        router.add_api_route("/logout", self.logout, methods=["POST"], include_in_schema=False)
        router.add_api_route("/session", self.session, methods=["GET"], include_in_schema=False)
        return router

    async def login(self, request: Request) -> Response:
        """{login, password} as JSON -> the session cookie and {login, role, csrfToken}."""
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            # a cross-site form cannot send JSON without a CORS preflight we never allow
            return _error(415, "send {login, password} as application/json")
        try:
            body = await request.json()
            login, password = str(body["login"])[:64], str(body["password"])
        except (ValueError, KeyError, TypeError):
            return _error(400, "send {login, password} as a JSON object")
        address = request.client.host if request.client else "unknown"
        keys = (f"login:{login}", f"address:{address}")
        wait = self.throttle.retry_after(*keys)
        if wait:
            return _error(
                429, f"too many failed logins: try again in {wait} s", {"Retry-After": str(wait)}
            )
        store = await self._store()
        user = await asyncio.to_thread(accounts.check_password, store, login, password)
        what = "login" if user else "login failed"
        await asyncio.to_thread(audit.record, store, login, what, address, self.clock())
        if user is None:
            self.throttle.fail(*keys)
            log.info("failed login for %r from %s", login, address)
            return _error(401, "wrong login or password")
        self.throttle.clear(keys[0])
        self.sessions.end(request.cookies.get(SESSION_COOKIE))  # no session fixation
        sid, session = self.sessions.create(user.login)
        response = JSONResponse({"login": user.login, "role": user.role, "csrfToken": session.csrf})
        response.set_cookie(
            SESSION_COOKIE, sid, max_age=SESSION_SECONDS, httponly=True, samesite="strict",
            secure=request.url.scheme == "https", path="/",
        )  # fmt: skip
        return response

    async def logout(self, request: Request) -> Response:
        sid = request.cookies.get(SESSION_COOKIE)
        session = self.sessions.get(sid)
        if session is not None:
            sent = request.headers.get(CSRF_HEADER, "")
            if not hmac.compare_digest(sent.encode(), session.csrf.encode()):
                return _error(403, CSRF_REFUSAL)
            self.sessions.end(sid)
            store = await self._store()
            address = request.client.host if request.client else None
            await asyncio.to_thread(
                audit.record, store, session.login, "logout", address, self.clock()
            )
        response = Response(status_code=204)
        response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict")
        return response

    async def session(self, request: Request) -> Response:
        """The browser's session: {login, role, csrfToken}, or 401 when it has none."""
        session = self.sessions.get(request.cookies.get(SESSION_COOKIE))
        if session is None:
            return _error(401, "not logged in")
        store = await self._store()
        user = await asyncio.to_thread(accounts.find_user, store, session.login)
        if user is None:
            return _error(401, "not logged in")
        return JSONResponse({"login": user.login, "role": user.role, "csrfToken": session.csrf})


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)
