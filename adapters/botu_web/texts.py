"""Words the web app shows that the library does not: web-only messages. Labels and dates
come from the library (the glossary, Babel), the same as on the command line.

Dutch first (plain B1 language), English second, like ``botu_core.MESSAGES``.
"""

from __future__ import annotations

from typing import Any

from botu_core import BotuError, glossary
from botu_core import show_date as show_date

# code -> (Dutch, English, HTTP status)
WEB_MESSAGES: dict[str, tuple[str, str, int]] = {
    "auth.required": (
        "Log eerst in om dit te doen.",
        "Please log in first to do this.",
        401,
    ),
    "auth.forbidden": (
        "Dit mag u niet doen met uw account.",
        "Your account may not do this.",
        403,
    ),
    "auth.bad_login": (
        "De naam of het wachtwoord klopt niet.",
        "The user name or the password is not right.",
        401,
    ),
    "auth.bad_token": (
        "Deze sleutel (token) klopt niet of is ingetrokken.",
        "This token is not right or has been revoked.",
        401,
    ),
    "auth.rate_limited": (
        "Te vaak geprobeerd. Wacht even ({seconds} sec.) en probeer het dan opnieuw.",
        "Too many tries. Wait a moment ({seconds} s) and try again.",
        429,
    ),
    "auth.csrf": (
        "Dit formulier is verlopen of komt niet van deze website. Laad de pagina opnieuw.",
        "This form has expired or does not come from this website. Please reload the page.",
        403,
    ),
    "auth.already_party": (
        "Uw account hoort al bij een partij.",
        "Your account already belongs to a party.",
        422,
    ),
    "auth.pending": (
        "Uw aanmelding wacht nog op bevestiging door een coördinator. Daarna kunt u dit doen.",
        "Your registration is still waiting for a coordinator to confirm it. Then you can do this.",
        403,
    ),
    "auth.needs_party": (
        "Doe eerst mee als partij. Daarna kunt u dit doen.",
        "Join as a party first. Then you can do this.",
        403,
    ),
    "account.username_invalid": (
        "Kies een naam van 3 tot 80 tekens, zonder spaties.",
        "Choose a name of 3 to 80 characters, without spaces.",
        400,
    ),
    "account.password_too_short": (
        "Kies een wachtwoord van minstens {min} tekens.",
        "Choose a password of at least {min} characters.",
        400,
    ),
    "account.passwords_differ": (
        "De twee wachtwoorden zijn niet gelijk.",
        "The two passwords are not the same.",
        400,
    ),
    "account.username_taken": (
        "De naam '{username}' is al in gebruik. Kies een andere.",
        "The name '{username}' is already in use. Choose another.",
        422,
    ),
    "account.role_needs_cooperation": (
        "Een {role} is dat in één samenwerking. Zeg in welke (--coop).",
        "A {role} is one in one cooperation. Say which one (--coop).",
        400,
    ),
    "account.invitation_unknown": (
        "Deze uitnodiging bestaat niet, is al gebruikt of is verlopen. Vraag de coördinator om een nieuwe.",
        "This invitation does not exist, was used already or has expired. Ask the coordinator for a new one.",
        404,
    ),
    "account.unknown": (
        "Er is geen account '{ref}'.",
        "There is no account '{ref}'.",
        422,
    ),
    "token.unknown": (
        "Er is geen sleutel (token) met nummer {ref}.",
        "There is no token number {ref}.",
        422,
    ),
    "token.already_revoked": (
        "Sleutel (token) {ref} is al ingetrokken.",
        "Token {ref} has already been revoked.",
        422,
    ),
    "audit.bad_date": (
        "De datum '{value}' klopt niet. Schrijf de datum als jaar-maand-dag, bijvoorbeeld 2021-12-31.",
        "The date '{value}' is not right. Write the date as year-month-day, for example 2021-12-31.",
        400,
    ),
    "report.no_year": (
        "Er is geen jaarverslag van {year}. Kies een jaar van {first} tot en met {last}.",
        "There is no yearly report of {year}. Choose a year from {first} to {last}.",
        404,
    ),
    "web.not_found": (
        "Deze pagina bestaat niet.",
        "This page does not exist.",
        404,
    ),
    "web.bad_request": (
        "Het verzoek klopt niet: {detail}",
        "The request is not right: {detail}",
        400,
    ),
    "web.internal": (
        "Er ging iets mis in botu. Probeer het later opnieuw.",
        "Something went wrong in botu. Please try again later.",
        500,
    ),
}


class WebError(BotuError):
    """An error only the web app makes: a ``BotuError`` from the web's own catalogue, with
    the HTTP status it is answered with."""

    catalogue = {code: (nl, en) for code, (nl, en, _status) in WEB_MESSAGES.items()}

    @property
    def status(self) -> int:
        return WEB_MESSAGES[self.code][2]


# --- words for the library's codes, and dates: the library's glossary and Babel ------------


def label(value: str, lang: str, kind: str | None = None) -> str:
    return glossary.label(value, lang, kind)


def show_number(value: Any, lang: str) -> str:
    text = f"{value:,}" if not isinstance(value, str) else value
    if lang == "en":
        return text
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
