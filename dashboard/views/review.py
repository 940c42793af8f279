"""Review (editors only; app.py shows viewers a refusal at this address instead).

What waits for an editor, each item with where it came from and one-click actions; one
appearance's edit form, exclusion and bringing back; an appearance added by hand; the history of
edits, filtered, each undoable, exported as CSV. Every change is one edit through data.curation
(the store's one write path); the page then says what it did, or why it did nothing.
"""

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from dashboard import labels, panels, state
from dashboard.labels import plural
from data import curation
from data.curation import QUEUE_KINDS, RECORD_KINDS, CurationError, QueueItem
from data.model import Article, ExpertMention
from data.organisation import OrganisationError, load_organisation
from data.store import StoreError
from data.vocabulary import COUNTRIES, KINDS, LANGUAGES, MEDIA_TYPES, ROLES, TIERS
from queries.filters import Filters

log = logging.getLogger("presswatch.review")
text = labels.as_markdown_text
SHOWN = 10  # queue items drawn at once, per kind
FOUND = 20  # appearances listed when searching by title
_DONE = "_review_done"  # (ok, message, edit ids to undo) of the last action, shown once
SECTIONS = ("Queue", "Edit an appearance", "Add by hand", "History")
SECTION_KEY = "review_section"
FIND_KEY = "review_find"
WHO_KEY, _WHO = "review_who", "_review_who"
_PIN = "_review_pin"  # the appearance the edit form opens on, set before its widget is drawn


def current_view() -> state.View | None:
    """The view app.py prepared, or None when there is no readable store."""
    try:
        state.connection()  # what app.py checked: it fails the same way
        return state.current_view()
    except (StoreError, duckdb.Error, KeyError):
        return None


view = current_view()
if view is None:
    st.title("Review")
    st.info("There is no readable coverage database: import data first (Import data page).")
    st.stop()
panels.page_header(view, "Review")
db = Path(view.version[0])
outlet_names = dict(sorted(view.names.get("outlets", {}).items(), key=lambda kv: kv[1].lower()))
expert_names = dict(sorted(view.names.get("experts", {}).items(), key=lambda kv: kv[1].lower()))
topic_names = sorted(view.names.get("tags", {}).values(), key=str.lower)


# ---------- who, and what the last action did


def who_edits() -> str:
    """Who the edits are recorded as made by: the signed-in address, else a typed name."""
    address = st.user.get("email") if st.user.get("is_logged_in") else None
    if address:
        st.caption(f"Your edits are recorded as made by {text(address)}.")
        return address
    # A widget's value is forgotten on another page: the name is kept beside it for the session.
    st.session_state.setdefault(WHO_KEY, st.session_state.get(_WHO, ""))
    name = st.text_input(
        "Your name, recorded with each edit",
        key=WHO_KEY,
        max_chars=100,
        help="The history says who made each change; undoing one is an edit of its own.",
        on_change=lambda: st.session_state.update({_WHO: st.session_state[WHO_KEY]}),
    )
    if not name.strip():
        st.info("Type your name above to make edits: the buttons wait for it.")
    return name.strip()


def act(change: Callable[[], int | list[int]], done: str, pin: int | None = None) -> None:
    """Make one change, then draw the page again, saying what it did or why it did not. `pin`:
    the appearance the edit form then shows by its number (a new title or an exclusion may
    take it out of a search by words)."""
    record(change, done)
    if pin is not None:
        st.session_state[_PIN] = str(pin)
    st.rerun()  # app.py opens the new version of the store: every page shows the change


def record(change: Callable[[], int | list[int]], done: str) -> None:
    """Make one change; keep what it did (with the edits' numbers, to undo) or why it did not."""
    try:
        made = change()
    except CurationError as exc:
        st.session_state[_DONE] = (False, f"Nothing was changed: {exc}", [])
    except (OrganisationError, StoreError, duckdb.Error, OSError) as exc:
        log.exception("an edit of %s failed", db)
        st.session_state[_DONE] = (False, f"Nothing was changed: {exc}", [])
    else:
        ids = made if isinstance(made, list) else [made]
        number = "edit" if len(ids) == 1 else "edits"
        ids_text = ", ".join(str(i) for i in ids)
        st.session_state[_DONE] = (True, f"{done} ({number} {ids_text}).", ids)


def undo_all(ids: list[int], who: str) -> list[int]:
    return [curation.undo(db, edit_id, who) for edit_id in reversed(ids)]


def show_last_action(who: str) -> None:
    done = st.session_state.pop(_DONE, None)
    if done is None:
        return
    ok, message, ids = done
    if not ok:
        st.error(text(message), icon=":material/error:")
        return
    with st.container(horizontal=True, vertical_alignment="center"):
        st.success(text(message), icon=":material/check_circle:")
        # a callback: the banner is gone from the run the click starts
        st.button(
            "Undo",
            key="review_undo_last",
            disabled=not who,
            on_click=record,
            args=(lambda: undo_all(ids, who), "Undone"),
        )


def go_edit(article_id: int) -> None:
    """A queue item's Edit button: open the edit form on that appearance."""
    st.session_state[SECTION_KEY] = SECTIONS[1]
    st.session_state[FIND_KEY] = str(article_id)


# ---------- the queue


def evidence(item: QueueItem) -> None:
    for line in item.evidence:
        st.caption(f"From {text(line)}")
    if item.detail.get("why"):
        st.caption(f"Why: {text(str(item.detail['why']))}")


def merge_control(item: QueueItem, kind: str, names: dict[str, str], who: str) -> None:
    others = [slug for slug in names if slug != item.key]
    with st.container(horizontal=True, vertical_alignment="bottom"):
        target = st.selectbox(
            "Merge into…",
            others,
            index=None,
            format_func=names.get,
            placeholder=f"choose the {kind} it is",
            key=f"review_merge_{kind}_{item.key}",
        )
        if st.button(
            "Merge", key=f"review_merge_go_{kind}_{item.key}", disabled=not (who and target)
        ):
            act(
                lambda: curation.merge(db, kind, item.key, target, who, "from the review queue"),
                f"Merged {item.label} into {names[target]}: its appearances and spellings are "
                f"{names[target]}'s now",
            )


def outlet_item(item: QueueItem, who: str) -> None:
    st.markdown(f"**{text(item.label)}** · {plural(item.appearances, 'appearance')}")
    evidence(item)
    merge_control(item, "outlet", outlet_names, who)
    with st.popover("Right as it is: add to the list…", disabled=not who):
        media_type = st.selectbox(
            "Media type",
            list(MEDIA_TYPES),
            index=None,
            format_func=MEDIA_TYPES.get,
            key=f"review_media_{item.key}",
        )
        country = st.selectbox(
            "Country",
            list(COUNTRIES),
            index=None,
            format_func=COUNTRIES.get,
            key=f"review_country_{item.key}",
        )
        tier = st.selectbox(
            "Tier", list(TIERS), index=None, format_func=TIERS.get, key=f"review_tier_{item.key}"
        )
        if st.button("Add to the outlet list", key=f"review_confirm_outlet_{item.key}"):
            profile = {"media_type": media_type, "country": country, "tier": tier}
            act(
                lambda: curation.set_outlet(
                    db, item.key, who, **{k: v for k, v in profile.items() if v}, confirmed=True
                ),
                f"{item.label} is in the outlet list now",
            )


def expert_item(item: QueueItem, who: str) -> None:
    st.markdown(f"**{text(item.label)}** · {plural(item.appearances, 'appearance')}")
    evidence(item)
    with st.popover("Confirm into the roster…", disabled=not who):
        role = st.text_input("Role", key=f"review_role_{item.key}", placeholder="Research Fellow")
        programme = st.text_input("Programme", key=f"review_programme_{item.key}")
        if st.button("Confirm", key=f"review_confirm_expert_{item.key}"):
            act(
                lambda: curation.confirm_expert(db, item.key, who, role, programme),
                f"{item.label} is in the roster now",
            )
    merge_control(item, "expert", expert_names, who)


def duplicate_item(item: QueueItem, who: str) -> None:
    first, second = item.detail["first_id"], item.detail["second_id"]
    st.markdown(f"**{text(item.label)}**: appearances {first} and {second}")
    evidence(item)
    with st.container(horizontal=True):
        if st.button("Not a duplicate", key=f"review_two_{item.key}", disabled=not who):
            act(
                lambda: curation.not_duplicates(
                    db, item.detail["first"], item.detail["second"], who
                ),
                f"Appearances {first} and {second} are two: the pair left the queue",
            )
        for kept, gone, gone_key in (
            (first, second, item.detail["second"]),
            (second, first, item.detail["first"]),
        ):
            if st.button(
                f"The same: keep {kept}, exclude {gone}",
                key=f"review_same_{gone}_{item.key}",
                disabled=not who,
            ):
                act(
                    lambda gone_key=gone_key, kept=kept: curation.exclude(
                        db, gone_key, f"a duplicate of appearance {kept}", who
                    ),
                    f"Appearance {gone} is excluded as a duplicate of {kept}",
                )


def appearance_item(item: QueueItem, who: str) -> None:
    article_id = item.detail["article_id"]
    st.markdown(f"**{text(item.label)}** · appearance {article_id}")
    evidence(item)
    with st.container(horizontal=True):
        st.button(
            "Edit…", key=f"review_edit_{item.kind}_{item.key}", on_click=go_edit, args=(article_id,)
        )
        if st.button(
            "Right as it is", key=f"review_checked_{item.kind}_{item.key}", disabled=not who
        ):
            act(
                lambda: curation.mark_checked(db, item.key, item.kind, who),
                f"Appearance {article_id} is right as it is: it left the queue",
            )
        exclude_popover(item.key, article_id, who, f"{item.kind}_{item.key}")


def exclude_popover(key: str, article_id: int, who: str, widget: str) -> None:
    with st.popover("Exclude…", disabled=not who):
        reason = st.text_input(
            "Why it is left out of every count",
            key=f"review_reason_{widget}",
            placeholder="not about the organisation",
        )
        if st.button("Exclude", key=f"review_exclude_{widget}", disabled=not reason.strip()):
            act(
                lambda: curation.exclude(db, key, reason, who),
                f"Appearance {article_id} is left out of every count",
                pin=article_id,
            )


DRAW = {
    "unknown_outlet": outlet_item,
    "unconfirmed_expert": expert_item,
    "duplicate": duplicate_item,
    "undated": appearance_item,
    "no_expert": appearance_item,
    "uncertain": appearance_item,
}


def review_queue(who: str) -> None:
    waiting = state.review_queue(view.version)
    kinds = list(QUEUE_KINDS)
    first = next((i for i, kind in enumerate(kinds) if waiting[kind]), 0)
    kind = st.radio(
        "What waits",
        kinds,
        index=first,
        format_func=lambda k: f"{QUEUE_KINDS[k]} ({len(waiting[k]):,})",
        horizontal=True,
        key="review_kind",
    )
    items = waiting[kind]
    if not items:
        st.caption(f"Nothing waits here: {QUEUE_KINDS[kind].lower()}, none.")
        return
    pages = (len(items) + SHOWN - 1) // SHOWN
    page = 1
    if pages > 1:
        page = st.number_input(
            f"Page (of {pages:,}; {SHOWN} items a page)", 1, pages, 1, key=f"review_page_{kind}"
        )
    start = (page - 1) * SHOWN
    st.caption(f"Items {start + 1:,}-{min(start + SHOWN, len(items)):,} of {len(items):,}.")
    for item in items[start : start + SHOWN]:
        with st.container(border=True):
            DRAW[kind](item, who)


# ---------- one appearance


def found_appearance() -> str | None:
    """The dedupe key of the appearance chosen by its number or by words of its title."""
    if _PIN in st.session_state:
        st.session_state[FIND_KEY] = st.session_state.pop(_PIN)
    asked = st.text_input(
        "Appearance: its number (as the queue shows it) or words of its title",
        key=FIND_KEY,
        max_chars=200,
    ).strip()
    if not asked:
        return None
    if asked.isdigit():
        try:
            return curation.appearance_key(view.con, asked)
        except CurationError as exc:
            st.warning(text(str(exc)))
            return None
    matches = view.run(
        "article_list",
        Filters(text=asked, kinds=tuple(KINDS)),
        sort="date",
        descending=True,
        limit=FOUND,
        offset=0,
    )
    if matches.empty:
        st.warning(f"No counted appearance has {text(asked)!r} in its title or text.")
        return None
    shown = {
        int(row.article_id): f"{row.article_id} · {day(row.published)} · {row.outlet} · {row.title}"
        for row in matches.itertuples(index=False)
    }
    chosen = st.selectbox(
        f"Matching appearances ({len(shown)} most recent)",
        list(shown),
        format_func=shown.get,
        key="review_found",
    )
    return curation.appearance_key(view.con, chosen)


def day(value: object) -> str:
    return "no date" if pd.isna(value) else f"{pd.Timestamp(value):%Y-%m-%d}"


def expert_rows(experts: tuple) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Expert": [expert_names.get(slug, slug) for slug, _ in experts],
            "Appears as": [ROLES.get(role, role) for _, role in experts],
        }
    )


def chosen_experts(frame: pd.DataFrame) -> list[tuple[str, str]]:
    """The edited table's rows as (expert slug, role) pairs; rows without an expert dropped."""
    by_name = {name: slug for slug, name in expert_names.items()}
    by_label = {label: code for code, label in ROLES.items()}
    pairs = []
    for name, role in frame[["Expert", "Appears as"]].itertuples(index=False):
        if isinstance(name, str) and name:
            pairs.append((by_name.get(name, name), by_label.get(role, "quoted")))
    return pairs


def experts_editor(experts: tuple, key: str) -> pd.DataFrame:
    return st.data_editor(
        expert_rows(experts),
        key=key,
        num_rows="dynamic",
        hide_index=True,
        column_config={
            "Expert": st.column_config.SelectboxColumn(options=list(expert_names.values())),
            "Appears as": st.column_config.SelectboxColumn(
                options=list(ROLES.values()), default=ROLES["quoted"]
            ),
        },
    )


def edit_form(key: str, who: str) -> None:
    now = curation.appearance_values(view.con, [key])[key]
    form = f"{key}|{view.version}"  # a new store version: the form shows the new values
    outlets = list(outlet_names)
    with st.form(f"review_edit_form_{form}"):
        title = st.text_input("Title", now["title"] or "", key=f"review_f_title_{form}")
        outlet = st.selectbox(
            "Outlet",
            outlets,
            index=outlets.index(now["outlet"]) if now["outlet"] in outlets else None,
            format_func=outlet_names.get,
            key=f"review_f_outlet_{form}",
        )
        left, right = st.columns(2)
        published = left.date_input(
            "Date",
            now["published"],
            max_value=view.today,
            format="YYYY-MM-DD",
            key=f"review_f_date_{form}",
            help="Empty: the appearance has no date.",
        )
        kind = right.selectbox(
            "Kind",
            list(KINDS),
            index=list(KINDS).index(now["kind"]),
            format_func=KINDS.get,
            key=f"review_f_kind_{form}",
        )
        languages = ["", *LANGUAGES]
        language = left.selectbox(
            "Language",
            languages,
            index=languages.index(now["language"] or ""),
            format_func=lambda c: LANGUAGES.get(c, "not known"),
            key=f"review_f_language_{form}",
        )
        url = right.text_input("Link", now["url"] or "", key=f"review_f_url_{form}")
        st.caption("Experts and how each appears (add or remove rows)")
        experts = experts_editor(now["experts"], f"review_f_experts_{form}")
        topics = st.multiselect(
            "Topics",
            sorted(set(topic_names) | set(now["topics"]), key=str.lower),
            default=list(now["topics"]),
            accept_new_options=True,
            key=f"review_f_topics_{form}",
        )
        why = st.text_input("Why (kept in the history)", key=f"review_f_why_{form}")
        saved = st.form_submit_button("Save the changes", type="primary", disabled=not who)
    if saved:
        changes = {
            "title": title,
            "outlet": outlet,
            "published": published,
            "kind": kind,
            "language": language,
            "url": url,
            "experts": chosen_experts(experts),
            "topics": topics,
        }
        act(
            lambda: curation.edit_appearance(db, key, changes, who, why, view.today),
            f"Appearance {now['article_id']} is corrected",
            pin=now["article_id"],
        )
    if now["excluded"]:
        st.warning(f"Left out of every count: {text(now['excluded'])}", icon=":material/block:")
        if st.button(
            "Bring it back into the counts", key=f"review_include_{form}", disabled=not who
        ):
            act(
                lambda: curation.include(db, key, who),
                f"Appearance {now['article_id']} is counted again",
                pin=now["article_id"],
            )
    else:
        exclude_popover(key, now["article_id"], who, form)


def edit_section(who: str) -> None:
    key = found_appearance()
    if key is not None:
        edit_form(key, who)


# ---------- an appearance added by hand


def add_section(who: str) -> None:
    st.caption(
        "An appearance no source holds (a live interview nobody clipped). It is checked, "
        "resolved and deduplicated as an import is, and undoing the edit removes it."
    )
    with st.form("review_add_form", clear_on_submit=False):
        title = st.text_input("Title", key="review_add_title")
        outlet = st.selectbox(
            "Outlet (type a new name if it is not in the list)",
            list(outlet_names.values()),
            index=None,
            accept_new_options=True,
            key="review_add_outlet",
        )
        left, right = st.columns(2)
        published = left.date_input(
            "Date", None, max_value=view.today, format="YYYY-MM-DD", key="review_add_date"
        )
        kind = right.selectbox("Kind", list(KINDS), format_func=KINDS.get, key="review_add_kind")
        languages = ["", *LANGUAGES]
        language = left.selectbox(
            "Language",
            languages,
            format_func=lambda c: LANGUAGES.get(c, "not known"),
            key="review_add_language",
        )
        url = right.text_input("Link", key="review_add_url")
        st.caption("Experts and how each appears")
        experts = experts_editor((), "review_add_experts")
        topics = st.multiselect(
            "Topics", topic_names, accept_new_options=True, key="review_add_topics"
        )
        why = st.text_input("Why (kept in the history)", key="review_add_why")
        added = st.form_submit_button("Add the appearance", type="primary", disabled=not who)
    if added:
        names = {slug: name for slug, name in expert_names.items()}
        article = Article(
            title=title.strip() or None,
            outlet=outlet,
            date=published,
            experts=[ExpertMention(names.get(s, s), role) for s, role in chosen_experts(experts)],
            tags=list(topics),
            language=language or None,
            url=url.strip() or None,
            kind=kind,
        )
        act(
            lambda: curation.add_by_hand(db, article, who, load_organisation(), why, view.today),
            f"{title.strip() or 'The appearance'} is added",
        )


# ---------- the history


def history_section(who: str) -> None:
    everyone = curation.history(view.con)
    if everyone.empty:
        st.caption("No edit yet: each change made here or with `python -m data.curate` is listed.")
        return
    left, middle, right, last = st.columns(4)
    by = left.selectbox(
        "Who",
        sorted(everyone["who"].unique(), key=str.lower),
        index=None,
        placeholder="anyone",
        key="review_h_who",
    )
    record_kind = middle.selectbox(
        "Record", RECORD_KINDS, index=None, placeholder="any", key="review_h_kind"
    )
    days = right.date_input("Made between", (), format="YYYY-MM-DD", key="review_h_days")
    words = last.text_input("Containing", key="review_h_text")
    since, until = (tuple(days) + (None, None))[:2] if days else (None, None)
    edits = curation.history(
        view.con,
        who=by,
        record_kind=record_kind,
        since=since,
        until=until or since,
        text=words.strip() or None,
    )
    st.caption(f"{plural(len(edits), 'edit')} of {len(everyone):,}, newest first.")
    st.dataframe(
        edits.rename(
            columns={
                "edit_id": "Edit",
                "who": "Who",
                "made_at": "When",
                "record_kind": "Record",
                "label": "Name or title",
                "record_key": "Key",
                "field": "Field",
                "before": "Before",
                "after": "After",
                "why": "Why",
                "undone_by": "Undone by",
            }
        )[
            [
                "Edit",
                "When",
                "Who",
                "Record",
                "Name or title",
                "Field",
                "Before",
                "After",
                "Why",
                "Undone by",
                "Key",
            ]
        ],
        key="review_history",
        hide_index=True,
        placeholder="",
        column_config={"When": st.column_config.DatetimeColumn(format="D MMM YYYY, HH:mm")},
    )
    with st.container(horizontal=True, vertical_alignment="bottom"):
        undoable = edits[edits["undone_by"].isna() & (edits["field"] != curation.UNDO)]
        shown = {
            int(row.edit_id): f"{row.edit_id} · {row.who} · {row.record_kind} "
            f"{row.label or row.record_key} · {row.field}"
            for row in undoable.itertuples(index=False)
        }
        chosen = st.selectbox(
            "Edit to undo",
            list(shown),
            index=None,
            format_func=shown.get,
            placeholder="an edit in force",
            key="review_undo_edit",
        )
        if st.button("Undo", key="review_undo", disabled=not (who and chosen)):
            act(lambda: curation.undo(db, chosen, who), f"Edit {chosen} is undone")
        st.download_button(
            f"CSV ({plural(len(edits), 'edit')})",
            curation.export_csv(edits).encode("utf-8-sig"),
            file_name=f"edits_{dt.date.today():%Y-%m-%d}.csv",
            mime="text/csv",
            on_click="ignore",
            key="review_export",
        )


who = who_edits()
show_last_action(who)
section = (
    st.segmented_control(
        "Section", SECTIONS, default=SECTIONS[0], key=SECTION_KEY, label_visibility="collapsed"
    )
    or SECTIONS[0]
)
{
    "Queue": review_queue,
    "Edit an appearance": edit_section,
    "Add by hand": add_section,
    "History": history_section,
}[section](who)
