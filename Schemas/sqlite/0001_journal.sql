-- vtf ledger, schema 1.
-- The journal table is the record: each row holds an entry's signed bytes. Every other table is
-- derived from the journal, written in the same transaction as the entry, and compared with a
-- replay of the journal by `vtf verify`. Nothing in the journal is ever updated or deleted.

CREATE TABLE journal (
    seq       INTEGER PRIMARY KEY CHECK (seq >= 0),
    kind      TEXT NOT NULL,                              -- copy of the body's "kind"
    ref       TEXT,                                       -- copy of the body's "ref"
    body      BLOB NOT NULL,                              -- RFC 8785 canonical entry bytes (signed)
    sig       BLOB NOT NULL CHECK (length(sig) = 64),     -- Ed25519 signature over body
    leaf_hash BLOB NOT NULL CHECK (length(leaf_hash) = 32) -- SHA-256(0x00 || body)
);

-- A ref is an idempotency key: unique per kind.
CREATE UNIQUE INDEX journal_kind_ref ON journal (kind, ref) WHERE ref IS NOT NULL;

CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
BEGIN
    SELECT RAISE(ABORT, 'the journal is append-only: entries are never updated (post a reversal)');
END;

CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
BEGIN
    SELECT RAISE(ABORT, 'the journal is append-only: entries are never deleted (post a reversal)');
END;

CREATE TRIGGER journal_in_order BEFORE INSERT ON journal
WHEN NEW.seq != (SELECT COALESCE(MAX(seq) + 1, 0) FROM journal)
BEGIN
    SELECT RAISE(ABORT, 'journal entries are appended in seq order, without gaps');
END;

-- Signed checkpoints (C2SP tlog-checkpoint notes), one per committed write. Append-only too.
CREATE TABLE checkpoints (
    size INTEGER PRIMARY KEY CHECK (size > 0),
    root BLOB NOT NULL CHECK (length(root) = 32),
    note TEXT NOT NULL
);

CREATE TRIGGER checkpoints_no_update BEFORE UPDATE ON checkpoints
BEGIN
    SELECT RAISE(ABORT, 'checkpoints are append-only');
END;

CREATE TRIGGER checkpoints_no_delete BEFORE DELETE ON checkpoints
BEGIN
    SELECT RAISE(ABORT, 'checkpoints are append-only');
END;

-- Witness cosignatures (C2SP tlog-cosignature lines) that auditors added to stored checkpoints.
CREATE TABLE cosignatures (
    size    INTEGER NOT NULL REFERENCES checkpoints (size),
    name    TEXT NOT NULL,                        -- the witness's key name
    key_id  TEXT NOT NULL,                        -- 8 hex digits of the note key id
    line    TEXT NOT NULL,                        -- the signature line, without its newline
    PRIMARY KEY (size, name, key_id)
) WITHOUT ROWID;

CREATE TRIGGER cosignatures_no_update BEFORE UPDATE ON cosignatures
BEGIN
    SELECT RAISE(ABORT, 'cosignatures are append-only');
END;

CREATE TRIGGER cosignatures_no_delete BEFORE DELETE ON cosignatures
BEGIN
    SELECT RAISE(ABORT, 'cosignatures are append-only');
END;

-- Derived: the roots of every complete perfect subtree of the Merkle tree above the leaves
-- (level >= 1; node (level, idx) covers entries idx * 2^level ... (idx + 1) * 2^level - 1).
-- Level 0 is journal.leaf_hash. Any proof reads O(log n) rows.
CREATE TABLE merkle_nodes (
    level INTEGER NOT NULL CHECK (level >= 1),
    idx   INTEGER NOT NULL CHECK (idx >= 0),
    hash  BLOB NOT NULL CHECK (length(hash) = 32),
    PRIMARY KEY (level, idx)
) WITHOUT ROWID;

-- Derived: the Merkle frontier after the last entry (one hash per set bit of size).
CREATE TABLE tree_state (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    size     INTEGER NOT NULL,
    frontier BLOB NOT NULL
);

-- Derived: the settings of the genesis entry.
CREATE TABLE ledger_settings (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    origin    TEXT NOT NULL,
    fund_name TEXT NOT NULL,
    currency  TEXT NOT NULL
);

-- Derived: keys from genesis, key.register and key.revoke.
CREATE TABLE keys (
    key_id         TEXT PRIMARY KEY,
    public_key     BLOB NOT NULL CHECK (length(public_key) = 32),
    holder         TEXT NOT NULL,
    name           TEXT NOT NULL,
    roles          TEXT NOT NULL,                 -- role names joined by ","
    registered_seq INTEGER NOT NULL,
    revoked_seq    INTEGER,
    revoke_reason  TEXT
) WITHOUT ROWID;

-- Derived: the chart of accounts.
CREATE TABLE accounts (
    code       TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    type       TEXT NOT NULL,
    opened_seq INTEGER NOT NULL,
    closed_seq INTEGER
) WITHOUT ROWID;

-- Derived: every posting, in minor units (amount in its currency, value in the fund currency).
CREATE TABLE postings (
    seq      INTEGER NOT NULL,
    line     INTEGER NOT NULL,                    -- 0-based index in the entry
    date     TEXT NOT NULL,
    account  TEXT NOT NULL,
    currency TEXT NOT NULL,
    amount   INTEGER NOT NULL,
    value    INTEGER NOT NULL,
    PRIMARY KEY (seq, line)
) WITHOUT ROWID;

-- Covering index: balances as of a date read it alone (DESIGN §7: never an index on account only).
CREATE INDEX postings_by_account ON postings (account, currency, date, amount, value);

-- Derived: running balance per account and currency.
CREATE TABLE balances (
    account  TEXT NOT NULL,
    currency TEXT NOT NULL,
    amount   INTEGER NOT NULL,
    value    INTEGER NOT NULL,
    PRIMARY KEY (account, currency)
) WITHOUT ROWID;

-- Derived: which entries were reversed, and by which entry.
CREATE TABLE reversals (
    target_seq   INTEGER PRIMARY KEY,
    reversal_seq INTEGER NOT NULL
);

-- Local settings of this copy of the ledger, not part of the journal (e.g. where the log key is).
CREATE TABLE local_config (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
