"""Names to identities: one expert whatever the spelling, one outlet per alias."""

from pathlib import Path

import pytest

from data.organisation import ExpertRef, Organisation, OutletRef, load_organisation
from data.resolve import OutletIndex, Roster

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def org():
    return load_organisation(ROOT / "examples" / "ifri")


@pytest.fixture(scope="module")
def roster(org):
    return Roster.from_organisation(org)


@pytest.fixture(scope="module")
def outlets(org):
    return OutletIndex.from_organisation(org)


@pytest.mark.parametrize(
    "text",
    [
        "Thomas GOMART, directeur de l'Ifri",
        "selon thomas gomart",
        "T. Gomart a répondu",
        "GOMART, invité",
    ],
)
def test_an_expert_is_recognised_in_any_spelling(roster, text):
    assert roster.find(text) == ["Thomas Gomart"]


@pytest.mark.parametrize(
    "text, name",
    [
        ("Tatiana KASTOUEVA-JEAN, citée", "Tatiana Kastouéva-Jean"),
        ("Marc-Antoine Eyl Mazzega explique", "Marc-Antoine Eyl-Mazzega"),
        ("Dominique MOISI, article paru", "Dominique Moïsi"),
        ("résume ElieTenenbaum, spécialiste", "Élie Tenenbaum"),
        ("Thierry de MONTBRIAL", "Thierry de Montbrial"),
    ],
)
def test_accents_hyphens_capitals_and_missing_spaces_do_not_matter(roster, text, name):
    assert roster.find(text) == [name]


def test_an_initial_or_a_surname_shared_by_two_people_names_nobody():
    org = Organisation(
        "Org", {}, (ExpertRef("Marc Durand"), ExpertRef("Marie Durand")), (), Path(".")
    )
    roster = Roster.from_organisation(org)
    assert roster.find("M. Durand a dit") == []
    assert roster.find("DURAND, invité") == []
    assert roster.find("Marie DURAND, invitée") == ["Marie Durand"]


def test_journalists_and_other_guests_are_not_experts(roster):
    assert roster.find("Pierre Haski, cofondateur de Rue89, et Alice Ekman") == ["Alice Ekman"]


@pytest.mark.parametrize(
    "written, canonical",
    [
        ("FRANCE CULTURE", "France Culture"),
        ("France culture", "France Culture"),
        ("LeFigaro.fr", "Le Figaro"),
        ("Figaro", "Le Figaro"),
        ("Ouest France", "Ouest-France"),
        ("Ouest-France", "Ouest-France"),
        ("FT", "Financial Times"),
        ("the Washington Post", "The Washington Post"),
        ("L'Orient le Jour", "L'Orient-Le Jour"),
        ("Le Figaro International", "Le Figaro"),
    ],
)
def test_each_alias_resolves_to_one_canonical_outlet(outlets, written, canonical):
    assert outlets.resolve(written).name == canonical


def test_an_unknown_outlet_is_kept_as_written(outlets):
    assert outlets.resolve("La Gazette de Montrevel") is None
    assert outlets.canonical_name(" La Gazette de Montrevel ") == "La Gazette de Montrevel"


def test_a_short_name_is_never_matched_by_resemblance():
    index = OutletIndex()
    index.add(OutletRef("RFI"))
    assert index.resolve("RFE") is None


@pytest.mark.parametrize(
    "logo, outlet",
    [
        ("logo_le_figaro.png", "Le Figaro"),
        ("Logo France 24", "France 24"),
        ("the_new_york_times_logo.png", "The New York Times"),
        ("NEW_logo_lexpress.png", "L'Express"),
        ("mystery_logo.png", None),
    ],
)
def test_a_logo_names_a_known_outlet_or_nothing(outlets, logo, outlet):
    found = outlets.from_logo(logo)
    assert (found.name if found else None) == outlet
