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
