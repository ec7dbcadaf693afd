# language: nl
Functionaliteit: De participatieve energiebegroting
  Energiewijk BoTu maakt een energiebegroting en we overleggen er samen over.
  Geld gaat pas naar een project als er een besluit over is genomen.

  Achtergrond:
    Gegeven de samenwerking "Energiewijk BoTu" die is gestart op 1 juli 2021
    En de overeenkomst van 2021 is vastgesteld op 15 september 2021
    En deze partijen doen mee:
      | naam                        | soort      |
      | Buurthuiskamer Tussendijken | initiatief |
      | Gemeente Rotterdam          | gemeente   |
    En het project "Duurzame buurthuiskamers" is gestart met contactpersoon "Buurthuiskamer Tussendijken"
    En er is in 2021 "€ 50.000,00" beschikbaar uit "BoTu2028"
    En er is in 2021 "€ 50.000,00" beschikbaar uit "Aardgasvrij"
    En er is een bijeenkomst gehouden op 20 oktober 2021
    En op de bijeenkomst van 20 oktober 2021 is besloten over "Energiebegroting 2021"

  Regel: "In 2021 is er €50.000,- vanuit BoTu2028 en €50.000,- vanuit Aardgasvrij beschikbaar."

    Scenario: De begroting van 2021
      Dan toont de energiebegroting van 2021:
        | bron        | beschikbaar | toegekend | uitgegeven | over        |
        | Aardgasvrij | € 50.000,00 | € 0,00    | € 0,00     | € 50.000,00 |
        | BoTu2028    | € 50.000,00 | € 0,00    | € 0,00     | € 50.000,00 |

  Regel: "Energiewijk BoTu maakt ook een participatieve energiebegroting, waarover we samen overleggen."

    Scenario: Na een besluit gaat er geld naar een project
      Als er "€ 20.000,00" wordt toegekend aan "Duurzame buurthuiskamers" uit "Aardgasvrij" voor 2021, na het besluit "Energiebegroting 2021"
      Dan is er in 2021 uit "Aardgasvrij" nog "€ 30.000,00" over
      En heeft het project "Duurzame buurthuiskamers" "€ 20.000,00" toegekend gekregen

    Scenario: Er gaat nooit meer geld uit dan er is
      Als er "€ 50.000,01" wordt toegekend aan "Duurzame buurthuiskamers" uit "BoTu2028" voor 2021, na het besluit "Energiebegroting 2021"
      Dan verschijnt de melding "Dat kan niet: van BoTu2028 is in 2021 nog € 50.000,00 over, en u vraagt € 50.000,01."
      En er is niets vastgelegd

    Scenario: Wat al is toegekend, gaat af van wat er over is
      Gegeven er is "€ 45.000,00" toegekend aan "Duurzame buurthuiskamers" uit "BoTu2028" voor 2021
      Als er "€ 6.000,00" wordt toegekend aan "Duurzame buurthuiskamers" uit "BoTu2028" voor 2021, na het besluit "Energiebegroting 2021"
      Dan verschijnt de melding "Dat kan niet: van BoTu2028 is in 2021 nog € 5.000,00 over, en u vraagt € 6.000,00."
      En er is niets vastgelegd

    Scenario: Geld toekennen kan pas als het besluit echt genomen is
      Gegeven er ligt een voorstel "Energiebegroting 2022" op tafel
      Als er "€ 1.000,00" wordt toegekend aan "Duurzame buurthuiskamers" uit "BoTu2028" voor 2021, na het besluit "Energiebegroting 2022"
      Dan verschijnt een melding met "Besluit 'Energiebegroting 2022' (decision-2) is nog niet genomen."
      En er is niets vastgelegd

    Scenario: Geld komt uit een bron die er is
      Als er "€ 1.000,00" wordt toegekend aan "Duurzame buurthuiskamers" uit "Zonnefonds" voor 2021, na het besluit "Energiebegroting 2021"
      Dan verschijnt de melding "Er is geen geld van 'Zonnefonds' in 2021."
      En er is niets vastgelegd

    Scenario: Bedragen kloppen tot op de cent
      Als er "0,10" wordt toegekend aan "Duurzame buurthuiskamers" uit "BoTu2028" voor 2021, na het besluit "Energiebegroting 2021"
      En er "0,20" wordt toegekend aan "Duurzame buurthuiskamers" uit "BoTu2028" voor 2021, na het besluit "Energiebegroting 2021"
      Dan heeft het project "Duurzame buurthuiskamers" "€ 0,30" toegekend gekregen
      En is er in 2021 uit "BoTu2028" nog "€ 49.999,70" over

  Regel: Wat wordt uitgegeven, past binnen wat is toegekend

    Scenario: Uitgaven worden bijgehouden
      Gegeven er is "€ 20.000,00" toegekend aan "Duurzame buurthuiskamers" uit "Aardgasvrij" voor 2021
      Als er "€ 8.450,00" wordt uitgegeven van de toekenning aan "Duurzame buurthuiskamers"
      Dan toont de energiebegroting van 2021:
        | bron        | beschikbaar | toegekend   | uitgegeven | over        |
        | Aardgasvrij | € 50.000,00 | € 20.000,00 | € 8.450,00 | € 30.000,00 |
        | BoTu2028    | € 50.000,00 | € 0,00      | € 0,00     | € 50.000,00 |

    Scenario: Er wordt niet meer uitgegeven dan er is toegekend
      Gegeven er is "€ 20.000,00" toegekend aan "Duurzame buurthuiskamers" uit "Aardgasvrij" voor 2021
      Als er "€ 20.000,01" wordt uitgegeven van de toekenning aan "Duurzame buurthuiskamers"
      Dan verschijnt een melding met "van toekenning voor 'Duurzame buurthuiskamers' (allocation-1) is nog € 20.000,00 over, en de uitgave is € 20.000,01."
      En er is niets vastgelegd

    Scenario: Een toekenning intrekken geeft het geld terug aan de begroting
      Gegeven er is "€ 20.000,00" toegekend aan "Duurzame buurthuiskamers" uit "Aardgasvrij" voor 2021
      Als de toekenning aan "Duurzame buurthuiskamers" wordt ingetrokken
      Dan is er in 2021 uit "Aardgasvrij" nog "€ 50.000,00" over

    Scenario: Een toekenning waar al geld van is uitgegeven, kan niet worden ingetrokken
      Gegeven er is "€ 20.000,00" toegekend aan "Duurzame buurthuiskamers" uit "Aardgasvrij" voor 2021
      En er is "€ 500,00" uitgegeven van de toekenning aan "Duurzame buurthuiskamers"
      Als de toekenning aan "Duurzame buurthuiskamers" wordt ingetrokken
      Dan verschijnt een melding met "kan niet worden ingetrokken: er is al € 500,00 van uitgegeven."
      En er is niets vastgelegd
