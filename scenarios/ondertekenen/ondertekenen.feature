# language: nl
Functionaliteit: Ondertekenen met een persoonlijke samenwerkingsnoot (PS)
  Wie meedoet, ondertekent de overeenkomst. In je PS vertel je waarom je tekent
  en met welke 'pet' op.

  Achtergrond:
    Gegeven de samenwerking "Energiewijk BoTu" die is gestart op 1 juli 2021
    En deze partijen doen mee:
      | naam               | soort    |
      | Fatima El Amrani   | bewoner  |
      | Gemeente Rotterdam | gemeente |

  Regel: "JA, IK DOE MEE! Ik onderschrijf deze manier van samenwerken: de doelen, waarden en de eerste concrete projecten."

    Achtergrond:
      Gegeven de overeenkomst van 2021 is vastgesteld op 15 september 2021

    Scenario: Een bewoner ondertekent met een PS
      Als "Fatima El Amrani" de overeenkomst ondertekent met de PS "Ik wil dat iedereen de energierekening kan betalen."
      Dan heeft "Fatima El Amrani" versie 1 van de overeenkomst ondertekend
      En staat bij de handtekening van "Fatima El Amrani" de PS "Ik wil dat iedereen de energierekening kan betalen."

    Scenario: De gemeente ondertekent met de pet van wethouder op
      Als "Gemeente Rotterdam" de overeenkomst ondertekent met de PS "De gemeente wil luisteren en samen leren." en de pet "wethouder"
      Dan staat bij de handtekening van "Gemeente Rotterdam" de pet "wethouder"

    Scenario: Een versie onderteken je één keer
      Gegeven "Fatima El Amrani" heeft de overeenkomst ondertekend
      Als "Fatima El Amrani" de overeenkomst ondertekent met de PS "Nog een keer!"
      Dan verschijnt de melding "Fatima El Amrani heeft versie 1 al ondertekend. Eén handtekening per partij per versie."
      En er is niets vastgelegd

    Scenario: Alleen wie meedoet, kan ondertekenen
      Als "Jan Onbekend" de overeenkomst ondertekent met de PS "Ik teken ook."
      Dan verschijnt de melding "Er is geen partij 'Jan Onbekend' in deze samenwerking."
      En er is niets vastgelegd

    Scenario: Een handtekening heeft een PS
      Als "Fatima El Amrani" de overeenkomst ondertekent met de PS ""
      Dan verschijnt de melding "Vul 'persoonlijke noot (PS)' in, dit mag niet leeg zijn."
      En er is niets vastgelegd

    Scenario: Een versie die niet bestaat, kan niemand ondertekenen
      Als "Fatima El Amrani" versie 7 ondertekent met de PS "Ik teken alvast."
      Dan verschijnt de melding "Versie 7 van de overeenkomst bestaat niet."
      En er is niets vastgelegd

  Regel: Ondertekenen kan pas als er een overeenkomst is

    Scenario: Voordat de overeenkomst is vastgesteld, kan niemand tekenen
      Als "Fatima El Amrani" de overeenkomst ondertekent met de PS "Ik ben er vroeg bij."
      Dan verschijnt de melding "Er is nog geen overeenkomst vastgesteld."
      En er is niets vastgelegd
