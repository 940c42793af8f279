"""Links as sources give them: a redirect through an alert, a mail client or a social network
leads to the page itself; the site a link is on; an alert title's " - Outlet" ending
(data/links.py)."""

import base64
from pathlib import Path

import pytest

from data.dedupe import dedupe_key, normalise_url
from data.links import domain, is_carrier, split_outlet_suffix, unwrap
from data.organisation import load_organisation
from data.resolve import OutletIndex

ROOT = Path(__file__).resolve().parents[2]
PAGE = "https://www.lemonde.fr/international/article/2025/07/02/sahel_42.html"


def google_news_id(url: str) -> str:
    """An older Google News article id: the address, length-prefixed, in URL-safe base64."""
    raw = b"\x08\x13\x22" + bytes([len(url)]) + url.encode() + b"\xd2\x01\x00"
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


WRAPPED = {
    "Google Alerts": "https://www.google.com/url?rct=j&sa=t&url="
    + PAGE
    + "&ct=ga&cd=CAIyGjM4YzE&usg=AOvVaw0abc",
    "Google, q= and a country domain": "https://www.google.fr/url?q="
    + PAGE.replace(":", "%3A").replace("/", "%2F")
    + "&sa=D&source=editors&ust=1720000000",
    "Google AMP viewer": "https://www.google.com/amp/s/www.lemonde.fr/international/article/"
    "2025/07/02/sahel_42.html",
    "Google News, older id": "https://news.google.com/rss/articles/"
    + google_news_id(PAGE)
    + "?oc=5",
    "Bing": "https://www.bing.com/ck/a?!&&p=5f1c2e&ptn=3&ver=2&hsh=3&u=a1"
    + base64.urlsafe_b64encode(PAGE.encode()).decode().rstrip("=")
    + "&ntb=1",
    "Facebook": "https://l.facebook.com/l.php?u="
    + PAGE.replace(":", "%3A").replace("/", "%2F")
    + "&h=AT0xYz",
    "Outlook safe links": "https://eur02.safelinks.protection.outlook.com/?url="
    + PAGE.replace(":", "%3A").replace("/", "%2F")
    + "&data=05%7C02%7C&sdata=abc%3D&reserved=0",
    "LinkedIn": "https://www.linkedin.com/redir/redirect?url="
    + PAGE.replace(":", "%3A").replace("/", "%2F")
    + "&urlhash=Ab3d",
    "LinkedIn safety": "https://www.linkedin.com/safety/go?url="
    + PAGE.replace(":", "%3A").replace("/", "%2F")
    + "&trk=flagship-messaging-web",
    "a safe link around a Google link": "https://nam11.safelinks.protection.outlook.com/?url="
    + ("https://www.google.com/url?q=" + PAGE)
    .replace(":", "%3A")
    .replace("/", "%2F")
    .replace("?", "%3F")
    .replace("=", "%3D")
    + "&data=05",
}


@pytest.mark.parametrize("kind", WRAPPED)
def test_a_redirect_link_leads_to_the_page_itself(kind):
    assert unwrap(WRAPPED[kind]) == PAGE


@pytest.mark.parametrize("kind", WRAPPED)
def test_a_redirect_and_the_page_itself_share_one_dedupe_key(kind):
    expected = "lemonde.fr/international/article/2025/07/02/sahel_42.html"
    assert normalise_url(WRAPPED[kind]) == expected
    assert dedupe_key(WRAPPED[kind], "le-monde", None, "x", []) == dedupe_key(
        PAGE, "le-monde", None, "y", []
    )


@pytest.mark.parametrize(
    "link",
    [
        PAGE,  # not a redirect
        "https://www.google.com/url?q=javascript:alert(1)",  # a target that is not a web page
        "https://www.google.com/search?q=https://www.lemonde.fr/",  # a search, not a redirect
        "https://www.lemonde.fr/url?q=https://www.lefigaro.fr/",  # a site that is not a wrapper
        "https://t.co/AbCdEf123",  # the target is not in the link
        "https://news.google.com/rss/articles/CBMiZkFVX3lxTE5vbmUtbmV3ZXItaWQ?oc=5",
        "https://www.bing.com/ck/a?!&&p=1&u=not-base64-%%%",
    ],
)
def test_a_link_that_does_not_say_where_it_leads_is_kept_as_it_is(link):
    assert unwrap(link) == link


@pytest.mark.parametrize(
    "link, site",
    [
        ("https://www.lemonde.fr/a.html", "lemonde.fr"),
        ("https://m.lemonde.fr/a.html", "lemonde.fr"),
        ("https://amp.theguardian.com/world/a", "theguardian.com"),
        ("http://WWW.France24.com:443/en/", "france24.com"),
        ("edition.cnn.com", "edition.cnn.com"),  # a bare host, as an export's media_url column
        ("https://www.bbc.co.uk/news/a", "bbc.co.uk"),
        ("", None),
        ("https://localhost/page", None),
        ("not a link", None),
    ],
)
def test_the_site_a_link_is_on(link, site):
    assert domain(link) == site


def test_aggregators_archives_and_social_networks_carry_others_pieces():
    for host in ("news.google.com", "www.google.fr", "fr.news.yahoo.com", "msn.com",
                 "web.archive.org", "x.com", "youtube.com"):  # fmt: skip
        assert is_carrier(domain(host)), host
    for host in ("lemonde.fr", "googleblog.com", "france24.com", "yahoonews.example"):
        assert not is_carrier(host), host


@pytest.fixture(scope="module")
def outlets():
    return OutletIndex.from_organisation(load_organisation(ROOT / "examples" / "ifri"))


@pytest.mark.parametrize(
    "title, outlet, url, expected",
    [
        # the ending names the record's outlet, by its name or an alias
        ("Sahel : le retrait - Le Monde", "Le Monde", None, ("Sahel : le retrait", "Le Monde")),
        ("Sahel | LeMonde.fr", "Le Monde", None, ("Sahel", "LeMonde.fr")),
        ("Ukraine – Ouest France", "Ouest-France", None, ("Ukraine", "Ouest France")),
        # or the link's site, known or not
        ("Sahel : le retrait - Le Monde", None, PAGE, ("Sahel : le retrait", "Le Monde")),
        ("Energy - BBC News", None, "https://www.bbc.co.uk/news/1", ("Energy", "BBC News")),
        ("Energy | Sky News", None, "https://news.sky.com/story/1", ("Energy", "Sky News")),
        ("Rice - The Daily Star", None, "https://thedailystar.net/1", ("Rice", "The Daily Star")),
        # through a redirect link, and an alias whose outlet owns the site
        ("Sahel - Le Monde", None, WRAPPED["Google Alerts"], ("Sahel", "Le Monde")),
        ("Chine - FT", None, "https://www.ft.com/content/1", ("Chine", "FT")),
    ],
)  # fmt: skip
def test_an_ending_that_names_the_outlet_is_split_off(outlets, title, outlet, url, expected):
    assert split_outlet_suffix(title, outlet, url, outlets) == expected


@pytest.mark.parametrize(
    "title, outlet, url",
    [
        ("Ukraine - Russie : la négociation", "Le Monde", PAGE),  # a dash inside the title
        ("Paris - Berlin", "Le Figaro", "https://www.lefigaro.fr/1"),
        ("Sahel - Le Figaro", "Le Monde", PAGE),  # another outlet than the record's
        ("Sahel - Le Monde", None, "https://news.google.com/rss/articles/x"),  # a carrier's link
        ("Sahel - Le Monde", None, None),  # nothing to check the ending against
        ("Le Monde", "Le Monde", None),  # nothing before it
        (None, "Le Monde", None),
    ],
)
def test_an_ending_that_does_not_name_the_outlet_stays(outlets, title, outlet, url):
    assert split_outlet_suffix(title, outlet, url, outlets) == (title, None)
