# language: nl
Functionaliteit: Makkelijk bereikbaar
  Wie meedoet in een project, is te vinden: met naam, en met nummer als diegene dat deelt.

  Achtergrond:
    Gegeven de samenwerking "Energiewijk BoTu" die is gestart op 1 juli 2021
    En de overeenkomst van 2021 is vastgesteld op 15 september 2021
    En deze partijen doen mee:
      | naam                        | soort      | telefoon     | deelt gegevens |
      | Buurthuiskamer Tussendijken | initiatief | 010 123 4567 | ja             |

  Regel: "Mensen die meedoen in projecten zijn makkelijk bereikbaar voor iedereen: we delen onze namen en nummers."

    Scenario: Bij een project staat wie de contactpersoon is, met nummer
      Als het project "Duurzame buurthuiskamers" start met het plan "Buurthuiskamers worden duurzaam." en contactpersoon "Buurthuiskamer Tussendijken"
      Dan is "Buurthuiskamer Tussendijken" de contactpersoon van "Duurzame buurthuiskamers"
      En ziet iedereen bij "Buurthuiskamer Tussendijken" het telefoonnummer "010 123 4567"
