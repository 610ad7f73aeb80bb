// The care services' side through the real binary: the request list and its filters,
// privacy before acceptance, accepting (also two services at once), editing, withdrawing,
// the handling window, scoping by service, and the schools' digest after the results moment.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  startServer, loggedIn, launchBrowser, browserLogin, screenshot, sql, sqlRows, axeViolations, download, parseCsv, readXlsx,
  serialToIso, demoNationalNumber, mailText,
} from './lib.mjs';

let server;
const pupils = new Map(); // last name -> { id, street, phone, email, nn }

const formatted = (digits) => `${digits.slice(0, 2)}.${digits.slice(2, 4)}.${digits.slice(4, 6)}-${digits.slice(6, 9)}.${digits.slice(9)}`;

/** The private values of a pupil that appear in html (empty when none). */
function leaks(html, p) {
  return [p.street, p.phone, p.email, p.nn, p.nn && formatted(p.nn)].filter((v) => v && html.includes(v));
}
function assertNoPrivateFields(html, names = [...pupils.keys()]) {
  for (const name of names) assert.deepEqual(leaks(html, pupils.get(name)), [], `private data of ${name}`);
}
const now = () => Math.floor(Date.now() / 1000);
const rowIds = (html) => [...html.matchAll(/<td><a href="\/aanvragen\/(\d+)">/g)].map((m) => Number(m[1]));
const found = (html) => (html.match(/(\d+) aanvra(?:ag|gen) gevonden/) || [])[1];
const q = (query) => sql(server.dataDir, query);

function acceptForm(extra = {}) {
  return {
    site: 'Regio Roeselare – team Noord',
    p1_start: '2027-01-11',
    p1_end: '2027-01-22',
    mentor_name: 'Sofie Lambrecht',
    mentor_phone: '+32 51 22 33 44',
    mentor_email: ' Sofie.Lambrecht@Familiezorg.TEST ',
    notes: 'Eerste dag: 8u30 aan het onthaal.',
    ...extra,
  };
}

async function waitFor(check, seconds = 20) {
  for (let i = 0; i < seconds * 4; i++) {
    const v = check();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
  return check();
}

before(async () => {
  server = await startServer({ demo: 'open' });
  const rows = q('SELECT id, last_name, street, phone, email FROM students ORDER BY id').split('\n');
  rows.forEach((line, index) => {
    const [id, last, street, phone, email] = line.split('|');
    pupils.set(last, { id: Number(id), street, phone, email, nn: demoNationalNumber(index).replace(/\D/g, '') });
  });
});
after(async () => {
  await server?.stop();
});

test('the request list: filters in the URL, sorting, the preference marked, no private data', async () => {
  const c = await loggedIn(server.url, 'service');
  const all = await c.get('/aanvragen');
  assert.equal(all.status, 200);
  // Its area (West- and Oost-Vlaanderen): every request there that is not stopped; the five
  // pupils of Antwerpen belong to other services' areas until a second round opens.
  assert.equal(found(all.text), '18', 'every submitted request in its area that is not stopped');
  assert.match(all.text, /Vanhoutte/);
  assert.doesNotMatch(all.text, /Janssens|Mertens|Willems|Benali/, 'outside its area');
  assert.doesNotMatch(all.text, /Verhaeghe|Bogaert/, 'stopped pupils are not requests');
  assert.match(all.text, /De behandeling loopt: je kan aanvragen aanvaarden tot/);
  assert.match(all.text, /<span class="badge badge-pref">voorkeur: deze dienst<\/span>/);
  assertNoPrivateFields(all.text);

  const west = await c.get('/aanvragen?provincie=Oost-Vlaanderen');
  assert.match(west.text, /Claeys/);
  assert.doesNotMatch(west.text, /Vanhoutte/);
  assert.match(west.text, /<option value="Oost-Vlaanderen" selected>/, 'the filter is shown as chosen');

  const range = await c.get('/aanvragen?postcode_van=8700&postcode_tot=8899');
  assert.deepEqual(
    rowIds(range.text).sort(),
    ['Declercq', 'Vanhoutte', 'Deprez', 'D\'Hondt', 'Ghekiere', 'Desmet'].map((n) => pupils.get(n).id).sort(),
  );
  const moped = await c.get('/aanvragen?vervoer=bromfiets');
  assert.deepEqual(rowIds(moped.text).sort(), [pupils.get('Goossens').id, pupils.get('Vanhoutte').id].sort());
  const preferred = await c.get('/aanvragen?voorkeur=ja');
  assert.equal(found(preferred.text), '8');
  assert.equal(preferred.text.match(/<tr class="pref-us">/g).length, 8);
  const ours = await c.get('/aanvragen?status=ons');
  assert.deepEqual(rowIds(ours.text).sort(), ['Vandenberghe', 'Declercq', 'Maes', 'D\'Hondt', 'Vandamme'].map((n) => pupils.get(n).id).sort());
  assert.match(ours.text, /aanvaard door ons/);
  const elsewhere = await c.get('/aanvragen?status=elders');
  assert.equal(found(elsewhere.text), '3', 'accepted by Thuiszorg in the shared area; Antwerpen is not ours to see');
  assert.match(elsewhere.text, /aanvaard elders/);
  const late = await c.get('/aanvragen?periode_van=27%2F04%2F2027');
  assert.deepEqual(rowIds(late.text).sort(), [pupils.get('Vanhoutte').id, pupils.get('D\'Hondt').id].sort(), 'period overlap');

  const up = await c.get('/aanvragen?sorteer=postcode');
  const down = await c.get('/aanvragen?sorteer=postcode&richting=af');
  assert.equal(rowIds(up.text)[0], pupils.get('Vandamme').id, '8000 first (2060 is outside the area)');
  assert.equal(rowIds(down.text)[0], pupils.get('Goossens').id, '9900 first');
  assert.match(down.text, /aria-sort="descending"/);
  // sort links keep the filter
  const filtered = await c.get('/aanvragen?provincie=West-Vlaanderen&status=open');
  assert.match(filtered.text, /href="\/aanvragen\?provincie=West-Vlaanderen&amp;status=open&amp;sorteer=school"/);

  const wrong = await c.get('/aanvragen?postcode_van=abc');
  assert.match(wrong.text, /Geef een postcode van 4 cijfers/);
  assert.equal(found(wrong.text), '18', 'a wrong filter value is not applied');
});

test('a request shows no private field; accepting reveals them and audits the national number', async () => {
  const c = await loggedIn(server.url, 'service');
  const noor = pupils.get('Vanhoutte');
  const page = await c.get(`/aanvragen/${noor.id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /voorkeur: deze dienst/);
  assert.match(page.text, /An Vermeulen/, 'the school contact');
  assert.match(page.text, /26\/04\/2027 – 07\/05\/2027/, 'the requested periods');
  assertNoPrivateFields(page.text);

  const invalid = await c.post(`/aanvragen/${noor.id}/aanvaarden`,
    acceptForm({ p1_end: '2027-01-01', mentor_phone: 'bel me', site: 'Mijn typwerk' }));
  assert.equal(invalid.status, 200);
  assert.match(invalid.text, /De einddatum ligt vóór de startdatum/);
  assert.match(invalid.text, /id="e-mentor_phone"/);
  assert.match(invalid.text, /value="Mijn typwerk"/, 'what was typed is kept');
  assertNoPrivateFields(invalid.text);
  assert.equal(q(`SELECT COUNT(*) FROM placements WHERE student_id = ${noor.id}`), '0');

  const ok = await c.post(`/aanvragen/${noor.id}/aanvaarden`,
    acceptForm({ p2_start: '15/03/2027', p2_end: '2027-03-26', notes: 'Eerste dag: 8u30 aan het onthaal.\nBreng je identiteitskaart mee.' }));
  assert.equal(ok.status, 303);
  assert.equal(ok.location, `/stagiairs/${noor.id}`);
  const service = q("SELECT id FROM organisations WHERE name = 'Familiezorg West-Vlaanderen'");
  assert.equal(
    q(`SELECT service_id, site, mentor_name, mentor_phone, mentor_email, notes, version FROM placements WHERE student_id = ${noor.id}`),
    `${service}|Regio Roeselare – team Noord|Sofie Lambrecht|051 22 33 44|sofie.lambrecht@familiezorg.test|Eerste dag: 8u30 aan het onthaal.\nBreng je identiteitskaart mee.|1`,
  );
  assert.equal(
    q(`SELECT group_concat(position || ':' || starts_on || '/' || ends_on, ' ') FROM placement_periods pp JOIN placements p ON p.id = pp.placement_id WHERE p.student_id = ${noor.id}`),
    '1:2027-01-11/2027-01-22 2:2027-03-15/2027-03-26',
  );
  const before = Number(q(`SELECT COUNT(*) FROM audit_log WHERE action = 'national_number_view' AND student_id = ${noor.id}`));
  assert.equal(before, 0);
  const mine = await c.get(`/stagiairs/${noor.id}`);
  assert.equal(mine.status, 200);
  assert.match(mine.text, /Leerling aanvaard/);
  assert.deepEqual(leaks(mine.text, noor).sort(), [noor.street, noor.phone, noor.email, formatted(noor.nn)].sort());
  assert.equal(
    q(`SELECT COUNT(*) FROM audit_log a JOIN users u ON u.id = a.actor_user_id WHERE a.action = 'national_number_view' AND a.student_id = ${noor.id} AND u.email = 'dienst@stagematch.test' AND a.at >= ${now() - 60}`),
    '1',
  );
  assert.equal(q(`SELECT COUNT(*) FROM audit_log WHERE action = 'placement_accept' AND student_id = ${noor.id}`), '1');
  // the request now leads to the pupil's page; the list says it is ours
  assert.equal((await c.get(`/aanvragen/${noor.id}`)).location, `/stagiairs/${noor.id}`);
  assert.match((await c.get('/aanvragen?status=ons')).text, /Vanhoutte/);
  const list = await c.get('/stagiairs');
  assert.match(list.text, /Meensesteenweg 220/);
  assert.doesNotMatch(list.text, new RegExp(noor.nn), 'the list itself shows no national number');
});

test('editing a placement; a stale edit from a colleague is refused and overwrites nothing', async () => {
  const c = await loggedIn(server.url, 'service');
  const colleague = await loggedIn(server.url, 'service');
  const noor = pupils.get('Vanhoutte');
  const page = await c.get(`/stagiairs/${noor.id}`);
  await colleague.get(`/stagiairs/${noor.id}`);
  assert.match(page.text, /name="version" value="1"/);
  const saved = await c.post(`/stagiairs/${noor.id}`, acceptForm({ site: 'Team Noord bis', version: '1', mentor_name: 'Jan Claes' }));
  assert.equal(saved.status, 303);
  assert.equal(q(`SELECT site || '|' || mentor_name || '|' || version FROM placements WHERE student_id = ${noor.id}`), 'Team Noord bis|Jan Claes|2');
  assert.equal(q(`SELECT COUNT(*) FROM placement_periods pp JOIN placements p ON p.id = pp.placement_id WHERE p.student_id = ${noor.id}`), '1');

  const stale = await colleague.post(`/stagiairs/${noor.id}`, acceptForm({ site: 'Oude versie', version: '1' }));
  assert.equal(stale.status, 409);
  assert.match(stale.text, /Een collega bewaarde intussen andere gegevens/);
  assert.match(stale.text, /value="Oude versie"/, 'the colleague keeps what was typed');
  assert.match(stale.text, /Nu bewaard[^]*Team Noord bis/);
  assert.match(stale.text, /name="version" value="2"/);
  assert.equal(q(`SELECT site FROM placements WHERE student_id = ${noor.id}`), 'Team Noord bis');
  assert.equal(q(`SELECT COUNT(*) FROM audit_log WHERE action = 'placement_update' AND student_id = ${noor.id}`), '1');
});

test('withdrawing asks for confirmation, then the pupil is open again', async () => {
  const c = await loggedIn(server.url, 'service');
  const noor = pupils.get('Vanhoutte');
  await c.get(`/stagiairs/${noor.id}`);
  const ask = await c.post(`/stagiairs/${noor.id}/intrekken`, {});
  assert.equal(ask.status, 200);
  assert.match(ask.text, /Aanvaarding intrekken\?/);
  assert.equal(q(`SELECT COUNT(*) FROM placements WHERE student_id = ${noor.id}`), '1');
  const outbox = q('SELECT COALESCE(MAX(id), 0) FROM outbox');
  const done = await c.post(`/stagiairs/${noor.id}/intrekken`, { bevestigd: '1' });
  assert.equal(done.status, 303);
  assert.equal(done.location, '/stagiairs');
  assert.equal(q(`SELECT COUNT(*) FROM placements WHERE student_id = ${noor.id}`), '0');
  assert.equal(q('SELECT COUNT(*) FROM placement_periods WHERE placement_id NOT IN (SELECT id FROM placements)'), '0');
  assert.equal(q(`SELECT COUNT(*) FROM audit_log WHERE action = 'placement_withdraw' AND student_id = ${noor.id}`), '1');
  // The service had opened the pupil's page with the private data: the school's users and the
  // coordinator are told at once, results moment or not (privacy.test.mjs has the rule).
  assert.equal(q(`SELECT group_concat(to_address) FROM (SELECT to_address FROM outbox WHERE id > ${outbox} ORDER BY to_address)`),
    'admin@stagematch.test,school@stagematch.test');
  const again = await c.get(`/aanvragen/${noor.id}`);
  assert.equal(again.status, 200);
  assert.match(again.text, /<span class="badge badge-open">open<\/span>/);
  assertNoPrivateFields(again.text);
  assert.equal((await c.get(`/stagiairs/${noor.id}`)).status, 404);
});

test('two services accept the same pupil at once: always exactly one winner, nothing overwritten', async () => {
  q(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30)
     INSERT INTO students (campaign_id, school_id, contact_id, first_name, last_name, street, postcode, city, province,
       phone, email, transport, format, period_count, hours_per_week, total_hours, created_at, updated_at)
     SELECT (SELECT MIN(id) FROM campaigns), (SELECT id FROM organisations WHERE name = 'Sint-Jozefsinstituut Kortrijk'),
       (SELECT id FROM contacts WHERE name = 'An Vermeulen'), 'Kandidaat', printf('Race%02d', i), printf('Geheimstraat %d', i),
       '8500', 'Kortrijk', 'West-Vlaanderen', printf('0499 00 11 %02d', i), printf('geheim%02d@leerling.test', i), 8, 'blok', 1,
       32, 64, strftime('%s', 'now'), strftime('%s', 'now') FROM n;
     INSERT INTO student_periods SELECT id, 1, '2027-02-01', '2027-02-12' FROM students WHERE last_name LIKE 'Race%';`);
  const race = q("SELECT id, street, phone, email FROM students WHERE last_name LIKE 'Race%' ORDER BY id").split('\n').map((l) => {
    const [id, street, phone, email] = l.split('|');
    return { id: Number(id), street, phone, email };
  });
  assert.equal(race.length, 30);
  const a = await loggedIn(server.url, 'service');
  const b = await loggedIn(server.url, 'service2');
  await a.get('/aanvragen');
  await b.get('/aanvragen');
  const wins = { a: 0, b: 0 };
  for (const p of race) {
    const [ra, rb] = await Promise.all([
      a.post(`/aanvragen/${p.id}/aanvaarden`, acceptForm({ site: 'Site A', p1_start: '2027-02-01', p1_end: '2027-02-12' })),
      b.post(`/aanvragen/${p.id}/aanvaarden`, acceptForm({ site: 'Site B', p1_start: '2027-02-01', p1_end: '2027-02-12' })),
    ]);
    const statuses = [ra.status, rb.status].sort();
    assert.deepEqual(statuses, [303, 409], `pupil ${p.id}: one winner, one told`);
    const [winner, loser] = ra.status === 303 ? ['A', rb] : ['B', ra];
    wins[winner.toLowerCase()]++;
    assert.match(loser.text, /Deze leerling werd intussen door een andere dienst aanvaard\./);
    assert.deepEqual(leaks(loser.text, p), [], 'the loser sees no private field');
    assert.equal(q(`SELECT COUNT(*) || '|' || MIN(site) FROM placements WHERE student_id = ${p.id}`), `1|Site ${winner}`);
  }
  assert.equal(wins.a + wins.b, 30);
  console.log(`# race winners: dienst ${wins.a}, dienst2 ${wins.b}`);

  // 18 + 30 + 5 more requests: two pages of 50, the filter and the order kept across pages
  q(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5)
     INSERT INTO students (campaign_id, school_id, contact_id, first_name, last_name, street, postcode, city, province,
       phone, email, transport, format, period_count, hours_per_week, total_hours, created_at, updated_at)
     SELECT (SELECT MIN(id) FROM campaigns), (SELECT id FROM organisations WHERE name = 'Sint-Jozefsinstituut Kortrijk'),
       (SELECT id FROM contacts WHERE name = 'An Vermeulen'), 'Kandidaat', printf('Bladzijde%02d', i), 'Straat 1',
       '8500', 'Kortrijk', 'West-Vlaanderen', '0499 00 22 00', printf('blad%02d@leerling.test', i), 8, 'blok', 1,
       32, 64, strftime('%s', 'now'), strftime('%s', 'now') FROM n;
     INSERT INTO student_periods SELECT id, 1, '2027-02-01', '2027-02-12' FROM students WHERE last_name LIKE 'Bladzijde%';`);
  const first = await a.get('/aanvragen?provincie=West-Vlaanderen&sorteer=naam');
  assert.equal(found(first.text), '46');
  assert.equal(rowIds(first.text).length, 46);
  const page1 = await a.get('/aanvragen');
  assert.equal(found(page1.text), '53');
  assert.equal(rowIds(page1.text).length, 50);
  assert.match(page1.text, /1–50 van 53/);
  const next = page1.text.match(/href="([^"]+)" rel="next"/)[1].replaceAll('&amp;', '&');
  const page2 = await a.get(next);
  assert.equal(rowIds(page2.text).length, 3);
  assert.deepEqual(rowIds(page2.text).filter((id) => rowIds(page1.text).includes(id)), []);
});

test('a service cannot reach another service\'s placements or private fields by guessing ids', async () => {
  const other = await loggedIn(server.url, 'service2');
  const lotte = pupils.get('Vandenberghe'); // accepted by dienst@ in the demo
  const before = q(`SELECT site || version FROM placements WHERE student_id = ${lotte.id}`);
  assert.equal((await other.get(`/stagiairs/${lotte.id}`)).status, 404);
  await other.get('/aanvragen');
  const edit = await other.post(`/stagiairs/${lotte.id}`, acceptForm({ site: 'Gekaapt', version: '1' }));
  assert.equal(edit.status, 404);
  assertNoPrivateFields(edit.text);
  assert.equal((await other.post(`/stagiairs/${lotte.id}/intrekken`, { bevestigd: '1' })).status, 404);
  const steal = await other.post(`/aanvragen/${lotte.id}/aanvaarden`, acceptForm({ site: 'Gekaapt' }));
  assert.equal(steal.status, 409);
  assert.match(steal.text, /Deze leerling werd intussen door een andere dienst aanvaard/);
  assert.equal(q(`SELECT site || version FROM placements WHERE student_id = ${lotte.id}`), before);
  const request = await other.get(`/aanvragen/${lotte.id}`);
  assert.equal(request.status, 200);
  assert.match(request.text, /Een andere dienst aanvaardde deze leerling/);
  assertNoPrivateFields(request.text);
  assert.equal((await other.get('/aanvragen/999999')).status, 404);
  assert.equal((await other.get('/stagiairs/999999')).status, 404);

  // a campaign dienst2 does not take part in
  q(`INSERT INTO campaigns (programme_id, school_year, registration_opens_at, registration_closes_at, handling_opens_at,
       handling_closes_at, results_visible_at, created_at)
     SELECT id, '2026-2027', strftime('%s','now') - 86400, strftime('%s','now') + 86400, strftime('%s','now') - 86400,
       strftime('%s','now') + 86400, strftime('%s','now') + 86400, strftime('%s','now') FROM programmes WHERE code = 'duaal-leren';
     INSERT INTO campaign_services SELECT c.id, o.id FROM campaigns c, organisations o
       WHERE c.programme_id = (SELECT id FROM programmes WHERE code = 'duaal-leren') AND o.name = 'Familiezorg West-Vlaanderen';
     INSERT INTO students (campaign_id, school_id, contact_id, first_name, last_name, street, postcode, city, province, phone,
       email, transport, format, period_count, hours_per_week, total_hours, created_at, updated_at)
     SELECT c.id, (SELECT id FROM organisations WHERE name = 'Atheneum Gent'), (SELECT id FROM contacts WHERE name = 'Koen Martens'),
       'Duale', 'Leerling', 'Verborgenlaan 1', '9000', 'Gent', 'Oost-Vlaanderen', '0499 99 99 99', 'duaal@leerling.test', 16,
       'alternerend', 1, 20, 400, 0, 0 FROM campaigns c WHERE c.programme_id = (SELECT id FROM programmes WHERE code = 'duaal-leren');
     INSERT INTO student_periods SELECT id, 1, '2026-10-01', '2027-06-30' FROM students WHERE last_name = 'Leerling';`);
  const dual = Number(q("SELECT id FROM students WHERE last_name = 'Leerling'"));
  const outsider = await other.get(`/aanvragen/${dual}`);
  assert.equal(outsider.status, 404);
  assert.doesNotMatch(outsider.text, /Duale|Verborgenlaan/);
  assert.equal((await other.post(`/aanvragen/${dual}/aanvaarden`, acceptForm())).status, 404);
  assert.doesNotMatch((await other.get('/aanvragen')).text, /Duale/);
  const member = await loggedIn(server.url, 'service');
  const seen = await member.get('/aanvragen?provincie=Oost-Vlaanderen');
  assert.match(seen.text, /Duaal leren 2026-2027/);
  assert.match(seen.text, /Leerling Duale/);
  assert.doesNotMatch(seen.text, /Verborgenlaan|duaal@leerling/);

  const school = await loggedIn(server.url, 'school');
  assert.equal((await school.get('/aanvragen')).status, 403);
  assert.equal((await school.get(`/stagiairs/${lotte.id}`)).status, 403);
});

const EXPORT_HEADER = [
  'Opleiding', 'Schooljaar', 'Achternaam', 'Voornaam', 'Rijksregisternummer', 'Straat', 'Postcode', 'Plaats', 'Provincie',
  'Telefoon', 'E-mail', 'Vervoersmiddelen', 'Opmerkingen leerling', 'School', 'Stage-/werkplekbegeleider',
  'Telefoon begeleider', 'E-mail begeleider', 'Stagevorm', 'Aantal uren/week', 'Totaal aantal uren', 'Opmerkingen stage',
  'Status', 'Aanvaard op', 'Locatie stageplek',
  'Stageperiode 1 startdatum', 'Stageperiode 1 einddatum', 'Stageperiode 2 startdatum', 'Stageperiode 2 einddatum',
  'Stageperiode 3 startdatum', 'Stageperiode 3 einddatum', 'Stageperiode 4 startdatum', 'Stageperiode 4 einddatum',
  'Stagementor', 'Telefoon stagementor', 'E-mail stagementor', 'Notities',
];

/** What the export of a service must hold, straight from the database, by "Achternaam|Voornaam". */
function expectedExport(service) {
  const list = sqlRows(server.dataDir, `
    SELECT s.last_name, s.first_name, s.street, s.postcode, s.city, s.phone, s.email, sch.name AS school, ct.name AS contact,
           s.hours_per_week, p.site, p.mentor_name, p.mentor_phone, p.mentor_email, p.notes, s.stopped_at,
           (SELECT json_group_array(json_array(starts_on, ends_on)) FROM
             (SELECT * FROM placement_periods WHERE placement_id = p.id ORDER BY position)) AS approved
      FROM placements p JOIN students s ON s.id = p.student_id JOIN organisations sv ON sv.id = p.service_id
      JOIN organisations sch ON sch.id = s.school_id JOIN contacts ct ON ct.id = s.contact_id
     WHERE sv.name = '${service}'`);
  const dmy = (iso) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');
  return new Map(list.map((s) => {
    const approved = JSON.parse(s.approved);
    const nn = pupils.get(s.last_name)?.nn;
    return [`${s.last_name}|${s.first_name}`, {
      Achternaam: s.last_name, Voornaam: s.first_name, Rijksregisternummer: nn ? formatted(nn) : '', Straat: s.street,
      Postcode: s.postcode, Plaats: s.city, Telefoon: s.phone, 'E-mail': s.email, School: s.school,
      'Stage-/werkplekbegeleider': s.contact, 'Aantal uren/week': String(s.hours_per_week),
      Status: s.stopped_at == null ? 'Aanvaard' : 'Gestopt', 'Locatie stageplek': s.site, Stagementor: s.mentor_name,
      'Telefoon stagementor': s.mentor_phone, 'E-mail stagementor': s.mentor_email, Notities: s.notes,
      'Stageperiode 1 startdatum': dmy(approved[0]?.[0]), 'Stageperiode 1 einddatum': dmy(approved[0]?.[1]),
      'Stageperiode 2 startdatum': dmy(approved[1]?.[0]),
    }];
  }));
}

test('the export of Mijn stagiairs: CSV and .xlsx with full data, an audit line per national number', async () => {
  const c = await loggedIn(server.url, 'service');
  const list = await c.get('/stagiairs');
  assert.match(list.text, /href="\/stagiairs\/export\.csv"/);
  const expected = expectedExport('Familiezorg West-Vlaanderen');
  const auditCount = (detail) =>
    Number(q(`SELECT COUNT(*) FROM audit_log a JOIN users u ON u.id = a.actor_user_id WHERE a.action = 'national_number_view' AND a.detail = '${detail}' AND u.email = 'dienst@stagematch.test'`));

  const csv = await download(c, '/stagiairs/export.csv');
  assert.equal(csv.status, 200);
  assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
  assert.match(csv.headers.get('content-disposition'), /filename\*=UTF-8''Familiezorg%20West-Vlaanderen%20-%20Mijn%20stagiairs%20-%20\d{4}-\d\d-\d\d\.csv/);
  const { bom, records, lineEnds } = parseCsv(csv.text);
  assert.ok(bom);
  assert.deepEqual([...lineEnds], ['CRLF']);
  assert.deepEqual(records[0], EXPORT_HEADER);
  assert.equal(records.length - 1, expected.size, 'every pupil of this service, no other');
  let withNumber = 0;
  for (const record of records.slice(1)) {
    const want = expected.get(`${record[2]}|${record[3]}`);
    assert.ok(want, `unexpected pupil ${record[2]}`);
    for (const [h, v] of Object.entries(want)) assert.equal(record[EXPORT_HEADER.indexOf(h)], v, `${record[2]}: ${h}`);
    if (record[4]) withNumber++;
  }
  assert.ok(withNumber >= 5, 'the demo pupils carry their national number');
  assert.equal(auditCount('export csv'), withNumber, 'one audit line per national number exported');

  const xlsx = await download(c, '/stagiairs/export.xlsx');
  assert.equal(xlsx.status, 200);
  assert.equal(xlsx.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const dir = mkdtempSync(path.join(tmpdir(), 'stagematch-xlsx-'));
  try {
    const file = path.join(dir, 'export.xlsx');
    writeFileSync(file, xlsx.buffer);
    const { cells } = readXlsx(file);
    assert.deepEqual(cells[0].map((cell) => cell.value), EXPORT_HEADER);
    assert.ok(cells[0].every((cell) => cell.bold));
    assert.equal(cells.length - 1, expected.size);
    const lotte = cells.find((row) => row[2].value === 'Vandenberghe');
    assert.equal(lotte[4].value, formatted(pupils.get('Vandenberghe').nn));
    const start = EXPORT_HEADER.indexOf('Stageperiode 1 startdatum');
    assert.equal(lotte[start].type, 'n', 'a real date');
    assert.equal(serialToIso(lotte[start].value), '2027-01-11');
    assert.equal(lotte[EXPORT_HEADER.indexOf('Aantal uren/week')].value, 32);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(auditCount('export xlsx'), withNumber);

  // the other service's export holds only its own pupils
  const other = await loggedIn(server.url, 'service2');
  const theirs = parseCsv((await download(other, '/stagiairs/export.csv')).text).records.slice(1);
  assert.deepEqual(theirs.map((r) => r[2]).filter((n) => n === 'Vandenberghe' || n === 'Vanhoutte'), []);
  assert.ok(theirs.some((r) => r[2] === 'De Smet'));
  const school = await loggedIn(server.url, 'school');
  assert.equal((await school.get('/stagiairs/export.csv')).status, 403);
});

test('a stopped pupil cannot be accepted', async () => {
  const open = pupils.get('Desmet').id;
  const c = await loggedIn(server.url, 'service');
  await c.get(`/aanvragen/${open}`);
  q(`UPDATE students SET stopped_at = ${now()} WHERE id = ${open}`);
  try {
    const page = await c.get(`/aanvragen/${open}`);
    assert.match(page.text, /deze leerling gestopt is met de opleiding. Aanvaarden kan niet/);
    assert.doesNotMatch(page.text, /<button[^>]*>Aanvaarden/);
    const refused = await c.post(`/aanvragen/${open}/aanvaarden`, acceptForm());
    assert.equal(refused.status, 409);
    assert.match(refused.text, /Deze leerling is gestopt met de opleiding en kan niet meer aanvaard worden/);
    assert.equal(q(`SELECT COUNT(*) FROM placements WHERE student_id = ${open}`), '0');
  } finally {
    q(`UPDATE students SET stopped_at = NULL WHERE id = ${open}`);
  }
});

test('outside handling the pages stay readable, say what is closed, and refuse accepting and withdrawing', async () => {
  const c = await loggedIn(server.url, 'service');
  const campaign = q("SELECT c.id FROM campaigns c JOIN programmes p ON p.id = c.programme_id WHERE p.code = 'dubbele-finaliteit'");
  const saved = q(`SELECT handling_opens_at || ',' || handling_closes_at FROM campaigns WHERE id = ${campaign}`);
  const ines = pupils.get('Callewaert');
  const lotte = pupils.get('Vandenberghe');
  try {
    q(`UPDATE campaigns SET handling_closes_at = ${now() - 3600} WHERE id = ${campaign}`);
    const list = await c.get('/aanvragen');
    assert.equal(list.status, 200);
    assert.match(list.text, /De behandeling is gesloten sinds \d\d\/\d\d\/\d{4} \d\d:\d\d/);
    assert.match(list.text, /Callewaert/, 'the requests stay readable');
    const page = await c.get(`/aanvragen/${ines.id}`);
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.text, /<button[^>]*>Aanvaarden/);
    const refused = await c.post(`/aanvragen/${ines.id}/aanvaarden`, acceptForm());
    assert.equal(refused.status, 409);
    assert.match(refused.text, /Aanvaarden kan nu niet\. De behandeling is gesloten sinds/);
    assertNoPrivateFields(refused.text, ['Callewaert']);
    assert.equal(q(`SELECT COUNT(*) FROM placements WHERE student_id = ${ines.id}`), '0');
    const mine = await c.get(`/stagiairs/${lotte.id}`);
    assert.doesNotMatch(mine.text, /<button[^>]*>Aanvaarding intrekken/);
    const withdraw = await c.post(`/stagiairs/${lotte.id}/intrekken`, { bevestigd: '1' });
    assert.equal(withdraw.status, 409);
    assert.match(withdraw.text, /Intrekken kan nu niet/);
    assert.equal(q(`SELECT COUNT(*) FROM placements WHERE student_id = ${lotte.id}`), '1');

    q(`UPDATE campaigns SET handling_opens_at = ${now() + 86400}, handling_closes_at = ${now() + 2 * 86400} WHERE id = ${campaign}`);
    const early = await c.get('/aanvragen');
    assert.match(early.text, /De behandeling van de aanvragen opent op \d\d\/\d\d\/\d{4} \d\d:\d\d/);
    assert.doesNotMatch(early.text, /Callewaert/);
    assert.equal((await c.get(`/aanvragen/${ines.id}`)).status, 404);
  } finally {
    const [opens, closes] = saved.split(',');
    q(`UPDATE campaigns SET handling_opens_at = ${opens}, handling_closes_at = ${closes} WHERE id = ${campaign}`);
  }
});

test('after the results moment each school gets one digest; a withdrawal is mailed too', async () => {
  const digests = (to) => q(`SELECT COUNT(*) FROM outbox WHERE to_address = '${to}' AND subject LIKE '%aanvaard door een dienst'`);
  assert.equal(q("SELECT COUNT(*) FROM outbox WHERE subject LIKE '%aanvaard door een dienst'"), '0', 'not before the results moment');
  const campaign = q("SELECT c.id FROM campaigns c JOIN programmes p ON p.id = c.programme_id WHERE p.code = 'dubbele-finaliteit'");
  q(`UPDATE campaigns SET results_visible_at = ${now() - 5} WHERE id = ${campaign}`);
  assert.ok(await waitFor(() => digests('school@stagematch.test') === '1' && digests('school2@stagematch.test') === '1'),
    'one digest per school user');
  const body = await mailText(server.dataDir, "to_address = 'school@stagematch.test' AND subject LIKE '%aanvaard door een dienst'");
  assert.match(body, /Lotte Vandenberghe: Familiezorg West-Vlaanderen, stageplek Regio Kortrijk – team Zuid/);
  assert.match(body, /Kandidaat Race01/);
  assert.match(body, /Stageperiode: 11\/01\/2027 – 22\/01\/2027/);
  assert.doesNotMatch(body, /Fien De Smet|Lore Peeters/, 'only the school\'s own pupils');
  assert.doesNotMatch(body, /Vanhoutte/, 'withdrawn placements are not in it');
  const school2 = await mailText(server.dataDir, "to_address = 'school2@stagematch.test' AND subject LIKE '%aanvaard door een dienst'");
  assert.match(school2, /Fien De Smet/);
  assert.equal(q(`SELECT COUNT(*) FROM placements p JOIN students s ON s.id = p.student_id WHERE s.campaign_id = ${campaign} AND p.notified_at IS NULL`), '0');
  await new Promise((r) => setTimeout(r, 6000));
  assert.equal(digests('school@stagematch.test'), '1', 'no second digest for the same pupils');

  // a later acceptance gets its own digest, with only that pupil
  const c = await loggedIn(server.url, 'service');
  const ines = pupils.get('Callewaert');
  await c.get(`/aanvragen/${ines.id}`);
  assert.equal((await c.post(`/aanvragen/${ines.id}/aanvaarden`, acceptForm())).status, 303);
  assert.ok(await waitFor(() => digests('school@stagematch.test') === '2'));
  const second = await mailText(server.dataDir,
    "id = (SELECT MAX(id) FROM outbox WHERE to_address = 'school@stagematch.test' AND subject LIKE '%aanvaard door een dienst')");
  assert.match(second, /Ines Callewaert/);
  assert.doesNotMatch(second, /Lotte/);
  assert.match(q("SELECT subject FROM outbox WHERE to_address = 'school@stagematch.test' ORDER BY id DESC LIMIT 1"), /1 leerling aanvaard/);

  // the results are visible, so withdrawing tells the school
  await c.get(`/stagiairs/${ines.id}`);
  const ask = await c.post(`/stagiairs/${ines.id}/intrekken`, {});
  assert.match(ask.text, /De school ziet de resultaten al en krijgt hierover een e-mail/);
  assert.equal((await c.post(`/stagiairs/${ines.id}/intrekken`, { bevestigd: '1' })).status, 303);
  const latest = "id = (SELECT MAX(id) FROM outbox WHERE to_address = 'school@stagematch.test')";
  assert.match(q(`SELECT subject FROM outbox WHERE ${latest}`), /aanvaarding van Ines Callewaert ingetrokken/);
  assert.match(await mailText(server.dataDir, latest), /Familiezorg West-Vlaanderen heeft de aanvaarding/);
});

test('in Chromium: the request list, opening a request and accepting it through the form', async () => {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await browserLogin(page, server.url, 'service');
    assert.match(page.url(), /\/aanvragen$/);
    await page.getByLabel('Provincie').selectOption('West-Vlaanderen');
    await page.getByRole('checkbox', { name: 'Enkel voorkeur: deze dienst' }).check();
    await page.getByRole('button', { name: 'Filter toepassen' }).click();
    await page.waitForLoadState('load');
    assert.match(page.url(), /provincie=West-Vlaanderen/);
    assert.match(page.url(), /voorkeur=ja/);
    await screenshot(page, 'requests-service');
    assert.deepEqual((await axeViolations(page)).map((v) => v.id), []);
    await page.getByRole('link', { name: 'Ghekiere Zoë' }).click();
    await page.getByRole('heading', { name: 'Aanvaarden' }).waitFor();
    await page.getByLabel('Stageplek').fill('Regio Roeselare');
    await page.getByLabel('Stagementor: naam').fill('Lien Dewulf');
    await page.getByLabel('Stagementor: telefoon').fill('0470123456');
    await page.getByLabel('Stagementor: e-mail').fill('lien@familiezorg.test');
    await page.getByRole('button', { name: 'Aanvaarden' }).click();
    await page.getByText('Leerling aanvaard.').waitFor();
    const zoe = pupils.get('Ghekiere');
    assert.ok(await page.getByText(formatted(zoe.nn)).isVisible());
    assert.equal(q(`SELECT mentor_phone FROM placements WHERE student_id = ${zoe.id}`), '0470 12 34 56');
    assert.deepEqual((await axeViolations(page)).map((v) => v.id), []);
  } finally {
    await browser.close();
  }
});
