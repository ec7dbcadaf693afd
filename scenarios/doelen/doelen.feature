# language: nl
Functionaliteit: Doelen: wat we samen willen bereiken
  Doelen zijn de resultaten die we samen willen bereiken. Projecten laten zien
  aan welke doelen ze werken en wat ze opleveren.

  Achtergrond:
    Gegeven de samenwerking "Energiewijk BoTu" die is gestart op 1 juli 2021
    En de overeenkomst van 2021 is vastgesteld op 15 september 2021
    En deze partijen doen mee:
      | naam                       | soort      |
      | Fatima El Amrani           | bewoner    |
      | Henk de Vries              | bewoner    |
      | Energiecoöperatie BoTu Zon | initiatief |
      | Gemeente Rotterdam         | gemeente   |

  Regel: "Daarbij kijken we ook naar de meekoppelkansen: de extra dingen die we in de wijk kunnen verbeteren tegelijk met de energietransitie."

    Scenario: Een project laat zien welke meekoppelkansen het benut
      Als het project "Energiecoaches" start met contactpersoon "Energiecoöperatie BoTu Zon" en de meekoppelkansen "opleiding, werk, taal"
      Dan benut het project "Energiecoaches" de meekoppelkansen "opleiding, werk, taal"

    Scenario: Een project werkt aan doelen die in de overeenkomst staan
      Als het project "Energiecoaches" start met contactpersoon "Energiecoöperatie BoTu Zon" en de doelen "co2-besparen, betaalbare-energie"
      Dan werkt het project "Energiecoaches" aan de doelen "co2-besparen, betaalbare-energie"

    Scenario: Een doel dat niet in de overeenkomst staat, kan een project niet kiezen
      Als het project "Snel rijk" start met contactpersoon "Energiecoöperatie BoTu Zon" en de doelen "snel-rijk-worden"
      Dan verschijnt de melding "De overeenkomst heeft geen doel of waarde 'snel-rijk-worden'."
      En er is niets vastgelegd

  Regel: "We doen dingen die zoveel mogelijk CO2 besparen, en die haalbaar en betaalbaar zijn." en "We werken aan betaalbare en betrouwbare energie voor bewoners van BoTu."

    Scenario: Het voordeel in euro's en CO2 telt op, per project en voor de hele wijk
      Gegeven het project "Energiecoaches" is gestart met contactpersoon "Energiecoöperatie BoTu Zon"
      En het project "Buurthuiskamer" is gestart met contactpersoon "Fatima El Amrani"
      Als voor "Energiecoaches" een voordeel wordt vastgelegd van "9.600,00" en 14200 kg CO2 van 1 oktober 2021 tot en met 31 december 2021
      En voor "Energiecoaches" een voordeel wordt vastgelegd van "400,50" en 800 kg CO2 van 1 januari 2022 tot en met 31 maart 2022
      En voor "Buurthuiskamer" een voordeel wordt vastgelegd van "1.250,00" en 2100,5 kg CO2 van 1 november 2021 tot en met 31 december 2021
      Dan toont het overzicht van opbrengsten:
        | project        | euro        | kg CO2 |
        | Energiecoaches | € 10.000,50 | 15000  |
        | Buurthuiskamer | € 1.250,00  | 2100,5 |
      En is de opbrengst voor de hele wijk "€ 11.250,50" en 17100,5 kg CO2

    Scenario: Een voordeel over een periode die eindigt voordat hij begint, kan niet
      Gegeven het project "Energiecoaches" is gestart met contactpersoon "Energiecoöperatie BoTu Zon"
      Als voor "Energiecoaches" een voordeel wordt vastgelegd van "100,00" en 50 kg CO2 van 31 december 2021 tot en met 1 oktober 2021
      Dan verschijnt de melding "De periode eindigt voor hij begint."
      En er is niets vastgelegd

  Regel: "Alle mensen en partijen die te maken hebben met de energietransitie, kunnen hun mening geven bij besluiten over de transitie."

    Scenario: Partijen geven hun mening voordat het besluit valt
      Gegeven er ligt een voorstel "Zonnepanelen op het buurthuis" op tafel
      Als "Fatima El Amrani" de mening "voor" geeft over "Zonnepanelen op het buurthuis"
      En "Gemeente Rotterdam" de mening "neutraal" geeft over "Zonnepanelen op het buurthuis"
      En er een bijeenkomst wordt gehouden op 20 oktober 2021
      En op die bijeenkomst wordt besloten over "Zonnepanelen op het buurthuis"
      Dan is het besluit "Zonnepanelen op het buurthuis" genomen
      En staan bij "Zonnepanelen op het buurthuis" de meningen van "Fatima El Amrani, Gemeente Rotterdam"

    Scenario: Na het besluit kan niemand er nog een mening over geven
      Gegeven er ligt een voorstel "Zonnepanelen op het buurthuis" op tafel
      En er is een bijeenkomst gehouden op 20 oktober 2021
      En op de bijeenkomst van 20 oktober 2021 is besloten over "Zonnepanelen op het buurthuis"
      Als "Henk de Vries" de mening "tegen" geeft over "Zonnepanelen op het buurthuis"
      Dan verschijnt een melding met "Besluit 'Zonnepanelen op het buurthuis' (decision-1) is al genomen. Meningen geef je voordat een besluit valt."
      En er is niets vastgelegd

    Scenario: Wie is gestopt met meedoen, geeft geen mening meer
      Gegeven er ligt een voorstel "Zonnepanelen op het buurthuis" op tafel
      En "Henk de Vries" is gestopt met meedoen
      Als "Henk de Vries" de mening "tegen" geeft over "Zonnepanelen op het buurthuis"
      Dan verschijnt de melding "Henk de Vries doet niet (meer) mee. Alleen partijen die meedoen kunnen dit doen."
      En er is niets vastgelegd
