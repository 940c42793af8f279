"""Vendor exports of any size for the ingest bench: each layout's header (tests/exports.py) and
rows as its vendor writes them, over a year of dates and times, thirty outlets, the roster's
names in one row in three, and one row in twenty a social post.

    for name, source, data, baseline in exports(5_000): ...   # baseline: pandas reading it
"""

from __future__ import annotations

import datetime as dt
import io
import random
from collections.abc import Callable

import pandas as pd

from tests import exports as spec

OUTLETS = [
    ("Le Monde", "lemonde.fr"), ("Financial Times", "ft.com"), ("Les Echos", "lesechos.fr"),
    ("RFI", "rfi.fr"), ("Le Figaro", "lefigaro.fr"), ("France Culture", "radiofrance.fr"),
    ("Politico Europe", "politico.eu"), ("The Economist", "economist.com"),
    ("L'Orient-Le Jour", "lorientlejour.com"), ("Libération", "liberation.fr"),
    ("Der Spiegel", "spiegel.de"), ("El País", "elpais.com"), ("Reuters", "reuters.com"),
    ("AFP", "afp.com"), ("La Croix", "la-croix.com"), ("Ouest-France", "ouest-france.fr"),
    ("Le Point", "lepoint.fr"), ("L'Express", "lexpress.fr"), ("Challenges", "challenges.fr"),
    ("France 24", "france24.com"), ("TV5 Monde", "tv5monde.com"), ("BFM TV", "bfmtv.com"),
    ("Jeune Afrique", "jeuneafrique.com"), ("Le Temps", "letemps.ch"), ("Le Soir", "lesoir.be"),
    ("Courrier international", "courrierinternational.com"), ("Slate", "slate.fr"),
    ("The Guardian", "theguardian.com"), ("Die Zeit", "zeit.de"), ("Corriere", "corriere.it"),
]  # fmt: skip
PEOPLE = ["Thomas Gomart", "Alice Ekman", "Héloïse Fayet", "Marc-Antoine Eyl-Mazzega"]


def _moment(rng: random.Random) -> dt.datetime:
    return dt.datetime(2025, 1, 1) + dt.timedelta(minutes=rng.randrange(365 * 24 * 60))


def _text(i: int, rng: random.Random) -> tuple[str, str]:
    title = f"L'Europe face à la Chine, épisode {i}"
    who = rng.choice(PEOPLE) if i % 3 == 0 else "un diplomate"
    return title, f"Selon {who}, chercheur à l'Ifri, la question {i} reste ouverte."


def meltwater(i: int, rng: random.Random, when: dt.datetime) -> dict[str, str]:
    outlet, site = rng.choice(OUTLETS)
    title, sentence = _text(i, rng)
    row = {
        "Date": when.strftime("%d-%b-%Y %I:%M%p"),
        "Headline": title,
        "URL": f"https://www.{site}/article/{i}",
        "Opening Text": "Bruxelles cherche sa voie.",
        "Hit Sentence": sentence,
        "Source": outlet,
        "Influencer": "Jeanne Journaliste",
        "Country": "France",
        "Language": "French",
        "Reach": f"{rng.randrange(1000, 2_000_000):,}",
        "Alternate Date Format": when.strftime("%d-%b-%y"),
        "Time": when.strftime("%-I:%M %p"),
    }
    if i % 20 == 0:
        row.update(Headline="", Source="Twitter", URL=f"https://x.com/ifri_org/status/{10**18 + i}")
    return row


def media_cloud(i: int, rng: random.Random, when: dt.datetime) -> dict[str, str]:
    outlet, site = rng.choice(OUTLETS)
    title, _ = _text(i, rng)
    return {
        "stories_id": str(2_000_000_000 + i),
        "publish_date": when.strftime("%Y-%m-%d %H:%M:%S"),
        "title": title.replace("'", "&#39;"),
        "url": f"https://www.{site}/story/{i}",
        "language": "fr",
        "media_name": f"{outlet} - Actualités",
        "media_url": f"https://www.{site}/",
    }


def talkwalker(i: int, rng: random.Random, when: dt.datetime) -> dict[str, str]:
    outlet, site = rng.choice(OUTLETS)
    title, sentence = _text(i, rng)
    social = i % 20 == 0
    return {
        "url": f"https://twitter.com/ifri_org/status/{10**17 + i}"
        if social
        else f"https://www.{site}/a/{i}",
        "indexed": when.strftime("%d/%m/%y %H:%M:%S"),
        "published": when.strftime("%d/%m/%y %H:%M:%S"),
        "title": "" if social else title,
        "content": sentence,
        "source_type": "SOCIALMEDIA_TWITTER" if social else "ONLINENEWS_NEWSPAPER",
        "lang": "fr",
        "reach": str(rng.randrange(100, 100_000)),
        "extra_author_attributes.name": "Anne Plume",
        "extra_source_attributes.name": outlet,
        "extra_source_attributes.world_data.country_code": "fr",
    }


def gdelt(i: int, rng: random.Random, when: dt.datetime) -> dict[str, str]:
    _, site = rng.choice(OUTLETS)
    return {
        "URL": f"https://www.{site}/g/{i}",
        "MobileURL": "",
        "Date": when.strftime("%Y-%m-%d %H:%M:%S"),
        "Title": _text(i, rng)[0],
    }


def generic(i: int, rng: random.Random, when: dt.datetime) -> dict[str, str]:
    outlet, site = rng.choice(OUTLETS)
    return {
        "Date": when.strftime("%d/%m/%Y"),
        "Media": outlet,
        "Headline": _text(i, rng)[0],
        "Link": f"https://www.{site}/c/{i}",
        "Spokesperson": rng.choice([*PEOPLE, ""]),
        "Reach": rng.choice(["", "12 000", "350k"]),
        "Topics": rng.choice(["Chine; Europe", "Défense", ""]),
    }


GENERIC = ["Date", "Media", "Headline", "Link", "Spokesperson", "Reach", "Topics"]

# layout -> (header, row maker, how the vendor writes the file, how pandas reads it)
LAYOUTS: dict[str, tuple[list[str], Callable, dict, dict]] = {
    "generic clipping CSV": (GENERIC, generic, {"delimiter": ";", "bom": True},
                             {"sep": ";", "encoding": "utf-8-sig"}),
    "Meltwater, UTF-16 tab": (spec.MELTWATER_CURRENT, meltwater,
                              {"delimiter": "\t", "encoding": "utf-16-le", "bom": True,
                               "line_end": "\r\n"}, {"sep": "\t", "encoding": "utf-16"}),
    "Meltwater, re-saved CSV": (spec.MELTWATER_CURRENT, meltwater, {"line_end": "\r\n"}, {}),
    "Media Cloud CSV": (spec.MEDIA_CLOUD, media_cloud, {}, {}),
    "GDELT CSV": (spec.GDELT, gdelt, {"bom": True}, {"encoding": "utf-8-sig"}),
    "Talkwalker XLSX": (spec.TALKWALKER, talkwalker, {"xlsx": True}, {"xlsx": True}),
}  # fmt: skip


def exports(rows: int):
    """(layout, source name, file bytes, a function reading the same bytes with pandas)."""
    for name, (header, make, written, read) in LAYOUTS.items():
        rng = random.Random(7)
        xlsx = written.get("xlsx", False)
        made = spec.rows_of(header, [make(i, rng, _moment(rng)) for i in range(rows)])
        if xlsx:
            data = spec.workbook(header, made)
        else:
            data = spec.delimited(header, made, **written)
        yield name, ("export.xlsx" if xlsx else "export.csv"), data, _pandas(data, read)


def _pandas(data: bytes, how: dict) -> Callable[[], object]:
    if how.get("xlsx"):
        return lambda: pd.read_excel(io.BytesIO(data), engine="openpyxl", dtype=str)
    return lambda: pd.read_csv(io.BytesIO(data), dtype=str, **how)
