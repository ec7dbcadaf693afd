"""Record the BoTu agreement of 2021 into a store and print its current state.

    python examples/botu_2021.py [DATABASE]     (default: botu.db in this folder)

Running it twice changes nothing the second time: every step has an idempotency key.
"""

from __future__ import annotations

import sys

from botu_core import Cooperations, Money, label, load_botu_2021, show_date

def main(url: str = "botu.db") -> None:
    with Cooperations(url) as app:
        coop_id = load_botu_2021(app)
        print_state(app, coop_id)


def print_state(app: Cooperations, coop_id: str) -> None:
    coop = app.cooperation(coop_id)
    agreement = app.agreement(coop_id)
    print(f"{coop.name} — {coop.neighbourhood}")
    print(f"Opgericht / founded: {show_date(coop.founded_on)} · {coop.events} gebeurtenissen in het logboek")
    print()
    print(f"Overeenkomst versie {agreement.version}: {agreement.title}")
    print(f"  loopt tot {show_date(agreement.end_date)} · {len(agreement.values)} waarden, "
          f"{len(agreement.goals)} doelen, {len(agreement.working_agreements)} afspraken over samenwerking")
    print(f"  ondertekend door {len(agreement.signatures)} partij(en) in deze versie")
    print()
    parties = app.parties(coop_id)
    print(f"Partijen ({len(parties)}):")
    for p in parties:
        role = " · coördinator" if p.coordinator else ""
        print(f"  {p.id:10} {p.name:36} {label(p.kind, kind='party_kind')}{role}")
    print()
    print("Werkboek — projecten:")
    for pr in app.projects(coop_id):
        benefits = ", ".join(label(b, kind="co_benefit") for b in pr.co_benefits)
        print(f"  {pr.id:10} {pr.title} ({label(pr.status, kind='project_status')})")
        print(f"             contact: {pr.contact_name} · meekoppelkansen: {benefits}")
        print(f"             toegekend {pr.allocated.dutch()} · uitgegeven {pr.spent.dutch()} · "
              f"voordeel {pr.benefit_euros.dutch()} en {pr.benefit_co2_kg} kg CO2")
    print()
    print("Energiebegroting:")
    print(f"  {'bron':14} {'jaar':>4} {'beschikbaar':>14} {'toegekend':>14} {'uitgegeven':>14} {'over':>14}")
    lines = app.budget(coop_id)
    for b in lines:
        print(f"  {b.source:14} {b.year:>4} {b.available.dutch():>14} {b.allocated.dutch():>14} "
              f"{b.spent.dutch():>14} {b.left.dutch():>14}")
    total = Money(sum(b.available.cents for b in lines))
    left = Money(sum(b.left.cents for b in lines))
    print(f"  {'totaal':14} {'':>4} {total.dutch():>14} {'':>14} {'':>14} {left.dutch():>14}")
    print()
    required = {y.year: y.required_plenary_meetings for y in app.compliance(coop_id)}
    print("Bijeenkomsten per jaar (wat de overeenkomst van dat jaar vraagt):")
    for year, kinds in app.meetings_per_year(coop_id).items():
        print(f"  {year}: {kinds['plenary']} bijeenkomsten (afgesproken: minstens {required.get(year, 0)}), "
              f"{kinds['consultation']} keer overleg, {kinds['evaluation']} evaluatie")
    print()
    print("Onenigheid:")
    for d in app.disagreements(coop_id):
        print(f"  {d.id}: {d.about} — {label(d.status, kind='disagreement_status')}" + (f": {d.outcome}" if d.outcome else ""))
    print()
    benefits_total = app.benefits(coop_id)
    print(f"Voordeel voor bewoners: {benefits_total.total_euros.dutch()} en {benefits_total.total_co2_kg} kg CO2")
    print()
    print("Naleving per jaar:")
    for year in app.compliance(coop_id):
        verdict = "in orde" if year.ok else f"{len(year.findings)} aandachtspunt(en)"
        print(f"  {year.year}: {verdict}")
        for finding in year.findings:
            print(f"    - {finding.message_nl}")


if __name__ == "__main__":
    main(*sys.argv[1:2])
