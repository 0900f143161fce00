-- vtf ledger, schema 2: the trust fund's derived state.
-- Donors, agreements, grants, rates, settings and approval requests, one row per record, as
-- the fund rules of the journal leave them (Sources/LedgerLog/Fund). Derived like every table
-- but the journal: written in the entry's transaction, and compared with a replay by `vtf verify`.

CREATE TABLE fund_records (
    collection TEXT NOT NULL,                     -- e.g. donor, agreement, grant, rate.EUR, request
    id         TEXT NOT NULL,                     -- the record's key within its collection
    seq        INTEGER NOT NULL,                  -- the entry that last wrote it
    fields     BLOB NOT NULL,                     -- RFC 8785 canonical JSON object
    PRIMARY KEY (collection, id)
) WITHOUT ROWID;

-- Entries by kind: reports read the few fund entries (grant reports, year-end closes) of a
-- journal that may hold a million vouchers without scanning it.
CREATE INDEX journal_by_kind ON journal (kind, seq);
