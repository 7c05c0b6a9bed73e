-- Issue 19 (ADR 52): the time zone in which an account's pages, reports, PDFs and share pages show date-times.
-- A region id such as Europe/Berlin; NULL means UTC. The API keeps UTC ISO-8601 whatever is set here.
ALTER TABLE accounts ADD COLUMN time_zone VARCHAR(64);
