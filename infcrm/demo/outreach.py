"""The demo's outreach history: messages, stage changes and follow-ups that fit each stage.

Everyone's history leads to the stage the demo gave them (Prospect → Contacted → In talks …,
or off to Declined / Not a fit), so the board, the timelines and the dashboard agree. Rows are
written with Core inserts in chunks, fast enough for 100,000 influencers.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from itertools import pairwise

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from infcrm.db.base import utcnow
from infcrm.db.models import Influencer, Stage
from infcrm.db.outreach_models import (
    KIND_MESSAGE,
    KIND_STAGE_CHANGE,
    STATUS_DONE,
    STATUS_OPEN,
    FollowUp,
    Interaction,
)
from infcrm.demo import generate as demo
from infcrm.domain.enums import Channel, Direction

CHUNK = 20_000
CHANNELS = (Channel.EMAIL, Channel.INSTAGRAM_DM, Channel.TIKTOK_DM, Channel.OTHER_DM, Channel.PHONE)
CHANNEL_WEIGHTS = (45, 32, 12, 6, 5)
PRODUCTS = ("oat cookies", "spring candle set", "linen tote", "vegan granola", "tea sampler")
FIRST_CONTACT = (
    ("Collab idea: our {product}", "Introduced the shop and offered a free {product} for an "
     "honest post. Mentioned we love their {niche} content."),
    ("Loved your {niche} posts!", "Said hi, complimented the recent posts and asked whether "
     "they take gifted collaborations."),
    ("Would you like to try our {product}?", "Offered to send the {product}; no obligation to "
     "post. Asked for a shipping address."),
)  # fmt: skip
REPLIES = (
    ("Re: collab", "Happy to hear more! Asked what we'd expect in return.", "Interested"),
    ("Re: gifted collab", "Likes the brand, asked for product details and timing.", "Interested"),
    ("Rates", "Sent their rate card; open to a mix of product and a small fee.", "Sent rates"),
    ("Quick question", "Asked whether the {product} is vegan and plastic-free.", None),
)
FOLLOW_UPS = (
    ("Terms for the {product} story", "Sent draft terms: one reel and two stories, #ad.", None),
    ("Shipping", "Confirmed the address; parcel goes out Monday.", "Agreed"),
    ("Posting date", "Agreed to post the week after the parcel arrives.", "Agreed"),
    ("Checking in", "Nudged about the open question; no pressure.", None),
)
DECLINES = (
    ("Re: collab", "Thanks but fully booked this season; maybe next year.", "Declined"),
    ("Re: gifted collab", "Only does paid work at the moment.", "Declined"),
)
NOTES = (
    "Check whether they opened the email",
    "Send the {product} tracking link",
    "Ask how the {product} went",
    "Share the brief and hashtags",
    "Ask for story stats",
    "Chase the reply about rates",
    "Send a thank-you note",
    "Propose dates for the next campaign",
)
NOT_A_FIT = ("Audience is mostly outside our shipping area.", "Content doesn't match our brand.")
CLOSED_NOTE = "Wrapped up: content posted and stats received."


def _message(
    person: int, when: datetime, channel: Channel, direction: Direction, texts: tuple, fill: dict
) -> dict:
    subject, summary, *rest = texts
    outcome = rest[0] if rest else None
    return {
        "influencer_id": person,
        "occurred_at": when,
        "kind": KIND_MESSAGE,
        "channel": channel.value,
        "direction": direction.value,
        "subject": subject.format(**fill),
        "summary": summary.format(**fill),
        "outcome": outcome,
        "campaign_id": None,
        "from_stage_id": None,
        "to_stage_id": None,
        "source_eml": None,
        "created_at": when,
    }


def _move(person: int, when: datetime, old: int, new: int, note: str | None) -> dict:
    return {
        "influencer_id": person,
        "occurred_at": when,
        "kind": KIND_STAGE_CHANGE,
        "channel": None,
        "direction": None,
        "subject": None,
        "summary": note,
        "outcome": None,
        "campaign_id": None,
        "from_stage_id": old,
        "to_stage_id": new,
        "source_eml": None,
        "created_at": when,
    }


def _due_offset(rng: random.Random) -> int:
    """Days from today to an open follow-up: some overdue, some today, most ahead."""
    roll = rng.random()
    if roll < 0.22:
        return -rng.randint(1, 14)
    if roll < 0.32:
        return 0
    if roll < 0.55:
        return rng.randint(1, 6)
    return rng.randint(7, 45)


def _history(
    rng: random.Random,
    person: int,
    path: list[int],
    open_ids: list[int],
    start: datetime,
    end: datetime,
    fill: dict,
) -> list[dict]:
    """Messages and stage changes walking `path` between `start` and `end`, oldest first."""
    channel = rng.choices(CHANNELS, CHANNEL_WEIGHTS)[0]
    steps: list[tuple[float, str, tuple]] = []  # (gap in days, what, details)
    if len(path) == 1 and rng.random() < 0.25:
        steps.append((1, "in", ("Hi from a fan", "They tagged us and DMed to say hi.", None)))
    for old, new in pairwise(path):
        if new not in open_ids and old == path[0]:
            steps.append((1, "move", (old, new, rng.choice(NOT_A_FIT))))
        elif old == path[0]:
            steps.append((1, "out", rng.choice(FIRST_CONTACT)))
            steps.append((0, "move", (old, new, None)))
        elif new not in open_ids:
            steps.append((rng.uniform(2, 9), "in", rng.choice(DECLINES)))
            steps.append((0.1, "move", (old, new, None)))
        else:
            steps.append((rng.uniform(1, 8), "in", rng.choice(REPLIES)))
            if rng.random() < 0.7:
                steps.append((rng.uniform(0.2, 3), "out", rng.choice(FOLLOW_UPS)))
            note = CLOSED_NOTE if new == open_ids[-1] else None
            steps.append((rng.uniform(0, 2), "move", (old, new, note)))
    if path[-1] in open_ids[1:-1] and rng.random() < 0.45:
        steps.append((rng.uniform(3, 12), "out", FOLLOW_UPS[3]))
    if not steps:
        return []
    total = sum(gap for gap, *_ in steps) or 1
    scale = (end - start) / total
    rows, moment = [], start
    for gap, what, details in steps:
        moment += scale * gap
        if what == "move":
            rows.append(_move(person, moment, *details))
        else:
            direction = Direction.OUTBOUND if what == "out" else Direction.INBOUND
            rows.append(_message(person, moment, channel, direction, details, fill))
    return rows


def add_outreach_history(session: Session, rng: random.Random, ids: list[int]) -> None:
    """Write interactions and follow-ups for the demo influencers `ids`, matching their stages."""
    if not ids:
        return
    now, today = utcnow(), date.today()
    stages = session.execute(
        select(Stage.id, Stage.is_closed).where(~Stage.archived).order_by(Stage.position)
    ).all()
    open_ids = [s.id for s in stages if not s.is_closed]
    closed_ids = [s.id for s in stages if s.is_closed]
    if len(open_ids) < 2:
        return
    wanted = set(ids)
    people = session.execute(
        select(Influencer.id, Influencer.stage_id, Influencer.created_at, Influencer.niches)
        .where(Influencer.id.between(min(ids), max(ids)))
        .order_by(Influencer.id)
    ).all()
    messages: list[dict] = []
    reminders: list[dict] = []
    for person in people:
        if person.id not in wanted or person.stage_id is None:
            continue
        if person.stage_id in open_ids:
            path = open_ids[: open_ids.index(person.stage_id) + 1]
        elif person.stage_id == (closed_ids[0] if closed_ids else None):
            path = [*open_ids[: rng.choice((2, 2, 3))], person.stage_id]
        else:
            path = [open_ids[0], person.stage_id]
        fill = {
            "product": rng.choice(PRODUCTS),
            "niche": (person.niches or "lifestyle").split(",")[0],
        }
        start = max(person.created_at, now - timedelta(days=240)) + timedelta(hours=2)
        # Recent for people in the middle of things; anything up to months ago otherwise.
        end = now - timedelta(days=rng.uniform(0.1, 40 if len(path) < 5 else 90))
        if end <= start:
            end = start + (now - start) * rng.uniform(0.3, 0.9)
        history = _history(rng, person.id, path, open_ids, start, end, fill)
        messages.extend(history)
        if history and path[-1] in open_ids[1:-1]:
            if rng.random() < 0.35:
                done_at = history[0]["occurred_at"] + timedelta(days=rng.uniform(1, 4))
                reminders.append(
                    _reminder(person.id, rng, fill, done_at.date(), done_at, done_at=done_at)
                )
            if rng.random() < 0.8:
                due = today + timedelta(days=_due_offset(rng))
                reminders.append(_reminder(person.id, rng, fill, due, history[-1]["occurred_at"]))
        elif len(path) == 1 and rng.random() < 0.08:
            reminders.append(_reminder(person.id, rng, fill, today + timedelta(days=3), now))
        if len(messages) >= CHUNK:
            session.execute(insert(Interaction.__table__), messages)
            messages = []
        if len(reminders) >= CHUNK:
            session.execute(insert(FollowUp.__table__), reminders)
            reminders = []
    if messages:
        session.execute(insert(Interaction.__table__), messages)
    if reminders:
        session.execute(insert(FollowUp.__table__), reminders)


def _reminder(
    person: int,
    rng: random.Random,
    fill: dict,
    due: date,
    created: datetime,
    *,
    done_at: datetime | None = None,
) -> dict[str, object]:
    """A follow-up due on `due`, set at `created`; done at `done_at` when given."""
    return {
        "influencer_id": person,
        "due_date": due,
        "due_time": None,
        "note": rng.choice(NOTES).format(**fill),
        "status": STATUS_OPEN if done_at is None else STATUS_DONE,
        "done_at": done_at,
        "snoozed_from": None,
        "interaction_id": None,
        "created_at": created - timedelta(days=2) if done_at else created,
    }


demo.EXTRA_STEPS.append(add_outreach_history)
