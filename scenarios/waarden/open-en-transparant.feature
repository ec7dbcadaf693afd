# language: nl
Functionaliteit: Open en transparant over kosten en opbrengsten
  Iedereen kan zien hoeveel geld er is, waar het naartoe gaat en wat het oplevert.

  Achtergrond:
    Gegeven de voorbeeldgeschiedenis van Energiewijk BoTu uit 2021

  Regel: "We zijn open en transparant over de voor- en nadelen en de kosten en opbrengsten van de verschillende maatregelen."

    Scenario: Iedereen ziet hoeveel geld er is, wat er is toegekend en wat er over is
      Dan toont de energiebegroting van 2021:
        | bron        | beschikbaar | toegekend   | uitgegeven  | over        |
        | Aardgasvrij | € 50.000,00 | € 30.000,00 | € 8.450,00  | € 20.000,00 |
        | BoTu2028    | € 50.000,00 | € 37.500,00 | € 12.000,00 | € 12.500,00 |

    Scenario: Bij elk bedrag dat is toegekend, staat het besluit waar het uit komt
      Dan hoort bij elke toekenning een genomen besluit
      En komen alle toekenningen van 2021 uit het besluit "Energiebegroting 2021"

    Scenario: Iedereen ziet wat de projecten opleveren
      Dan toont het overzicht van opbrengsten:
        | project                    | euro       | kg CO2  |
        | Duurzame buurthuiskamers   | € 1.250,00 | 2100.5  |
        | € én CO2-voordeel stapelen | € 9.600,00 | 14200   |
      En is de opbrengst voor de hele wijk "€ 10.850,00" en 16300.5 kg CO2

    Scenario: Voor- en tegenstemmen blijven zichtbaar, ook na het besluit
      Dan staan bij "Energiebegroting 2021" deze meningen:
        | voor | tegen | neutraal |
        | 2    | 1     | 1        |
      En staat bij "Energiebegroting 2021" de mening van "Henk de Vries" als "tegen"
