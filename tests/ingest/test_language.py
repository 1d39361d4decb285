import pytest

from kroniek.ingest.language import clearly_dutch, detect

DUTCH = ("De regering heeft dinsdag een nieuw plan voorgesteld om de wachtlijsten in de zorg aan te "
         "pakken. Volgens de minister is er geen tijd te verliezen, maar de oppositie vindt dat het "
         "plan te laat komt en te weinig geld op tafel legt voor de verpleging.")  # fmt: skip
AFRIKAANS = ("Die regering het gister aangekondig dat die belasting verhoog sal word. Die minister "
             "van finansies het gesê dat dit nodig is om die begroting te balanseer en die ekonomie "
             "te stimuleer, maar hulle is nie seker nie.")  # fmt: skip
GERMAN = ("Die Bundesregierung hat am Dienstag ein neues Konjunkturpaket vorgestellt. Die "
          "Gewerkschaften bleiben skeptisch gegenüber den vorgeschlagenen Maßnahmen und fordern "
          "mehr Geld für die Arbeiter in der Industrie.")  # fmt: skip
ENGLISH = (
    "The government announced on Tuesday that taxes will be raised to balance the budget, "
    "and the minister said it was needed for the economy and for the people of the country."
)
FRENCH = (
    "Le gouvernement fédéral a annoncé mardi un nouveau plan de relance pour l'économie "
    "wallonne. Les syndicats restent sceptiques face aux mesures proposées par le ministre."
)


@pytest.mark.parametrize(("text", "language"), [
    (DUTCH, "nl"), (AFRIKAANS, "af"), (GERMAN, "de"), (ENGLISH, "en"), (FRENCH, "fr"),
])  # fmt: skip
def test_detect(text, language):
    assert detect(text) == language


def test_fast_path_only_for_clear_dutch():
    assert clearly_dutch(DUTCH)
    assert not clearly_dutch(AFRIKAANS)
    assert not clearly_dutch(GERMAN)


def test_too_short_is_undecided():
    assert detect("Kort.") is None
