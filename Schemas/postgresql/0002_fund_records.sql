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
