"""The demo organisation's reference lists: outlets, experts and the organisation itself."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import duckdb
import pytest

from data.organisation import alias_key, load_organisation, upsert_reference
from data.store import write_batch
from data.vocabulary import MEDIA_TYPES, TIERS

ROOT = Path(__file__).resolve().parents[2]

# ISO 3166-1 alpha-2 and ISO 639-1, as published.
COUNTRIES = set(
    """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR
    BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ
    EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW
    GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY
    KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV
    MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY
    QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG
    TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM
    ZW
    """.split()
)
LANGUAGES = set(
    """
    aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da
    de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy
    hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg
    li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or
    os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta
    te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
    """.split()
)


@pytest.fixture(scope="module")
def org():
    return load_organisation()


@pytest.fixture(scope="module")
def reference_con(tmp_path_factory):
    """A store holding only the reference lists, loaded the way imports load them."""
    path = tmp_path_factory.mktemp("reference") / "reference.duckdb"
    with write_batch(path) as con:
        upsert_reference(con, load_organisation())
    con = duckdb.connect(str(path), read_only=True)
    yield con
    con.close()


def colliding_keys(entries) -> dict[str, set[str]]:
    """Alias keys that more than one entry claims (its name or one of its aliases)."""
    owners = defaultdict(set)
    for entry in entries:
        for spelling in (entry.name, *entry.aliases):
            owners[alias_key(spelling)].add(entry.name)
    return {key: names for key, names in owners.items() if len(names) > 1}


# ---------- outlets


def test_about_two_hundred_outlets_load(org):
    assert 180 <= len(org.outlets) <= 300


def test_every_outlet_has_a_valid_media_type_country_and_language(org):
    bad = [
        (o.name, o.media_type, o.country, o.language)
        for o in org.outlets
        if o.media_type not in MEDIA_TYPES
        or o.country not in COUNTRIES
        or o.language not in LANGUAGES
    ]
    assert bad == []


def test_every_media_type_is_represented(org):
    assert {o.media_type for o in org.outlets} == set(MEDIA_TYPES)


def test_every_outlet_has_a_reach_tier_and_the_national_references_are_tier_1(org):
    tiers = {o.name: o.tier for o in org.outlets}
    assert {str(t) for t in tiers.values()} == set(TIERS)
    assert tiers["Le Monde"] == tiers["Financial Times"] == tiers["Agence France-Presse"] == 1
    assert tiers["Var-Matin"] == tiers["Le Collimateur"] == 3  # regional daily, niche podcast


def test_outlets_cover_french_and_english_language_media(org):
    languages = [o.language for o in org.outlets]
    assert languages.count("fr") >= 60
    assert languages.count("en") >= 60


def test_outlet_slugs_are_unique(org):
    slugs = [o.slug for o in org.outlets]
    assert len(slugs) == len(set(slugs))


def test_no_outlet_alias_means_two_outlets(org):
    assert colliding_keys(org.outlets) == {}


@pytest.mark.parametrize(
    ("spelling", "outlet"),
    [
        ("FT", "Financial Times"),
        ("LeFigaro.fr", "Le Figaro"),
        ("Ouest France", "Ouest-France"),
        ("NYT", "The New York Times"),
        ("France Info", "franceinfo"),
        ("franceinfo", "franceinfo"),
        ("France24", "France 24"),
        ("Guardian", "The Guardian"),
        ("AFP", "Agence France-Presse"),
        ("Liberation", "Libération"),
        ("LES ECHOS", "Les Echos"),
    ],
)
def test_outlet_spellings_editors_meet_resolve_to_the_outlet(reference_con, spelling, outlet):
    found = reference_con.execute(
        "SELECT o.name FROM outlet_aliases a JOIN outlets o USING (outlet_id)"
        " WHERE a.alias_key = ?",
        [alias_key(spelling)],
    ).fetchall()
    assert found == [(outlet,)]


# ---------- experts


def test_about_forty_experts_load_each_with_a_role_and_programme(org):
    assert 35 <= len(org.experts) <= 45
    assert [e.name for e in org.experts if not (e.role and e.programme)] == []


def test_expert_names_keep_their_accents_and_hyphens(org):
    names = {e.name for e in org.experts}
    assert "Élodie Marchand-Vasseur" in names
    assert sum(any(c in "éèëêïîçöôøüá" for c in n.lower()) for n in names) >= 10


def test_expert_slugs_are_unique(org):
    slugs = [e.slug for e in org.experts]
    assert len(slugs) == len(set(slugs))


def test_no_expert_alias_means_two_experts(org):
    assert colliding_keys(org.experts) == {}


def test_an_accentless_capitalised_spelling_finds_the_expert(reference_con):
    found = reference_con.execute(
        "SELECT e.name FROM expert_aliases a JOIN experts e USING (expert_id)"
        " WHERE a.alias_key = ?",
        [alias_key("Elodie MARCHAND VASSEUR")],
    ).fetchall()
    assert found == [("Élodie Marchand-Vasseur",)]


def test_loading_the_reference_lists_twice_keeps_one_row_each(tmp_path):
    path = tmp_path / "twice.duckdb"
    org = load_organisation()
    for _ in range(2):
        with write_batch(path) as con:
            upsert_reference(con, org)
    with write_batch(path) as con:
        counts = con.execute(
            "SELECT (SELECT count(*) FROM outlets), (SELECT count(*) FROM experts)"
        ).fetchone()
    assert counts == (len(org.outlets), len(org.experts))


# ---------- the organisation


def test_the_organisation_has_english_and_french_names(org):
    assert org.name
    assert org.aliases.get("en") and org.aliases.get("fr")


def test_loading_the_reference_corrects_an_imports_guess_and_keeps_its_id(tmp_path):
    path = tmp_path / "imported.duckdb"
    with write_batch(path) as con:
        con.execute(
            "INSERT INTO outlets (outlet_id, slug, name, media_type, confirmed)"
            " VALUES (7, 'le-monde', 'LE MONDE', NULL, false), (8, 'blog-x', 'Blog X', NULL, false)"
        )
        con.execute("INSERT INTO outlet_aliases VALUES ('blog x', 8)")
        upsert_reference(con, load_organisation())
        le_monde = con.execute(
            "SELECT outlet_id, name, media_type, country, language, confirmed FROM outlets"
            " WHERE slug = 'le-monde'"
        ).fetchone()
        blog = con.execute(
            "SELECT outlet_id FROM outlet_aliases WHERE alias_key = 'blog x'"
        ).fetchone()
        first_new_id = con.execute(
            "SELECT min(outlet_id) FROM outlets WHERE slug NOT IN ('le-monde', 'blog-x')"
        ).fetchone()[0]
        assert le_monde == (7, "Le Monde", "print", "FR", "fr", True)
        assert blog == (8,)  # an import's own outlet stays
        assert first_new_id == 9  # new outlets take ids after the existing ones
        assert con.execute(
            "SELECT outlet_id FROM outlet_aliases WHERE alias_key = 'lemonde fr'"
        ).fetchone() == (7,)


def test_the_organisation_in_use_is_set_by_presswatch_org(monkeypatch):
    monkeypatch.delenv("PRESSWATCH_ORG", raising=False)
    demo = load_organisation()
    monkeypatch.setenv("PRESSWATCH_ORG", str(ROOT / "examples" / "ifri"))
    chosen = load_organisation()
    assert chosen.folder == ROOT / "examples" / "ifri"
    assert chosen.name != demo.name
    assert "Thomas Gomart" in {e.name for e in chosen.experts}
