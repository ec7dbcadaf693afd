"""The forms that write: each one gives one command of the library.

A form only translates: its fields become the command's data, the library decides.
Who may open and send each form is the command's entry in ``auth.COMMAND_ROLES``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import attrs

from botu_core import (
    AdoptAgreement,
    AllocateBudget,
    CoBenefit,
    Commitments,
    Consultation,
    GiveOpinion,
    JoinParty,
    MakeFundsAvailable,
    MeetingKind,
    PartyKind,
    ProposeDecision,
    RaiseDisagreement,
    RecordDecision,
    RecordEvaluation,
    RecordMeeting,
    ResolveDisagreement,
    ReviseAgreement,
    SignAgreement,
    Stance,
    StartProject,
    choices,
    agreement_template,
    describe_change,
    describe_commitments,
)

from botu_core.permissions import SELF_FIELDS

from .web import Say


@attrs.frozen
class Ctx:
    """What option lists need: the store, the cooperation, the viewer, the language."""

    app: Any
    coop: str
    viewer: Any
    say: Say
    # The form's values so far (the query string's prefill, or what was sent): an initial
    # value may follow them, e.g. the plan of the project chosen in ?project=.
    values: dict[str, Any] = attrs.field(factory=dict)


Options = Callable[[Ctx], list[tuple[str, str]]]


@attrs.frozen
class Field:
    name: str
    nl: str
    en: str
    widget: str = "text"  # text, textarea, date, number, decimal, select, radio, checkbox, checkboxes, email, tel, amount
    required: bool = False
    options: Options | None = None
    hint_nl: str = ""
    hint_en: str = ""
    initial: Callable[[Ctx], Any] | None = None

    def label(self, say: Say) -> str:
        return say(self.nl, self.en)

    def hint(self, say: Say) -> str:
        return say(self.hint_nl, self.hint_en)


@attrs.frozen
class FormSpec:
    key: str
    path: str
    command: type
    title_nl: str
    title_en: str
    intro_nl: str
    intro_en: str
    fields: tuple[Field, ...]
    done_nl: str
    done_en: str
    back: str  # where to go after it is done; "{project}" is the project the form was about
    to_data: Callable[[dict[str, Any], Ctx], dict[str, Any]] | None = None
    # A form for those who enter facts for others (``permissions.acts_for_others``) only.
    for_others: bool = False
    # Listed only once there is an agreement (True), only before (False), or always (None).
    with_agreement: bool | None = None
    # What the command would record, in words, shown before it is recorded (the library's dry run).
    preview: Callable[[Any, str, Any, Any, Say], list[str]] | None = None

    def back_for(self, values: dict[str, Any]) -> str:
        """Where to go after it is done, e.g. the page of the project the form was about."""
        if "{project}" not in self.back:
            return self.back
        return self.back.replace("{project}", quote(str(values.get("project", "")), safe=""))

    @property
    def command_name(self) -> str:
        return self.command.__name__

    def title(self, say: Say) -> str:
        return say(self.title_nl, self.title_en)


# --- option lists -----------------------------------------------------------------------


def _enum(enum_type: Any) -> Options:
    return lambda ctx: [(m.value, ctx.say.label(m.value)) for m in enum_type]


def _parties(ctx: Ctx) -> list[tuple[str, str]]:
    return [(p.id, p.name) for p in ctx.app.parties(ctx.coop) if p.active]


def _running_projects(ctx: Ctx) -> list[tuple[str, str]]:
    return [(p.id, p.title) for p in ctx.app.projects(ctx.coop) if p.status == "running"]


def _pending_decisions(ctx: Ctx) -> list[tuple[str, str]]:
    return [(d.id, f"{d.subject} ({d.id})") for d in ctx.app.decisions(ctx.coop) if d.status == "pending"]


def _optional_pending(ctx: Ctx) -> list[tuple[str, str]]:
    return [("", ctx.say("— geen, een nieuw besluit —", "— none, a new decision —")), *_pending_decisions(ctx)]


def _taken_decisions(ctx: Ctx) -> list[tuple[str, str]]:
    return [(d.id, f"{d.subject} ({ctx.say.date(d.taken_on)}, {d.id})") for d in ctx.app.decisions(ctx.coop)
            if d.status == "taken"]


def _optional_taken(ctx: Ctx) -> list[tuple[str, str]]:
    return [("", ctx.say("— geen —", "— none —")), *_taken_decisions(ctx)]


def _meetings(ctx: Ctx) -> list[tuple[str, str]]:
    items = sorted(ctx.app.meetings(ctx.coop), key=lambda m: m.held_on, reverse=True)
    return [(m.id, f"{ctx.say.date(m.held_on)}: {m.title or ctx.say.label(m.kind)}") for m in items]


def _optional_meetings(ctx: Ctx) -> list[tuple[str, str]]:
    return [("", ctx.say("— geen —", "— none —")), *_meetings(ctx)]


def _evaluations(ctx: Ctx) -> list[tuple[str, str]]:
    return [("", ctx.say("— geen —", "— none —"))] + [
        (e.id, ctx.say(f"Evaluatie {e.year}", f"Evaluation {e.year}")) for e in ctx.app.evaluations(ctx.coop)
    ]


def _funds(ctx: Ctx) -> list[tuple[str, str]]:
    return [
        (f"{b.source}|{b.year}", f"{b.source} {b.year} ({ctx.say('nog over', 'left')}: {ctx.say.money(b.left)})")
        for b in ctx.app.budget(ctx.coop)
    ]


def _goal_keys(ctx: Ctx) -> list[tuple[str, str]]:
    try:
        view = ctx.app.agreement(ctx.coop)
    except Exception:  # noqa: BLE001 - no agreement yet: nothing to choose
        return []
    return [(c.key, f"{c.key}") for c in (*view.goals, *view.values)]


def _today(ctx: Ctx) -> str:
    return str(ctx.app.today().isoformat())


def _current_terms(ctx: Ctx) -> dict[str, Any]:
    """The terms of the version in force, as the terms document has them (none yet: empty)."""
    try:
        view = ctx.app.agreement(ctx.coop)
    except Exception:  # noqa: BLE001 - no agreement yet
        return {}
    clauses = {section: [{"key": c.key, "text": c.text} for c in getattr(view, section)]
               for section in ("values", "goals", "working_agreements")}
    return {"title": view.title, "organisation": view.organisation, "end_date": view.end_date.isoformat(),
            **clauses, "commitments": {name: getattr(view.commitments, name) for name in _COMMITMENT_FORM}}


def _template_terms(_ctx: Ctx) -> dict[str, Any]:
    """The starting template (the one ``botu agreement template`` gives)."""
    return agreement_template()


TermsSource = Callable[[Ctx], dict[str, Any]]


def _terms_text(source: TermsSource, name: str) -> Callable[[Ctx], str]:
    def initial(ctx: Ctx) -> str:
        value = source(ctx).get(name, "")
        if isinstance(value, list):
            return "\n".join(f"{c['key']}: {c['text']}" for c in value)
        return str(value)

    return initial


def _commitment_initial(source: TermsSource, name: str) -> Callable[[Ctx], Any]:
    """A commitment's value as a form shows it (no terms yet: the library's default)."""

    def initial(ctx: Ctx) -> Any:
        given = source(ctx).get("commitments") or {}
        value = given[name] if name in given else getattr(Commitments(), name)
        if isinstance(value, bool):
            return value
        if value is None:
            return ""
        if isinstance(value, dt.date):
            return value.isoformat()
        return str(getattr(value, "value", value))

    return initial


# --- special translations -------------------------------------------------------------------


def _allocation_data(form: dict[str, Any], _ctx: Ctx) -> dict[str, Any]:
    data = dict(form)
    fund = str(data.pop("fund", "") or "")
    source, _, year = fund.rpartition("|")
    data["source"] = source
    data["year"] = year
    return data


def _clauses(text: str) -> list[dict[str, str]]:
    clauses = []
    for line in text.splitlines():
        if not line.strip():
            continue
        key, sep, rest = line.partition(":")
        if not sep:
            key, rest = "", line
        clauses.append({"key": key.strip(), "text": rest.strip()})
    return clauses


def _form_number(value: Any) -> Any:
    # Whole numbers as numbers; anything else goes on as typed, and the library names the key.
    text = str(value).strip()
    return int(text) if text.isdigit() else text


# The commitments a revision form shows, each with how the form's text becomes JSON data.
_COMMITMENT_FORM: dict[str, Callable[[Any], Any]] = {
    "plenary_meetings_per_year": _form_number,
    "consultation": lambda v: str(v),
    "evaluation_every_year": bool,
    "indicators_required": bool,
    "disagreement_open_days": lambda v: None if str(v).strip() == "" else _form_number(v),
    "minimum_end_date": lambda v: None if str(v).strip() == "" else str(v).strip(),
}


def _terms_data(form: dict[str, Any]) -> dict[str, Any]:
    # Commitments not on the form keep the values of the version revised (the library merges).
    return {
        "title": form.get("title", ""),
        "organisation": form.get("organisation", ""),
        "end_date": form.get("end_date", ""),
        "values": _clauses(str(form.get("values", ""))),
        "goals": _clauses(str(form.get("goals", ""))),
        "working_agreements": _clauses(str(form.get("working_agreements", ""))),
        "commitments": {name: read(form[name]) for name, read in _COMMITMENT_FORM.items() if name in form},
    }


def _adoption_data(form: dict[str, Any], _ctx: Ctx) -> dict[str, Any]:
    return {"terms": _terms_data(form)}


def _revision_data(form: dict[str, Any], _ctx: Ctx) -> dict[str, Any]:
    terms = _terms_data(form)
    return {"terms": terms, "reason": form.get("reason", ""), "decision": form.get("decision"),
            "evaluation": form.get("evaluation")}


def _preview_revision(app: Any, coop: str, command: Any, actor: Any, say: Say) -> list[str]:
    diff = app.preview_revision(coop, command, actor=actor)
    return [describe_change(c, say.lang) for c in diff.changes] or [say("Er verandert niets.", "Nothing changes.")]


def _preview_adoption(app: Any, coop: str, command: Any, actor: Any, say: Say) -> list[str]:
    view = app.preview_adoption(coop, command, actor=actor)
    counts = (len(view.values), len(view.goals), len(view.working_agreements))
    return [
        view.title,
        f"{say('Loopt tot', 'Runs until')}: {say.date(view.end_date)}",
        say("{} waarden, {} doelen, {} afspraken over samenwerking", "{} values, {} goals, {} working agreements")
        .format(*counts),
        *describe_commitments(view.commitments, say.lang),
    ]


def _terms_fields(source: TermsSource) -> tuple[Field, ...]:
    """The fields of an agreement's terms, commitments included, prefilled from ``source``."""
    return (
        Field("title", "Titel", "Title", required=True, initial=_terms_text(source, "title")),
        Field("end_date", "Loopt tot", "Runs until", "date", True,
              initial=_terms_text(source, "end_date")),
        Field("values", "Waarden", "Values", "textarea", True, initial=_terms_text(source, "values")),
        Field("goals", "Doelen", "Goals", "textarea", True, initial=_terms_text(source, "goals")),
        Field("working_agreements", "Afspraken over samenwerking", "Working agreements", "textarea", True,
              initial=_terms_text(source, "working_agreements")),
        Field("organisation", "Organisatie", "Organisation", "textarea", initial=_terms_text(source, "organisation")),
        Field("plenary_meetings_per_year", "Plenaire bijeenkomsten per jaar (minstens)",
              "Plenary meetings a year (at least)", "number", True,
              initial=_commitment_initial(source, "plenary_meetings_per_year")),
        Field("consultation", "Hoe vaak is er overleg?", "How often do the parties consult?", "radio", True,
              lambda ctx: choices("consultation", ctx.say.lang),
              initial=_commitment_initial(source, "consultation")),
        Field("evaluation_every_year", "Elk jaar een evaluatie", "An evaluation every year", "checkbox",
              initial=_commitment_initial(source, "evaluation_every_year")),
        Field("indicators_required", "Elk project stelt indicatoren op", "Every project defines indicators",
              "checkbox", initial=_commitment_initial(source, "indicators_required")),
        Field("disagreement_open_days", "Na hoeveel dagen meldt botu open onenigheid?",
              "After how many days does botu report an open disagreement?", "number",
              hint_nl="Een keuze van de samenwerking, niet uit de tekst. Leeg laten: nooit melden.",
              hint_en="The cooperation's own choice, not the text's. Leave empty: never report.",
              initial=_commitment_initial(source, "disagreement_open_days")),
        Field("minimum_end_date", "Loopt in elk geval tot", "Runs at least until", "date",
              hint_nl="Een belofte: een nieuwe versie kan die niet korter maken. Leeg laten: geen belofte.",
              hint_en="A promise: a new version cannot make it shorter. Leave empty: no promise.",
              initial=_commitment_initial(source, "minimum_end_date")),
    )


ON = Field("on", "Wanneer gebeurde het?", "When did it happen?", "date",
           hint_nl="Voor iets wat al eerder gebeurde. Leeg laten is vandaag.",
           hint_en="For something that happened before. Leave empty for today.")


def _for_whom(name: str) -> Field:
    return Field(name, "Namens welke partij?", "On behalf of which party?", "select", True, _parties,
                 hint_nl="U legt dit vast voor een partij, bijvoorbeeld wat iemand op een bijeenkomst zei.",
                 hint_en="You record this for a party, for example what someone said at a meeting.",
                 initial=lambda ctx: ctx.viewer.party_id or "")


def fields_for(spec: FormSpec, acts_for_others: bool) -> tuple[Field, ...]:
    """The form's fields for a viewer: those who enter facts for others (the library's
    ``permissions.acts_for_others``) also choose the party it is for, and its date."""
    if not acts_for_others:
        return spec.fields
    names = {f.name for f in spec.fields}
    command_fields = attrs.fields_dict(spec.command)
    own = SELF_FIELDS.get(spec.command_name)
    first = (_for_whom(own),) if own is not None and own not in names else ()
    last = (ON,) if "on" in command_fields and "on" not in names else ()
    return (*first, *spec.fields, *last)

FORMS: tuple[FormSpec, ...] = (
    FormSpec(
        "join", "/join", JoinParty,
        "Meedoen als partij", "Join as a party",
        "Iedereen mag meedoen: bewoners, initiatieven, ondernemers en organisaties. "
        "U kiest zelf of anderen uw telefoon en e-mail mogen zien.",
        "Everyone may join: residents, initiatives, entrepreneurs and organisations. "
        "You choose whether others may see your phone and e-mail.",
        (
            Field("name", "Naam", "Name", required=True,
                  hint_nl="Uw naam, of de naam van uw organisatie.", hint_en="Your name, or your organisation's."),
            Field("kind", "Ik doe mee als", "I take part as", "radio", True, _enum(PartyKind)),
            Field("phone", "Telefoon", "Phone", "tel"),
            Field("email", "E-mail", "E-mail", "email"),
            Field("share_contact", "Andere deelnemers mogen mijn telefoon en e-mail zien",
                  "Other participants may see my phone and e-mail", "checkbox"),
        ),
        "U doet nu mee. Welkom! Heeft u zich zelf aangemeld? Dan kunt u ondertekenen, stemmen en voorstellen doen "
        "zodra een coördinator uw aanmelding heeft bevestigd.",
        "You are taking part now. Welcome! Did you register yourself? Then you can sign, vote and make proposals "
        "once a coordinator has confirmed your registration.", "/agreement",
    ),
    FormSpec(
        "add-party", "/parties/new", JoinParty,
        "Een partij toevoegen", "Add a party",
        "Voeg een bewoner, initiatief, ondernemer of organisatie toe, met of zonder account. "
        "Wie later zelf wil inloggen, kunt u uitnodigen op de pagina 'Wie doen mee'.",
        "Add a resident, initiative, entrepreneur or organisation, with or without an account. "
        "Whoever wants to log in later, you can invite on the page 'Who takes part'.",
        (
            Field("name", "Naam", "Name", required=True),
            Field("kind", "Soort partij", "Kind of party", "radio", True, _enum(PartyKind)),
            Field("phone", "Telefoon", "Phone", "tel"),
            Field("email", "E-mail", "E-mail", "email"),
            Field("share_contact", "De partij vindt goed dat deelnemers telefoon en e-mail zien",
                  "The party agrees that participants see its phone and e-mail", "checkbox"),
        ),
        "De partij is toegevoegd.", "The party was added.", "/parties",
        for_others=True,
    ),
    FormSpec(
        "sign", "/agreement/sign", SignAgreement,
        "De overeenkomst ondertekenen", "Sign the agreement",
        "Met uw handtekening zegt u: ik doe mee met deze afspraken. Schrijf er een persoonlijke noot (PS) bij: "
        "waarom doet u mee?",
        "By signing you say: I take part in these agreements. Add a personal note (PS): why do you take part?",
        (
            Field("note", "Persoonlijke noot (PS)", "Personal note (PS)", "textarea", True),
            Field("capacity", "Met welke pet op tekent u?", "In which capacity do you sign?",
                  hint_nl="Bijvoorbeeld: bewoner, voorzitter, wethouder.", hint_en="For example: resident, chair."),
        ),
        "U heeft de overeenkomst ondertekend.", "You signed the agreement.", "/agreement",
    ),
    FormSpec(
        "opinion", "/opinion", GiveOpinion,
        "Uw mening geven", "Give your opinion",
        "Geef uw mening voordat het besluit valt. Elke mening telt even zwaar.",
        "Give your opinion before the decision is taken. Every opinion counts the same.",
        (
            Field("decision", "Over welk besluit?", "About which decision?", "select", True, _pending_decisions),
            Field("stance", "Wat vindt u?", "What do you think?", "radio", True, _enum(Stance)),
            Field("comment", "Toelichting", "Explanation", "textarea"),
        ),
        "Uw mening is vastgelegd.", "Your opinion was recorded.", "/decisions",
    ),
    FormSpec(
        "disagreement", "/disagreements/new", RaiseDisagreement,
        "Melden dat u het oneens bent", "Say that you disagree",
        "Het oneens zijn mag. We praten erover en blijven samenwerken.",
        "Disagreeing is fine. We talk about it and keep working together.",
        (
            Field("about", "Waarover?", "About what?", required=True),
            Field("description", "Wat is er aan de hand?", "What is the matter?", "textarea"),
        ),
        "Uw melding is vastgelegd.", "Your disagreement was recorded.", "/disagreements",
    ),
    FormSpec(
        "project", "/projects/new", StartProject,
        "Een project beginnen", "Start a project",
        "Elk project begint met een plan en een contactpersoon.",
        "Every project starts with a plan and a contact person.",
        (
            Field("title", "Titel", "Title", required=True),
            Field("plan", "Plan: wat gaan we samen doen?", "Plan: what will we do together?", "textarea", True),
            Field("contact", "Contactpersoon", "Contact person", "select", True, _parties),
            Field("goals", "Welke doelen en waarden dient het project?", "Which goals and values does it serve?",
                  "checkboxes", False, _goal_keys),
            Field("co_benefits", "Meekoppelkansen", "Co-benefits", "checkboxes", False, _enum(CoBenefit)),
        ),
        "Het project is begonnen.", "The project has started.", "/projects",
    ),
    FormSpec(
        "meeting", "/meetings/new", RecordMeeting,
        "Een bijeenkomst vastleggen", "Record a meeting",
        "Leg vast wanneer we bij elkaar kwamen en wie er was.",
        "Record when we met and who was there.",
        (
            Field("kind", "Soort", "Kind", "radio", True, _enum(MeetingKind)),
            Field("held_on", "Datum", "Date", "date", True, initial=_today),
            Field("title", "Titel", "Title"),
            Field("attendees", "Wie waren er?", "Who was there?", "checkboxes", False, _parties),
            Field("minutes", "Verslag", "Minutes", "textarea",
                  hint_nl="Het verslag is openbaar: iedereen kan het lezen. Staan er namen of persoonlijke dingen "
                          "van bewoners in, kies dan hieronder 'alleen voor leden'.",
                  hint_en="The minutes are public: anyone can read them. If they hold residents' names or "
                          "personal matters, choose 'members only' below."),
            Field("minutes_members_only", "Alleen voor leden (niet openbaar)",
                  "Members only (not public)", "checkbox"),
        ),
        "De bijeenkomst is vastgelegd.", "The meeting was recorded.", "/meetings",
    ),
    FormSpec(
        "propose", "/decisions/propose", ProposeDecision,
        "Een besluit voorstellen", "Propose a decision",
        "Een voorstel staat open, zodat iedereen eerst een mening kan geven.",
        "A proposal stays open, so everyone can give an opinion first.",
        (
            Field("subject", "Onderwerp", "Subject", required=True),
            Field("text", "Voorstel", "Proposal", "textarea", True),
        ),
        "Het voorstel staat open voor meningen.", "The proposal is open for opinions.", "/decisions",
    ),
    FormSpec(
        "decision", "/decisions/new", RecordDecision,
        "Een besluit vastleggen", "Record a decision",
        "Een besluit valt op een bijeenkomst.", "A decision is taken at a meeting.",
        (
            Field("meeting", "Op welke bijeenkomst?", "At which meeting?", "select", True, _meetings),
            Field("decision", "Welk voorstel?", "Which proposal?", "select", False, _optional_pending),
            Field("subject", "Onderwerp", "Subject", required=True),
            Field("text", "Besluit", "Decision", "textarea", True),
        ),
        "Het besluit is vastgelegd.", "The decision was recorded.", "/decisions",
    ),
    FormSpec(
        "funds", "/budget/funds", MakeFundsAvailable,
        "Geld beschikbaar maken", "Make funds available",
        "Geld van een bron voor een jaar.", "Money from a source for a year.",
        (
            Field("source", "Bron", "Source", required=True),
            Field("year", "Jaar", "Year", "number", True),
            Field("amount", "Bedrag in euro", "Amount in euros", "amount", True,
                  hint_nl="Bijvoorbeeld 50000 of 50.000,00.", hint_en="For example 50000 or 50,000.00."),
            Field("decision", "Besluit", "Decision", "select", False, _optional_taken),
        ),
        "Het geld is beschikbaar.", "The funds are available.", "/budget",
    ),
    FormSpec(
        "allocate", "/budget/allocate", AllocateBudget,
        "Geld toekennen aan een project", "Allocate money to a project",
        "Een toekenning komt altijd uit een besluit, en is nooit meer dan wat er over is.",
        "An allocation always comes from a decision, and is never more than what is left.",
        (
            Field("project", "Project", "Project", "select", True, _running_projects),
            Field("fund", "Uit welke bron en welk jaar?", "From which source and year?", "select", True, _funds),
            Field("amount", "Bedrag in euro", "Amount in euros", "amount", True,
                  hint_nl="Bijvoorbeeld 12500 of 12.500,00.", hint_en="For example 12500 or 12,500.00."),
            Field("decision", "Besluit", "Decision", "select", True, _taken_decisions),
        ),
        "Het geld is toegekend.", "The money was allocated.", "/budget",
        to_data=_allocation_data,
    ),
    FormSpec(
        "evaluation", "/evaluations/new", RecordEvaluation,
        "De jaarlijkse evaluatie vastleggen", "Record the yearly evaluation",
        "Hoe ging het samenwerken, hoe staat het met de doelen, wat is er bereikt?",
        "How did we work together, how are the goals, what was achieved?",
        (
            Field("year", "Jaar", "Year", "number", True),
            Field("process", "Hoe ging het samenwerken?", "How did we work together?", "textarea", True),
            Field("goals", "Hoe staat het met de doelen?", "How are the goals?", "textarea", True),
            Field("results", "Wat is er bereikt?", "What was achieved?", "textarea", True),
            Field("lessons", "Wat hebben we geleerd?", "What did we learn?", "textarea"),
            Field("meeting", "Op welke bijeenkomst?", "At which meeting?", "select", False, _optional_meetings),
        ),
        "De evaluatie is vastgelegd.", "The evaluation was recorded.", "/compliance",
    ),
    FormSpec(
        "adopt", "/agreement/adopt", AdoptAgreement,
        "De eerste overeenkomst vaststellen", "Adopt the first agreement",
        "Het formulier begint met de tekst en de afspraken van BoTu als voorbeeld. Pas aan wat bij uw "
        "samenwerking hoort. Schrijf elke afspraak op een eigen regel, als 'sleutel: tekst'. U ziet eerst "
        "wat er wordt vastgelegd.",
        "The form starts with BoTu's text and commitments as an example. Change what fits your cooperation. "
        "Write each clause on its own line, as 'key: text'. You see what will be recorded first.",
        _terms_fields(_template_terms),
        "De overeenkomst geldt nu.", "The agreement holds now.", "/agreement",
        to_data=_adoption_data, preview=_preview_adoption, with_agreement=False,
    ),
    FormSpec(
        "revise", "/agreement/revise", ReviseAgreement,
        "De overeenkomst bijstellen", "Revise the agreement",
        "Een nieuwe versie komt uit een besluit of een evaluatie. Schrijf elke afspraak op een eigen regel, "
        "als 'sleutel: tekst'.",
        "A new version comes from a decision or an evaluation. Write each clause on its own line, as 'key: text'.",
        (
            Field("reason", "Waarom een nieuwe versie?", "Why a new version?", "textarea", True),
            Field("decision", "Uit welk besluit?", "From which decision?", "select", False, _optional_taken),
            Field("evaluation", "Uit welke evaluatie?", "From which evaluation?", "select", False, _evaluations),
            *_terms_fields(_current_terms),
        ),
        "De nieuwe versie geldt nu.", "The new version holds now.", "/agreement",
        to_data=_revision_data, preview=_preview_revision, with_agreement=True,
    ),
    FormSpec(
        "resolve", "/disagreements/resolve", ResolveDisagreement,
        "Onenigheid oplossen", "Resolve a disagreement",
        "Schrijf op hoe we het samen hebben opgelost.", "Write down how we solved it together.",
        (
            Field("disagreement", "Welke onenigheid?", "Which disagreement?", "select", True,
                  lambda ctx: [(d.id, f"{d.about} ({d.id})") for d in ctx.app.disagreements(ctx.coop, "open")]),
            Field("outcome", "Uitkomst", "Outcome", "textarea", True),
            Field("meeting", "Op welke bijeenkomst?", "At which meeting?", "select", False, _optional_meetings),
        ),
        "De onenigheid is opgelost.", "The disagreement was resolved.", "/disagreements",
    ),
)

# The budget rounds' forms, and the coordinators' bookkeeping forms, live in modules of
# their own; they use Field and FormSpec above.
from .round_forms import ROUND_FORMS  # noqa: E402
from .workbook_forms import WORKBOOK_FORMS  # noqa: E402

FORMS = (*FORMS, *ROUND_FORMS, *WORKBOOK_FORMS)

FORMS_BY_KEY = {form.key: form for form in FORMS}


def form_to_data(spec: FormSpec, values: dict[str, Any], ctx: Ctx) -> dict[str, Any]:
    """Form values (strings, lists, checkboxes) as the command's plain data."""
    data = spec.to_data(values, ctx) if spec.to_data else dict(values)
    defaults = {f.name: f.default for f in attrs.fields(spec.command)}
    clean: dict[str, Any] = {}
    for name, value in data.items():
        if name in defaults and defaults[name] is None and (value == "" or value is None):
            continue  # an optional reference or date left empty
        clean[name] = value
    return clean
