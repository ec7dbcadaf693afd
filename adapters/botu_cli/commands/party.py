"""`botu party …`: parties join, leave and rejoin, change their details and consent; forgetting a
person and their access request (GDPR); choosing the coordinators."""

from __future__ import annotations

from typing import Annotated

import typer

from botu_core import (
    ChangePartyDetails,
    ChooseCoordinators,
    ForgetParty,
    GiveContactConsent,
    JoinParty,
    LeaveParty,
    PartyKind,
    RejoinParty,
    WithdrawContactConsent,
)

from ..inputs import choice, date
from ..options import KINDS, command, completer, DecisionOption, group, OnOption, PartyArg
from ..output import details, out, print_json, show, t, table
from ..recording import execute
from ..state import state
from ..texts import label, show_date, yes_no

app = group("Partijen die meedoen.", "Parties taking part.",
                  'botu party join "Fatima El Amrani" --kind resident --share-contact --phone "06 1234 5678"')


@command(app, "join", "Een partij doet mee; toont het id.", "A party joins; prints its id.",
         'botu party join "Buurthuiskamer Tussendijken" --kind initiative --email info@example.nl --share-contact')
def party_join(
    name: Annotated[str, typer.Argument(help="Naam.  Name.")],
    kind: Annotated[str, typer.Option("--kind", help="Soort: " + ", ".join(KINDS) + ".  Kind.",
                                      autocompletion=completer(KINDS))],
    phone: Annotated[str, typer.Option("--phone", help="Telefoon.  Phone.")] = "",
    email: Annotated[str, typer.Option("--email", help="E-mail.")] = "",
    share_contact: Annotated[bool, typer.Option("--share-contact", help="Contactgegevens mogen gedeeld worden.  Contact may be shared.")] = False,
    on: OnOption = None,
) -> None:
    command_ = JoinParty(name=name, kind=choice(PartyKind, kind, "--kind"), phone=phone, email=email,
                         share_contact=share_contact, on=date(on))
    execute(command_, "de partij doet mee.", "the party takes part.")


@command(app, "list", "Alle partijen (contact alleen als het gedeeld mag worden).",
         "All parties (contact details only where shared).", "botu party list --json")
def party_list() -> None:
    parties = state().reader().parties(state().coop)

    def human() -> None:
        grid = table("id", t("naam", "name"), t("soort", "kind"), t("doet mee", "active"),
                     t("coördinator", "coordinator"), t("sinds", "since"), t("ondertekend", "signed"), "contact")
        for p in parties:
            contact = " · ".join(x for x in (p.phone, p.email) if x)
            grid.add_row(p.id, p.name, label(p.kind, state().lang), yes_no(p.active, state().lang), yes_no(p.coordinator, state().lang),
                         show_date(p.joined_on, state().lang), ", ".join(str(v) for v in p.signed_versions) or "—",
                         contact or "—")
        out().print(grid)

    show(parties, human)


@command(app, "show", "Eén partij.", "One party.", 'botu party show "Gemeente Rotterdam"')
def party_show(party: PartyArg) -> None:
    p = state().reader().party(state().coop, party)
    show(p, lambda: details([
        ("id", p.id),
        (t("naam", "name"), p.name),
        (t("soort", "kind"), label(p.kind, state().lang)),
        (t("doet mee", "active"), yes_no(p.active, state().lang)),
        (t("coördinator", "coordinator"), yes_no(p.coordinator, state().lang)),
        (t("doet mee sinds", "joined on"), show_date(p.joined_on, state().lang)),
        (t("gestopt op", "left on"), show_date(p.left_on, state().lang)),
        (t("telefoon", "phone"), p.phone or "—"),
        (t("e-mail", "e-mail"), p.email or "—"),
        (t("ondertekende versies", "signed versions"), ", ".join(str(v) for v in p.signed_versions) or "—"),
    ]))


@command(app, "leave", "Een partij doet niet meer mee.", "A party leaves.",
         'botu party leave "Henk de Vries" --reason "Verhuisd"')
def party_leave(
    party: PartyArg,
    reason: Annotated[str, typer.Option("--reason", help="Reden.  Reason.")] = "",
    on: OnOption = None,
) -> None:
    execute(LeaveParty(party=party, reason=reason, on=date(on)), "de partij doet niet meer mee.", "the party left.")


@command(app, "rejoin", "Een partij die gestopt was doet weer mee.", "A party that left takes part again.",
         'botu party rejoin "Henk de Vries"')
def party_rejoin(party: PartyArg, on: OnOption = None) -> None:
    execute(RejoinParty(party=party, on=date(on)), "de partij doet weer mee.", "the party takes part again.")


@command(app, "update", "Verander naam, soort of contact van een partij.", "Change a party's name, kind or contact.",
         'botu party update "Henk de Vries" --phone "06 9999 0000" --share-contact')
def party_update(
    party: PartyArg,
    name: Annotated[str | None, typer.Option("--name", help="Nieuwe naam.  New name.")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="Nieuwe soort.  New kind.", autocompletion=completer(KINDS))] = None,
    phone: Annotated[str | None, typer.Option("--phone", help="Telefoon (leeg = weghalen).  Phone.")] = None,
    email: Annotated[str | None, typer.Option("--email", help="E-mail (leeg = weghalen).")] = None,
    share_contact: Annotated[bool | None, typer.Option("--share-contact/--no-share-contact",
                                                       help="Contact delen of niet.  Share contact or not.")] = None,
) -> None:
    command_ = ChangePartyDetails(party=party, name=name, kind=choice(PartyKind, kind, "--kind"), phone=phone,
                                  email=email, share_contact=share_contact)
    execute(command_, "de gegevens zijn veranderd.", "the details were changed.")


@command(app, "consent", "Contactgegevens wel of niet delen met andere leden.",
         "Share contact details with other members, or stop sharing.",
         'botu party consent "Henk de Vries" --give', 'botu party consent "Henk de Vries" --withdraw')
def party_consent(
    party: PartyArg,
    give: Annotated[bool, typer.Option("--give/--withdraw", help="Toestemming geven of intrekken.  Give or withdraw consent.")],
    on: OnOption = None,
) -> None:
    if give:
        execute(GiveContactConsent(party=party, on=date(on)), "de contactgegevens worden gedeeld.", "contact details are shared.")
    else:
        execute(WithdrawContactConsent(party=party, on=date(on)), "de contactgegevens worden niet meer gedeeld.",
                "contact details are no longer shared.")


@command(app, "forget", "Vergeet een persoon op eigen verzoek (AVG): de gegevens zijn daarna voor niemand meer te lezen.",
         "Forget a person on request (GDPR): their data can no longer be read by anyone.",
         'botu party forget "Henk de Vries"')
def party_forget(party: PartyArg, on: OnOption = None) -> None:
    execute(ForgetParty(party=party, on=date(on)), "de persoon is vergeten.", "the person has been forgotten.")


@command(app, "data", "Alles wat de opslag over een persoon weet, als JSON (inzageverzoek, AVG).",
         "Everything the store holds about a person, as JSON (access request, GDPR).",
         'botu party data "Henk de Vries" > henk.json')
def party_data(party: PartyArg) -> None:
    print_json(state().app().personal_data(state().coop, party))


@command(app, "coordinators", "Kies de coördinatoren die het proces regelen (alle tegelijk).",
         "Choose the coordinators who run the process (all at once).",
         'botu party coordinators "Fatima El Amrani" "Buurthuiskamer Tussendijken" --decision decision-2')
def party_coordinators(
    parties: Annotated[list[str] | None, typer.Argument(help="Id's of namen van de partijen.  Party ids or names.")] = None,
    decision: DecisionOption = None,
    on: OnOption = None,
) -> None:
    execute(ChooseCoordinators(parties=tuple(parties or ()), decision=decision, on=date(on)),
            "de coördinatoren zijn gekozen.", "the coordinators were chosen.")
