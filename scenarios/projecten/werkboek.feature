# language: nl
Functionaliteit: Het werkboek (de klapper)
  Alle projecten staan in het werkboek. Elk jaar beginnen we samen een nieuwe reeks.

  Regel: "Om te laten zien hoe dat samenwerken op de doelen en waarden in de praktijk gaat, zijn er 5 projecten die we nu al een stap verder hebben gebracht."

    Scenario: Het werkboek van 2021 bevat de vijf projecten uit de overeenkomst
      Gegeven de voorbeeldgeschiedenis van Energiewijk BoTu uit 2021
      Dan staan in de reeks van 2021 van het werkboek deze projecten:
        | project                     | contactpersoon                    |
        | Sociaal incasseren          | Woningcorporatie Delfshaven Wonen |
        | Duurzame buurthuiskamers    | Buurthuiskamer Tussendijken       |
        | € én CO2-voordeel stapelen  | Energiecoöperatie BoTu Zon        |
        | Inzet van sociale teams     | Wijkteam Delfshaven               |
        | Social return on investment | Gemeente Rotterdam                |

  Regel: "Maar er is altijd ruimte voor spontane goede ideeën en elk jaar beginnen we samen een nieuwe reeks projecten en initiatieven. Die projecten nemen we op in het werkboek (de ‘klapper’)."

    Scenario: Een project dat in 2022 begint, hoort bij de reeks van 2022
      Gegeven de voorbeeldgeschiedenis van Energiewijk BoTu uit 2021
      Als het project "Groene gevels" start met het plan "Geveltuinen na de werkzaamheden." en contactpersoon "Priya Ramdin" op 14 april 2022
      Dan staat het project "Groene gevels" in de reeks van 2022 van het werkboek
      En staan er 6 projecten in het werkboek

    Scenario: Twee projecten met dezelfde titel kunnen niet
      Gegeven de voorbeeldgeschiedenis van Energiewijk BoTu uit 2021
      Als het project "Duurzame buurthuiskamers" start met het plan "Nog een keer." en contactpersoon "Priya Ramdin"
      Dan verschijnt de melding "Er is al een project met de titel 'Duurzame buurthuiskamers'."
      En er is niets vastgelegd

    Scenario: Een gestopt project blijft in het werkboek, maar krijgt geen geld meer
      Gegeven de voorbeeldgeschiedenis van Energiewijk BoTu uit 2021
      En het project "Inzet van sociale teams" is gestopt
      Als er "1.000,00" wordt toegekend aan "Inzet van sociale teams" uit "BoTu2028" voor 2021, na het besluit "Energiebegroting 2021"
      Dan verschijnt een melding met "Project 'Inzet van sociale teams' loopt niet meer"
      En er is niets vastgelegd
      En staat het project "Inzet van sociale teams" in het werkboek
