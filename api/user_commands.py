"""`dutygraph user add|list|remove|token` (accounts, in the graph store) and
`dutygraph report` (the 督办清单 of a plan or unit, as xlsx, docx or csv)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from dutygraph.api.options import db_option, opened_store
from dutygraph.errors import ArgumentError, NotFoundError
from dutygraph.graph import accounts, nodes
from dutygraph.graph.audit import record_command


@click.group()
def user() -> None:
    """Accounts: reporters (bound to a unit), supervisors (a document or all), admins."""


@user.command("add")
@click.argument("login")
@click.option(
    "--role", required=True, type=click.Choice([r.value for r in accounts.AccountRole]),
    help="reporter: reports on its unit's assignments; supervisor: comments and returns; "
    "admin: accounts and plans.",
)  # fmt: skip
@click.option("--unit", help="A reporter's unit: canonical name or alias (县发改局).")
@click.option("--place", help="The unit's place, when units of several places bear its name.")
@click.option("--document", help="The one document a supervisor supervises (uid). Default: all.")
@click.option(
    "--password-stdin", is_flag=True,
    help="Read the password from the first line of standard input (else it is asked for "
    "on a terminal; without either the account logs in with an API token only).",
)  # fmt: skip
@db_option
def add(
    login: str, role: str, unit: str | None, place: str | None, document: str | None,
    password_stdin: bool, db: str | None,
) -> None:  # fmt: skip
    """Create the account LOGIN."""
    password = _password(password_stdin)
    with opened_store(db) as store:
        unit_uid = unit_name = unit_place = None
        if unit:
            row = nodes.unit_by_name(store, unit, place)
            if row is None:
                raise NotFoundError(f"no unit is named {unit!r}: load the plan that names it")
            unit_uid, unit_name, unit_place = row["uid"], row["name"], row.get("place")
        if document and not nodes.documents_by_uid(store, [document]):
            raise NotFoundError(f"no document {document!r} is loaded")
        account = accounts.User(
            login=login, role=accounts.AccountRole(role), unit=unit_uid, unit_name=unit_name,
            place=unit_place if unit else place, document=document,
        )  # fmt: skip
        accounts.add_user(store, account, password)
        record_command(store, f"user add {login} role={role}")
    bound = f" of {unit_name}" if unit_name else f" of {document}" if document else ""
    click.echo(f"added {role} {login}{bound}")


def _password(from_stdin: bool) -> str | None:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        return None
    if len(password) < 8:
        raise ArgumentError("a password has at least 8 characters")
    return password


@user.command("list")
@db_option
def list_(db: str | None) -> None:
    """The accounts, one a line: login, role, binding."""
    with opened_store(db) as store:
        users = accounts.list_users(store)
    for u in users:
        bound = u.unit_name or u.document or ("all documents" if u.role == "supervisor" else "")
        click.echo(f"{u.login}\t{u.role}\t{bound}")


@user.command("remove")
@click.argument("login")
@db_option
def remove(login: str, db: str | None) -> None:
    """Remove the account LOGIN (its reports stay, under its login)."""
    with opened_store(db) as store:
        accounts.remove_user(store, login)
        record_command(store, f"user remove {login}")
    click.echo(f"removed {login}")


@user.command("token")
@click.argument("login")
@db_option
def token(login: str, db: str | None) -> None:
    """Print a new API token for LOGIN, once (its old token stops working)."""
    with opened_store(db) as store:
        new = accounts.new_token(store, login)
        record_command(store, f"user token {login}")
    click.echo(new)


@click.command()
@click.option("--document", required=True, help="The plan's document uid.")
@click.option("--unit", help="Only this unit's tasks (canonical name or alias).")
@click.option("--place", help="The unit's place, when units of several places bear its name.")
@click.option(
    "--format", "fmt", type=click.Choice(["xlsx", "docx", "csv"]), default="xlsx",
    show_default=True, help="File format.",
)  # fmt: skip
@click.option(
    "--output", "-o", type=click.Path(path_type=Path),
    help="Where to write it. Default: 督办清单-<title>.<format> in this folder.",
)  # fmt: skip
@db_option
def report(
    document: str, unit: str | None, place: str | None, fmt: str, output: Path | None,
    db: str | None,
) -> None:  # fmt: skip
    """Write the 督办清单 of a plan (or of one unit in it): every task, its units, due
    dates, status, latest note and whether it is overdue."""
    from dutygraph.api.reports import checklist, render
    from dutygraph.schema.access import utc_now

    with opened_store(db) as store:
        sheet = checklist(store, document, utc_now().date(), unit, place)
    path = output or Path(f"{sheet.name}.{fmt}")
    data = render(sheet, fmt)
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise ArgumentError(f"cannot write {path}: {exc.strerror}") from None
    click.echo(f"wrote {path}: {len(sheet.rows)} tasks")
