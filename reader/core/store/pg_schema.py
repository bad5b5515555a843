"""The shared archive's schema on PostgreSQL, as numbered migrations.

Unlike the embedded store (a cache, rebuilt from the files when its layout changes), the
archive is the team's: it is never dropped, only migrated forward, each step once, in order,
under an advisory lock so that indexers starting together do not race.

The tables mirror the embedded store's (see `db.SCHEMA`), so the same SQL serves both; text
that is sorted or compared as a key is `COLLATE "C"`, bytewise as SQLite sorts it, whatever
the server's locale. The full-text index is the archive's own: a weighted `tsvector` kept in
a column (title A, actor names B, the lead C, the rest of the body D; made by the indexers'
workers, see `search_vector`, or else by the server, `reader_search`) under a GIN
index, over words cut as the embedded index cuts them (`reader_words`: accents folded, any
character that is not a letter or digit a break), its pairs of adjacent words in a column
beside it (`pairs`, made alike by the workers or `reader_pairs`) under a GIN index of their
own, for phrases, and the index's terms in `vocabulary` with a trigram index for typo
tolerance (pg_trgm).
"""

from __future__ import annotations

INDEXED_CHARS = 200_000
"""Text of one column indexed at most: a tsvector holds under 1 MB."""

LEAD = "split_part(coalesce(body, ''), E'\\n\\n', 1)"
"""The body's first paragraph."""

_SEARCH = f"""
    setweight(to_tsvector('simple', reader_words(left(title, {INDEXED_CHARS}))), 'A')
    || setweight(to_tsvector('simple', reader_words(left(actors, {INDEXED_CHARS}))), 'B')
    || setweight(to_tsvector('simple', reader_words(left({LEAD}, {INDEXED_CHARS}))), 'C')
    || setweight(to_tsvector('simple', reader_words(left(body, {INDEXED_CHARS}))), 'D')
"""


def _vocabulary_trigger(event: str, tables: str, changes: str) -> str:
    """A statement trigger counting into `vocabulary_changes` the terms of the vectors that
    `changes` (search, +1 or -1) lists: one row per change of a count, whatever the rows."""
    name = f"reader_vocabulary_{event.lower()}"
    return f"""
    CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO vocabulary_changes SELECT array_agg(term ORDER BY term), docs FROM (
            SELECT term, sum(docs)::integer AS docs
            FROM ({changes}) AS changed (search, docs), unnest(tsvector_to_array(search)) term
            GROUP BY term
        ) counted WHERE docs <> 0 GROUP BY docs;
        RETURN NULL;
    END $$;
    CREATE TRIGGER articles_vocabulary_{event.lower()} AFTER {event} ON articles
        REFERENCING {tables} FOR EACH STATEMENT EXECUTE FUNCTION {name}();
    """


KEY = 'TEXT COLLATE "C"'
"""Text that is a key, compared and sorted bytewise (as SQLite does) in any server locale."""

MIGRATIONS: list[str] = [
    # 1: the tables of the embedded store, and the weighted full-text index
    f"""
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE EXTENSION IF NOT EXISTS unaccent;
    CREATE FUNCTION reader_words(text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        RETURN regexp_replace(
            public.unaccent('public.unaccent'::regdictionary, coalesce($1, '')),
            '[^[:alnum:]]+', ' ', 'g'
        );
    CREATE TABLE files (
        path {KEY} PRIMARY KEY, size BIGINT, mtime_ns BIGINT, hash TEXT, analyzer TEXT,
        error TEXT, note TEXT
    );
    CREATE TABLE articles (
        rowid BIGSERIAL PRIMARY KEY, id {KEY}, base_id {KEY}, path {KEY}, position INTEGER,
        key {KEY}, source TEXT, published TEXT, title TEXT, body TEXT, actors TEXT,
        meta TEXT, search tsvector GENERATED ALWAYS AS ({_SEARCH}) STORED
    );
    CREATE INDEX articles_path ON articles(path);
    CREATE INDEX articles_id ON articles(id);
    CREATE INDEX articles_search ON articles USING GIN (search);
    CREATE TABLE analyses (key {KEY}, version {KEY}, data TEXT, PRIMARY KEY (key, version));
    CREATE TABLE vocabulary (term {KEY} PRIMARY KEY, docs INTEGER);
    CREATE INDEX vocabulary_trigrams ON vocabulary USING GIN (term gin_trgm_ops);
    CREATE TABLE story_articles (
        id {KEY} PRIMARY KEY, content TEXT, story {KEY}, similarity REAL, neighbour TEXT,
        vector TEXT, actors TEXT
    );
    CREATE INDEX story_articles_story ON story_articles(story);
    CREATE TABLE story_generation (generation INTEGER);
    CREATE TABLE story_corpora (story {KEY} PRIMARY KEY, stamp TEXT);
    CREATE TABLE story_actors (
        story {KEY}, position INTEGER, key {KEY}, mentions INTEGER, data TEXT,
        PRIMARY KEY (story, position)
    );
    CREATE INDEX story_actors_key ON story_actors(key, mentions);
    CREATE TABLE story_events (
        story {KEY}, position INTEGER, day INTEGER, precision INTEGER, date {KEY}, data TEXT,
        PRIMARY KEY (story, position)
    );
    CREATE INDEX story_events_order ON story_events(day, precision, date, story, position);
    CREATE TABLE story_quotes (
        story {KEY}, position INTEGER, speaker TEXT, key {KEY}, article {KEY}, start INTEGER,
        "end" INTEGER, text TEXT, PRIMARY KEY (story, position)
    );
    CREATE INDEX story_quotes_key ON story_quotes(key);
    CREATE TABLE story_mentions (id {KEY} PRIMARY KEY, story {KEY}, data TEXT);
    CREATE INDEX story_mentions_story ON story_mentions(story);
    """,
    # 2: the files indexers have listed to read and analyse; each takes a few at a time
    f"""
    CREATE TABLE claims (path {KEY} PRIMARY KEY);
    """,
    # 3: the key terms of each article's story vector, for a candidate search in the store
    f"""
    CREATE TABLE story_keys (rowid BIGSERIAL PRIMARY KEY, key {KEY}, id {KEY}, weight BIGINT);
    CREATE INDEX story_keys_key ON story_keys(key, rowid);
    CREATE INDEX story_keys_id ON story_keys(id);
    """,
    # 4: every article read in corpus order a page at a time (`stream`)
    """
    CREATE INDEX articles_place ON articles(path, position);
    DROP INDEX articles_path;
    """,
    # 5: the title's words and the actor names' words, each under a GIN index of
    # its own, for a search asked of them alone (`pg_index`): the weighted tsvector cannot
    # say where its words stand without each matching article's vector being read
    f"""
    CREATE FUNCTION reader_vector(text) RETURNS tsvector
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        RETURN to_tsvector('simple', reader_words(left($1, {INDEXED_CHARS})));
    CREATE INDEX articles_title_words ON articles USING GIN (reader_vector(title));
    CREATE INDEX articles_actor_words ON articles USING GIN (reader_vector(actors));
    """,
    # 6: the articles written or removed since the stories were last updated, and the grouping
    # version the stories were kept by (none yet: the next update looks at every article once)
    f"""
    CREATE TABLE story_todo (rowid BIGSERIAL PRIMARY KEY, id {KEY});
    CREATE TABLE story_version (version TEXT);
    """,
    # 7: the same weighted vector with the body's words cut once (the lead's are its first
    # ones: C, and D with the rest), and the vocabulary kept from each written article's
    # terms (`vocabulary_changes`, folded in by `refresh_vocabulary`), not from every article
    f"""
    CREATE FUNCTION reader_search(title text, actors text, body text) RETURNS tsvector
        LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
    DECLARE
        whole text := left(coalesce(body, ''), {INDEXED_CHARS});
        lead text := split_part(whole, E'\\n\\n', 1);
        first tsvector := to_tsvector('simple', reader_words(lead));
    BEGIN
        RETURN setweight(to_tsvector('simple', reader_words(left(title, {INDEXED_CHARS}))), 'A')
            || setweight(to_tsvector('simple', reader_words(left(actors, {INDEXED_CHARS}))), 'B')
            || setweight(first, 'C')
            || setweight(
                first || to_tsvector('simple', reader_words(substr(whole, length(lead) + 3))), 'D'
            );
    END $$;
    ALTER TABLE articles DROP COLUMN search;
    ALTER TABLE articles ADD COLUMN search tsvector
        GENERATED ALWAYS AS (reader_search(title, actors, body)) STORED;
    CREATE INDEX articles_search ON articles USING GIN (search);
    CREATE TABLE vocabulary_changes (terms TEXT[], docs INTEGER);
    CREATE FUNCTION reader_vocabulary_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP <> 'INSERT' THEN
            INSERT INTO vocabulary_changes VALUES (tsvector_to_array(OLD.search), -1);
        END IF;
        IF TG_OP <> 'DELETE' THEN
            INSERT INTO vocabulary_changes VALUES (tsvector_to_array(NEW.search), 1);
        END IF;
        RETURN NULL;
    END $$;
    CREATE TRIGGER articles_vocabulary AFTER INSERT OR DELETE OR UPDATE OF title, actors, body
        ON articles FOR EACH ROW EXECUTE FUNCTION reader_vocabulary_change();
    DELETE FROM vocabulary;
    INSERT INTO vocabulary SELECT word, ndoc FROM ts_stat('SELECT search FROM articles');
    """,
    # 8: each article's story vector, computed where it is analysed (`story_vector.kept_text`);
    # the articles already there have none: the stories compute theirs when they place them
    """
    ALTER TABLE articles ADD COLUMN vector TEXT;
    """,
    # 9: the weighted vector made where the article is analysed (`search_vector`), written as
    # a plain column: the server makes it (`reader_search`, as before) only for a row written
    # without one, or whose words change without it; the vocabulary's changes counted per
    # statement (a batch of articles written in one), as (terms, docs) rows of terms whose
    # count changed alike, not one row of terms per article
    f"""
    ALTER TABLE articles ALTER COLUMN search DROP EXPRESSION;
    CREATE FUNCTION reader_search_row() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.search IS NULL OR (TG_OP = 'UPDATE' AND NEW.search IS NOT DISTINCT FROM OLD.search)
        THEN
            NEW.search := reader_search(NEW.title, NEW.actors, NEW.body);
        END IF;
        RETURN NEW;
    END $$;
    CREATE TRIGGER articles_search BEFORE INSERT OR UPDATE OF title, actors, body, search
        ON articles FOR EACH ROW EXECUTE FUNCTION reader_search_row();
    DROP TRIGGER articles_vocabulary ON articles;
    DROP FUNCTION reader_vocabulary_change();
    {_vocabulary_trigger("INSERT", "NEW TABLE AS written", "SELECT search, 1 FROM written")}
    {_vocabulary_trigger("DELETE", "OLD TABLE AS removed", "SELECT search, -1 FROM removed")}
    {
        _vocabulary_trigger(
            "UPDATE",
            "OLD TABLE AS removed NEW TABLE AS written",
            "SELECT o.search, -1 FROM removed o JOIN written n USING (rowid)"
            " WHERE o.search IS DISTINCT FROM n.search"
            " UNION ALL SELECT n.search, 1 FROM removed o JOIN written n USING (rowid)"
            " WHERE o.search IS DISTINCT FROM n.search",
        )
    }
    """,
    # 10: the stories' listing, kept for the generation of the stories it lists
    # (`keep_story_listing`): a reader's start reads it instead of every story's rows
    """
    CREATE TABLE story_listing (generation BIGINT, data TEXT);
    """,
    # 11: each article's pairs of adjacent words (as the vector places them: `'poll to'`), under
    # a GIN index, which names the articles that may hold a phrase (`pg_index`): the words'
    # own index names every article holding them all, anywhere, each then read to check.
    # Its cost (a few ms an article) said to the planner: never made again for each row read
    """
    CREATE FUNCTION reader_pairs(tsvector) RETURNS tsvector
        LANGUAGE sql IMMUTABLE PARALLEL SAFE COST 100000
        RETURN (
            WITH placed AS (SELECT lexeme, unnest(positions) AS place FROM unnest($1))
            SELECT coalesce(
                array_to_tsvector(array_agg(DISTINCT one.lexeme || ' ' || two.lexeme)), ''
            ) FROM placed one JOIN placed two ON two.place = one.place + 1
        );
    CREATE INDEX articles_pairs ON articles USING GIN (reader_pairs(search));
    """,
    # 12: each article's title and actor names' words as its vector weighs them (its A and B:
    # `head`, a few hundred bytes), in a table of their own, kept from each vector written:
    # what a search asked of titles or actor names alone ranks by (`pg_index`), not the whole
    # vector (TOASTed: read and decompressed for each of up to 1,000 matches)
    """
    CREATE TABLE article_heads (
        rowid BIGINT PRIMARY KEY REFERENCES articles ON DELETE CASCADE, head tsvector
    );
    CREATE FUNCTION reader_head_row() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO article_heads VALUES (NEW.rowid, ts_filter(NEW.search, '{a,b}'))
            ON CONFLICT (rowid) DO UPDATE SET head = excluded.head;
        RETURN NULL;
    END $$;
    CREATE TRIGGER articles_head AFTER INSERT OR UPDATE OF title, actors, body, search
        ON articles FOR EACH ROW EXECUTE FUNCTION reader_head_row();
    INSERT INTO article_heads SELECT rowid, ts_filter(search, '{a,b}') FROM articles;
    """,
    # 13: the pairs made where the article is analysed (`search_vector.search_pairs`), with its
    # vector, and written as a plain column under the GIN index; the server makes them
    # (`reader_pairs`, as before) only for a row written without them, or whose vector it
    # makes. The existing articles' pairs made once, as the table is rewritten. The index's
    # own upkeep (5 ms of server CPU an article at 100,000) stays: a larger pending list
    # (gin_pending_list_limit 64 MB) halves it, but every search through the index reads the
    # list (21 MB pending: phrases 25 -> 130 ms)
    """
    DROP INDEX articles_pairs;
    ALTER TABLE articles ADD COLUMN pairs tsvector
        GENERATED ALWAYS AS (reader_pairs(search)) STORED;
    ALTER TABLE articles ALTER COLUMN pairs DROP EXPRESSION;
    CREATE INDEX articles_pairs ON articles USING GIN (pairs);
    CREATE OR REPLACE FUNCTION reader_search_row() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.search IS NULL OR (TG_OP = 'UPDATE' AND NEW.search IS NOT DISTINCT FROM OLD.search)
        THEN
            NEW.search := reader_search(NEW.title, NEW.actors, NEW.body);
            NEW.pairs := reader_pairs(NEW.search);
        ELSIF NEW.pairs IS NULL
            OR (TG_OP = 'UPDATE' AND NEW.pairs IS NOT DISTINCT FROM OLD.pairs)
        THEN
            NEW.pairs := reader_pairs(NEW.search);
        END IF;
        RETURN NEW;
    END $$;
    DROP TRIGGER articles_search ON articles;
    CREATE TRIGGER articles_search BEFORE INSERT OR UPDATE OF title, actors, body, search, pairs
        ON articles FOR EACH ROW EXECUTE FUNCTION reader_search_row();
    """,
    # 14: the log of the stories' saves (`save_stories`): a process whose stories in memory
    # another's saves made old reads again the stories those changed, not every kept story
    """
    CREATE TABLE story_changed (generation INTEGER, id TEXT);
    CREATE INDEX story_changed_generation ON story_changed(generation);
    """,
    # 15: of the articles a save changed, those whose vector it replaced or dropped: a process
    # catching up keeps the vectors it holds of the others (only their story or link moved)
    """
    CREATE TABLE story_replaced (generation INTEGER, id TEXT);
    CREATE INDEX story_replaced_generation ON story_replaced(generation);
    """,
    # 16: the long values (bodies, vectors, analyses, the stories' listing) compressed with
    # lz4 as they are written, not pglz: an article's row written in less of the server's
    # time, and what is read back (a vector to rank, a listing at a reader's start)
    # decompressed several times faster. Values written before stay as they are; a server
    # built without lz4 keeps pglz
    """
    DO $$ BEGIN
        ALTER TABLE articles ALTER body SET COMPRESSION lz4, ALTER actors SET COMPRESSION lz4,
            ALTER meta SET COMPRESSION lz4, ALTER vector SET COMPRESSION lz4,
            ALTER search SET COMPRESSION lz4, ALTER pairs SET COMPRESSION lz4;
        ALTER TABLE analyses ALTER data SET COMPRESSION lz4;
        ALTER TABLE story_articles ALTER vector SET COMPRESSION lz4,
            ALTER actors SET COMPRESSION lz4;
        ALTER TABLE story_actors ALTER data SET COMPRESSION lz4;
        ALTER TABLE story_events ALTER data SET COMPRESSION lz4;
        ALTER TABLE story_mentions ALTER data SET COMPRESSION lz4;
        ALTER TABLE story_listing ALTER data SET COMPRESSION lz4;
    EXCEPTION WHEN feature_not_supported THEN NULL;
    END $$;
    """,
]
