-- vtf ledger on PostgreSQL, schema 4: the two date indexes hold what a year's reports read, so
-- the server answers them from the indexes alone: entry_index_by_date also the entry's accounts
-- (the statement of cash flows groups the cash postings by them), postings_by_date also each
-- posting's line. Indexes only: nothing derived changes, `vtf verify` reads the tables.

DROP INDEX entry_index_by_date;
CREATE INDEX entry_index_by_date ON entry_index (date, seq) INCLUDE (kind, accounts);

DROP INDEX postings_by_date;
CREATE INDEX postings_by_date ON postings (date) INCLUDE (account, currency, amount, value, seq, line);
