# language: nl
Functionaliteit: Afspraken over samenwerking
  Hoe we met elkaar samenwerken: iedereen kan altijd meedoen, iedereen krijgt
  een plek aan tafel en we begrijpen elkaar.

  Achtergrond:
    Gegeven de samenwerking "Energiewijk BoTu" die is gestart op 1 juli 2021
    En de overeenkomst van 2021 is vastgesteld op 15 september 2021
    En deze partijen doen mee:
      | naam                        | soort      |
      | Fatima El Amrani            | bewoner    |
      | Buurthuiskamer Tussendijken | initiatief |
      | Gemeente Rotterdam          | gemeente   |

  Regel: "De samenwerking blijft inclusief. Dat betekent dat nieuwe partijen altijd mee kunnen doen."

    Scenario: Een nieuwe partij kan jaren later nog meedoen
      Als "Priya Ramdin" meedoet als bewoner op 1 november 2026
      Dan doet "Priya Ramdin" mee als bewoner
      En doet "Priya Ramdin" mee sinds 1 november 2026

    Scenario: Wie gestopt is, kan weer meedoen en blijft dezelfde partij
      Gegeven "Fatima El Amrani" heeft de overeenkomst ondertekend
      En "Fatima El Amrani" is gestopt met meedoen
      Als "Fatima El Amrani" meedoet als bewoner
      Dan doet "Fatima El Amrani" mee als bewoner
      En heeft "Fatima El Amrani" versie 1 van de overeenkomst ondertekend
      En is er maar één partij met de naam "Fatima El Amrani"

    Scenario: Twee partijen met dezelfde naam kunnen niet tegelijk meedoen
      Als "Fatima El Amrani" meedoet als bewoner
      Dan verschijnt de melding "Er doet al een partij mee met de naam 'Fatima El Amrani'."
      En er is niets vastgelegd

    Scenario: Meedoen vanaf een dag in de toekomst kan nog niet
      Als "Priya Ramdin" meedoet als bewoner op 1 januari 2027
      Dan verschijnt de melding "De datum 1 januari 2027 ligt in de toekomst."
      En er is niets vastgelegd

  Regel: "Alle partijen krijgen een passende plek aan tafel."

    Scenario: Bewoners, initiatieven en de gemeente zitten samen aan tafel
      Als er een bijeenkomst wordt gehouden op 6 oktober 2021 met de aanwezigen "Fatima El Amrani, Buurthuiskamer Tussendijken, Gemeente Rotterdam"
      Dan waren bij de bijeenkomst van 6 oktober 2021 aanwezig: "Fatima El Amrani, Buurthuiskamer Tussendijken, Gemeente Rotterdam"

    Scenario: Op de lijst van aanwezigen staan alleen partijen
      Als er een bijeenkomst wordt gehouden op 6 oktober 2021 met de aanwezigen "Fatima El Amrani, Jan Onbekend"
      Dan verschijnt de melding "Er is geen partij 'Jan Onbekend' in deze samenwerking."
      En er is niets vastgelegd

  Regel: "Bij het samenwerken in projecten werken we aan het resultaat van onze doelen. We bieden daarbij ruimte voor ieders inbreng naar mogelijkheden."

    Scenario: Een bewoner kan contactpersoon van een project zijn
      Als het project "Isolatie-avonden" start met het plan "Buren leren elkaar isoleren." en contactpersoon "Fatima El Amrani"
      Dan is "Fatima El Amrani" de contactpersoon van "Isolatie-avonden"

  Regel: "Daarvoor moeten we dezelfde taal spreken. Zo begrijpen we elkaar goed."

    Scenario: Een melding staat er in het Nederlands en in het Engels
      Gegeven "Fatima El Amrani" heeft de overeenkomst ondertekend
      Als "Fatima El Amrani" de overeenkomst ondertekent met de PS "Nog een keer!"
      Dan verschijnt de melding "Fatima El Amrani heeft versie 1 al ondertekend. Eén handtekening per partij per versie."
      En staat dezelfde melding er in het Engels: "Fatima El Amrani has already signed version 1. One signature per party per version."
      En er is niets vastgelegd
