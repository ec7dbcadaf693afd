# language: nl
Functionaliteit: Energiewijk BoTu: het maandelijkse overleg
  Energiewijk BoTu is het overleg van partijen en initiatieven, elke maand.
  Uit het Energienetwerk kiezen we mensen die het proces regelen.

  Achtergrond:
    Gegeven de samenwerking "Energiewijk BoTu" die is gestart op 1 juli 2021
    En de overeenkomst van 2021 is vastgesteld op 15 september 2021
    En deze partijen doen mee:
      | naam                        | soort      |
      | Fatima El Amrani            | bewoner    |
      | Henk de Vries               | bewoner    |
      | Buurthuiskamer Tussendijken | initiatief |

  Regel: "Energiewijk BoTu is het maandelijkse overleg van betrokken partijen en initiatieven die bezig zijn met de energietransitie in de wijk."

    Scenario: Elke maand een overleg
      Gegeven er is een maandelijks overleg gehouden in elke maand van juli tot en met december 2021
      Dan mist de controle over 2021 geen enkel maandelijks overleg

    Scenario: Een maand zonder overleg valt op
      Gegeven er is een maandelijks overleg gehouden in elke maand van juli tot en met december 2021, behalve september
      Dan meldt de controle over 2021 "In 2021 was er geen maandelijks overleg in maand 9."

  Regel: "Vanuit het Energienetwerk in BoTu kiezen we een aantal mensen die dit proces regelen."

    Scenario: Partijen worden gekozen om het proces te regelen
      Als "Fatima El Amrani, Buurthuiskamer Tussendijken" worden gekozen als coördinatoren
      Dan zijn de coördinatoren "Fatima El Amrani, Buurthuiskamer Tussendijken"

    Scenario: Wie niet meer meedoet, kan geen coördinator worden
      Gegeven "Henk de Vries" is gestopt met meedoen
      Als "Henk de Vries" worden gekozen als coördinatoren
      Dan verschijnt de melding "Henk de Vries doet niet (meer) mee. Alleen partijen die meedoen kunnen dit doen."
      En er is niets vastgelegd

    Scenario: Er moet minstens één coördinator gekozen worden
      Als niemand wordt gekozen als coördinator
      Dan verschijnt de melding "Kies minstens één coördinator."
      En er is niets vastgelegd
