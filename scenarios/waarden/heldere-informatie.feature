# language: nl
Functionaliteit: Heldere informatie voor iedereen
  Wat de software laat zien, is in gewone taal. Gaat er iets mis,
  dan zegt een melding in gewone woorden wat er mis is en hoe het wel kan.
  Er wordt dan niets vastgelegd.

  Achtergrond:
    Gegeven de samenwerking "Energiewijk BoTu" die is gestart op 1 juli 2021

  Regel: "Alle informatie en communicatie is helder en duidelijk, neutraal en voor iedereen te begrijpen."

    Abstract Scenario: Een bedrag mag je op verschillende manieren schrijven
      Als er in 2022 "<bedrag>" beschikbaar komt uit "BoTu2028"
      Dan is er in 2022 "€ 12.500,00" beschikbaar uit "BoTu2028"

      Voorbeelden:
        | bedrag      |
        | 12500       |
        | 12500,00    |
        | 12.500      |
        | 12.500,00   |
        | € 12.500,00 |

    Abstract Scenario: Een bedrag dat niet klopt, krijgt een duidelijke melding
      Als er in 2022 "<bedrag>" beschikbaar komt uit "BoTu2028"
      Dan verschijnt de melding "<melding>"
      En er is niets vastgelegd

      Voorbeelden:
        | bedrag   | melding                                                                              |
        | 1.5,5    | '1.5,5' is geen geldig bedrag. Schrijf een bedrag als 25.000 of 12,50.               |
        | 12500.00 | '12500.00' is geen geldig bedrag. Schrijf een bedrag als 25.000 of 12,50.            |
        | 12,505   | '12,505' heeft meer dan twee cijfers achter de komma. Een bedrag is in hele centen.  |
        | 12,500   | '12,500' heeft meer dan twee cijfers achter de komma. Een bedrag is in hele centen.  |
        | twaalf   | 'twaalf' is geen geldig bedrag. Schrijf een bedrag als 25.000 of 12,50.              |
        | 0        | Het bedrag moet groter zijn dan € 0,00.                                              |
