"""A deterministic demo dataset: six years of invented coverage of the demo organisation.

    python -m data.demo [--db PATH] [--seed N] [--today YYYY-MM-DD] [--force]

The outlets are real names from data/reference/outlets.csv; the organisation, its experts, the news
events and every title are invented, and every url points to demo.invalid. Rows carry
source_format 'demo' so the dashboard can say the data is a demo. The same seed and the same
`today` give the same rows.

The shape follows real coverage: a few outlets take most of it (Zipf over the reference order),
news events bring bursts on a few topics and experts, weekends and August are quiet, and a few
percent of appearances are undated. The appearances a clipping service's export would list carry
that export's potential reach (the outlet's audience, by its tier and media type), as real
exports do; the others, read from web pages, carry none.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import sys
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from data import periods
from data.organisation import (
    REFERENCE_DIR,
    OutletRef,
    load_organisation,
    slugify,
    upsert_reference,
)
from data.store import StoreError, db_path, write_batch

DEFAULT_SEED = 2026
APPEARANCES = 20_000
YEARS = 6

# ---------- topics: (English name, French name, programme that owns it)

TOPICS = (
    ("Defence industry", "Industrie de défense", "Security and Defence"),
    ("Nuclear deterrence", "Dissuasion nucléaire", "Security and Defence"),
    ("NATO", "OTAN", "Security and Defence"),
    ("Military strategy", "Stratégie militaire", "Security and Defence"),
    ("Energy transition", "Transition énergétique", "Energy and Climate"),
    ("Oil and gas", "Pétrole et gaz", "Energy and Climate"),
    ("Climate diplomacy", "Diplomatie climatique", "Energy and Climate"),
    ("Critical minerals", "Métaux critiques", "Energy and Climate"),
    ("Russia", "Russie", "Russia/Eurasia"),
    ("War in Ukraine", "Guerre en Ukraine", "Russia/Eurasia"),
    ("Caucasus", "Caucase", "Russia/Eurasia"),
    ("Sahel", "Sahel", "Africa"),
    ("France-Africa relations", "Relations France-Afrique", "Africa"),
    ("Elections in Africa", "Élections en Afrique", "Africa"),
    ("China", "Chine", "Asia"),
    ("Indo-Pacific", "Indo-Pacifique", "Asia"),
    ("India", "Inde", "Asia"),
    ("Iran", "Iran", "Middle East and North Africa"),
    ("Israel and Palestine", "Israël et Palestine", "Middle East and North Africa"),
    ("Gulf states", "Pays du Golfe", "Middle East and North Africa"),
    ("Maghreb", "Maghreb", "Middle East and North Africa"),
    ("European Union", "Union européenne", "Europe"),
    ("Franco-German relations", "Relations franco-allemandes", "Europe"),
    ("European elections", "Élections européennes", "Europe"),
    ("Trade", "Commerce international", "Economics"),
    ("Sanctions", "Sanctions", "Economics"),
    ("Artificial intelligence", "Intelligence artificielle", "Digital"),
    ("Cybersecurity", "Cybersécurité", "Digital"),
    ("Disinformation", "Désinformation", "Digital"),
    ("Migration", "Migrations", "Migration"),
    ("United States", "États-Unis", "Office of the Director"),
    ("French foreign policy", "Politique étrangère française", "Office of the Director"),
)

# ---------- invented news events: a kind of event and a place that does not exist

EVENT_KINDS = (
    ("the {} summit", "le sommet de {}"),
    ("the {} crisis", "la crise de {}"),
    ("the {} accords", "les accords de {}"),
    ("the {} blockade", "le blocus de {}"),
    ("the {} talks", "les pourparlers de {}"),
    ("the {} ceasefire", "le cessez-le-feu de {}"),
)
EVENT_PLACES = (
    "Valmora", "Karsteno", "Tessaly", "Nordhavik", "Selvana", "Marenzo", "Quillaro",
    "Dravikstad", "Borevia", "Lunmark", "Castrevo", "Pellavine",
)  # fmt: skip
EVENTS = 48

# ---------- titles and summaries, in the appearance's language

TITLES = {
    "en": (
        "{Topic}: what comes next {angle}",
        "{expert} on {topic}",
        "{Topic}: why it matters {angle}",
        "The hidden stakes of {topic} {angle}",
        "Inside the debate on {topic}",
        "{Topic}, explained",
        "Five questions on {topic}",
        "{Topic}: the risks {angle}",
        "What is at stake in {topic} {angle}",
        "{Topic}: a turning point {angle}?",
        "How {topic} could change the game {angle}",
        "{Topic}: the view from Paris",
    ),
    "fr": (
        "{Topic} : ce qui va changer {angle}",
        "{Topic} : l'analyse {of_expert}",
        "{Topic} : « Nous entrons dans une période de grande incertitude »",
        "Décryptage. {Topic}, les enjeux d'une crise",
        "Cinq questions sur un dossier brûlant : {topic}",
        "« Il faut regarder la réalité en face » : {expert} décrypte l'actualité",
        "{Topic} : l'heure des choix {angle}",
        "Entretien avec {expert} : {topic}, où en est-on ?",
        "{Topic} : quels risques {angle} ?",
        "{Topic} : un tournant {angle} ?",
        "{Topic} : ce que redoutent les chancelleries",
        "{Topic}, un défi {angle}",
    ),
}
ANGLES = {
    "en": (
        "for Europe", "for France", "for the markets", "for the Atlantic alliance",
        "for the Global South", "for Paris and Berlin", "for the year ahead", "for Brussels",
        "for Washington", "for Europeans",
    ),
    "fr": (
        "pour l'Europe", "pour la France", "pour les marchés", "pour l'Alliance atlantique",
        "pour le Sud global", "pour Paris et Berlin", "pour l'année qui vient", "pour Bruxelles",
        "pour Washington", "pour les Européens",
    ),
}  # fmt: skip
EVENT_TITLES = {
    "en": (
        "After {event}, a new test for {topic}",
        "{Event}: the view from Paris",
        "{expert} on {event}",
    ),
    "fr": (
        "Après {event}, l'heure des choix",
        "{Event} : l'éclairage {of_expert}",
        "{Event} : quelles conséquences pour l'Europe ?",
    ),
}
OWN_TITLES = {
    ("event", "en"): "Conference: {topic} in question, with {expert}",
    ("event", "fr"): "Conférence : {topic} en question, avec {expert}",
    ("video", "en"): "Video: {expert} on {topic}",
    ("video", "fr"): "Vidéo : {expert} répond à vos questions ({topic})",
}
SUMMARIES = {
    "en": "{expert} on {topic}.",
    "fr": "L'analyse {of_expert} ({topic}).",
}

# ---------- how people appear, by the outlet's media type: (roles, weights)

LEAD_ROLES = {
    "print": (("quoted", "interview", "op-ed", "mentioned"), (0.55, 0.17, 0.12, 0.16)),
    "online": (("quoted", "interview", "op-ed", "mentioned"), (0.55, 0.15, 0.15, 0.15)),
    "agency": (("quoted", "mentioned"), (0.85, 0.15)),
    "tv": (("on-air", "interview", "quoted", "mentioned"), (0.70, 0.15, 0.10, 0.05)),
    "radio": (("on-air", "interview", "quoted", "mentioned"), (0.70, 0.15, 0.10, 0.05)),
    "podcast": (("interview", "on-air", "mentioned"), (0.80, 0.15, 0.05)),
}
OTHER_ROLES = {  # second and third experts of one appearance
    "print": (("quoted", "mentioned"), (0.6, 0.4)),
    "online": (("quoted", "mentioned"), (0.6, 0.4)),
    "agency": (("quoted", "mentioned"), (0.7, 0.3)),
    "tv": (("on-air", "mentioned"), (0.7, 0.3)),
    "radio": (("on-air", "mentioned"), (0.7, 0.3)),
    "podcast": (("on-air", "mentioned"), (0.7, 0.3)),
}
RANK_WEIGHT = {  # how often the press calls on someone, by position
    "Director": 4.0,
    "Deputy Director": 1.5,
    "Head of programme": 2.0,
    "Senior Research Fellow": 1.5,
    "Research Fellow": 1.0,
    "Associate Fellow": 0.5,
}
UNDATED_SHARE = 0.03
OWN_CONTENT_SHARE = 0.02  # the organisation's own events and videos
EVENT_SHARE = 0.3  # of appearances, brought by news events
ZIPF_EXPONENT = 1.0
WEEKEND_FACTOR = 0.35
CLIPPING_SHARE = 0.4  # of appearances, as a clipping export lists them (with a reach)
# An outlet's potential audience by tier (1 national reference ... 3 regional, specialist):
# the median of a log-normal draw; broadcasters reach more than print of the same tier.
TIER_AUDIENCE = {1: 2_500_000, 2: 600_000, 3: 90_000}
MEDIA_AUDIENCE = {"tv": 2.0, "radio": 1.4, "agency": 0.6, "podcast": 0.3}


class DemoExists(FileExistsError):
    """The target database exists and overwriting was not asked for."""


def build_demo(
    path: str | os.PathLike | None = None,
    *,
    today: dt.date | None = None,
    seed: int = DEFAULT_SEED,
    force: bool = False,
) -> int:
    """Write the demo dataset to a new database at `path`; return the number of articles.

    Refuses an existing database unless force=True, which replaces all its contents.
    """
    file = db_path(path)
    if file.exists() and not force:
        raise DemoExists(
            f"There is already a database at {file}; the demo was not written over it. "
            "Use --force to replace its contents with the demo data."
        )
    today = today or dt.date.today()
    rng = np.random.default_rng(seed)
    org = load_organisation(REFERENCE_DIR)  # the demo is always the invented organisation
    own_outlet = OutletRef(name=org.name)
    started = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with write_batch(file) as con:
        _clear(con)
        upsert_reference(con, dataclasses.replace(org, outlets=(*org.outlets, own_outlet)))
        outlets = con.execute(
            "SELECT outlet_id, slug, media_type, language, tier FROM outlets"
        ).df()
        experts = con.execute("SELECT expert_id, name, role, programme FROM experts").df()
        reference_order = {ref.slug: rank for rank, ref in enumerate(org.outlets)}
        outlets["rank"] = outlets["slug"].map(reference_order)
        media_outlets = outlets.dropna(subset=["rank"]).sort_values("rank", ignore_index=True)
        own = outlets.loc[outlets["slug"] == own_outlet.slug].iloc[0]
        expert_order = {ref.name: i for i, ref in enumerate(org.experts)}
        experts = experts.sort_values("name", key=lambda s: s.map(expert_order), ignore_index=True)

        tags = pd.DataFrame(
            {
                "tag_id": np.arange(1, len(TOPICS) + 1),
                "slug": [slugify(en, "topic") for en, _, _ in TOPICS],
                "name": [en for en, _, _ in TOPICS],
            }
        )
        run_id = 1
        articles, article_experts, article_tags = _generate(
            rng, today, media_outlets, own, experts, run_id
        )
        # a generator of its own: the rows drawn above stay what they were before reach existed
        articles["reach"] = _reach(np.random.default_rng([seed, 1]), articles, media_outlets)
        con.register("demo_tags", tags)
        con.register("demo_articles", articles)
        con.register("demo_article_experts", article_experts)
        con.register("demo_article_tags", article_tags)
        con.execute("INSERT INTO tags (tag_id, slug, name) SELECT * FROM demo_tags")
        con.execute(
            "INSERT INTO articles (article_id, title, outlet_id, published, language, url,"
            " summary, kind, source_file, source_format, ingest_run_id, dedupe_key, reach)"
            " SELECT article_id, title, outlet_id, published, language, url, summary, kind,"
            " 'demo', 'demo', ingest_run_id, url, reach FROM demo_articles"
        )
        con.execute(
            "INSERT INTO article_experts (article_id, expert_id, role)"
            " SELECT article_id, expert_id, role FROM demo_article_experts"
        )
        con.execute(
            "INSERT INTO article_tags (article_id, tag_id) SELECT article_id, tag_id"
            " FROM demo_article_tags"
        )
        con.execute(
            "INSERT INTO ingest_runs (run_id, started_at, finished_at, origin, sources, n_new)"
            " VALUES (?, ?, ?, 'demo', ?, ?)",
            [
                run_id,
                started,
                dt.datetime.now(dt.UTC).replace(tzinfo=None),
                f"demo seed={seed} today={today.isoformat()}",
                len(articles),
            ],
        )
    return len(articles)


def demo_appearances(con: duckdb.DuckDBPyConnection) -> int:
    """How many rows of the store are demo data (the dashboard shows a banner when any are)."""
    cursor = con.cursor()
    try:
        return cursor.execute(
            "SELECT count(*) FROM articles WHERE source_format = 'demo'"
        ).fetchone()[0]
    finally:
        cursor.close()


def _clear(con: duckdb.DuckDBPyConnection) -> None:
    """Empty every data table (the demo replaces a store's contents, never merges into them)."""
    for table in (
        "article_tags",
        "article_experts",
        "articles",
        "tags",
        "expert_aliases",
        "experts",
        "outlet_aliases",
        "outlets",
        "ingest_rejects",
        "ingest_runs",
    ):
        con.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed names, no outside text


# ---------- generation (pure: a seeded generator and frames in, frames out)


def _generate(
    rng: np.random.Generator,
    today: dt.date,
    outlets: pd.DataFrame,
    own: pd.Series,
    experts: pd.DataFrame,
    run_id: int,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    first, _ = periods.ending_on(today, years=YEARS)
    days = pd.date_range(first, today, freq="D")
    n_days = len(days)

    programmes = sorted(set(experts["programme"]) | {p for _, _, p in TOPICS})
    expert_programme = experts["programme"].map(programmes.index).to_numpy()
    topic_programme = np.array([programmes.index(p) for _, _, p in TOPICS])
    expert_weight = experts["role"].map(RANK_WEIGHT).fillna(1.0).to_numpy()
    expert_weight = expert_weight * rng.lognormal(0.0, 0.5, len(experts))
    expert_weight /= expert_weight.sum()

    # ---------- when: a background rate, plus news events that each bring a burst
    calendar_weight = _calendar_weight(days)
    background = calendar_weight * np.linspace(0.7, 1.3, n_days)  # coverage grows over the years
    events = _events(rng, n_days, topic_programme, expert_programme, expert_weight, len(programmes))
    bursts = np.zeros((len(events), n_days))
    for i, event in enumerate(events):
        span = np.arange(event["start"], min(event["start"] + event["length"], n_days))
        bursts[i, span] = event["size"] * np.exp(-(span - event["start"]) / 3.0)
    bursts *= calendar_weight
    bursts *= EVENT_SHARE / bursts.sum()
    background *= (1 - EVENT_SHARE) / background.sum()
    weights = np.concatenate([background, bursts.ravel()])
    n = APPEARANCES
    drawn = rng.choice(len(weights), size=n, p=weights / weights.sum())
    event_of = drawn // n_days - 1  # -1: background coverage
    day_of = drawn % n_days
    published = days.to_numpy()[day_of]
    order = np.lexsort((rng.random(n), published))  # ids follow publication dates
    event_of, published = event_of[order], published[order]
    in_event = event_of >= 0

    # ---------- where: Zipf over the outlets; a few rows are the organisation's own content
    outlet_p = 1.0 / np.arange(1, len(outlets) + 1) ** ZIPF_EXPONENT
    outlet_row = rng.choice(len(outlets), size=n, p=outlet_p / outlet_p.sum())
    outlet_id = outlets["outlet_id"].to_numpy()[outlet_row]
    media_type = outlets["media_type"].to_numpy(dtype=object)[outlet_row]
    outlet_language = outlets["language"].to_numpy(dtype=object)[outlet_row]
    outlet_slug = outlets["slug"].to_numpy(dtype=object)[outlet_row]
    own_content = rng.random(n) < OWN_CONTENT_SHARE
    kind = np.where(own_content, np.where(rng.random(n) < 0.6, "event", "video"), "appearance")
    outlet_id = np.where(own_content, own["outlet_id"], outlet_id)
    outlet_slug = np.where(own_content, own["slug"], outlet_slug)

    # ---------- language: mostly the outlet's; English or French elsewhere
    other = rng.random(n)
    language = np.where(
        outlet_language == "fr",
        np.where(other < 0.95, "fr", "en"),
        np.where(outlet_language == "en", np.where(other < 0.97, "en", "fr"),
                 np.where(other < 0.8, "en", "fr")),
    )  # fmt: skip
    language = np.where(own_content, np.where(other < 0.6, "fr", "en"), language)

    # ---------- who: a lead expert (the event's people during a burst), sometimes one or two more
    lead = rng.choice(len(experts), size=n, p=expert_weight)
    event_experts = np.array([e["experts"] for e in events])
    from_event = in_event & (rng.random(n) < 0.85)
    pick = rng.integers(0, event_experts.shape[1], n)
    lead = np.where(from_event, event_experts[np.maximum(event_of, 0), pick], lead)
    n_experts = rng.choice([1, 2, 3], size=n, p=[0.70, 0.22, 0.08])
    by_programme = _members(expert_programme, len(programmes))
    extra = []
    for _ in (1, 2):
        colleague = _member_of(rng, by_programme, expert_programme[lead])
        anyone = rng.choice(len(experts), size=n, p=expert_weight)
        extra.append(np.where(rng.random(n) < 0.6, colleague, anyone))

    lead_role = _roles(rng, media_type, LEAD_ROLES)
    other_role = [_roles(rng, media_type, OTHER_ROLES) for _ in (1, 2)]
    lead_role = np.where(own_content, "on-air", lead_role)

    article_id = np.arange(1, n + 1)
    expert_ids = experts["expert_id"].to_numpy()
    article_experts = pd.concat(
        [
            pd.DataFrame({"article_id": article_id, "expert_id": expert_ids[lead],
                          "role": lead_role, "position": 0}),
            *(
                pd.DataFrame({"article_id": article_id, "expert_id": expert_ids[extra[k]],
                              "role": other_role[k], "position": k + 1})[n_experts > k + 1]
                for k in (0, 1)
            ),
        ],
        ignore_index=True,
    )  # fmt: skip
    article_experts = article_experts.drop_duplicates(["article_id", "expert_id"])
    article_experts = article_experts.sort_values(["article_id", "position"], ignore_index=True)

    # ---------- what: a lead topic (the event's, else the lead expert's programme's), then more
    by_topic_programme = _members(topic_programme, len(programmes))
    lead_topic = _member_of(rng, by_topic_programme, expert_programme[lead])
    event_topics = np.array([e["topics"] for e in events])
    topic_pick = rng.integers(0, event_topics.shape[1], n)
    lead_topic = np.where(in_event, event_topics[np.maximum(event_of, 0), topic_pick], lead_topic)
    n_tags = rng.choice([1, 2, 3], size=n, p=[0.5, 0.35, 0.15])
    more_topics = [
        np.where(
            rng.random(n) < 0.5,
            _member_of(rng, by_topic_programme, topic_programme[lead_topic]),
            rng.integers(0, len(TOPICS), n),
        )
        for _ in (1, 2)
    ]
    article_tags = pd.concat(
        [
            pd.DataFrame({"article_id": article_id, "topic": lead_topic}),
            *(
                pd.DataFrame({"article_id": article_id, "topic": more_topics[k]})[n_tags > k + 1]
                for k in (0, 1)
            ),
        ],
        ignore_index=True,
    ).drop_duplicates()
    article_tags["tag_id"] = article_tags["topic"] + 1
    article_tags = article_tags.sort_values(["article_id", "tag_id"], ignore_index=True)

    # ---------- words: titles and summaries from templates in the appearance's language
    names = experts["name"].to_numpy(dtype=object)[lead]
    template_pick = rng.integers(0, 1_000_000, n)
    angle_pick = rng.integers(0, 1_000_000, n)
    titles, summaries = [], []
    for i in range(n):
        lang = language[i]
        en, fr, _ = TOPICS[lead_topic[i]]
        topic = fr if lang == "fr" else en
        words = {
            "Topic": topic,
            "topic": _lower_common(topic),
            "expert": names[i],
            "of_expert": _french_of(names[i]),
            "angle": ANGLES[lang][angle_pick[i] % len(ANGLES[lang])],
        }
        if own_content[i]:
            template = OWN_TITLES[(kind[i], lang)]
        elif in_event[i] and template_pick[i] % 2 == 0:
            event_name = events[event_of[i]]["name"][lang]
            words |= {"event": event_name, "Event": event_name[0].upper() + event_name[1:]}
            choices = EVENT_TITLES[lang]
            template = choices[template_pick[i] % len(choices)]
        else:
            choices = TITLES[lang]
            template = choices[template_pick[i] % len(choices)]
        titles.append(template.format(**words))
        summaries.append(SUMMARIES[lang].format(**words))

    undated = (rng.random(n) < UNDATED_SHARE) & ~own_content
    articles = pd.DataFrame(
        {
            "article_id": article_id,
            "title": titles,
            "outlet_id": outlet_id,
            "published": pd.Series(published).dt.date.where(~undated, None),
            "language": language,
            "url": "https://demo.invalid/" + pd.Series(outlet_slug) + "/" + article_id.astype(str),
            "summary": summaries,
            "kind": kind,
            "ingest_run_id": run_id,
        }
    )
    return (
        articles,
        article_experts[["article_id", "expert_id", "role"]],
        article_tags[["article_id", "tag_id"]],
    )


def _reach(rng: np.random.Generator, articles: pd.DataFrame, outlets: pd.DataFrame) -> pd.Series:
    """The potential reach a clipping export gives, for the CLIPPING_SHARE of appearances it
    lists (NULL for the rest, and for the organisation's own events and videos): the outlet's
    audience, by tier and media type, within 10 % of it from one export to the next."""
    tier = outlets["tier"].astype("Int64").fillna(3).astype(int)
    typical = tier.map(TIER_AUDIENCE) * outlets["media_type"].map(MEDIA_AUDIENCE).fillna(1.0)
    audience = typical * rng.lognormal(0.0, 0.5, len(outlets))
    by_outlet = pd.Series(audience.to_numpy(), index=outlets["outlet_id"])
    base = articles["outlet_id"].map(by_outlet)
    listed = (rng.random(len(articles)) < CLIPPING_SHARE) & base.notna().to_numpy()
    figure = (base * rng.uniform(0.9, 1.1, len(articles))).round(-3)
    return figure.where(listed).astype("Int64")


def _calendar_weight(days: pd.DatetimeIndex) -> np.ndarray:
    """Fewer appearances at weekends, in August and over the year-end holidays."""
    weight = np.where(days.day_of_week >= 5, WEEKEND_FACTOR, 1.0)
    weight = weight * np.where(days.month == 8, 0.55, 1.0)
    holidays = ((days.month == 12) & (days.day >= 23)) | ((days.month == 1) & (days.day <= 2))
    return weight * np.where(holidays, 0.5, 1.0)


def _events(
    rng: np.random.Generator,
    n_days: int,
    topic_programme: np.ndarray,
    expert_programme: np.ndarray,
    expert_weight: np.ndarray,
    n_programmes: int,
) -> list[dict]:
    """Invented news events: when, how big, and which two topics and three experts they raise."""
    topics_by = _members(topic_programme, n_programmes)
    experts_by = _members(expert_programme, n_programmes)
    events = []
    for i in range(EVENTS):
        programme = rng.choice([p for p in range(n_programmes) if topics_by[p]])
        own_topics = topics_by[programme]
        topics = [rng.choice(own_topics), rng.choice(own_topics if rng.random() < 0.6 else
                                                     list(range(len(TOPICS))))]  # fmt: skip
        people = experts_by[programme] or list(range(len(expert_weight)))
        chosen = rng.choice(people, size=2)
        best_known = int(np.argmax(expert_weight))  # the most sought-after voice joins every story
        kind_en, kind_fr = EVENT_KINDS[i % len(EVENT_KINDS)]
        place = EVENT_PLACES[(i * 5) % len(EVENT_PLACES)]
        events.append(
            {
                "start": int(rng.integers(0, n_days)),
                "length": int(rng.integers(5, 16)),
                "size": float(rng.lognormal(0.0, 0.8)),
                "topics": [int(t) for t in topics],
                "experts": [int(chosen[0]), int(chosen[1]), best_known],
                "name": {"en": kind_en.format(place), "fr": kind_fr.format(place)},
            }
        )
    return events


def _members(group_of: np.ndarray, n_groups: int) -> list[list[int]]:
    """For each group, the indices whose group it is."""
    return [np.flatnonzero(group_of == g).tolist() for g in range(n_groups)]


def _member_of(
    rng: np.random.Generator, members: list[list[int]], groups: np.ndarray
) -> np.ndarray:
    """One random member of each row's group (groups without members draw from everyone)."""
    everyone = sorted(i for group in members for i in group)
    table = [group or everyone for group in members]
    width = max(len(group) for group in table)
    padded = np.array([(group * (width // len(group) + 1))[:width] for group in table])
    sizes = np.array([len(group) for group in table])
    return padded[groups, (rng.random(len(groups)) * sizes[groups]).astype(int)]


def _roles(rng: np.random.Generator, media_type: np.ndarray, table: dict) -> np.ndarray:
    """A role per row, drawn from the distribution that fits the outlet's media type."""
    roles = np.full(len(media_type), "quoted", dtype=object)
    draw = rng.random(len(media_type))
    for media, (names, weights) in table.items():
        rows = media_type == media
        edges = np.cumsum(weights) / np.sum(weights)
        roles[rows] = np.array(names, dtype=object)[
            np.minimum(np.searchsorted(edges, draw[rows], side="right"), len(names) - 1)
        ]
    return roles


def _lower_common(topic: str) -> str:
    """'Nuclear deterrence' -> 'nuclear deterrence', but 'NATO', 'China', 'Iran' keep capitals."""
    first = topic.split()[0]
    proper = first.isupper() or first in _PROPER_FIRST_WORDS
    return topic if proper else topic[0].lower() + topic[1:]


_PROPER_FIRST_WORDS = {
    "Russia", "Russie", "Ukraine", "Caucasus", "Caucase", "Sahel", "France-Africa", "China",
    "Chine", "Indo-Pacific", "Indo-Pacifique", "India", "Inde", "Iran", "Israel", "Israël",
    "Maghreb", "European", "Franco-German", "United", "États-Unis", "French", "NATO", "OTAN",
    "Gulf",
}  # fmt: skip


def _french_of(name: str) -> str:
    """'de' with the elision French needs: 'de Karim', 'd'Élodie'."""
    return f"d'{name}" if name[0] in "AEIOUYÀÂÉÈÊÎÔÛ" else f"de {name}"


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (use YYYY-MM-DD)") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m data.demo", description="Write the demo dataset to a new database."
    )
    parser.add_argument("--db", help="database file (default: $PRESSWATCH_DB or data/media.duckdb)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
    parser.add_argument("--today", type=_iso_date, help="last day of the data (default: today)")
    parser.add_argument(
        "--force", action="store_true", help="replace the contents of an existing database"
    )
    args = parser.parse_args(argv)
    try:
        count = build_demo(args.db, today=args.today, seed=args.seed, force=args.force)
    except DemoExists as exc:
        print(exc, file=sys.stderr)
        return 1
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"Wrote {count:,} demo rows to {Path(db_path(args.db))}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
