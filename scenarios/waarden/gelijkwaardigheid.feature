# language: nl
Functionaliteit: Gelijkwaardig samenwerken
  Waarden zeggen iets over wat we belangrijk vinden in de samenwerking.
  Iedere partij telt even zwaar mee: een bewoner net zo veel als de gemeente.

  Achtergrond:
    Gegeven de samenwerking "Energiewijk BoTu" die is gestart op 1 juli 2021
    En de overeenkomst van 2021 is vastgesteld op 15 september 2021
    En deze partijen doen mee:
      | naam               | soort    |
      | Fatima El Amrani   | bewoner  |
      | Henk de Vries      | bewoner  |
      | Gemeente Rotterdam | gemeente |
    En er ligt een voorstel "Energiebegroting 2022" op tafel

  Regel: "Ideeën en meningen van bewoners zijn net zo belangrijk als die van organisaties."

    Scenario: De mening van een bewoner telt even zwaar als die van de gemeente
      Als "Fatima El Amrani" de mening "voor" geeft over "Energiebegroting 2022"
      En "Gemeente Rotterdam" de mening "tegen" geeft over "Energiebegroting 2022"
      Dan staan bij "Energiebegroting 2022" deze meningen:
        | voor | tegen | neutraal |
        | 1    | 1     | 0        |

    Scenario: Wie twee keer een mening geeft, telt maar één keer mee
      Als "Henk de Vries" de mening "voor" geeft over "Energiebegroting 2022"
      En "Henk de Vries" de mening "tegen" geeft over "Energiebegroting 2022"
      Dan staan bij "Energiebegroting 2022" deze meningen:
        | voor | tegen | neutraal |
        | 0    | 1     | 0        |
      En staat bij "Energiebegroting 2022" de mening van "Henk de Vries" als "tegen"

  Regel: "We werken op basis van gelijkwaardigheid. (...) We werken echt samen."

    Scenario: Alleen partijen die meedoen geven een mening
      Als "Jan Onbekend" de mening "voor" geeft over "Energiebegroting 2022"
      Dan verschijnt de melding "Er is geen partij 'Jan Onbekend' in deze samenwerking."
      En er is niets vastgelegd
