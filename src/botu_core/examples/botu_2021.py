"""The BoTu cooperation agreement (samenwerkingsovereenkomst) of 2021, as a history.

Values, goals and working agreements are quoted from the agreement text as written.
The parties are fictional people and organisations of every kind the text names (free
texts such as decisions and minutes name people by their id, not their name, so that
forgetting a person leaves their name nowhere);
the five projects, the budget of €50,000 from BoTu2028 and €50,000 from Aardgasvrij
in 2021, and the yearly evaluation and revision follow the text. Every command has
an idempotency key, so recording the history twice changes nothing the second time.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ..agreement import AdoptAgreement, ChooseCoordinators, ReviseAgreement
from ..budget import AllocateBudget, MakeFundsAvailable, RecordSpending
from ..disagreements import DiscussDisagreement, RaiseDisagreement, ResolveDisagreement
from ..evaluations import RecordEvaluation
from ..meetings import GiveOpinion, ProposeDecision, RecordDecision, RecordMeeting
from ..parties import JoinParty, SignAgreement
from ..serialization import terms_to_data
from ..projects import DefineIndicator, MeasureIndicator, RecordBenefit, StartProject
from ..values import AgreementTerms, Clause, CoBenefit, MeetingKind, Money, PartyKind, Stance

BOTU_2021_SLUG = "botu"
D = dt.date

VALUES = (
    Clause(
        "gelijkwaardigheid",
        "We werken op basis van gelijkwaardigheid. Dit betekent: bij alles wat we doen, hebben we oog "
        "voor de ander en luisteren we naar elkaar. We werken echt samen.",
    ),
    Clause(
        "zeggenschap-bewoners",
        "Bewoners hebben zeggenschap, eigenaarschap en kunnen meepraten. Iedereen heeft zo "
        "verantwoordelijkheid in de energietransitie. Ideeën en meningen van bewoners zijn net zo "
        "belangrijk als die van organisaties. Ieders bijdrage is een onderdeel van de oplossing.",
    ),
    Clause(
        "heldere-informatie",
        "Alle informatie en communicatie is helder en duidelijk, neutraal en voor iedereen te begrijpen. "
        "Als het even kan, bespreken we vooraf wat we bekendmaken.",
    ),
    Clause(
        "open-en-transparant",
        "We zijn open en transparant over de voor- en nadelen en de kosten en opbrengsten van de "
        "verschillende maatregelen. Dat betekent dat we eerlijk zijn tegen elkaar, ook als we iets "
        "(nog) niet kunnen delen.",
    ),
    Clause(
        "diversiteit-en-inclusiviteit",
        "We doen ons best om de diversiteit en inclusiviteit te vergroten (verschillende doelgroepen, "
        "groot en klein, goed en minder goed georganiseerd) bij het bedenken, besluiten en uitvoeren.",
    ),
    Clause(
        "creatief-en-onderzoek",
        "We zijn creatief en gebruiken onderzoek om vernieuwende plannen te maken die passen bij onze "
        "wijk. Soms proberen we uit of iets werkt, voordat we er een besluit over nemen.",
    ),
    Clause(
        "bereikbaar",
        "Mensen die meedoen in projecten zijn makkelijk bereikbaar voor iedereen: we delen onze namen "
        "en nummers.",
    ),
)

GOALS = (
    Clause(
        "meekoppelkansen",
        "We werken samen aan de overgang naar duurzame energie. Daarbij kijken we ook naar de "
        "meekoppelkansen: de extra dingen die we in de wijk kunnen verbeteren tegelijk met de "
        "energietransitie. Denk bijvoorbeeld aan kansen voor een opleiding of werk (wijkontwikkeling en "
        "wijkwerk), zorg, taal, armoede (minder schulden), gezelligheid en zorg voor elkaar. En "
        "bijvoorbeeld ook kansen voor verbetering en vergroening van de straten na werkzaamheden.",
    ),
    Clause(
        "betaalbare-energie",
        "We werken aan betaalbare en betrouwbare energie voor bewoners van BoTu. Daarmee willen we "
        "voorkomen dat de nieuwe energie te duur is, waardoor mensen het niet kunnen betalen of in de "
        "schulden komen.",
    ),
    Clause(
        "co2-besparen",
        "We doen dingen die zoveel mogelijk CO2 besparen, en die haalbaar en betaalbaar zijn.",
    ),
    Clause(
        "bewoners-betrekken",
        "Organisaties die maatregelen nemen (zoals de gemeente, de corporatie of de "
        "energieleverancier), betrekken bewoners en organisaties in de wijk. Daarvoor gebruiken ze "
        "zoveel mogelijk initiatieven en mensen die in BoTu al bezig zijn met duurzaamheid of dat graag "
        "zouden willen. We zorgen voor een goede relatie met alle betrokkenen.",
    ),
    Clause(
        "mening-geven",
        "Alle mensen en partijen die te maken hebben met de energietransitie, kunnen hun mening geven "
        "bij besluiten over de transitie. Waar mogelijk gaan we samen over de kosten overleggen.",
    ),
)

WORKING_AGREEMENTS = (
    Clause(
        "elkaar-opzoeken",
        "Bedrijven, organisaties en bewonersinitiatieven, groot of klein, zoeken elkaar op. Zo kunnen "
        "zij elkaars netwerk, talent en momenten gebruiken. Alle partijen krijgen een passende plek "
        "aan tafel.",
    ),
    Clause(
        "verschillen-in-snelheid",
        "We hebben aandacht voor de verschillen in snelheid bij verschillende partijen. Sommige mensen "
        "of organisaties gaan sneller dan andere. We passen waar mogelijk ons tempo aan.",
    ),
    Clause(
        "iedereen-doet-mee",
        "We blijven samen onderzoeken en uitproberen hoe iedereen in de wijk kan (blijven) meedoen. "
        "Daarvoor moeten we dezelfde taal spreken. Zo begrijpen we elkaar goed.",
    ),
    Clause(
        "blijven-samenwerken",
        "Ook op momenten dat we het oneens zijn met elkaar, blijven we samenwerken. We zoeken elkaar "
        "op, ook dan.",
    ),
    Clause(
        "inclusief",
        "De samenwerking blijft inclusief. Dat betekent dat nieuwe partijen altijd mee kunnen doen.",
    ),
    Clause(
        "elkaar-aanspreken",
        "Op een positieve manier spreken we elkaar aan op de gezamenlijke doelen en waarden. In een "
        "goed gesprek kunnen we leren van ervaringen en meningen van anderen.",
    ),
    Clause(
        "ruimte-voor-inbreng",
        "Bij het samenwerken in projecten werken we aan het resultaat van onze doelen. We bieden "
        "daarbij ruimte voor ieders inbreng naar mogelijkheden.",
    ),
)

ORGANISATION = (
    "Samen houden wij in de gaten of iedereen zich aan de afspraken houdt. Daarvoor komen wij "
    "tenminste 3 keer per jaar bij elkaar. Energiewijk BoTu is het maandelijkse overleg van betrokken "
    "partijen en initiatieven die bezig zijn met de energietransitie in de wijk. Energiewijk BoTu "
    "maakt ook een participatieve energiebegroting, waarover we samen overleggen. In 2021 is er "
    "€50.000,- vanuit BoTu2028 en €50.000,- vanuit Aardgasvrij beschikbaar. Vanuit het "
    "Energienetwerk in BoTu kiezen we een aantal mensen die dit proces regelen. Elk jaar beoordelen "
    "we het proces, de doelen en de resultaten. We sluiten aan bij Veerkrachtig BoTu2028. Ook deze "
    "samenwerking duurt daarom in elk geval tot 2028."
)


def terms_2021() -> AgreementTerms:
    return AgreementTerms(
        title="Samenwerkingsovereenkomst Energietransitie Bospolder-Tussendijken",
        values=VALUES,
        goals=GOALS,
        working_agreements=WORKING_AGREEMENTS,
        end_date=D(2028, 12, 31),
        organisation=ORGANISATION,
    )


def terms_2022() -> AgreementTerms:
    """Version 2: what the evaluation of 2021 changed."""
    revised = tuple(
        Clause(
            c.key,
            c.text + " Verslagen van het maandelijkse overleg zijn voor iedereen te lezen.",
        )
        if c.key == "heldere-informatie"
        else c
        for c in VALUES
    )
    return AgreementTerms(
        title="Samenwerkingsovereenkomst Energietransitie Bospolder-Tussendijken",
        values=revised,
        goals=GOALS,
        working_agreements=WORKING_AGREEMENTS
        + (
            Clause(
                "nieuwe-reeks",
                "Elk jaar beginnen we samen een nieuwe reeks projecten en initiatieven. Die nemen we op "
                "in het werkboek (de 'klapper').",
            ),
        ),
        end_date=D(2028, 12, 31),
        organisation=ORGANISATION,
    )


PROJECTS = [
    (
        "Sociaal incasseren",
        "Betrokkenen werken samen aan sociaal incasseren. We hebben aandacht voor de persoon achter de "
        "schulden, niet alleen voor de schulden zelf. Zo gaan we energiearmoede tegen en verminderen "
        "we het aantal mensen met een schuld.",
        "Woningcorporatie Delfshaven Wonen",
        ("betaalbare-energie", "gelijkwaardigheid"),
        (CoBenefit.POVERTY, CoBenefit.CARE),
    ),
    (
        "Duurzame buurthuiskamers",
        "Buurthuiskamers in Bospolder-Tussendijken worden duurzaam en plannen activiteiten. Mensen maken "
        "hier kennis met duurzaam leven en duurzame technieken en raken vertrouwd met de "
        "energietransitie. Zo vergroten we het eigenaarschap.",
        "Buurthuiskamer Tussendijken",
        ("meekoppelkansen", "zeggenschap-bewoners"),
        (CoBenefit.SOCIAL_COHESION, CoBenefit.EDUCATION),
    ),
    (
        "€ én CO2-voordeel stapelen",
        "We ondersteunen projecten die CO2- én euro-voordeel voor bewoners opleveren. Bewoners worden "
        "opgeleid tot milieu- en energiecoach en geven voorlichting over energiebesparing. Zo komen er "
        "kansen op werk en opleiding, daalt de CO2-uitstoot en blijft het geld in de wijk.",
        "Energiecoöperatie BoTu Zon",
        ("co2-besparen", "betaalbare-energie"),
        (CoBenefit.WORK, CoBenefit.EDUCATION),
    ),
    (
        "Inzet van sociale teams",
        "Bij werkzaamheden van de gebiedsaanpak is er contact met bewoners. We gebruiken dat om meer "
        "bewoners te spreken, talenten in de wijk te ontdekken, te horen waar mensen behoefte aan "
        "hebben en te zien wie hulp nodig heeft.",
        "Wijkteam Delfshaven",
        ("bewoners-betrekken", "diversiteit-en-inclusiviteit"),
        (CoBenefit.CARE, CoBenefit.SOCIAL_COHESION),
    ),
    (
        "Social return on investment",
        "We zorgen voor werk en opleidingen voor de wijk bij alles wat partijen in de wijk doen, zoals "
        "het werk van de woningcorporatie, de gemeente en bedrijven. Aanbieders van werk en opleiding "
        "in de wijk kunnen zo makkelijk mogelijk aanhaken.",
        "Gemeente Rotterdam",
        ("meekoppelkansen",),
        (CoBenefit.WORK, CoBenefit.EDUCATION),
    ),
]


def load_botu_2021(app: Any, *, progress: Any = None) -> str:
    """Record the example history into ``app`` (a ``Cooperations``); returns the cooperation id.

    ``progress``, when given, is called with (steps done, steps in all) after each step.
    """
    total = 65  # the number of do() steps below
    done = 0

    coop = app.create_cooperation(
        "Energiewijk BoTu",
        slug=BOTU_2021_SLUG,
        neighbourhood="Bospolder-Tussendijken, Rotterdam",
        founded_on=D(2021, 7, 1),
        idempotency_key="botu-2021:found",
    )

    def do(key: str, command: object) -> Any:
        nonlocal done
        result = app.execute(coop, command, idempotency_key=f"botu-2021:{key}")
        done += 1
        if progress is not None:
            progress(done, total)
        return result

    # Who takes part: every kind of party the text names.
    parties = [
        ("Fatima El Amrani", PartyKind.RESIDENT, "06 1234 5678", "fatima@example.nl", True),
        ("Henk de Vries", PartyKind.RESIDENT, "06 2345 6789", "", False),
        ("Priya Ramdin", PartyKind.RESIDENT, "", "priya@example.nl", True),
        ("Buurthuiskamer Tussendijken", PartyKind.INITIATIVE, "010 123 4567", "info@buurthuiskamer.example", True),
        ("Energiecoöperatie BoTu Zon", PartyKind.INITIATIVE, "", "zon@botuzon.example", True),
        ("Installatiebedrijf Schiehaven", PartyKind.ENTREPRENEUR, "010 765 4321", "", True),
        ("Gemeente Rotterdam", PartyKind.MUNICIPALITY, "14 010", "", True),
        ("Woningcorporatie Delfshaven Wonen", PartyKind.HOUSING_CORPORATION, "", "wijk@delfshavenwonen.example", True),
        ("Energiebedrijf Stadsenergie", PartyKind.ENERGY_COMPANY, "", "", False),
        ("Wijkteam Delfshaven", PartyKind.OTHER, "010 111 2222", "", True),
    ]
    for i, (name, kind, phone, email, share) in enumerate(parties, start=1):
        do(
            f"join-{i}",
            JoinParty(name=name, kind=kind, phone=phone, email=email, share_contact=share, on=D(2021, 7, 1)),
        )

    do("adopt", AdoptAgreement(terms_2021(), on=D(2021, 9, 15)))

    notes = [
        ("Fatima El Amrani", "Ik teken omdat ik wil dat iedereen in de wijk de energierekening kan betalen.", "bewoner"),
        ("Henk de Vries", "Ik doe mee omdat ik mijn buren wil helpen met isoleren. Bel me gerust.", "bewoner"),
        ("Buurthuiskamer Tussendijken", "Onze huiskamer is open voor iedereen die wil leren over energie.", "initiatief"),
        ("Gemeente Rotterdam", "De gemeente wil luisteren en samen leren; houd ons daaraan.", "wethouder"),
        ("Woningcorporatie Delfshaven Wonen", "We betrekken bewoners bij elke renovatie in de wijk.", "directie"),
    ]
    for i, (party, note, capacity) in enumerate(notes, start=1):
        do(f"sign-{i}", SignAgreement(party=party, note=note, capacity=capacity, on=D(2021, 9, 15)))

    # Energiewijk BoTu: the monthly consultation, July to December 2021.
    monthly = {}
    for month in range(7, 13):
        monthly[month] = do(
            f"monthly-{month}",
            RecordMeeting(
                kind=MeetingKind.MONTHLY,
                held_on=D(2021, month, 6),
                title=f"Energiewijk BoTu {month}/2021",
                attendees=("Buurthuiskamer Tussendijken", "Gemeente Rotterdam", "Fatima El Amrani"),
                minutes="Stand van de projecten en de energiebegroting besproken.",
            ),
        )

    # Plenary meetings: at least three a year.
    plenary_1 = do(
        "plenary-1",
        RecordMeeting(
            kind=MeetingKind.PLENARY,
            held_on=D(2021, 9, 15),
            title="Ondertekening van de samenwerkingsovereenkomst",
            attendees=tuple(p[0] for p in parties),
            minutes="De overeenkomst is vastgesteld en ondertekend. Vijf projecten gaan van start.",
        ),
    )
    decision_coordinators = do(
        "decision-coordinators",
        RecordDecision(
            meeting=plenary_1,
            subject="Coördinatoren",
            text="Een bewoner (party-1) en Buurthuiskamer Tussendijken regelen het proces namens het Energienetwerk.",
        ),
    )
    do(
        "coordinators",
        ChooseCoordinators(
            parties=("Fatima El Amrani", "Buurthuiskamer Tussendijken"),
            decision=decision_coordinators,
            on=D(2021, 9, 15),
        ),
    )

    for i, (title, plan, contact, goals, benefits) in enumerate(PROJECTS, start=1):
        do(
            f"project-{i}",
            StartProject(
                title=title, plan=plan, contact=contact, goals=goals, co_benefits=benefits, on=D(2021, 9, 15)
            ),
        )

    do("funds-botu2028", MakeFundsAvailable(source="BoTu2028", year=2021, amount=Money.parse("50000"), on=D(2021, 9, 15)))
    do(
        "funds-aardgasvrij",
        MakeFundsAvailable(source="Aardgasvrij", year=2021, amount=Money.parse("50000"), on=D(2021, 9, 15)),
    )

    # The budget proposal is put on the table first, so everyone can give an opinion.
    proposal = do(
        "propose-budget",
        ProposeDecision(
            subject="Energiebegroting 2021",
            text="Verdeling van de eerste € 67.500 over de projecten.",
            on=D(2021, 10, 6),
        ),
    )
    opinions = [
        ("Fatima El Amrani", Stance.FOR, "Goed dat de buurthuiskamers geld krijgen."),
        ("Henk de Vries", Stance.AGAINST, "Te weinig voor isolatie van gewone woningen."),
        ("Gemeente Rotterdam", Stance.FOR, ""),
        ("Installatiebedrijf Schiehaven", Stance.NEUTRAL, "Wij willen graag meedoen bij de uitvoering."),
    ]
    for i, (party, stance, comment) in enumerate(opinions, start=1):
        do(f"opinion-{i}", GiveOpinion(decision=proposal, party=party, stance=stance, comment=comment, on=D(2021, 10, 8)))

    plenary_2 = do(
        "plenary-2",
        RecordMeeting(
            kind=MeetingKind.PLENARY,
            held_on=D(2021, 10, 20),
            title="Energiebegroting 2021",
            attendees=tuple(p[0] for p in parties[:8]),
            minutes="De energiebegroting is besproken; de meningen zijn meegenomen.",
        ),
    )
    budget_decision = do(
        "decision-budget",
        RecordDecision(
            meeting=plenary_2,
            subject="Energiebegroting 2021",
            text="We kennen € 67.500 toe aan vier projecten; de rest bewaren we voor nieuwe ideeën.",
            decision=proposal,
        ),
    )
    allocations = [
        ("Duurzame buurthuiskamers", "Aardgasvrij", "20000"),
        ("€ én CO2-voordeel stapelen", "BoTu2028", "25000"),
        ("Sociaal incasseren", "BoTu2028", "12500"),
        ("Social return on investment", "Aardgasvrij", "10000"),
    ]
    allocation_ids = []
    for i, (project, source, amount) in enumerate(allocations, start=1):
        allocation_ids.append(
            do(
                f"allocate-{i}",
                AllocateBudget(
                    project=project,
                    source=source,
                    year=2021,
                    amount=Money.parse(amount),
                    decision=budget_decision,
                    on=D(2021, 10, 20),
                ),
            )
        )
    do(
        "spend-1",
        RecordSpending(
            allocation=allocation_ids[0],
            amount=Money.parse("8.450,00"),
            description="Ledlampen en radiatorfolie voor twee buurthuiskamers",
            on=D(2021, 11, 12),
        ),
    )
    do(
        "spend-2",
        RecordSpending(
            allocation=allocation_ids[1],
            amount=Money.parse("12.000,00"),
            description="Opleiding van acht energiecoaches",
            on=D(2021, 12, 1),
        ),
    )

    # Indicators show that projects keep to the values and goals.
    indicators = [
        ("Sociaal incasseren", "Huishoudens met een betalingsregeling", "huishoudens", "40", "18"),
        ("Duurzame buurthuiskamers", "Bezoekers van energie-activiteiten", "bezoekers", "300", "145"),
        ("€ én CO2-voordeel stapelen", "Opgeleide energiecoaches", "coaches", "8", "8"),
        ("Inzet van sociale teams", "Gesprekken met bewoners", "gesprekken", "500", "230"),
        ("Social return on investment", "Banen en leerplekken voor de wijk", "plekken", "15", "4"),
    ]
    for i, (project, name, unit, target, value) in enumerate(indicators, start=1):
        indicator = do(
            f"indicator-{i}",
            DefineIndicator(project=project, name=name, unit=unit, target=Decimal(target), on=D(2021, 10, 20)),
        )
        do(
            f"measure-{i}",
            MeasureIndicator(project=project, indicator=indicator, value=Decimal(value), on=D(2021, 12, 15)),
        )
    do(
        "benefit-1",
        RecordBenefit(
            project="€ én CO2-voordeel stapelen",
            euros=Money.parse("9.600,00"),
            co2_kg=Decimal("14200"),
            period_start=D(2021, 10, 1),
            period_end=D(2021, 12, 31),
            note="120 huishoudens kregen een energiebezoek; gemiddeld € 80 en 118 kg CO2 per huishouden.",
        ),
    )
    do(
        "benefit-2",
        RecordBenefit(
            project="Duurzame buurthuiskamers",
            euros=Money.parse("1.250,00"),
            co2_kg=Decimal("2100.5"),
            period_start=D(2021, 11, 1),
            period_end=D(2021, 12, 31),
            note="Lagere energierekening van twee buurthuiskamers.",
        ),
    )

    # A disagreement: raised, discussed, resolved — and everyone keeps working together.
    disagreement = do(
        "disagreement",
        RaiseDisagreement(
            by="Henk de Vries",
            about="Verdeling van de energiebegroting",
            description="Er gaat te weinig geld naar isolatie van gewone woningen.",
            on=D(2021, 10, 25),
        ),
    )
    do(
        "discuss",
        DiscussDisagreement(
            disagreement=disagreement,
            meeting=monthly[11],
            notes="De bewoner heeft de zorg toegelicht; de coaches gaan ook isolatie-advies geven.",
        ),
    )
    plenary_3 = do(
        "plenary-3",
        RecordMeeting(
            kind=MeetingKind.PLENARY,
            held_on=D(2021, 12, 8),
            title="Terugblik en vooruitblik",
            attendees=tuple(p[0] for p in parties[:7]),
            minutes="Projecten lieten zien wat ze bereikt hebben; de onenigheid over de begroting is opgelost.",
        ),
    )
    do(
        "resolve",
        ResolveDisagreement(
            disagreement=disagreement,
            outcome="Energiecoaches geven ook isolatie-advies; in 2022 kijken we opnieuw naar de verdeling.",
            meeting=plenary_3,
        ),
    )

    # The yearly evaluation of 2021, early 2022, and the revision it led to.
    evaluation_meeting = do(
        "evaluation-meeting",
        RecordMeeting(
            kind=MeetingKind.EVALUATION,
            held_on=D(2022, 1, 19),
            title="Evaluatie 2021",
            attendees=tuple(p[0] for p in parties[:8]),
            minutes="We hebben het proces, de doelen en de resultaten van 2021 besproken.",
        ),
    )
    evaluation = do(
        "evaluation-2021",
        RecordEvaluation(
            year=2021,
            process="Het maandelijkse overleg liep goed; bewoners wilden de verslagen kunnen lezen.",
            goals="De doelen blijven hetzelfde; meer aandacht voor betaalbare energie.",
            results="Vijf projecten lopen, acht energiecoaches opgeleid, € 10.850 voordeel voor bewoners.",
            lessons="Verslagen openbaar maken; elk jaar een nieuwe reeks projecten beginnen.",
            meeting=evaluation_meeting,
        ),
    )
    do(
        "revise-2022",
        ReviseAgreement(
            terms_2022(),
            reason="Uit de evaluatie van 2021: verslagen openbaar en elk jaar een nieuwe reeks projecten.",
            evaluation=evaluation,
            on=D(2022, 2, 9),
        ),
    )
    do(
        "sign-v2-1",
        SignAgreement(party="Fatima El Amrani", note="Fijn dat de verslagen nu openbaar zijn.", capacity="bewoner", on=D(2022, 2, 9)),
    )
    return str(coop)


def agreement_template() -> dict[str, Any]:
    """A whole terms document to start a cooperation's own agreement from: BoTu's text of
    2021 with BoTu's commitments (the defaults), to be changed where the agreement differs."""
    return terms_to_data(terms_2021())
