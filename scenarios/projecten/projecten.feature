# language: nl
Functionaliteit: Projecten: met een plan en een contactpersoon
  We willen resultaten zien in de wijk, met concrete projecten. Elk project begint
  met een plan en een contactpersoon, en laat met indicatoren zien hoe het gaat.

  Achtergrond:
    Gegeven de samenwerking "Energiewijk BoTu" die is gestart op 1 juli 2021
    En de overeenkomst van 2021 is vastgesteld op 15 september 2021
    En deze partijen doen mee:
      | naam                        | soort      |
      | Buurthuiskamer Tussendijken | initiatief |
      | Henk de Vries               | bewoner    |

  Regel: "Bij elk project maken we aan het begin met elkaar een plan, daar staat in wat we met elkaar gaan doen en wie de contactpersoon is namens het project."

    Scenario: Een project begint met een plan en een contactpersoon
      Als het project "Duurzame buurthuiskamers" start met het plan "Buurthuiskamers worden duurzaam en plannen activiteiten." en contactpersoon "Buurthuiskamer Tussendijken"
      Dan staat het project "Duurzame buurthuiskamers" in het werkboek
      En is het plan van "Duurzame buurthuiskamers": "Buurthuiskamers worden duurzaam en plannen activiteiten."
      En is "Buurthuiskamer Tussendijken" de contactpersoon van "Duurzame buurthuiskamers"

    Scenario: Zonder plan begint een project niet
      Als het project "Duurzame buurthuiskamers" start met het plan "" en contactpersoon "Buurthuiskamer Tussendijken"
      Dan verschijnt de melding "Vul 'plan' in, dit mag niet leeg zijn."
      En er is niets vastgelegd

    Scenario: De contactpersoon is iemand die meedoet
      Als het project "Duurzame buurthuiskamers" start met het plan "Buurthuiskamers worden duurzaam." en contactpersoon "Jan Onbekend"
      Dan verschijnt de melding "Er is geen partij 'Jan Onbekend' in deze samenwerking."
      En er is niets vastgelegd

    Scenario: Wie gestopt is met meedoen, kan geen contactpersoon worden
      Gegeven "Henk de Vries" is gestopt met meedoen
      Als het project "Isolatie-avonden" start met het plan "Buren leren elkaar isoleren." en contactpersoon "Henk de Vries"
      Dan verschijnt de melding "Henk de Vries doet niet (meer) mee. Alleen partijen die meedoen kunnen dit doen."
      En er is niets vastgelegd

  Regel: "We laten in de projecten zien dat we ons aan die waarden en doelen houden. Dat laten we zien we door indicatoren op te stellen."

    Scenario: Een project stelt een indicator op en meet hoe het gaat
      Gegeven het project "Duurzame buurthuiskamers" is gestart met contactpersoon "Buurthuiskamer Tussendijken"
      Als voor "Duurzame buurthuiskamers" de indicator "Bezoekers van energie-activiteiten" wordt opgesteld met doel 300
      En voor "Duurzame buurthuiskamers" bij "Bezoekers van energie-activiteiten" 145 wordt gemeten
      Dan heeft "Duurzame buurthuiskamers" de indicator "Bezoekers van energie-activiteiten" met doel 300 en als laatste meting 145

    Scenario: Een project zonder indicatoren valt op bij de controle
      Gegeven het project "Duurzame buurthuiskamers" is gestart met contactpersoon "Buurthuiskamer Tussendijken"
      Dan meldt de controle over 2026 "Project 'Duurzame buurthuiskamers' heeft geen indicatoren."

    Scenario: Een project met een indicator valt niet op bij de controle
      Gegeven het project "Duurzame buurthuiskamers" is gestart met contactpersoon "Buurthuiskamer Tussendijken"
      Als voor "Duurzame buurthuiskamers" de indicator "Bezoekers van energie-activiteiten" wordt opgesteld met doel 300
      Dan meldt de controle over 2026 niets over projecten zonder indicatoren

    Scenario: Een project heeft een indicator maar één keer
      Gegeven het project "Duurzame buurthuiskamers" is gestart met contactpersoon "Buurthuiskamer Tussendijken"
      En voor "Duurzame buurthuiskamers" is de indicator "Bezoekers" opgesteld
      Als voor "Duurzame buurthuiskamers" de indicator "Bezoekers" wordt opgesteld met doel 300
      Dan verschijnt de melding "Dit project heeft al een indicator 'Bezoekers'."
      En er is niets vastgelegd

    Scenario: Meten kan alleen bij een indicator die is opgesteld
      Gegeven het project "Duurzame buurthuiskamers" is gestart met contactpersoon "Buurthuiskamer Tussendijken"
      Als voor "Duurzame buurthuiskamers" bij "Bezoekers" 145 wordt gemeten
      Dan verschijnt de melding "Er is geen indicator 'Bezoekers' bij dit project."
      En er is niets vastgelegd
