// Generated from Schemas/postgresql/*.sql (as Scripts/embed-schemas does for Schemas/sqlite). Do not
// edit by hand: the test "migrations run exactly the files in Schemas/postgresql" compares them.

/// The PostgreSQL migration files, in order: (file name, exact contents).
enum EmbeddedSchemas {
    static let migrations: [(name: String, sql: String)] = [
        ("0001_journal.sql", #"""
-- vtf ledger on PostgreSQL, schema 1: the tables of Schemas/sqlite/0001_journal.sql, in the
-- ledger's own PostgreSQL schema (one database may hold several ledgers, one schema each).
-- The journal table is the record: each row holds an entry's signed bytes. Every other table is
-- derived from the journal, written in the same transaction as the entry, and compared with a
-- replay of the journal by `vtf verify`. Nothing in the journal is ever updated or deleted: the
-- triggers below refuse it, and the writer role holds only INSERT and SELECT on the journal,
-- checkpoint and cosignature tables (see PostgresLedger.writerGrants).
-- Text is compared byte by byte (COLLATE "C"), as SQLite compares it, so that every ordering
-- and range a query reads is the one it reads on SQLite.

CREATE TABLE journal (
    seq       BIGINT PRIMARY KEY CHECK (seq >= 0),
    kind      TEXT COLLATE "C" NOT NULL,                        -- copy of the body's "kind"
    ref       TEXT COLLATE "C",                                 -- copy of the body's "ref"
    body      BYTEA NOT NULL,                                   -- RFC 8785 canonical entry bytes (signed)
    sig       BYTEA NOT NULL CHECK (octet_length(sig) = 64),    -- Ed25519 signature over body
    leaf_hash BYTEA NOT NULL CHECK (octet_length(leaf_hash) = 32) -- SHA-256(0x00 || body)
);

-- A ref is an idempotency key: unique per kind.
CREATE UNIQUE INDEX journal_kind_ref ON journal (kind, ref) WHERE ref IS NOT NULL;

CREATE FUNCTION vtf_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
    FOR EACH ROW EXECUTE FUNCTION vtf_refuse_change('the journal is append-only: entries are never updated (post a reversal)');
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
    FOR EACH ROW EXECUTE FUNCTION vtf_refuse_change('the journal is append-only: entries are never deleted (post a reversal)');
CREATE TRIGGER journal_no_truncate BEFORE TRUNCATE ON journal
    FOR EACH STATEMENT EXECUTE FUNCTION vtf_refuse_change('the journal is append-only: it is never truncated');

CREATE FUNCTION vtf_journal_in_order() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.seq IS DISTINCT FROM (SELECT COALESCE(MAX(seq) + 1, 0) FROM journal) THEN
        RAISE EXCEPTION 'journal entries are appended in seq order, without gaps' USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER journal_in_order BEFORE INSERT ON journal
    FOR EACH ROW EXECUTE FUNCTION vtf_journal_in_order();

-- Signed checkpoints (C2SP tlog-checkpoint notes), one per committed write. Append-only too.
CREATE TABLE checkpoints (
    size BIGINT PRIMARY KEY CHECK (size > 0),
    root BYTEA NOT NULL CHECK (octet_length(root) = 32),
    note TEXT COLLATE "C" NOT NULL
);

CREATE TRIGGER checkpoints_no_update BEFORE UPDATE ON checkpoints
    FOR EACH ROW EXECUTE FUNCTION vtf_refuse_change('checkpoints are append-only');
CREATE TRIGGER checkpoints_no_delete BEFORE DELETE ON checkpoints
    FOR EACH ROW EXECUTE FUNCTION vtf_refuse_change('checkpoints are append-only');
CREATE TRIGGER checkpoints_no_truncate BEFORE TRUNCATE ON checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION vtf_refuse_change('checkpoints are append-only');

-- Witness cosignatures (C2SP tlog-cosignature lines) that auditors added to stored checkpoints.
CREATE TABLE cosignatures (
    size    BIGINT NOT NULL REFERENCES checkpoints (size),
    name    TEXT COLLATE "C" NOT NULL,                -- the witness's key name
    key_id  TEXT COLLATE "C" NOT NULL,                -- 8 hex digits of the note key id
    line    TEXT COLLATE "C" NOT NULL,                -- the signature line, without its newline
    PRIMARY KEY (size, name, key_id)
);

CREATE TRIGGER cosignatures_no_update BEFORE UPDATE ON cosignatures
    FOR EACH ROW EXECUTE FUNCTION vtf_refuse_change('cosignatures are append-only');
CREATE TRIGGER cosignatures_no_delete BEFORE DELETE ON cosignatures
    FOR EACH ROW EXECUTE FUNCTION vtf_refuse_change('cosignatures are append-only');
CREATE TRIGGER cosignatures_no_truncate BEFORE TRUNCATE ON cosignatures
    FOR EACH STATEMENT EXECUTE FUNCTION vtf_refuse_change('cosignatures are append-only');

-- Derived: the roots of every complete perfect subtree of the Merkle tree above the leaves
-- (level >= 1; node (level, idx) covers entries idx * 2^level ... (idx + 1) * 2^level - 1).
-- Level 0 is journal.leaf_hash. Any proof reads O(log n) rows.
CREATE TABLE merkle_nodes (
    level INTEGER NOT NULL CHECK (level >= 1),
    idx   BIGINT NOT NULL CHECK (idx >= 0),
    hash  BYTEA NOT NULL CHECK (octet_length(hash) = 32),
    PRIMARY KEY (level, idx)
);

-- Derived: the Merkle frontier after the last entry (one hash per set bit of size).
CREATE TABLE tree_state (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    size     BIGINT NOT NULL,
    frontier BYTEA NOT NULL
);

-- Derived: the settings of the genesis entry.
CREATE TABLE ledger_settings (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    origin    TEXT COLLATE "C" NOT NULL,
    fund_name TEXT COLLATE "C" NOT NULL,
    currency  TEXT COLLATE "C" NOT NULL
);

-- Derived: keys from genesis, key.register and key.revoke.
CREATE TABLE keys (
    key_id         TEXT COLLATE "C" PRIMARY KEY,
    public_key     BYTEA NOT NULL CHECK (octet_length(public_key) = 32),
    holder         TEXT COLLATE "C" NOT NULL,
    name           TEXT COLLATE "C" NOT NULL,
    roles          TEXT COLLATE "C" NOT NULL,        -- role names joined by ","
    registered_seq BIGINT NOT NULL,
    revoked_seq    BIGINT,
    revoke_reason  TEXT COLLATE "C"
);

-- Derived: the chart of accounts.
CREATE TABLE accounts (
    code       TEXT COLLATE "C" PRIMARY KEY,
    name       TEXT COLLATE "C" NOT NULL,
    type       TEXT COLLATE "C" NOT NULL,
    opened_seq BIGINT NOT NULL,
    closed_seq BIGINT
);

-- Derived: every posting, in minor units (amount in its currency, value in the fund currency).
CREATE TABLE postings (
    seq      BIGINT NOT NULL,
    line     INTEGER NOT NULL,                       -- 0-based index in the entry
    date     TEXT COLLATE "C" NOT NULL,
    account  TEXT COLLATE "C" NOT NULL,
    currency TEXT COLLATE "C" NOT NULL,
    amount   BIGINT NOT NULL,
    value    BIGINT NOT NULL,
    PRIMARY KEY (seq, line)
);

-- Covering index: balances as of a date read it alone (DESIGN §7: never an index on account only).
CREATE INDEX postings_by_account ON postings (account, currency, date) INCLUDE (amount, value);
-- Dates alone: the trial balance as of a date and the last entry posting before a date.
CREATE INDEX postings_by_date ON postings (date) INCLUDE (account, currency, amount, value, seq);

-- Derived: running balance per account and currency.
CREATE TABLE balances (
    account  TEXT COLLATE "C" NOT NULL,
    currency TEXT COLLATE "C" NOT NULL,
    amount   BIGINT NOT NULL,
    value    BIGINT NOT NULL,
    PRIMARY KEY (account, currency)
);

-- Derived: which entries were reversed, and by which entry.
CREATE TABLE reversals (
    target_seq   BIGINT PRIMARY KEY,
    reversal_seq BIGINT NOT NULL
);

-- Local settings of this copy of the ledger, not part of the journal (e.g. where the log key is).
CREATE TABLE local_config (
    name  TEXT COLLATE "C" PRIMARY KEY,
    value TEXT COLLATE "C" NOT NULL
);

"""#),
        ("0002_fund_records.sql", #"""
-- vtf ledger on PostgreSQL, schema 2: the trust fund's derived state (as Schemas/sqlite/0002).
-- Donors, agreements, grants, rates, settings and approval requests, one row per record, as
-- the fund rules of the journal leave them. Derived like every table but the journal: written in
-- the entry's transaction, and compared with a replay by `vtf verify`.

CREATE TABLE fund_records (
    collection TEXT COLLATE "C" NOT NULL,            -- e.g. donor, agreement, grant, rate.EUR, request
    id         TEXT COLLATE "C" NOT NULL,            -- the record's key within its collection
    seq        BIGINT NOT NULL,                      -- the entry that last wrote it
    fields     BYTEA NOT NULL,                       -- RFC 8785 canonical JSON object
    PRIMARY KEY (collection, id)
);

-- Entries by kind: reports read the few fund entries (grant reports, year-end closes) of a
-- journal that may hold a million vouchers without scanning it.
CREATE INDEX journal_by_kind ON journal (kind, seq);

"""#),
        ("0003_entry_index.sql", #"""
-- vtf ledger on PostgreSQL, schema 3: every entry's date, kind and accounts, so that a report on
-- a window of dates (the events after a reporting date, the cash flows of a year) finds its
-- entries by an index and sums their postings per shape of entry instead of reading a million
-- bodies. Derived like every table but the journal: written in the entry's transaction, and
-- compared with the entry bytes by `vtf verify`. The reports still read each entry they list
-- whole and check its date.

CREATE TABLE entry_index (
    seq      BIGINT PRIMARY KEY,
    date     TEXT COLLATE "C" NOT NULL,              -- the body's "date", YYYY-MM-DD
    kind     TEXT COLLATE "C" NOT NULL,              -- the body's "kind"
    accounts TEXT COLLATE "C" NOT NULL               -- the account of each posting, in line order, joined by ' '
);

-- The entries a ledger already holds (a ledger migrated from schema 2).
INSERT INTO entry_index (seq, date, kind, accounts)
SELECT j.seq, convert_from(j.body, 'UTF8')::jsonb ->> 'date', j.kind,
       COALESCE((SELECT string_agg(p.account, ' ' ORDER BY p.line) FROM postings p WHERE p.seq = j.seq), '')
FROM journal j;

CREATE INDEX entry_index_by_date ON entry_index (date, seq) INCLUDE (kind);

"""#),
        ("0004_date_indexes.sql", #"""
-- vtf ledger on PostgreSQL, schema 4: the two date indexes hold what a year's reports read, so
-- the server answers them from the indexes alone: entry_index_by_date also the entry's accounts
-- (the statement of cash flows groups the cash postings by them), postings_by_date also each
-- posting's line. Indexes only: nothing derived changes, `vtf verify` reads the tables.

DROP INDEX entry_index_by_date;
CREATE INDEX entry_index_by_date ON entry_index (date, seq) INCLUDE (kind, accounts);

DROP INDEX postings_by_date;
CREATE INDEX postings_by_date ON postings (date) INCLUDE (account, currency, amount, value, seq, line);

"""#),
        ("0005_journal_order_per_statement.sql", #"""
-- vtf ledger on PostgreSQL, schema 5: the journal's order is checked once per INSERT statement
-- rather than once per row. A bulk import writes a batch of entries in one statement; the row
-- trigger of schema 1 ran a PL/pgSQL function and a MAX(seq) lookup for each of them (about a
-- fifth of the server's time per entry). This trigger sees the statement's rows as a table and
-- refuses the whole statement unless they are the next seqs, without a gap: they start right
-- after the rows there were before, they are as many as the span they cover (seq is the primary
-- key, so no two are equal), and nothing lies beyond the last of them.

CREATE FUNCTION vtf_journal_rows_in_order() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    added BIGINT;
    first_seq BIGINT;
    last_seq BIGINT;
BEGIN
    SELECT count(*), min(seq), max(seq) INTO added, first_seq, last_seq FROM new_rows;
    IF added = 0 THEN
        RETURN NULL;
    END IF;
    IF first_seq IS DISTINCT FROM (SELECT COALESCE(MAX(seq) + 1, 0) FROM journal WHERE seq < first_seq)
        OR last_seq - first_seq + 1 <> added
        OR last_seq IS DISTINCT FROM (SELECT MAX(seq) FROM journal) THEN
        RAISE EXCEPTION 'journal entries are appended in seq order, without gaps' USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NULL;
END;
$$;

DROP TRIGGER journal_in_order ON journal;
DROP FUNCTION vtf_journal_in_order();

CREATE TRIGGER journal_rows_in_order AFTER INSERT ON journal REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION vtf_journal_rows_in_order();

"""#),
    ]
}
