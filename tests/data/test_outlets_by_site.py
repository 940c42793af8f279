"""Outlets resolved through their own sites before their names (outlets.csv `domains`,
data/resolve.py OutletIndex.of_record): the site a record gives for its outlet, else its link's,
else the name as written. A link to an aggregator, an archive, a social network or the
organisation's own site never names the outlet."""

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from data.ingest import NO_OUTLET, apply_import, plan_import
from data.ingest.planning import StoreNames, resolve
from data.model import Article
from data.organisation import OutletRef, load_organisation
from data.parsers import Context
from data.resolve import OutletIndex
from data.store import open_read_only

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def org():
    return load_organisation(ROOT / "examples" / "ifri")


@pytest.fixture(scope="module")
def ctx(org):
    return Context.for_organisation(org)


def outlet_of(ctx, outlet=None, url=None, outlet_domain=None) -> tuple[str, bool]:
    article = Article("A title", outlet, dt.date(2025, 3, 3), url=url, outlet_domain=outlet_domain)
    planned = resolve(article, ctx, StoreNames())
    return planned.outlet, planned.outlet_known


@pytest.mark.parametrize(
    "host, outlet",
    [
        ("lemonde.fr", "Le Monde"),
        ("www.lemonde.fr", "Le Monde"),
        ("blog.lemonde.fr", "Le Monde"),  # a subdomain of a known site
        ("francetvinfo.fr", "franceinfo"),
        ("france3-regions.francetvinfo.fr", "France 3"),  # the longest known site wins
        ("monde-diplomatique.fr", "Le Monde diplomatique"),
        ("notlemonde.fr", None),  # a name that ends like a known site is another site
        ("fr", None),
        (None, None),
    ],
)
def test_a_site_names_the_outlet_that_owns_it(ctx, host, outlet):
    found = ctx.outlets.on_site(host)
    assert (found.name if found else None) == outlet


def test_the_outlets_own_site_comes_first_then_the_link_then_the_name(ctx):
    # a Media Cloud row: media_name is a page title, media_url the outlet's site
    assert outlet_of(ctx, "Écouter RFI Afrique en direct - RFI", outlet_domain="http://rfi.fr") == (
        "RFI", True)  # fmt: skip
    assert outlet_of(ctx, "Le Monde - International", "https://www.lemonde.fr/a.html") == (
        "Le Monde", True)  # fmt: skip
    assert outlet_of(ctx, "Le Figaro", "https://www.unknown-site.example/a") == ("Le Figaro", True)
    assert outlet_of(ctx, "Le Figaro") == ("Le Figaro", True)


def test_a_link_through_a_redirect_names_the_outlet_of_the_page_behind(ctx):
    alert = "https://www.google.com/url?rct=j&sa=t&url=https://www.lesechos.fr/a.html&ct=ga"
    assert outlet_of(ctx, None, alert) == ("Les Echos", True)


@pytest.mark.parametrize(
    "link",
    [
        "https://news.google.com/rss/articles/CBMiNEWER?oc=5",
        "https://www.msn.com/fr-fr/actualite/monde/ar-AA1",
        "https://fr.news.yahoo.com/sahel-1.html",
        "https://web.archive.org/web/2025/https://www.lefigaro.fr/x",
        "https://www.youtube.com/watch?v=abc",
        "https://www.ifri.org/fr/medias/sahel",  # the organisation's own page about it
    ],
)
def test_a_page_naming_its_outlet_keeps_it_whatever_site_it_links_to(ctx, link):
    assert outlet_of(ctx, "Le Figaro", link) == ("Le Figaro", True)
    assert outlet_of(ctx, None, link) == (NO_OUTLET, True)  # and a link there names nobody


def test_only_an_outlets_own_site_counts_even_when_an_aggregator_is_listed(org):
    index = OutletIndex.from_organisation(org)
    index.add(OutletRef("MSN", domains=("msn.com",)))
    ctx = Context.for_organisation(org)
    ctx.outlets = index
    assert outlet_of(ctx, "Le Figaro", "https://www.msn.com/fr-fr/ar-AA1") == ("Le Figaro", True)
    assert outlet_of(ctx, None, "https://www.msn.com/fr-fr/ar-AA1") == (NO_OUTLET, True)
    assert outlet_of(ctx, "MSN", outlet_domain="msn.com") == ("MSN", True)  # given as its site


def test_a_record_naming_no_outlet_has_its_site_as_outlet_to_confirm(tmp_path, org):
    sheet = (
        "date,title,url,experts\n"
        "2025-03-03,Sahel : le retrait,https://www.sahel-matin.example/a/1,Thomas Gomart\n"
        "2025-03-04,Sahel : la suite,https://m.sahel-matin.example/a/2,Thomas Gomart\n"
        "2025-03-05,Énergie : l'hiver,https://www.lesechos.fr/energie/1,Thomas Gomart\n"
    )
    db = tmp_path / "media.duckdb"
    plan = plan_import([("clippings.csv", sheet.encode())], None, org)
    assert plan.new_outlets == ["sahel-matin.example"]
    apply_import(plan, db, origin="cli")
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "SELECT a.title, o.name, o.confirmed FROM articles a JOIN outlets o USING (outlet_id)"
            " ORDER BY a.published"
        ).fetchall()
    finally:
        con.close()
    assert rows == [
        ("Sahel : le retrait", "sahel-matin.example", False),
        ("Sahel : la suite", "sahel-matin.example", False),
        ("Énergie : l'hiver", "Les Echos", True),
    ]
    con = open_read_only(db)  # the next import knows the site as an outlet: nothing to confirm
    try:
        again = plan_import(
            [("more.csv", b"date,title,url\n2025-03-06,Autre,https://sahel-matin.example/3\n")],
            con,
            org,
        )
    finally:
        con.close()
    assert [p.outlet for p in again.new] == ["sahel-matin.example"] and not again.new_outlets


def test_every_shipped_outlet_site_is_a_bare_domain_given_to_one_outlet():
    for folder in (ROOT / "data" / "reference", ROOT / "examples" / "ifri"):
        org = load_organisation(folder)
        sites = [site for outlet in org.outlets for site in outlet.domains]
        assert len(sites) == len(set(sites)) > 50
        index = OutletIndex.from_organisation(org)
        for outlet in org.outlets:
            for site in outlet.domains:
                assert index.on_site(site) == outlet, site
