# language: nl
Functionaliteit: Het oneens zijn en toch blijven samenwerken
  Soms zijn we het oneens. Dat mag gezegd worden, het wordt besproken en opgelost.
  Wie onenigheid meldt, blijft gewoon meedoen.

  Achtergrond:
    Gegeven de samenwerking "Energiewijk BoTu" die is gestart op 1 juli 2021
    En de overeenkomst van 2021 is vastgesteld op 15 september 2021
    En deze partijen doen mee:
      | naam               | soort    |
      | Henk de Vries      | bewoner  |
      | Gemeente Rotterdam | gemeente |

  Regel: "Ook op momenten dat we het oneens zijn met elkaar, blijven we samenwerken. We zoeken elkaar op, ook dan."

    Scenario: Wie onenigheid meldt, blijft meedoen
      Als "Henk de Vries" onenigheid meldt over "Verdeling van de energiebegroting"
      Dan staat de onenigheid over "Verdeling van de energiebegroting" open
      En doet "Henk de Vries" mee als bewoner
      Maar "Henk de Vries" kan nog steeds de overeenkomst ondertekenen

    Scenario: Onenigheid wordt besproken op een overleg en opgelost
      Gegeven "Henk de Vries" heeft onenigheid gemeld over "Verdeling van de energiebegroting" op 25 oktober 2021
      En er is een maandelijks overleg gehouden op 3 november 2021
      En er is een bijeenkomst gehouden op 8 december 2021
      Als de onenigheid over "Verdeling van de energiebegroting" wordt besproken op het overleg van 3 november 2021
      En de onenigheid over "Verdeling van de energiebegroting" wordt opgelost op de bijeenkomst van 8 december 2021 met "Energiecoaches geven ook isolatie-advies."
      Dan is de onenigheid over "Verdeling van de energiebegroting" opgelost met "Energiecoaches geven ook isolatie-advies."
      En is de onenigheid over "Verdeling van de energiebegroting" besproken op 1 overleg

    Scenario: Onenigheid die lang open blijft, valt op bij de controle
      Gegeven "Henk de Vries" heeft onenigheid gemeld over "Warmtenet" op 1 maart 2026
      Dan meldt de controle over 2026 "Onenigheid 'Warmtenet' staat al 270 dagen open (langer dan 90 dagen)."

    Scenario: Alleen wie meedoet, kan onenigheid melden
      Als "Jan Onbekend" onenigheid meldt over "Warmtenet"
      Dan verschijnt de melding "Er is geen partij 'Jan Onbekend' in deze samenwerking."
      En er is niets vastgelegd

    Scenario: Onenigheid zegt waarover het gaat
      Als "Henk de Vries" onenigheid meldt over ""
      Dan verschijnt de melding "Vul 'waarover' in, dit mag niet leeg zijn."
      En er is niets vastgelegd

    Scenario: Opgeloste onenigheid wordt niet nog eens opgelost
      Gegeven "Henk de Vries" heeft onenigheid gemeld over "Warmtenet"
      En de onenigheid over "Warmtenet" is opgelost
      Als de onenigheid over "Warmtenet" wordt opgelost met "Nog een keer."
      Dan verschijnt een melding met "Onenigheid 'Warmtenet' (disagreement-1) is al opgelost."
      En er is niets vastgelegd
