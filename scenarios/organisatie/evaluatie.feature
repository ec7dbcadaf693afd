# language: nl
Functionaliteit: Elk jaar evalueren we
  Elk jaar kijken we samen terug: hoe ging het proces, hoe staat het met de doelen,
  en wat zijn de resultaten?

  Achtergrond:
    Gegeven de samenwerking "Energiewijk BoTu" die is gestart op 1 juli 2021
    En de overeenkomst van 2021 is vastgesteld op 15 september 2021

  Regel: "Elk jaar beoordelen we het proces, de doelen en de resultaten."

    Scenario: Het jaar wordt geëvalueerd, ook als dat begin volgend jaar gebeurt
      Als het jaar 2022 wordt geëvalueerd op 18 januari 2023
      Dan is het jaar 2022 geëvalueerd
      En meldt de controle over 2022 niets over de evaluatie

    Scenario: Een jaar zonder evaluatie valt op
      Dan meldt de controle over 2022 "Het jaar 2022 is niet geëvalueerd."

    Scenario: Een jaar wordt maar één keer geëvalueerd
      Gegeven het jaar 2022 is geëvalueerd
      Als het jaar 2022 wordt geëvalueerd op 1 februari 2023
      Dan verschijnt de melding "Het jaar 2022 is al geëvalueerd."
      En er is niets vastgelegd

    Scenario: Een evaluatie zegt iets over het proces
      Als het jaar 2022 wordt geëvalueerd zonder iets over het proces te zeggen
      Dan verschijnt de melding "Vul 'proces' in, dit mag niet leeg zijn."
      En er is niets vastgelegd
