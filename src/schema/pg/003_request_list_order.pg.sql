-- PostgreSQL twin of src/schema/003_request_list_order.sql (INTEGER -> BIGINT, identity ids, BLOB -> BYTEA).
-- The care services' request list is sorted by name by default (LOWER(last_name),
-- LOWER(first_name), id): with this index SQLite reads the first page in order and stops,
-- instead of sorting every open request of the campaign on each page view.
CREATE INDEX students_name_order ON students (LOWER(last_name), LOWER(first_name));
