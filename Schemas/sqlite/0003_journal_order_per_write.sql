-- vtf ledger, schema 3: the journal's order is checked once per write rather than once per row.
-- The row trigger journal_in_order of schema 1 ran a subprogram and a MAX(seq) lookup for every
-- entry appended: 1.7 µs of CPU per row (200,000 rows inserted by the sqlite3 shell into the
-- journal table with and without it, 1.30 s against 0.96 s), ~2 % of vtf import's CPU per entry.
-- SQLite has no statement triggers (PostgreSQL's schema 5 checks once per INSERT statement), but
-- every write that appends entries stores a signed checkpoint of its last entry, in the same
-- transaction (a copy between stores stores the source's checkpoints too, each after the
-- entries it covers). So the check moves there: a checkpoint is refused, and its write with it,
-- unless the journal holds every seq from the previous checkpoint's size up to its own, as many
-- rows as the seqs they must cover (seq is the primary key, so no two are equal, and never
-- negative). Every earlier checkpoint passed the same check, so the journal holds exactly the
-- seqs 0 … size - 1 under every checkpoint.

DROP TRIGGER journal_in_order;

CREATE TRIGGER journal_in_order_at_checkpoint BEFORE INSERT ON checkpoints
WHEN NEW.size - COALESCE((SELECT MAX(size) FROM checkpoints), 0)
     != (SELECT COUNT(*) FROM journal WHERE seq >= COALESCE((SELECT MAX(size) FROM checkpoints), 0) AND seq < NEW.size)
BEGIN
    SELECT RAISE(ABORT, 'journal entries are appended in seq order, without gaps');
END;
