-- 10,000 pupils for the demo school "Sint-Jozefsinstituut Kortrijk", every field filled,
-- two requested periods each, every other one accepted by a service with two approved periods.
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
INSERT INTO students (campaign_id, school_id, contact_id, first_name, last_name, national_number_box,
    street, postcode, city, province, phone, email, transport, remarks, format, period_count,
    hours_per_week, total_hours, request_remarks, preference_service_id, created_at, updated_at)
SELECT (SELECT id FROM campaigns), o.id, (SELECT id FROM contacts WHERE name = 'An Vermeulen'),
    'Leerling ' || i, printf('Achternaam-%05d', i), (SELECT national_number_box FROM students WHERE id = 1),
    'Doorniksewijk ' || i, '8500', 'Kortrijk', 'West-Vlaanderen', '0470 12 34 56', 'leerling' || i || '@leerling.test',
    24, 'Opmerking over de leerling; met "aanhalingstekens"' || char(10) || 'en een tweede regel', 'blok', 2, 32, 128,
    'Blok in januari, daarna alternerend op woensdag.', (SELECT id FROM organisations WHERE name = 'Familiezorg West-Vlaanderen'),
    0, 0
  FROM n, organisations o WHERE o.name = 'Sint-Jozefsinstituut Kortrijk';
INSERT INTO student_periods SELECT id, 1, '2027-01-11', '2027-01-22' FROM students WHERE first_name LIKE 'Leerling %';
INSERT INTO student_periods SELECT id, 2, '2027-03-15', '2027-03-26' FROM students WHERE first_name LIKE 'Leerling %';
INSERT INTO placements (student_id, service_id, site, mentor_name, mentor_phone, mentor_email, notes, accepted_at, updated_at)
SELECT s.id, o.id, 'Regio Kortrijk – team Zuid', 'Griet Vanneste', '056 24 11 90', 'griet.vanneste@familiezorg.test',
    'Eerste dag om 8u30 op kantoor; breng je ID mee.', 0, 0
  FROM students s, organisations o WHERE s.first_name LIKE 'Leerling %' AND s.id % 2 = 0 AND o.name = 'Familiezorg West-Vlaanderen';
INSERT INTO placement_periods SELECT p.id, 1, '2027-01-11', '2027-01-22' FROM placements p JOIN students s ON s.id = p.student_id WHERE s.first_name LIKE 'Leerling %';
INSERT INTO placement_periods SELECT p.id, 2, '2027-03-15', '2027-03-26' FROM placements p JOIN students s ON s.id = p.student_id WHERE s.first_name LIKE 'Leerling %';
COMMIT;
