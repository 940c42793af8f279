"""Whatever an editor drops in, the page parser answers with records or nothing, never an error,
and never a date the text does not state."""

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data.organisation import load_organisation
from data.parsers import Context, parse_page

ROOT = Path(__file__).resolve().parents[2]
CTX = Context.for_organisation(load_organisation(ROOT / "examples" / "ifri"))

# pieces of the site's layouts, so random pages reach the layout-specific code
PIECES = [
    "Espace Média L'Ifri dans les médias",
    "media Ifri in the Media",
    "Publié le 29/05/2017",
    "Publié le :",
    "Interventions médiatiques |",
    "Interventions médiatiques",
    "Logo",
    "Accroche",
    "Nom du journal, revue ou émission",
    "Date de publication",
    "Image principale médiatique",
    "Auteurs",
    "Photo",
    "Intitulé du poste",
    "Mots-clés",
    "Keywords",
    "17",
    "sep",
    "2022",
    "18 janvier 2026",
    "Thomas GOMART, invité sur France Culture",
    "By: Élie TENENBAUM, quoted in",
    "citée par X dans Le Monde",
    "> Read the article on the Newsweek website",
    "",
    "LIBERATION:",
    "[Webinar] Title",
    "Related Articles",
]
line = st.one_of(st.sampled_from(PIECES), st.text(max_size=80))
page = st.lists(line, max_size=30).map("\n".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page)
def test_any_text_gives_records_or_nothing_and_no_unstated_date(text):
    for article in parse_page(text, "dropped.txt", CTX):
        assert article.title or article.outlet or article.experts
        if article.date is not None:  # its year is written in the page
            assert str(article.date.year) in re.findall(r"\d{4}", text), article.date


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_any_html_gives_records_or_nothing(text):
    parse_page(f"<html><body><p>{text}</p><script>{text}</script></body></html>", "x.html", CTX)
