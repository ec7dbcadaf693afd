"""The web app's own commands on the `botu` command line: `botu serve`, `botu account …`
and `botu token …`.

They belong to the web adapter (its server, its account store, its API tokens); the
command line registers these sub-apps on the same `botu` command and lends them its
run state and printing (``botu_cli.state``, ``botu_cli.output``).
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from botu_cli.options import command, completer, example, group, single
from botu_cli.output import done, err, out, print_json, report, t, table
from botu_cli.recording import records
from botu_cli.state import state
from botu_cli.texts import CliError, yes_no
from botu_core import MEMBER, InvalidInput
from botu_core.examples import EXAMPLES
from botu_core.permissions import GRANTABLE

from .accounts import ACCOUNT_KINDS, AccountStore
from .proxies import ENVIRONMENT_VARIABLE, TrustedProxies
from .texts import WebError

__all__ = ["account_app", "serve_app", "token_app"]

serve_app = single()


def _web_failure(error: WebError) -> typer.Exit:
    """A refusal of the web app's account store, shown like the library's errors (exit 1)."""
    return typer.Exit(report(state(), error, 1))


@serve_app.command("serve", help="Start de website op deze opslag (stoppen met Ctrl+C).  "
             "Serve the web app on this store (stop with Ctrl+C).",
             epilog=example("botu serve", "botu --db botu.db serve --host 127.0.0.1 --port 8000",
                            "botu serve --trusted-proxy 127.0.0.1", "botu serve --all"))
@records
def serve(
    host: Annotated[str, typer.Option("--host", help="Adres.  Address.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Poort.  Port.", min=1, max=65535)] = 8000,
    load_example: Annotated[bool, typer.Option("--example", help="Laad het voorbeeld als de opslag leeg is.  "
                                                "Load the example when the store is empty.")] = False,
    every_cooperation: Annotated[bool, typer.Option(
        "--all", help="Elke samenwerking in de opslag onder haar eigen pad (/c/<korte naam>/), met een voorpagina "
                      "die ze noemt. Zonder --coop gebeurt dat ook als er meer dan één is.  "
                      "Every cooperation of the store under its own path (/c/<slug>/), with a front page listing "
                      "them. Without --coop that happens too when there is more than one.")] = False,
    trusted_proxy: Annotated[list[str] | None, typer.Option(
        "--trusted-proxy",
        help="Adres of netwerk (10.0.0.0/8) van een proxy die X-Forwarded-For en X-Forwarded-Proto mag zetten; "
             "mag vaker. Standaard: BOTU_TRUSTED_PROXIES (met komma's), anders geen.  "
             "Address or network of a proxy that may set X-Forwarded-For and X-Forwarded-Proto; repeatable. "
             "Default: BOTU_TRUSTED_PROXIES (comma separated), else none.")] = None,
) -> None:
    from .server import serve as run_server  # uvicorn only when serving

    # Checked before anything starts: a wrong address is a usage error (exit 2).
    try:
        proxies = TrustedProxies(trusted_proxy) if trusted_proxy else TrustedProxies.from_environment()
    except ValueError as error:
        option = "--trusted-proxy" if trusted_proxy else ENVIRONMENT_VARIABLE
        raise CliError("cli.bad_value", param=option,
                       detail=t(f"'{error}' is geen IP-adres of netwerk", f"'{error}' is not an IP address or network")
                       ) from None
    a = state().app()
    if not a.cooperations():
        if not load_example and sys.stdin.isatty():
            load_example = typer.confirm(
                t("De opslag is leeg. Wilt u het voorbeeld BoTu 2021 laden?",
                  "The store is empty. Do you want to load the BoTu 2021 example?"), default=True)
        if load_example:
            EXAMPLES["botu-2021"](a)
            err().print(t("Het voorbeeld BoTu 2021 staat in de opslag.", "The BoTu 2021 example is in the store."))
        else:
            err().print(t("De opslag is leeg. Laad het voorbeeld met: botu serve --example",
                          "The store is empty. Load the example with: botu serve --example"))
    err().print(t(f"botu draait op http://{host}:{port}/ (stoppen: Ctrl+C)",
                  f"botu runs at http://{host}:{port}/ (stop: Ctrl+C)"))
    # One cooperation keeps the paths it always had; a store of several is served whole.
    many = state().coop is None and (every_cooperation or len(a.cooperations()) > 1)
    run_server(a, host=host, port=port, coop=None if many else state().coop, many=many,
               trusted_proxies=proxies.as_text())


GrantableRole = Annotated[str, typer.Argument(help=" of ".join(GRANTABLE) + ".",
                                               autocompletion=completer(list(GRANTABLE)))]

account_app = group("Accounts voor de website.", "Accounts for the web app.",
                    "botu account create beheerder --role coordinator")


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    if not sys.stdin.isatty():
        raise CliError("cli.usage", detail="--password-stdin", help="botu account create --help")
    password: str = typer.prompt(t("Wachtwoord", "Password"), hide_input=True, confirmation_prompt=True)
    return password


@command(account_app, "create", "Maak een account voor de website (de eerste coördinator: --role coordinator).",
         "Make an account for the web app (the first coordinator: --role coordinator).",
         "botu account create beheerder --role coordinator",
         'echo "een lang wachtwoord" | botu account create fatima --party "Fatima El Amrani" --password-stdin')
@records
def account_create(
    username: Annotated[str, typer.Argument(help="Naam om mee in te loggen.  Login name.")],
    role: Annotated[str, typer.Option("--role", help=" of ".join((", ".join(ACCOUNT_KINDS[:-1]), ACCOUNT_KINDS[-1])) + ".",
                                      autocompletion=completer(list(ACCOUNT_KINDS)))] = "member",
    party: Annotated[str | None, typer.Option("--party", help="Id of naam van de partij van dit account.  "
                                              "The account's party.")] = None,
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Lees het wachtwoord van stdin.  "
                                                 "Read the password from stdin.")] = False,
) -> None:
    _check_choice(role, ACCOUNT_KINDS, "--role")  # before the password is asked
    a = state().app()
    coop_id = party_id = None
    if party is not None or role != "member":
        # A coordinator or auditor is one of this cooperation (--coop) only.
        coop_id = str(a.resolve(state().coop))
    if party is not None:
        party_id = a.view_as(MEMBER).party(coop_id, party).id
    password = _read_password(password_stdin)
    store = AccountStore.for_app(a)
    try:
        account = store.create(username, password, kind=role, coop_id=coop_id, party_id=party_id)
    except WebError as error:
        raise _web_failure(error) from None
    finally:
        store.close()
    if state().json:
        print_json({"id": account.id, "username": account.username})
        return
    # The account's number means nothing to people (every command names it by its username).
    err().print(t(f"Gelukt: het account '{account.username}' is gemaakt.", f"Done: the account '{account.username}' was made."))


def _check_choice(value: str, choices: tuple[str, ...], field: str) -> None:
    """The account store's own refusal, given before anything is asked or opened."""
    if value not in choices:
        raise InvalidInput("input.invalid_choice", value=value, field=field, choices=", ".join(choices))


def _grant_or_revoke(username: str, role: str, *, grant: bool) -> None:
    _check_choice(role, GRANTABLE, "ROL")  # the store's grant checks it too; its revoke does not
    a = state().app()
    coop = a.cooperation(state().coop)
    store = AccountStore.for_app(a)
    try:
        account = store.by_username(username)
        if account is None:
            raise WebError("account.unknown", ref=username)
        (store.grant if grant else store.revoke)(account.id, coop.id, role)
    except WebError as error:
        raise _web_failure(error) from None
    finally:
        store.close()
    if grant:
        done(None, f"'{username}' is nu {role} van '{coop.slug}'.", f"'{username}' is now {role} of '{coop.slug}'.")
    else:
        done(None, f"'{username}' is geen {role} meer van '{coop.slug}'.", f"'{username}' is no longer {role} of '{coop.slug}'.")


@command(account_app, "grant", "Geef een account een rol in deze samenwerking (--coop): coordinator of auditor.",
         "Grant an account a role in this cooperation (--coop): coordinator or auditor.",
         "botu --coop spangen account grant beheerder coordinator")
@records
def account_grant(
    username: Annotated[str, typer.Argument(help="Het account.  The account.")],
    role: GrantableRole,
) -> None:
    _grant_or_revoke(username, role, grant=True)


@command(account_app, "revoke", "Neem een account een rol in deze samenwerking (--coop) af.",
         "Take a role in this cooperation (--coop) away from an account.",
         "botu --coop spangen account revoke beheerder coordinator")
@records
def account_revoke(
    username: Annotated[str, typer.Argument(help="Het account.  The account.")],
    role: GrantableRole,
) -> None:
    _grant_or_revoke(username, role, grant=False)


token_app = group("Sleutels (tokens) voor de API.", "API bearer tokens.",
                  'botu token create beheerder --label "script"', "botu token revoke 3")


@command(token_app, "create", "Maak een sleutel voor de API; toont hem één keer.",
         "Make an API token; prints it once.", 'botu token create beheerder --label "begroting-script"')
@records
def token_create(
    username: Annotated[str, typer.Argument(help="Het account.  The account.")],
    label_: Annotated[str, typer.Option("--label", help="Waarvoor.  What it is for.")] = "",
) -> None:
    store = AccountStore.for_app(state().app())
    try:
        account = store.by_username(username)
        if account is None:
            raise WebError("account.unknown", ref=username)
        token_id, secret = store.create_token(account.id, label_)
    except WebError as error:
        raise _web_failure(error) from None
    finally:
        store.close()
    if state().json:
        print_json({"id": token_id, "token": secret})
        return
    err().print(t(f"Gelukt: sleutel {token_id} is gemaakt. Bewaar hem goed, u ziet hem maar één keer.",
                  f"Done: token {token_id} was made. Keep it safe, you see it only once."))
    sys.stdout.write(f"{secret}\n")


@command(token_app, "revoke", "Trek een sleutel in.", "Revoke a token.", "botu token revoke 3")
@records
def token_revoke(token_id: Annotated[int, typer.Argument(help="Nummer van de sleutel.  Token number.")]) -> None:
    store = AccountStore.for_app(state().app())
    try:
        store.revoke_token(token_id)
    except WebError as error:
        raise _web_failure(error) from None
    finally:
        store.close()
    done(str(token_id), "de sleutel is ingetrokken.", "the token was revoked.")


@command(token_app, "list", "Alle sleutels (zonder de geheimen).", "All tokens (without the secrets).", "botu token list")
def token_list() -> None:
    store = AccountStore.for_app(state().app())
    try:
        tokens = store.tokens()
    finally:
        store.close()
    if state().json:
        print_json([{"id": tk.id, "account": tk.username, "label": tk.label, "created_at": tk.created_at.isoformat(),
                     "revoked_at": tk.revoked_at.isoformat() if tk.revoked_at else None} for tk in tokens])
        return
    grid = table("id", t("account", "account"), t("waarvoor", "label"), t("ingetrokken", "revoked"), right=(0,))
    for tk in tokens:
        grid.add_row(str(tk.id), tk.username, tk.label or "—", yes_no(tk.revoked_at is not None, state().lang))
    out().print(grid)

