# language: nl
Functionaliteit: Looptijd: in elk geval tot 2028
  De samenwerking sluit aan bij Veerkrachtig BoTu2028 en duurt daarom in elk geval tot 2028.
  Dat is een belofte van de overeenkomst van BoTu (een andere samenwerking kan een andere doen).

  Achtergrond:
    Gegeven de samenwerking "Energiewijk BoTu" die is gestart op 1 juli 2021

  Regel: "We sluiten aan bij Veerkrachtig BoTu2028. Ook deze samenwerking duurt daarom in elk geval tot 2028."

    Abstract Scenario: De overeenkomst loopt tot 2028 of later
      Als de overeenkomst van 2021 wordt vastgesteld met einddatum <einddatum>
      Dan loopt de overeenkomst tot <einddatum>

      Voorbeelden:
        | einddatum        |
        | 1 januari 2028   |
        | 31 december 2028 |
        | 30 juni 2030     |

    Abstract Scenario: Een einddatum voor 2028 kan niet
      Als de overeenkomst van 2021 wordt vastgesteld met einddatum <einddatum>
      Dan verschijnt de melding "<melding>"
      En er is niets vastgelegd

      Voorbeelden:
        | einddatum        | melding                                                                                |
        | 31 december 2027 | Versie 1 belooft dat de samenwerking in elk geval loopt tot 1 januari 2028. Een einddatum ervoor kan niet (31 december 2027). |
        | 1 juli 2025      | Versie 1 belooft dat de samenwerking in elk geval loopt tot 1 januari 2028. Een einddatum ervoor kan niet (1 juli 2025). |

    Scenario: Ook een nieuwe versie kan de samenwerking niet voor 2028 laten stoppen
      Gegeven de overeenkomst van 2021 is vastgesteld op 15 september 2021
      En het jaar 2021 is geëvalueerd
      Als de overeenkomst wordt bijgesteld naar de tekst van 2022 met einddatum 31 december 2026, na de evaluatie van 2021
      Dan verschijnt de melding "Versie 1 belooft dat de samenwerking in elk geval loopt tot 1 januari 2028. Een einddatum ervoor kan niet (31 december 2026)."
      En er is niets vastgelegd
      En is versie 1 nog steeds de geldende versie
