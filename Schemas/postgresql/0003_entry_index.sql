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
