// The access-control matrix: every route of the route table, requested as anonymous, as a
// user of school A, of school B, of care service A, of care service B and as the
// coordinator, with ids that belong to someone else. Every cell has its expected answer;
// a route without a row fails the test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, Client, loggedIn, sql, run, uploadFile } from './lib.mjs';

let server;
const actors = {};
const ids = {};

// Expected answers: 'login' (303 to the login page), 'forbidden' (403), 'missing' (404),
// 'ok' (allowed: anything but 401/403/404 and not a login redirect).
const OK = 'ok', LOGIN = 'login', FORBIDDEN = 'forbidden', MISSING = 'missing';

/*
 * One row per route. `path(ids)` fills the pattern with ids that belong to school A,
 * service A, ...; `expect` gives the answer per actor. Rows that change data run last
 * (`changes: true`) and use records of their own.
 */
const everyone = (v) => ({ anon: v, schoolA: v, schoolB: v, serviceA: v, serviceB: v, admin: v });
const onlyRole = (role, { own = OK, other = OK } = {}) => ({
  anon: LOGIN,
  schoolA: role === 'school' ? own : FORBIDDEN,
  schoolB: role === 'school' ? other : FORBIDDEN,
  serviceA: role === 'service' ? own : FORBIDDEN,
  serviceB: role === 'service' ? other : FORBIDDEN,
  admin: role === 'admin' ? own : FORBIDDEN,
});
const anyUser = { anon: LOGIN, schoolA: OK, schoolB: OK, serviceA: OK, serviceB: OK, admin: OK };

const rows = [
  { route: 'GET /', path: () => '/', expect: { ...everyone(OK), anon: LOGIN } },
  { route: 'GET /assets/*', path: () => '/assets/app.0000000000.css', expect: everyone(MISSING) },
  { route: 'GET /healthz', path: () => '/healthz', expect: everyone(OK) },
  { route: 'GET /metrics', path: () => '/metrics', expect: everyone(OK) },
  { route: 'GET /login', path: () => '/login', expect: everyone(OK) },
  { route: 'POST /login', path: () => '/login', expect: everyone(OK) },
  { route: 'POST /logout', path: () => '/logout', expect: anyUser, changes: true },
  { route: 'GET /account', path: () => '/account', expect: anyUser },
  { route: 'POST /account', path: () => '/account', expect: anyUser },
  { route: 'POST /account/wachtwoord', path: () => '/account/wachtwoord', expect: anyUser },
  // An unknown e-mail link is not found, for everyone alike (the page offers a new mail).
  { route: 'GET /activeren/*', path: () => '/activeren/ongeldig', expect: everyone(MISSING) },
  { route: 'POST /activeren/*', path: () => '/activeren/ongeldig', expect: everyone(MISSING) },
  // Without an address the question is not asked: back to the login page.
  { route: 'POST /activatiemail', path: () => '/activatiemail', expect: everyone(LOGIN) },
  { route: 'GET /wachtwoord-vergeten', path: () => '/wachtwoord-vergeten', expect: everyone(OK) },
  { route: 'POST /wachtwoord-vergeten', path: () => '/wachtwoord-vergeten', expect: everyone(OK) },
  { route: 'GET /wachtwoord-herstellen/*', path: () => '/wachtwoord-herstellen/ongeldig', expect: everyone(MISSING) },
  { route: 'POST /wachtwoord-herstellen/*', path: () => '/wachtwoord-herstellen/ongeldig', expect: everyone(MISSING) },

  // The coordinator's screens (src/admin_*.c): the coordinator may see and change everything.
  // Posts without a form come back with the form's messages; the second round and the
  // removal of personal data answer that it is too early (demo 'open': handling runs).
  { route: 'GET /beheer', path: () => '/beheer', expect: onlyRole('admin') },
  { route: 'GET /beheer/open.csv', path: () => '/beheer/open.csv?campagne=1', expect: onlyRole('admin') },
  { route: 'GET /beheer/campagnes', path: () => '/beheer/campagnes', expect: onlyRole('admin') },
  { route: 'GET /beheer/campagnes/nieuw', path: () => '/beheer/campagnes/nieuw?opleiding=duaal-leren', expect: onlyRole('admin') },
  { route: 'POST /beheer/campagnes', path: () => '/beheer/campagnes', expect: onlyRole('admin') },
  { route: 'GET /beheer/campagnes/{id}', path: () => '/beheer/campagnes/1', expect: onlyRole('admin') },
  { route: 'POST /beheer/campagnes/{id}', path: () => '/beheer/campagnes/1', expect: onlyRole('admin') },
  { route: 'GET /beheer/campagnes/{id}/kopie', path: () => '/beheer/campagnes/1/kopie', expect: onlyRole('admin') },
  { route: 'GET /beheer/campagnes/{id}/tweede-ronde', path: () => '/beheer/campagnes/1/tweede-ronde', expect: onlyRole('admin') },
  { route: 'POST /beheer/campagnes/{id}/tweede-ronde', path: () => '/beheer/campagnes/1/tweede-ronde', expect: onlyRole('admin') },
  { route: 'GET /beheer/campagnes/{id}/persoonsgegevens', path: () => '/beheer/campagnes/1/persoonsgegevens', expect: onlyRole('admin') },
  { route: 'POST /beheer/campagnes/{id}/persoonsgegevens', path: () => '/beheer/campagnes/1/persoonsgegevens', expect: onlyRole('admin') },
  { route: 'GET /beheer/organisaties', path: () => '/beheer/organisaties', expect: onlyRole('admin') },
  { route: 'GET /beheer/organisaties/nieuw/school', path: () => '/beheer/organisaties/nieuw/school', expect: onlyRole('admin') },
  { route: 'POST /beheer/organisaties/nieuw/school', path: () => '/beheer/organisaties/nieuw/school', expect: onlyRole('admin') },
  { route: 'GET /beheer/organisaties/nieuw/dienst', path: () => '/beheer/organisaties/nieuw/dienst', expect: onlyRole('admin') },
  { route: 'POST /beheer/organisaties/nieuw/dienst', path: () => '/beheer/organisaties/nieuw/dienst', expect: onlyRole('admin') },
  { route: 'GET /beheer/organisaties/{id}', path: (i) => `/beheer/organisaties/${i.spareOrg}`, expect: onlyRole('admin') },
  { route: 'POST /beheer/organisaties/{id}', path: (i) => `/beheer/organisaties/${i.spareOrg}`, expect: onlyRole('admin') },
  { route: 'POST /beheer/organisaties/{id}/deactiveren', path: (i) => `/beheer/organisaties/${i.spareOrg}/deactiveren`, expect: onlyRole('admin'), changes: true },
  { route: 'POST /beheer/organisaties/{id}/activeren', path: (i) => `/beheer/organisaties/${i.spareOrg}/activeren`, expect: onlyRole('admin'), changes: true },
  // Places per campaign (src/service/service_places.c): a school has none (404).
  { route: 'GET /beheer/organisaties/{id}/stageplaatsen', path: (i) => `/beheer/organisaties/${i.serviceOrgA}/stageplaatsen`, expect: onlyRole('admin') },
  { route: 'POST /beheer/organisaties/{id}/stageplaatsen', path: (i) => `/beheer/organisaties/${i.serviceOrgA}/stageplaatsen`, expect: onlyRole('admin') },
  { route: 'GET /beheer/audit', path: () => '/beheer/audit', expect: onlyRole('admin') },
  { route: 'GET /beheer/audit.csv', path: () => '/beheer/audit.csv?actie=login', expect: onlyRole('admin') },
  { route: 'GET /beheer/gebruikers', path: () => '/beheer/gebruikers', expect: onlyRole('admin') },
  { route: 'POST /beheer/gebruikers', path: () => '/beheer/gebruikers', expect: onlyRole('admin') },
  { route: 'POST /beheer/gebruikers/{id}/uitnodiging', path: (i) => `/beheer/gebruikers/${i.invitedUser}/uitnodiging`, expect: onlyRole('admin') },
  { route: 'POST /beheer/gebruikers/{id}/uitschakelen', path: (i) => `/beheer/gebruikers/${i.spareUser}/uitschakelen`, expect: onlyRole('admin') },
  { route: 'POST /beheer/gebruikers/{id}/inschakelen', path: (i) => `/beheer/gebruikers/${i.spareUser}/inschakelen`, expect: onlyRole('admin') },
  { route: 'GET /beheer/e-mail', path: () => '/beheer/e-mail', expect: onlyRole('admin') },
  { route: 'POST /beheer/e-mail/{id}/opnieuw', path: (i) => `/beheer/e-mail/${i.outbox}/opnieuw`, expect: onlyRole('admin') },

  // "Intrekken aanvragen": requests to withdraw an acceptance that wait for the coordinator.
  { route: 'GET /beheer/intrekkingen', path: () => '/beheer/intrekkingen', expect: onlyRole('admin') },
  { route: 'POST /beheer/intrekkingen/{id}/goedkeuren', path: (i) => `/beheer/intrekkingen/${i.pendingApprove}/goedkeuren`, expect: onlyRole('admin'), changes: true },
  { route: 'POST /beheer/intrekkingen/{id}/weigeren', path: (i) => `/beheer/intrekkingen/${i.pendingRefuse}/weigeren`, expect: onlyRole('admin'), changes: true },
  { route: 'POST /beheer/intrekkingen/{id}/weigeren', path: () => '/beheer/intrekkingen/999999/weigeren', expect: { ...onlyRole('admin'), admin: MISSING } },

  { route: 'GET /aanvragen', path: () => '/aanvragen', expect: onlyRole('service') },
  // A request of a campaign in which only service A takes part: service B may not see it.
  { route: 'GET /aanvragen/{id}', path: (i) => `/aanvragen/${i.requestOnlyA}`, expect: onlyRole('service', { other: MISSING }) },
  { route: 'POST /aanvragen/{id}/aanvaarden', path: (i) => `/aanvragen/${i.requestOnlyA}/aanvaarden`, expect: onlyRole('service', { other: MISSING }) },
  { route: 'GET /stageplaatsen', path: () => '/stageplaatsen', expect: onlyRole('service') },
  { route: 'POST /stageplaatsen', path: () => '/stageplaatsen', expect: onlyRole('service') },
  { route: 'GET /stagiairs', path: () => '/stagiairs', expect: onlyRole('service') },
  { route: 'GET /stagiairs/export.csv', path: () => '/stagiairs/export.csv', expect: onlyRole('service') },
  { route: 'GET /stagiairs/export.xlsx', path: () => '/stagiairs/export.xlsx', expect: onlyRole('service') },
  { route: 'GET /stagiairs/{id}', path: (i) => `/stagiairs/${i.placementA}`, expect: onlyRole('service', { other: MISSING }) },
  { route: 'POST /stagiairs/{id}', path: (i) => `/stagiairs/${i.placementA}`, expect: onlyRole('service', { other: MISSING }) },
  { route: 'POST /stagiairs/{id}/intrekken', path: (i) => `/stagiairs/${i.placementA}/intrekken`, expect: onlyRole('service', { other: MISSING }), changes: true, form: { bevestigd: '1' } },

  { route: 'GET /opleidingen/{code}', path: () => '/opleidingen/dubbele-finaliteit', expect: onlyRole('school') },
  { route: 'GET /opleidingen/{code}/export.csv', path: () => '/opleidingen/dubbele-finaliteit/export.csv', expect: onlyRole('school') },
  { route: 'GET /opleidingen/{code}/export.xlsx', path: () => '/opleidingen/dubbele-finaliteit/export.xlsx', expect: onlyRole('school') },

  { route: 'GET /contactpersonen', path: () => '/contactpersonen', expect: onlyRole('school') },
  { route: 'POST /contactpersonen', path: () => '/contactpersonen', expect: onlyRole('school') },
  { route: 'GET /contactpersonen/nieuw', path: () => '/contactpersonen/nieuw', expect: onlyRole('school') },
  { route: 'GET /contactpersonen/{id}', path: (i) => `/contactpersonen/${i.contactA}`, expect: onlyRole('school', { other: MISSING }) },
  { route: 'POST /contactpersonen/{id}', path: (i) => `/contactpersonen/${i.contactA}`, expect: onlyRole('school', { other: MISSING }) },
  { route: 'GET /contactpersonen/{id}/verwijderen', path: (i) => `/contactpersonen/${i.contactA}/verwijderen`, expect: onlyRole('school', { other: MISSING }) },
  { route: 'POST /contactpersonen/{id}/verwijderen', path: (i) => `/contactpersonen/${i.spareContactA}/verwijderen`, expect: onlyRole('school', { other: MISSING }), changes: true },

  { route: 'GET /opleidingen/{code}/studenten/nieuw', path: () => '/opleidingen/dubbele-finaliteit/studenten/nieuw', expect: onlyRole('school') },
  { route: 'POST /opleidingen/{code}/studenten', path: () => '/opleidingen/dubbele-finaliteit/studenten', expect: onlyRole('school') },
  { route: 'GET /studenten/{id}', path: (i) => `/studenten/${i.studentA}`, expect: onlyRole('school', { other: MISSING }) },
  { route: 'POST /studenten/{id}', path: (i) => `/studenten/${i.studentA}`, expect: onlyRole('school', { other: MISSING }) },
  { route: 'GET /studenten/{id}/verwijderen', path: (i) => `/studenten/${i.studentA}/verwijderen`, expect: onlyRole('school', { other: MISSING }) },
  { route: 'POST /studenten/{id}/verwijderen', path: (i) => `/studenten/${i.spareStudentA}/verwijderen`, expect: onlyRole('school', { other: MISSING }), changes: true },
  { route: 'GET /studenten/{id}/gestopt', path: (i) => `/studenten/${i.studentA}/gestopt`, expect: onlyRole('school', { other: MISSING }) },
  { route: 'POST /studenten/{id}/gestopt', path: (i) => `/studenten/${i.spareStudentA2}/gestopt`, expect: onlyRole('school', { other: MISSING }), changes: true },
  // "Toch niet gestopt" (src/school/student_resume.c): the school's own stopped pupil; the coordinator any.
  { route: 'GET /studenten/{id}/hervatten', path: (i) => `/studenten/${i.stoppedStudentA}/hervatten`, expect: onlyRole('school', { other: MISSING }) },
  { route: 'POST /studenten/{id}/hervatten', path: (i) => `/studenten/${i.stoppedStudentA}/hervatten`, expect: onlyRole('school', { other: MISSING }), changes: true },
  { route: 'GET /beheer/campagnes/{id}/gestopt', path: () => '/beheer/campagnes/1/gestopt', expect: onlyRole('admin') },
  { route: 'GET /beheer/campagnes/{id}/gestopt', path: () => '/beheer/campagnes/999999/gestopt', expect: { ...onlyRole('admin'), admin: MISSING } },
  { route: 'POST /beheer/studenten/{id}/hervatten', path: (i) => `/beheer/studenten/${i.stoppedStudentB}/hervatten`, expect: onlyRole('admin'), changes: true },
  { route: 'POST /beheer/studenten/{id}/hervatten', path: () => '/beheer/studenten/999999/hervatten', expect: { ...onlyRole('admin'), admin: MISSING } },
  // Herinneringen (src/admin/admin_reminders.c): the coordinator's; the post keeps the demo's switches.
  { route: 'GET /beheer/campagnes/{id}/herinneringen', path: () => '/beheer/campagnes/1/herinneringen', expect: onlyRole('admin') },
  { route: 'GET /beheer/campagnes/{id}/herinneringen', path: () => '/beheer/campagnes/999999/herinneringen', expect: { ...onlyRole('admin'), admin: MISSING } },
  { route: 'POST /beheer/campagnes/{id}/herinneringen', path: () => '/beheer/campagnes/1/herinneringen', expect: onlyRole('admin'), form: { aan: ['scholen', 'diensten'] } },

  // Importeer leerlingen: a pending import is its uploader's alone; a post without a file is
  // answered with the upload page's message, an import without the preview's count with the preview.
  { route: 'GET /opleidingen/{code}/importeren', path: () => '/opleidingen/dubbele-finaliteit/importeren', expect: onlyRole('school') },
  { route: 'POST /opleidingen/{code}/importeren', path: () => '/opleidingen/dubbele-finaliteit/importeren', expect: onlyRole('school') },
  { route: 'GET /importen/{id}', path: (i) => `/importen/${i.importA}`, expect: onlyRole('school', { other: MISSING }) },
  { route: 'POST /importen/{id}', path: (i) => `/importen/${i.importA}`, expect: onlyRole('school', { other: MISSING }) },
  { route: 'POST /importen/{id}/annuleren', path: (i) => `/importen/${i.spareImportA}/annuleren`, expect: onlyRole('school', { other: MISSING }), changes: true },
  { route: 'GET /importeren/sjabloon.csv', path: () => '/importeren/sjabloon.csv', expect: onlyRole('school') },
  { route: 'GET /importeren/sjabloon.xlsx', path: () => '/importeren/sjabloon.xlsx', expect: onlyRole('school') },
];

before(async () => {
  server = await startServer({ demo: 'open' });
  const q = (s) => sql(server.dataDir, s);
  const school = (email) => q(`SELECT organisation_id FROM users WHERE email = '${email}'`);
  const schoolA = school('school@stagematch.test');
  const serviceA = school('dienst@stagematch.test');
  ids.serviceOrgA = serviceA;
  const openA = q(`SELECT s.id FROM students s WHERE s.school_id = ${schoolA} AND s.stopped_at IS NULL
                   AND NOT EXISTS (SELECT 1 FROM placements p WHERE p.student_id = s.id) ORDER BY s.id`).split('\n');
  ids.studentA = openA[0];
  ids.spareStudentA = openA[1];
  ids.spareStudentA2 = openA[2];
  ids.stoppedStudent = q(`SELECT id FROM students WHERE stopped_at IS NOT NULL ORDER BY id LIMIT 1`);
  ids.stoppedStudentA = q(`SELECT id FROM students WHERE stopped_at IS NOT NULL AND school_id = ${schoolA} ORDER BY id LIMIT 1`);
  ids.stoppedStudentB = q(`SELECT id FROM students WHERE stopped_at IS NOT NULL AND school_id <> ${schoolA} ORDER BY id LIMIT 1`);
  ids.contactA = q(`SELECT contact_id FROM students WHERE id = ${ids.studentA}`);
  q(`INSERT INTO contacts (school_id, name, phone, email, created_at, updated_at)
     VALUES (${schoolA}, 'Reserve Contact', '056 00 00 00', 'reserve@sjik.test', 0, 0)`);
  ids.spareContactA = q(`SELECT MAX(id) FROM contacts`);
  // A second campaign (7de leerjaar), handling open, in which only service A takes part.
  const now = Math.floor(Date.now() / 1000);
  q(`INSERT INTO campaigns (programme_id, school_year, registration_opens_at, registration_closes_at,
       handling_opens_at, handling_closes_at, results_visible_at, round, created_at)
     VALUES ((SELECT id FROM programmes WHERE code = '7de-leerjaar'), '2026-2027', ${now - 86400}, ${now + 86400},
       ${now - 86400}, ${now + 86400}, ${now + 86400}, 1, ${now})`);
  const onlyA = q('SELECT MAX(id) FROM campaigns');
  q(`INSERT INTO campaign_services (campaign_id, service_id) VALUES (${onlyA}, ${serviceA})`);
  q(`INSERT INTO students (campaign_id, school_id, contact_id, first_name, last_name, postcode, city, province,
       transport, format, period_count, hours_per_week, total_hours, created_at, updated_at)
     VALUES (${onlyA}, ${schoolA}, ${ids.contactA}, 'Alleen', 'VoorA', '8500', 'Kortrijk', 'West-Vlaanderen',
       8, 'blok', 1, 32, 64, ${now}, ${now})`);
  ids.requestOnlyA = q('SELECT MAX(id) FROM students');
  q(`INSERT INTO student_periods (student_id, position, starts_on, ends_on) VALUES (${ids.requestOnlyA}, 1, '2027-01-11', '2027-01-22')`);
  ids.placementA = q(`SELECT id FROM placements WHERE service_id = ${serviceA} ORDER BY id LIMIT 1`);
  const [, second, third] = q(`SELECT student_id FROM placements WHERE service_id = ${serviceA} ORDER BY id`).split('\n');
  for (const [key, student] of [['pendingApprove', second], ['pendingRefuse', third]]) {
    q(`INSERT INTO withdrawals (campaign_id, service_id, student_id, state, requested_at)
       VALUES ((SELECT campaign_id FROM students WHERE id = ${student}), ${serviceA}, ${student}, 'pending', ${now})`);
    ids[key] = q('SELECT MAX(id) FROM withdrawals');
  }
  q(`INSERT INTO users (organisation_id, email, name, state, created_at) VALUES (${schoolA}, 'uitgenodigd@stagematch.test', 'Nieuw', 'invited', 0)`);
  ids.invitedUser = q(`SELECT MAX(id) FROM users`);
  q(`INSERT INTO users (organisation_id, email, name, state, created_at) VALUES (${serviceA}, 'reserve@stagematch.test', 'Reserve', 'invited', 0)`);
  ids.spareUser = q(`SELECT MAX(id) FROM users`);
  q(`INSERT INTO outbox (to_address, subject, body_text, state, attempts, next_attempt_at, created_at, last_error)
     VALUES ('x@stagematch.test', 'Test', 'Test', 'failed', 8, 0, 0, 'test')`);
  ids.outbox = q(`SELECT MAX(id) FROM outbox`);
  q(`INSERT INTO organisations (kind, name, created_at) VALUES ('school', 'Reserve School', 0)`);
  ids.spareOrg = q(`SELECT MAX(id) FROM organisations`);
  for (const [name, email] of Object.entries({
    schoolA: 'school@stagematch.test',
    schoolB: 'school2@stagematch.test',
    serviceA: 'dienst@stagematch.test',
    serviceB: 'dienst2@stagematch.test',
    admin: 'admin@stagematch.test',
  })) {
    actors[name] = await loggedIn(server.url, email);
    await actors[name].get('/account');
  }
  actors.anon = new Client(server.url);
  await actors.anon.get('/login');
  // A pending import of school A's user, and a copy of it to cancel.
  const file = readFileSync(new URL('../fixtures/import/smartschool.csv', import.meta.url));
  await actors.schoolA.get('/opleidingen/dubbele-finaliteit/importeren');
  const uploaded = await uploadFile(actors.schoolA, '/opleidingen/dubbele-finaliteit/importeren', { name: 'smartschool.csv', bytes: file });
  ids.importA = uploaded.location.split('/').pop();
  q(`INSERT INTO pending_imports (school_id, user_id, campaign_id, file_name, file_box, created_at, expires_at)
     SELECT school_id, user_id, campaign_id, file_name, file_box, created_at, expires_at FROM pending_imports WHERE id = ${ids.importA}`);
  ids.spareImportA = q('SELECT MAX(id) FROM pending_imports');
  await actors.schoolA.get('/account');
});

after(async () => {
  await server?.stop();
});

function verdict(res) {
  if (res.status === 303 && /^\/login(\?next=|$)/.test(res.location || '')) return LOGIN;
  if (res.status === 403) return FORBIDDEN;
  if (res.status === 404) return MISSING;
  if (res.status === 401) return 'unauthorised';
  return OK;
}

test('every route of the route table has a row in the matrix, and every row a route', () => {
  const table = run(['routes']).trim().split('\n').map((l) => l.split(' ').slice(0, 2).join(' '));
  const covered = new Set(rows.map((r) => r.route));
  const missing = table.filter((r) => !covered.has(r));
  assert.deepEqual(missing, [], `routes without a row in tests/e2e/access.test.mjs (add one with the expected answer per actor): ${missing.join(', ')}`);
  const stale = rows.map((r) => r.route).filter((r) => !table.includes(r));
  assert.deepEqual(stale, [], `rows for routes that no longer exist: ${stale.join(', ')}`);
});

async function check(row) {
  const [method] = row.route.split(' ');
  const url = row.path(ids);
  const wrong = [];
  for (const [actor, expected] of Object.entries(row.expect)) {
    const c = actors[actor];
    const res = method === 'GET' ? await c.get(url) : await c.post(url, expected === OK ? row.form || {} : {});
    const got = verdict(res);
    if (got !== expected) wrong.push(`${actor}: expected ${expected}, got ${got} (${res.status} ${res.location || ''})`);
    // Nobody is ever answered with another organisation's data: a 404 page is the plain one.
    if (got === MISSING) assert.doesNotMatch(res.text, /Rijksregisternummer|Stagementor/);
  }
  if (wrong.length) assert.fail(`${row.route} (${url}):\n  ${wrong.join('\n  ')}`);
}

test('reading: every actor gets the expected answer on every route', async () => {
  const failures = [];
  for (const row of rows.filter((r) => !r.changes)) await check(row).catch((e) => failures.push(e.message));
  if (failures.length) assert.fail(failures.join('\n'));
});

test('changing: every actor gets the expected answer, and only the owner changes anything', async () => {
  const changing = rows.filter((r) => r.changes && r.route !== 'POST /logout');
  for (const row of changing) {
    // Strangers first: the owner's record must survive them.
    const strangers = Object.fromEntries(Object.entries(row.expect).filter(([, v]) => v !== OK));
    const owners = Object.fromEntries(Object.entries(row.expect).filter(([, v]) => v === OK));
    await check({ ...row, expect: strangers });
    await check({ ...row, expect: owners });
  }
  assert.equal(sql(server.dataDir, `SELECT COUNT(*) FROM placements WHERE id = ${ids.placementA}`), '0', 'withdrawn by its own service');
  assert.equal(sql(server.dataDir, `SELECT COUNT(*) FROM students WHERE id IN (${ids.stoppedStudentA}, ${ids.stoppedStudentB}) AND stopped_at IS NULL`),
    '2', 'each resumed by its school or the coordinator');
  assert.equal(sql(server.dataDir, `SELECT group_concat(state) FROM (SELECT state FROM withdrawals WHERE id IN (${ids.pendingApprove}, ${ids.pendingRefuse}) ORDER BY id)`),
    'done,refused', 'only the coordinator decided the requests');
  assert.equal(sql(server.dataDir, `SELECT group_concat(action) FROM (SELECT action FROM audit_log WHERE detail = 'organisation=${ids.spareOrg}' ORDER BY id)`),
    'org_deactivate,org_activate', 'only the coordinator deactivated and reactivated the organisation');
  await check(rows.find((r) => r.route === 'POST /logout'));
});
