"""A realistic, fictional demo database, written with bulk Core inserts.

The same generator fills the benchmark database at 100,000 influencers, so what is measured
looks like what users keep: skewed follower counts, several platforms per person, tags,
places and stages in believable proportions. Later features add their own data through
`EXTRA_STEPS`.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from infcrm.db import search_index, sequences
from infcrm.db.base import utcnow
from infcrm.db.engine import Database
from infcrm.db.models import Influencer, InfluencerTag, MetricSnapshot, SocialAccount, Stage
from infcrm.demo import shop_orders as demo_shop
from infcrm.demo.campaigns import populate_campaigns
from infcrm.domain.enums import FoundVia, Platform
from infcrm.domain.handles import profile_url

FIRST = (
    "Mia Lena Sofia Noah Liam Emma Lucas Chloé Zoë Mateo Aiyana Yuki Hana Amara Kofi Ines "
    "Leila Omar Priya Arjun Mei Chen Sara Elif Marta Jonas Freya Nils Camille Théo Lucía "
    "Diego Ana Bruno Giulia Marco Aino Eero Olga Ivan Nadia Karim Fatima Tariq Ayla Jade Ruby "
    "Finn Ezra Maya Isla Leo Zara Malik Nia Kai Rosa Pablo Alba Hugo Vera Anouk Daan Saanvi "
    "Ravi Sione "
).split()
LAST = (
    "Rossi Müller García Nguyen Kowalski Silva Dubois Jansen Andersen Yilmaz Haddad Okafor "
    "Tanaka Kim Patel Sato Novak Costa Moreau Fischer Romero Laine Ivanova Berg Lindqvist "
    "Mensah Diallo Alvarez Ferreira Bianchi Schmidt Popescu Horvat O'Neill Walsh Murphy Reyes "
).split()
THEMES = (
    ("bakes", "baking"),
    ("eats", "food"),
    ("travels", "travel"),
    ("fit", "fitness"),
    ("style", "fashion"),
    ("beauty", "beauty"),
    ("plants", "plants"),
    ("home", "interiors"),
    ("reads", "books"),
    ("games", "gaming"),
    ("tech", "tech"),
    ("outdoors", "hiking"),
    ("vegan", "vegan food"),
    ("coffee", "coffee"),
    ("makes", "crafts"),
    ("pets", "pets"),
    ("runs", "running"),
    ("yoga", "yoga"),
    ("wine", "wine"),
    ("kids", "parenting"),
)
PLACES = (
    ("Germany", "Berlin", "German"),
    ("Germany", "Munich", "German"),
    ("France", "Lyon", "French"),
    ("France", "Paris", "French"),
    ("Spain", "Valencia", "Spanish"),
    ("Italy", "Bologna", "Italian"),
    ("Netherlands", "Utrecht", "Dutch"),
    ("United Kingdom", "Bristol", "English"),
    ("United Kingdom", "Leeds", "English"),
    ("Ireland", "Cork", "English"),
    ("United States", "Portland", "English"),
    ("United States", "Austin", "English"),
    ("Canada", "Montréal", "French"),
    ("Sweden", "Malmö", "Swedish"),
    ("Finland", "Tampere", "Finnish"),
    ("Portugal", "Porto", "Portuguese"),
    ("Poland", "Kraków", "Polish"),
    ("Japan", "Osaka", "Japanese"),
    ("Brazil", "Curitiba", "Portuguese"),
    ("Mexico", "Guadalajara", "Spanish"),
    ("Egypt", "Alexandria", "Arabic"),
    ("Israel", "Haifa", "Hebrew"),
    ("Nigeria", "Lagos", "English"),
    ("India", "Pune", "Hindi"),
)
TAGS = (
    "gifted-before",
    "vip",
    "local",
    "eco",
    "sustainable",
    "newsletter",
    "summer-launch",
    "responds-fast",
    "duo",
    "agency-managed",
    "podcast",
    "ugc",
)
OWNERS = ("Sam", "Alex", "Jordan")
PLATFORM_WEIGHTS = {
    Platform.INSTAGRAM: 45,
    Platform.TIKTOK: 25,
    Platform.YOUTUBE: 10,
    Platform.X: 4,
    Platform.PINTEREST: 4,
    Platform.TWITCH: 3,
    Platform.FACEBOOK: 3,
    Platform.THREADS: 3,
    Platform.LINKEDIN: 1,
    Platform.SNAPCHAT: 1,
    Platform.OTHER: 1,
}
# Typical engagement per platform (likes + comments per follower), before per-person noise.
BASE_ENGAGEMENT = {
    Platform.INSTAGRAM: 0.025,
    Platform.TIKTOK: 0.055,
    Platform.YOUTUBE: 0.035,
    Platform.X: 0.008,
    Platform.PINTEREST: 0.004,
    Platform.TWITCH: 0.03,
    Platform.FACEBOOK: 0.006,
    Platform.THREADS: 0.02,
    Platform.LINKEDIN: 0.02,
    Platform.SNAPCHAT: 0.02,
    Platform.OTHER: 0.01,
}


@dataclass(frozen=True)
class DemoSummary:
    """What the demo generator wrote."""

    influencers: int
    accounts: int


# Steps later features add: each receives the session, the random generator and the ids.
EXTRA_STEPS: list[Callable[[Session, random.Random, list[int]], None]] = []


def _followers(rng: random.Random) -> int:
    # Mostly micro-influencers, a long tail either side (log-normal around ~25k).
    return max(300, min(int(rng.lognormvariate(10.1, 1.25)), 40_000_000))


# Where a platform does not allow "." in handles, the demo writes this instead; the longest
# handle it allows. A test checks every demo handle against the real handle rules.
_SEPARATOR = {
    Platform.X: "_",
    Platform.TWITCH: "_",
    Platform.PINTEREST: "_",
    Platform.LINKEDIN: "-",
}
_MAX_LENGTH = {Platform.X: 15, Platform.SNAPCHAT: 15}


def _handle(platform: Platform, base: str, serial: int) -> str:
    """A plausible handle; the serial goes after a base cut to the platform's length limit,
    so a serial always makes the handle different."""
    if platform is Platform.OTHER:
        return f"https://{base.replace('.', '')}{serial or ''}.blog"
    limit = _MAX_LENGTH.get(platform, 24)
    cleaned = base.replace(".", _SEPARATOR.get(platform, "."))
    suffix = str(serial) if serial else ""
    return cleaned[: limit - len(suffix)] + suffix


def populate(
    db: Database,
    influencers: int = 300,
    seed: int = 7,
    chunk: int = 5000,
    *,
    shop_orders: bool = True,
) -> DemoSummary:
    """Add `influencers` fictional people with accounts, tags and stages to `db`, and (unless
    `shop_orders` is false) the demo shop's orders, imported as a user would."""
    rng = random.Random(seed)
    now = utcnow()
    with db.transaction() as session:
        stages = session.execute(select(Stage.id, Stage.is_closed).order_by(Stage.position)).all()
        stage_weights = [30, 22, 14, 10, 8, 9, 4, 3][: len(stages)]
        # Ids given up front, from the table's own sequence (never reused, on every backend).
        next_id = sequences.next_id(session.connection(), Influencer.__table__.c.id, influencers)
        # One person's handle is theirs alone, on every network: one handle under two names
        # is offered as a possible duplicate, and the demo's people are strangers.
        used_handles: set[str] = set(session.execute(select(SocialAccount.handle)).scalars())
        all_ids: list[int] = []
        accounts_before = _account_count(session)
        for start in range(0, influencers, chunk):
            people, accounts, tags, snaps = [], [], [], []
            for n in range(start, min(start + chunk, influencers)):
                person_id = next_id + n
                all_ids.append(person_id)
                first, last = rng.choice(FIRST), rng.choice(LAST)
                word, niche = rng.choice(THEMES)
                country, city, language = rng.choice(PLACES)
                created = now - timedelta(days=rng.randint(0, 720), minutes=rng.randint(0, 1440))
                brandish = rng.random() < 0.25
                display = f"{first} {word.capitalize()}" if brandish else f"{first} {last}"
                niches = [niche, *rng.sample([t[1] for t in THEMES], rng.choice((0, 1, 2)))]
                people.append(
                    {
                        "id": person_id,
                        "display_name": display,
                        "real_name": f"{first} {last}" if brandish else None,
                        "email": (
                            f"{first}.{last}{person_id}@example.com".lower().replace("'", "")
                            if rng.random() < 0.8
                            else None
                        ),
                        "other_emails": None,
                        "phone": f"+49 30 {rng.randint(1000000, 9999999)}"
                        if rng.random() < 0.2
                        else None,
                        "country": country,
                        "city": city,
                        "language": language,
                        "niches": ", ".join(dict.fromkeys(niches)),
                        "notes": rng.choice(
                            (
                                None,
                                None,
                                "Loves handmade things; replied warmly last time.",
                                "Prefers email over DMs.",
                                "Asked about our vegan range.",
                                "Posts mostly stories, great saves.",
                                "Agency: ask for rate card first.",
                            )
                        ),
                        "found_via": rng.choice(list(FoundVia)[:-2]).value,
                        "found_detail": None,
                        "stage_id": rng.choices([s.id for s in stages], stage_weights)[0],
                        "owner": rng.choice(OWNERS),
                        "brand_fit": rng.choice(
                            (None, "Warm, natural aesthetic.", "Values match.")
                        ),
                        "rating": rng.choice((None, 2, 3, 3, 4, 4, 5)),
                        "do_not_contact": rng.random() < 0.02,
                        "created_at": created,
                        "updated_at": created + timedelta(days=rng.randint(0, 30)),
                        "deleted_at": None,
                    }
                )
                for tag in rng.sample(TAGS, rng.choice((0, 1, 1, 2, 3))):
                    tags.append({"influencer_id": person_id, "name": tag})
                base = (
                    f"{first}.{word}".lower()
                    .replace("'", "")
                    .replace("é", "e")
                    .replace("ë", "e")
                    .replace("í", "i")
                    .replace("ü", "u")
                )
                platforms = list(
                    dict.fromkeys(
                        rng.choices(
                            list(PLATFORM_WEIGHTS),
                            list(PLATFORM_WEIGHTS.values()),
                            k=rng.choice((2, 3, 3, 4, 5)),
                        )
                    )
                )
                main_followers = _followers(rng)
                handles = [_handle(platform, base, 0) for platform in platforms]
                while used_handles.intersection(handles):
                    serial = rng.randint(1, 999_999)
                    handles = [_handle(platform, base, serial) for platform in platforms]
                used_handles.update(handles)
                for i, (platform, handle) in enumerate(zip(platforms, handles, strict=True)):
                    followers = (
                        main_followers
                        if i == 0
                        else int(main_followers * rng.uniform(0.05, 1.5)) + 50
                    )
                    # Engagement falls as audiences grow; a few accounts look bought or inflated.
                    rate = BASE_ENGAGEMENT[platform] * rng.uniform(0.4, 1.8)
                    rate *= (10_000 / max(followers, 1000)) ** 0.15
                    if rng.random() < 0.03:
                        rate *= 6
                    likes = int(followers * rate * 0.93)
                    accounts.append(
                        {
                            "influencer_id": person_id,
                            "platform": platform.value,
                            "handle": handle,
                            "url": profile_url(platform, handle),
                            "is_primary": i == 0,
                            "followers": followers,
                            "avg_likes": likes,
                            "avg_comments": max(0, int(followers * rate * 0.07)),
                            "avg_views": int(followers * rng.uniform(0.2, 1.4))
                            if platform in (Platform.TIKTOK, Platform.YOUTUBE, Platform.INSTAGRAM)
                            else None,
                            "posts_per_week": round(rng.uniform(0.5, 7), 1),
                            "audience_countries": f"{country} {rng.randint(35, 80)}%",
                            "audience_gender": rng.choice(("70% women", "55% women", "60% men")),
                            "audience_age": rng.choice(("18–24", "25–34", "35–44")),
                            "audience_notes": None,
                            "authenticity": rng.choice((None, rng.randint(55, 98))),
                            "created_at": created,
                            "updated_at": created,
                        }
                    )
            session.execute(insert(Influencer.__table__), people)
            if tags:
                session.execute(insert(InfluencerTag.__table__), tags)
            session.execute(insert(SocialAccount.__table__), accounts)
            # One earlier snapshot per main account, so growth shows from the first day.
            first_ids = session.execute(
                select(
                    SocialAccount.id,
                    SocialAccount.followers,
                    SocialAccount.avg_likes,
                    SocialAccount.avg_comments,
                    SocialAccount.created_at,
                ).where(
                    SocialAccount.influencer_id.in_([p["id"] for p in people]),
                    SocialAccount.is_primary,
                )
            ).all()
            for row in first_ids:
                snaps.append(
                    {
                        "account_id": row.id,
                        "taken_at": row.created_at,
                        "followers": int(row.followers * rng.uniform(0.7, 0.98)),
                        "avg_likes": row.avg_likes,
                        "avg_comments": row.avg_comments,
                        "avg_views": None,
                    }
                )
                snaps.append(
                    {
                        "account_id": row.id,
                        "taken_at": now,
                        "followers": row.followers,
                        "avg_likes": row.avg_likes,
                        "avg_comments": row.avg_comments,
                        "avg_views": None,
                    }
                )
            session.execute(insert(MetricSnapshot.__table__), snaps)
        for step in EXTRA_STEPS:
            step(session, rng, all_ids)
        populate_campaigns(session, rng, all_ids)  # after the outreach it tags
        search_index.reindex(session, None)
        # The people added twice on purpose gave up an account each: count what is there.
        account_total = _account_count(session) - accounts_before
    if shop_orders:
        demo_shop.add_shop_orders(db, rng)  # imported like a user's export: its own transaction
    return DemoSummary(influencers=influencers, accounts=account_total)


def _account_count(session: Session) -> int:
    return session.execute(select(func.count()).select_from(SocialAccount)).scalar_one()


# The extra steps register themselves when imported (people who came in twice, outreach).
from infcrm.demo import duplicates, growth, outreach, saved_views  # noqa: E402,F401
