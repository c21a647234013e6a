"""The PostgreSQL spelling of the schema pieces SQLite writes in its own dialect.

Each migration that writes SQLite-only DDL (FTS5 tables, triggers, in-place edits of stored
table definitions) runs the statements listed here for its revision instead, so a server
database goes through the same chain from empty. Spelled out per revision, as the migrations
are, so later changes elsewhere never change what an old revision did.
"""

from __future__ import annotations

from alembic import op

# 0001, before its tables — extensions, the case-insensitive collation, matching keys; after
# them, the main-account triggers and the word index (REVISION_0001). unaccent and pg_trgm
# are "trusted" extensions: the database's owner may create them without being a superuser
# (PostgreSQL 13+).
PREREQUISITES_0001 = (
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # What SQLite's NOCASE is to the list's sorting: ICU's secondary strength ignores case
    # (and, unlike NOCASE, also folds “Ü”/“ü”). Nondeterministic, so equality ignores case too.
    # Named twice: SQLAlchemy quotes COLLATE "NOCASE" on columns, raw index SQL folds to nocase.
    """CREATE COLLATION IF NOT EXISTS "NOCASE"
       (provider = icu, locale = 'und-u-ks-level2', deterministic = false)""",
    'CREATE COLLATION IF NOT EXISTS nocase FROM "NOCASE"',
    # Regular expressions refuse the nondeterministic collation of tag names: the functions
    # below read their text under ICU's root collation (Unicode letters and digits).
    # The domain's fold_name and fold_email, which SQLite connections get as Python functions.
    """CREATE FUNCTION infcrm_fold_name(value text) RETURNS text LANGUAGE sql STABLE AS $$
       SELECT coalesce(btrim(regexp_replace(
           lower(unaccent(value)) COLLATE "und-x-icu", '[^[:alnum:]]+', ' ', 'g')), '') $$""",
    """CREATE FUNCTION infcrm_fold_email(value text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
       SELECT coalesce(lower(btrim(value)), '') $$""",
    # The words of a record as FTS5's unicode61 tokenizer sees them: letters and digits,
    # diacritics folded; everything else separates words.
    """CREATE FUNCTION infcrm_words(value text) RETURNS tsvector LANGUAGE sql STABLE AS $$
       SELECT to_tsvector('simple', regexp_replace(
           lower(unaccent(value)) COLLATE "und-x-icu", '[^[:alnum:]]+', ' ', 'g')) $$""",
)
# Made again by 0017: a trigger naming columns (UPDATE OF) holds on to their types.
MAIN_UPDATE_TRIGGER = """CREATE TRIGGER social_account_main_update AFTER UPDATE OF
       influencer_id, is_primary, platform, handle, followers, avg_likes, avg_comments
       ON social_account FOR EACH ROW EXECUTE FUNCTION infcrm_main_account()"""
REVISION_0001 = (
    """CREATE FUNCTION infcrm_main_account() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            IF NEW.is_primary THEN
                UPDATE influencer SET main_platform = NEW.platform, main_handle = NEW.handle,
                    main_followers = NEW.followers, main_avg_likes = NEW.avg_likes,
                    main_avg_comments = NEW.avg_comments
                WHERE id = NEW.influencer_id;
            END IF;
        ELSIF TG_OP = 'DELETE' THEN
            IF OLD.is_primary THEN
                UPDATE influencer SET main_platform = NULL, main_handle = NULL,
                    main_followers = NULL, main_avg_likes = NULL, main_avg_comments = NULL
                WHERE id = OLD.influencer_id;
            END IF;
        ELSE
            UPDATE influencer SET
                (main_platform, main_handle, main_followers, main_avg_likes, main_avg_comments) =
                (SELECT platform, handle, followers, avg_likes, avg_comments FROM social_account
                 WHERE influencer_id = influencer.id AND is_primary)
            WHERE id IN (OLD.influencer_id, NEW.influencer_id);
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER social_account_main_insert AFTER INSERT ON social_account
       FOR EACH ROW EXECUTE FUNCTION infcrm_main_account()""",
    MAIN_UPDATE_TRIGGER,
    """CREATE TRIGGER social_account_main_delete AFTER DELETE ON social_account
       FOR EACH ROW EXECUTE FUNCTION infcrm_main_account()""",
    # The word index: one row per person (rowid = influencer id, the name FTS5 gives it).
    "CREATE TABLE influencer_search (rowid integer PRIMARY KEY, words tsvector NOT NULL)",
    "CREATE INDEX ix_influencer_search_words ON influencer_search USING gin (words)",
)

# 0004 — a sent agreement's text is frozen.
REVISION_0004 = (
    """CREATE FUNCTION infcrm_agreement_text_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF OLD.sent_at IS NOT NULL AND (
            NEW.subject IS DISTINCT FROM OLD.subject OR NEW.body IS DISTINCT FROM OLD.body
            OR NEW.sent_at IS DISTINCT FROM OLD.sent_at
            OR NEW.text_sha256 IS DISTINCT FROM OLD.text_sha256) THEN
            RAISE EXCEPTION 'agreement text is frozen once sent';
        END IF;
        RETURN NEW;
    END $$""",
    """CREATE TRIGGER agreement_text_frozen
       BEFORE UPDATE OF subject, body, sent_at, text_sha256 ON agreement
       FOR EACH ROW EXECUTE FUNCTION infcrm_agreement_text_frozen()""",
)

# 0005 — parts of handles and addresses, found by a trigram index.
REVISION_0005 = (
    "CREATE TABLE influencer_part_search (rowid integer PRIMARY KEY, parts text NOT NULL)",
    """CREATE INDEX ix_influencer_part_search_parts ON influencer_part_search
       USING gin (parts gin_trgm_ops)""",
)

# 0007 — a sent agreement cannot be replaced, moved, put back to draft, deleted while its deal
# exists, or have its confirming reply edited. (Ids: PostgreSQL sequences never hand one out
# twice, so the AUTOINCREMENT edit has nothing to do here.)
REVISION_0007 = (
    """CREATE FUNCTION infcrm_agreement_sent_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            IF EXISTS (SELECT 1 FROM agreement AS a WHERE a.sent_at IS NOT NULL
                       AND (a.id = NEW.id OR (a.deal_id = NEW.deal_id
                                              AND a.version = NEW.version))) THEN
                RAISE EXCEPTION 'a sent agreement cannot be replaced';
            END IF;
            RETURN NEW;
        ELSIF TG_OP = 'DELETE' THEN
            IF OLD.sent_at IS NOT NULL
               AND EXISTS (SELECT 1 FROM deal WHERE deal.id = OLD.deal_id) THEN
                RAISE EXCEPTION 'a sent agreement is kept as long as its deal';
            END IF;
            RETURN OLD;
        END IF;
        IF (OLD.sent_at IS NOT NULL AND (
                NEW.id IS DISTINCT FROM OLD.id OR NEW.deal_id IS DISTINCT FROM OLD.deal_id
                OR NEW.version IS DISTINCT FROM OLD.version OR NEW.status = 'draft'))
           OR EXISTS (
                SELECT 1 FROM agreement AS a WHERE a.sent_at IS NOT NULL
                AND a.id IS DISTINCT FROM OLD.id
                AND (a.id = NEW.id OR (a.deal_id = NEW.deal_id AND a.version = NEW.version)))
        THEN
            RAISE EXCEPTION 'a sent agreement cannot go back to draft or be moved';
        END IF;
        IF OLD.confirmed_at IS NOT NULL AND (
            NEW.confirmed_at IS DISTINCT FROM OLD.confirmed_at
            OR NEW.reply_sender IS DISTINCT FROM OLD.reply_sender
            OR NEW.reply_date IS DISTINCT FROM OLD.reply_date
            OR NEW.reply_subject IS DISTINCT FROM OLD.reply_subject
            OR NEW.reply_body IS DISTINCT FROM OLD.reply_body
            OR NEW.reply_eml IS DISTINCT FROM OLD.reply_eml) THEN
            RAISE EXCEPTION 'the confirming reply of an agreement is frozen';
        END IF;
        RETURN NEW;
    END $$""",
    """CREATE TRIGGER agreement_sent_not_replaced BEFORE INSERT ON agreement
       FOR EACH ROW EXECUTE FUNCTION infcrm_agreement_sent_guard()""",
    """CREATE TRIGGER agreement_sent_not_moved BEFORE UPDATE ON agreement
       FOR EACH ROW EXECUTE FUNCTION infcrm_agreement_sent_guard()""",
    """CREATE TRIGGER agreement_sent_not_deleted BEFORE DELETE ON agreement
       FOR EACH ROW EXECUTE FUNCTION infcrm_agreement_sent_guard()""",
)

# 0010 — an account may have no handle when a label names it.
REVISION_0010 = (
    "ALTER TABLE social_account ADD COLUMN label VARCHAR(200)",
    "ALTER TABLE social_account ALTER COLUMN handle DROP NOT NULL",
    """ALTER TABLE social_account ADD CONSTRAINT ck_social_account_handle_or_label
       CHECK (handle IS NOT NULL OR label IS NOT NULL)""",
)

# 0015 — tags leave the word index for an index of distinct tag names (compared as tags are,
# without case); their words are read at search time, there being few names.
REVISION_0015 = (
    'CREATE TABLE tag_search (name VARCHAR(60) COLLATE "NOCASE" PRIMARY KEY)',
    "INSERT INTO tag_search (name) SELECT min(name) FROM influencer_tag GROUP BY name",
    "DROP INDEX ix_influencer_stage_id",
)


# 0033 — the word index's entries hold each person's name and whether they are alive, kept
# true when someone is renamed, trashed or restored (an entry is written whole by a save).
SEARCH_NAME_FUNCTION = """CREATE FUNCTION infcrm_search_name() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE influencer_search SET name = NEW.display_name, alive = NEW.deleted_at IS NULL
        WHERE rowid = NEW.id;
        RETURN NULL;
    END $$"""
SEARCH_NAME_TRIGGER = """CREATE TRIGGER influencer_search_name
       AFTER UPDATE OF display_name, deleted_at ON influencer FOR EACH ROW
       WHEN (OLD.display_name IS DISTINCT FROM NEW.display_name
             OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL))
       EXECUTE FUNCTION infcrm_search_name()"""


# Going back down (alembic downgrade), each revision's PostgreSQL spelling of what its
# SQLite downgrade undoes. Extensions stay: another role may own them (see server_setup).
DOWN_0001 = (
    *(
        f"DROP TRIGGER IF EXISTS social_account_main_{name} ON social_account"
        for name in ("insert", "update", "delete")
    ),
    "DROP FUNCTION IF EXISTS infcrm_main_account()",
)
# After 0001's tables, which use them.
DOWN_0001_PREREQUISITES = (
    "DROP FUNCTION IF EXISTS infcrm_words(text)",
    "DROP FUNCTION IF EXISTS infcrm_fold_email(text)",
    "DROP FUNCTION IF EXISTS infcrm_fold_name(text)",
    "DROP COLLATION IF EXISTS nocase",
    'DROP COLLATION IF EXISTS "NOCASE"',
)
DOWN_0004 = (
    "DROP TRIGGER IF EXISTS agreement_text_frozen ON agreement",
    "DROP FUNCTION IF EXISTS infcrm_agreement_text_frozen()",
)
SENT_GUARD_TRIGGERS = (
    "agreement_sent_not_replaced",
    "agreement_sent_not_moved",
    "agreement_sent_not_deleted",
)
DOWN_0007 = (
    *(f"DROP TRIGGER {name} ON agreement" for name in SENT_GUARD_TRIGGERS),
    "DROP FUNCTION infcrm_agreement_sent_guard()",
)
DOWN_0010 = (
    # An account without a handle has nothing to stand on in the older schema.
    "DELETE FROM social_account WHERE handle IS NULL",
    "ALTER TABLE social_account DROP CONSTRAINT ck_social_account_handle_or_label",
    "ALTER TABLE social_account ALTER COLUMN handle SET NOT NULL",
    "ALTER TABLE social_account DROP COLUMN label",
)
# The word index keeps its shape on a server (0015 only moved tags out of it there).
DOWN_0015 = (
    "DROP TABLE IF EXISTS tag_search",
    "CREATE INDEX ix_influencer_stage_id ON influencer (stage_id)",
)


# Every trigger a server database holds at the newest revision: {name: (its table, the
# statement that makes it)}. The check looks for each; a repair makes a missing one again.
TRIGGERS = {
    "social_account_main_insert": ("social_account", REVISION_0001[1]),
    "social_account_main_update": ("social_account", MAIN_UPDATE_TRIGGER),
    "social_account_main_delete": ("social_account", REVISION_0001[3]),
    "agreement_text_frozen": ("agreement", REVISION_0004[1]),
    "influencer_search_name": ("influencer", SEARCH_NAME_TRIGGER),
    **{
        name: ("agreement", make)
        for name, make in zip(SENT_GUARD_TRIGGERS, REVISION_0007[1:], strict=True)
    },
}


def on_postgresql() -> bool:
    """Whether the migration running now writes to a PostgreSQL server."""
    return op.get_bind().dialect.name == "postgresql"


def run(statements: tuple[str, ...]) -> None:
    """Run one revision's PostgreSQL statements, in order."""
    for statement in statements:
        op.execute(statement)
