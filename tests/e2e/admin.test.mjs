// The coordinator's screens through the real binary: campaigns and their timing, schools and
// services, the progress dashboard, the second round, the audit log, retention, backups.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  startServer, Client, loggedIn, launchBrowser, browserLogin, screenshot, sql, run, axeViolations, parseCsv,
  brussels, brusselsInHours, BIN, LOGINS,
} from './lib.mjs';


// ---- helpers ---------------------------------------------------------------------------

/** "2026-10-07T12:00" -> "07/10/2026 12:00", as the pages show it. */
const shown = (input) => input.replace(/^(\d{4})-(\d\d)-(\d\d)T(\d\d:\d\d)$/, '$3/$2/$1 $4');
const inHours = brusselsInHours;

/** The campaign's moments, hours from now; every key optional. */
function timing({ reg = [-48, 48], handling = [-24, 48], results = 48 } = {}) {
  return {
    registration_opens_at: inHours(reg[0]),
    registration_closes_at: inHours(reg[1]),
    handling_opens_at: inHours(handling[0]),
    handling_closes_at: inHours(handling[1]),
    results_visible_at: inHours(results),
  };
}

/** The ids of the services ticked on a campaign form. */
const tickedServices = (html) => [...html.matchAll(/name="services" value="(\d+)" checked/g)].map((m) => m[1]);

/** The rows of the table that follows heading h2 text, as arrays of cell texts. */
function tableAfter(html, heading) {
  const start = html.indexOf(`>${heading}</h2>`);
  assert.ok(start >= 0, `no table "${heading}"`);
  const table = html.slice(start, html.indexOf('</table>', start));
  return [...table.matchAll(/<tr>([^]*?)<\/tr>/g)].slice(1).map((row) =>
    [...row[1].matchAll(/<t[hd][^>]*>([^]*?)<\/t[hd]>/g)].map((c) => c[1].replace(/<[^>]+>/g, '').trim()));
}

/** The four big numbers at the top of the dashboard. */
function stats(html) {
  const get = (label) => Number(html.match(new RegExp(`<dt>${label}</dt><dd>(\\d+)</dd>`))[1]);
  return { registered: get('Geregistreerd'), accepted: get('Aanvaard'), open: get('Open'), stopped: get('Gestopt') };
}

const statusOf = (html, year) => {
  const row = html.match(new RegExp(`<th scope="row">${year}</th>([^]*?)</tr>`))[1];
  return [...row.matchAll(/<td[^>]*>([^]*?)<\/td>/g)].map((c) => c[1].replace(/<[^>]+>/g, ''))[2];
};

function runAsync(args) {
  return new Promise((resolve) => {
    const p = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('exit', (code) => resolve({ code, out, err }));
  });
}

// ---- the main server: demo data with registration and handling open now ------------------

let server;
before(async () => {
  server = await startServer({ demo: 'open' });
});
after(async () => {
  await server?.stop();
});

test('school and service users get 403 on every /beheer route, GET and POST', async () => {
  const routes = run(['routes']).trim().split('\n').map((l) => l.split(' '))
    .filter(([, pattern]) => pattern.startsWith('/beheer'));
  assert.ok(routes.length >= 30, `only ${routes.length} /beheer routes in the route table`);
  assert.ok(routes.every(([, , roles]) => roles === 'admin'), 'every /beheer route is for the coordinator only');
  for (const who of ['school', 'service']) {
    const c = await loggedIn(server.url, who);
    await c.get('/account'); // a CSRF token of this session
    for (const [method, pattern] of routes) {
      const p = pattern.replace('{id}', '1').replace('{code}', 'dubbele-finaliteit');
      const res = method === 'GET' ? await c.get(p) : await c.post(p, { name: 'x' });
      assert.equal(res.status, 403, `${who} ${method} ${p}`);
    }
  }
  const anonymous = await new Client(server.url).get('/beheer/campagnes');
  assert.equal(anonymous.status, 303);
});

test('a new campaign: wrong moments get Dutch messages next to the field, and everything typed is kept', async () => {
  const c = await loggedIn(server.url, 'admin');
  const form = await c.get('/beheer/campagnes/nieuw?opleiding=duaal-leren');
  assert.equal(form.status, 200);
  assert.match(form.text, /<option value="duaal-leren" selected>/);
  assert.ok(tickedServices(form.text).length === 4, 'every active service is ticked for a new campaign');
  const typed = {
    programme: 'duaal-leren', school_year: '2026-2027', ...timing({ reg: [24, -24] }),
    services: tickedServices(form.text).slice(0, 2),
  };
  const wrong = await c.post('/beheer/campagnes', typed);
  assert.equal(wrong.status, 200);
  assert.match(wrong.text, /Het formulier is nog niet bewaard/);
  assert.match(wrong.text, /id="e-registration_closes_at">De registratie moet sluiten na ze opent\./);
  for (const key of ['registration_opens_at', 'registration_closes_at', 'handling_opens_at', 'results_visible_at'])
    assert.match(wrong.text, new RegExp(`name="${key}" type="datetime-local" value="${typed[key]}"`), key);
  assert.deepEqual(tickedServices(wrong.text), typed.services);

  const garbled = await c.post('/beheer/campagnes', { ...typed, ...timing(), handling_opens_at: 'morgen', school_year: '2026' });
  assert.match(garbled.text, /id="e-handling_opens_at">Geef een datum en een uur in, bijvoorbeeld 01\/09\/2026 12:00\./);
  assert.match(garbled.text, /id="e-school_year">Geef het schooljaar in als twee opeenvolgende jaren/);
  assert.match(garbled.text, /name="handling_opens_at" type="datetime-local" value="morgen"/);

  const order = await c.post('/beheer/campagnes', { ...typed, ...timing({ handling: [-72, 48] }) });
  assert.match(order.text, /id="e-handling_opens_at">De behandeling kan niet openen voor de registratie opent\./);
  const late = await c.post('/beheer/campagnes', { ...typed, ...timing({ results: 24 }) });
  assert.match(late.text, /id="e-results_visible_at">De resultaten kunnen pas zichtbaar worden als de registratie gesloten is\./);

  const moments = timing({ reg: [2, 48], handling: [24, 72], results: 96 });
  const ok = await c.post('/beheer/campagnes', { ...typed, ...moments });
  assert.equal(ok.status, 303, ok.text.match(/<div class="alert alert-error"[^]*?<\/div>/)?.[0]);
  assert.equal(ok.location, '/beheer/campagnes');
  const list = await c.get('/beheer/campagnes');
  assert.match(list.text, /Campagne 2026-2027 aangemaakt\./);
  assert.equal(statusOf(list.text.slice(list.text.indexOf('id="p-duaal-leren"')), '2026-2027'),
    `Nog niet gestart: registratie opent op ${shown(moments.registration_opens_at)}`);
  const again = await c.post('/beheer/campagnes', { ...typed, ...moments });
  assert.match(again.text, /Voor deze opleiding bestaat al een campagne in dit schooljaar/);
  const id = sql(server.dataDir, "SELECT c.id FROM campaigns c JOIN programmes p ON p.id = c.programme_id WHERE p.code = 'duaal-leren'");
  assert.equal(sql(server.dataDir, `SELECT COUNT(*) FROM campaign_services WHERE campaign_id = ${id}`), '2');
  assert.equal(sql(server.dataDir, `SELECT COUNT(*) FROM audit_log WHERE action = 'campaign_create' AND detail LIKE 'campaign=${id} %'`), '1');
});

test('moving the moments through the admin screens moves the campaign through its states', async () => {
  const c = await loggedIn(server.url, 'admin');
  const id = sql(server.dataDir, "SELECT c.id FROM campaigns c JOIN programmes p ON p.id = c.programme_id WHERE p.code = 'duaal-leren'");
  const edit = await c.get(`/beheer/campagnes/${id}`);
  assert.equal(edit.status, 200);
  const services = tickedServices(edit.text);
  assert.equal(services[0], sql(server.dataDir, "SELECT organisation_id FROM users WHERE email = 'dienst@stagematch.test'"));
  const school = await loggedIn(server.url, 'school');
  const service = await loggedIn(server.url, 'service');
  // What the school's overview and the service's request list say at each moment.
  const schoolSays = (m, step) => [
    step === 0 ? `Leerlingen toevoegen kan vanaf ${shown(m.registration_opens_at)}.`
      : step <= 2 ? `Leerlingen toevoegen en aanpassen kan tot ${shown(m.registration_closes_at)}.`
        : `De registratie is gesloten sinds ${shown(m.registration_closes_at)}.`,
    step <= 4 ? `De antwoorden van de diensten zie je vanaf ${shown(m.results_visible_at)}.` : null,
  ];
  const serviceSays = (m, step) => step <= 1 ? `De behandeling van de aanvragen opent op ${shown(m.handling_opens_at)}.`
    : step <= 3 ? `De behandeling loopt: je kan aanvragen aanvaarden tot ${shown(m.handling_closes_at)}.`
      : `De behandeling is gesloten sinds ${shown(m.handling_closes_at)}`;
  const steps = [
    [timing({ reg: [1, 48], handling: [24, 72], results: 96 }), (m) => `Nog niet gestart: registratie opent op ${shown(m.registration_opens_at)}`],
    [timing({ reg: [-1, 48], handling: [24, 72], results: 96 }), (m) => `Registratie open tot ${shown(m.registration_closes_at)}; behandeling opent op ${shown(m.handling_opens_at)}`],
    [timing({ reg: [-2, 48], handling: [-1, 72], results: 96 }), (m) => `Registratie open tot ${shown(m.registration_closes_at)}, behandeling open tot ${shown(m.handling_closes_at)}`],
    [timing({ reg: [-3, -1], handling: [-2, 72], results: 96 }), (m) => `Registratie gesloten; behandeling open tot ${shown(m.handling_closes_at)}`],
    [timing({ reg: [-4, -2], handling: [-3, -1], results: 2 }), (m) => `Behandeling gesloten; resultaten zichtbaar vanaf ${shown(m.results_visible_at)}`],
    [timing({ reg: [-5, -3], handling: [-4, -2], results: -1 }), (m) => `Afgesloten; resultaten zichtbaar sinds ${shown(m.results_visible_at)}`],
  ];
  for (const [step, [moments, expected]] of steps.entries()) {
    const res = await c.post(`/beheer/campagnes/${id}`, { ...moments, services });
    assert.equal(res.status, 303, res.text.match(/<p class="error"[^]*?<\/p>/)?.[0]);
    const list = await c.get('/beheer/campagnes');
    assert.equal(statusOf(list.text.slice(list.text.indexOf('id="p-duaal-leren"')), '2026-2027'), expected(moments));
    const overview = (await school.get('/opleidingen/duaal-leren')).text;
    const [registration, results] = schoolSays(moments, step);
    assert.ok(overview.includes(registration), `step ${step}: the school reads "${registration}"`);
    if (results) assert.ok(overview.includes(results), `step ${step}: the school reads "${results}"`);
    else assert.doesNotMatch(overview, /De antwoorden van de diensten zie je vanaf/);
    const add = (await school.get('/opleidingen/duaal-leren/studenten/nieuw')).text;
    if (step === 0) assert.ok(add.includes(`De registratie van leerlingen voor Duaal leren (schooljaar 2026-2027) opent pas op ${shown(moments.registration_opens_at)}.`));
    else if (step <= 2) assert.match(add, /name="first_name"/, `step ${step}: the school can add a pupil`);
    else assert.ok(add.includes(`De registratie van leerlingen voor Duaal leren (schooljaar 2026-2027) is gesloten sinds ${shown(moments.registration_closes_at)}.`));
    if (step !== 1 && step !== 2) assert.doesNotMatch(add, /name="first_name"/);
    const requests = (await service.get('/aanvragen')).text;
    assert.ok(requests.includes(`<strong>Duaal leren 2026-2027:</strong> ${serviceSays(moments, step)}`), `step ${step}: the service reads "${serviceSays(moments, step)}"`);
    const row = sql(server.dataDir, `SELECT registration_opens_at, results_visible_at FROM campaigns WHERE id = ${id}`).split('|');
    assert.equal(brussels(new Date(Number(row[0]) * 1000)), moments.registration_opens_at);
    assert.equal(brussels(new Date(Number(row[1]) * 1000)), moments.results_visible_at);
  }
  // A wrong edit changes nothing and shows what was typed.
  const before = sql(server.dataDir, `SELECT handling_closes_at FROM campaigns WHERE id = ${id}`);
  const bad = await c.post(`/beheer/campagnes/${id}`, { ...timing({ handling: [5, 1] }), services });
  assert.equal(bad.status, 200);
  assert.match(bad.text, /De behandeling moet sluiten na ze opent\./);
  assert.equal(sql(server.dataDir, `SELECT handling_closes_at FROM campaigns WHERE id = ${id}`), before);
  // Participation is edited on the same form.
  const fewer = await c.post(`/beheer/campagnes/${id}`, { ...timing(), services: services.slice(0, 1) });
  assert.equal(fewer.status, 303);
  assert.equal(sql(server.dataDir, `SELECT group_concat(service_id) FROM campaign_services WHERE campaign_id = ${id}`), services[0]);
  assert.equal((await c.get('/beheer/campagnes/999')).status, 404);
});

test('the dashboard counts match the demo data, per school, per service and per province', async () => {
  const c = await loggedIn(server.url, 'admin');
  const res = await c.get('/beheer?campagne=1');
  assert.equal(res.status, 200);
  assert.deepEqual(stats(res.text), { registered: 25, accepted: 10, open: 13, stopped: 2 });
  assert.deepEqual(tableAfter(res.text, 'Per opleiding (schooljaar 2026-2027)'), [
    ['Duaal leren', '0', '0', '0', '0'],
    ['Dubbele finaliteit gezondheidszorg', '25', '10', '13', '2'],
  ]);
  assert.deepEqual(tableAfter(res.text, 'Per school'), [
    ['Atheneum Gent', '8', '3', '4', '1'],
    ['Sint-Jozefsinstituut Kortrijk', '12', '5', '6', '1'],
    ['Sint-Vincentiusinstituut Antwerpen', '5', '2', '3', '0'],
  ]);
  assert.deepEqual(tableAfter(res.text, 'Per provincie'), [
    ['Antwerpen', '5', '2', '3', '0'],
    ['Oost-Vlaanderen', '8', '3', '4', '1'],
    ['West-Vlaanderen', '12', '5', '6', '1'],
  ]);
  const services = tableAfter(res.text, 'Per dienst').map((r) => [r[0], r[1], r[2], r[3].replace(/\s+/g, ' '), r[4], r[5]]);
  assert.deepEqual(services, [
    ['Familiezorg West-Vlaanderen', '5', '12', '41%', '9', '4'],
    ['Gezinszorg Antwerpen', '2', '10', '20%', '4', '3'],
    ['Thuiszorg Oost-Vlaanderen', '3', '8', '37%', '5', '3'],
    ['Zorgpunt Vlaams-Brabant', '0', '6', '0%', '1', '1'],
    ['Geen voorkeur', '—', '—', '', '6', '2'],
  ]);
  assert.ok(res.text.indexOf('>Per provincie<') < res.text.indexOf('>Nog door niemand aanvaard (13)<'));
  const open = tableAfter(res.text, 'Nog door niemand aanvaard (13)');
  assert.equal(open.length, 13);
  assert.deepEqual(open[0], ['Claeys Hanne', 'Atheneum Gent', 'Sint-Amandsberg', 'Oost-Vlaanderen', 'Thuiszorg Oost-Vlaanderen']);
  assert.ok(!open.some((r) => r[0] === 'Verhaeghe Amber'), 'a stopped pupil is not open');
  // The open pupils as CSV, with the school's contact person to call.
  const csv = await c.get('/beheer/open.csv?campagne=1');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  assert.match(csv.headers.get('content-disposition'), /filename\*=UTF-8''Niet%20aanvaard%20-%20Dubbele%20finaliteit%20gezondheidszorg%202026-2027%20-%20\d{4}-\d\d-\d\d\.csv/);
  const { records } = parseCsv(csv.text);
  assert.deepEqual(records[0], ['Achternaam', 'Voornaam', 'School', 'Postcode', 'Plaats', 'Provincie', 'Voorkeur',
    'Stage-/werkplekbegeleider', 'Telefoon begeleider', 'E-mail begeleider', 'Geregistreerd op']);
  assert.equal(records.length, 14);
  assert.deepEqual(records.slice(1).map((r) => `${r[0]} ${r[1]}`), open.map((r) => r[0]));
  assert.deepEqual(records[1].slice(0, 10), ['Claeys', 'Hanne', 'Atheneum Gent', '9040', 'Sint-Amandsberg', 'Oost-Vlaanderen',
    'Thuiszorg Oost-Vlaanderen', 'Koen Martens', '0486 55 44 33', 'koen.martens@atheneumgent.be']);
  assert.match(records[1][10], /^\d\d\/\d\d\/\d{4}$/);
  assert.equal(sql(server.dataDir, "SELECT detail FROM audit_log WHERE action = 'open_students_export'"), 'campaign=1');
  // The same numbers as the database says.
  assert.equal(sql(server.dataDir, 'SELECT COUNT(*) FROM students s WHERE campaign_id = 1 AND stopped_at IS NULL AND NOT EXISTS (SELECT 1 FROM placements p WHERE p.student_id = s.id)'), '13');
});

test('schools and services: add, validate in Dutch keeping what was typed, edit, deactivate and reactivate', async () => {
  const c = await loggedIn(server.url, 'admin');
  const form = await c.get('/beheer/organisaties/nieuw/school');
  assert.match(form.text, /Instellingsnummer/);
  const typed = { name: 'Sint-Lodewijkscollege', institution_number: '12a', street: 'Magdalenastraat 30', postcode: '80', city: 'Brugge', province: '', phone: '050', email: 'info@' };
  const bad = await c.post('/beheer/organisaties/nieuw/school', typed);
  assert.equal(bad.status, 200);
  assert.match(bad.text, /id="e-institution_number">Geef het instellingsnummer in: 6 cijfers, bv\. 030478\./);
  assert.match(bad.text, /id="e-postcode">[^<]*postcode/i);
  assert.match(bad.text, /id="e-phone">/);
  assert.match(bad.text, /id="e-email">/);
  for (const [k, v] of Object.entries(typed)) if (v && k !== 'province') assert.match(bad.text, new RegExp(`name="${k}" type="[a-z]+" value="${v}"`), k);
  const taken = await c.post('/beheer/organisaties/nieuw/school', { ...typed, institution_number: '030478', postcode: '8000', phone: '', email: '' });
  assert.match(taken.text, /Dit instellingsnummer heeft al een andere school: Sint-Jozefsinstituut Kortrijk\./);
  const ok = await c.post('/beheer/organisaties/nieuw/school', { ...typed, institution_number: '31 245', postcode: '8000', phone: '050 33 44 55', email: 'Info@SLC.be' });
  assert.equal(ok.status, 303);
  const row = sql(server.dataDir, "SELECT id, institution_number, province, email, active FROM organisations WHERE name = 'Sint-Lodewijkscollege'").split('|');
  assert.deepEqual(row.slice(1), ['031245', 'West-Vlaanderen', 'info@slc.be', '1']);
  const list = await c.get('/beheer/organisaties');
  assert.match(list.text, /Sint-Lodewijkscollege<\/a><\/th><td>031245<\/td><td>Brugge<\/td><td>West-Vlaanderen<\/td>/);

  // A care service with a province and postcode ranges as its area.
  const service = { name: 'Thuishulp Kust', street: 'Zeedijk 1', postcode: '8400', city: 'Oostende', province: '', phone: '', email: '', capacity: 'veel', area_provinces: [], area_postcodes: '8400-8499, 9900, 85x' };
  const wrongService = await c.post('/beheer/organisaties/nieuw/dienst', service);
  assert.match(wrongService.text, /id="e-capacity">/);
  assert.match(wrongService.text, /id="e-area_postcodes">Een Belgische postcode heeft 4 cijfers, van 1000 tot 9999\./);
  assert.match(wrongService.text, /name="area_postcodes" type="text" value="8400-8499, 9900, 85x"/);
  const noArea = await c.post('/beheer/organisaties/nieuw/dienst', { ...service, capacity: '4', area_postcodes: '' });
  assert.match(noArea.text, /Duid minstens één provincie aan of geef postcodes in/);
  const created = await c.post('/beheer/organisaties/nieuw/dienst', { ...service, capacity: '4', area_provinces: ['West-Vlaanderen'], area_postcodes: '8400-8499, 9900' });
  assert.equal(created.status, 303);
  const sid = sql(server.dataDir, "SELECT id FROM organisations WHERE name = 'Thuishulp Kust'");
  assert.equal(sql(server.dataDir, `SELECT group_concat(coalesce(province, postcode_from || '-' || postcode_to), ' ') FROM (SELECT * FROM service_areas WHERE service_id = ${sid} ORDER BY id)`),
    'West-Vlaanderen 8400-8499 9900-9900');
  const edit = await c.get(`/beheer/organisaties/${sid}`);
  assert.match(edit.text, /value="West-Vlaanderen" checked/);
  assert.match(edit.text, /name="area_postcodes" type="text" value="8400-8499, 9900"/);
  const saved = await c.post(`/beheer/organisaties/${sid}`, { ...service, name: 'Thuishulp Kust en Polder', capacity: '6', area_provinces: [], area_postcodes: '8400-8499' });
  assert.equal(saved.status, 303);
  assert.equal(sql(server.dataDir, `SELECT name || '|' || capacity || '|' || (SELECT COUNT(*) FROM service_areas WHERE service_id = ${sid}) FROM organisations WHERE id = ${sid}`), 'Thuishulp Kust en Polder|6|1');
  assert.equal((await c.get('/beheer/organisaties/1')).status, 404, 'the coordinator itself is not edited here');
  assert.equal((await c.get('/beheer/organisaties/9999')).status, 404);

  // Deactivating a school stops its users at once; reactivating lets them in again.
  const school = await loggedIn(server.url, 'school');
  assert.equal((await school.get('/account')).status, 200);
  const kortrijk = sql(server.dataDir, "SELECT id FROM organisations WHERE name = 'Sint-Jozefsinstituut Kortrijk'");
  const off = await c.post(`/beheer/organisaties/${kortrijk}/deactiveren`, {});
  assert.equal(off.status, 303);
  assert.match((await c.get(off.location)).text, /Sint-Jozefsinstituut Kortrijk is gedeactiveerd: de gebruikers kunnen niet meer inloggen\./);
  assert.equal((await school.get('/account')).status, 303, 'the open session no longer works');
  assert.equal((await new Client(server.url).login(LOGINS.school)).status, 401);
  assert.match((await c.get('/beheer/organisaties')).text, /Sint-Jozefsinstituut Kortrijk<\/a><\/th><td>030478<\/td><td>Kortrijk<\/td><td>West-Vlaanderen<\/td><td class="num">1<\/td><td>Gedeactiveerd<\/td>/);
  assert.equal((await c.post(`/beheer/organisaties/${kortrijk}/activeren`, {})).status, 303);
  assert.equal((await new Client(server.url).login(LOGINS.school)).status, 303);
  assert.equal(sql(server.dataDir, `SELECT group_concat(action) FROM (SELECT action FROM audit_log WHERE detail = 'organisation=${kortrijk}' ORDER BY id)`), 'org_deactivate,org_activate');
});

test('the audit log: filters by user, organisation, action, pupil and dates, pages, and no national numbers', async () => {
  const c = await loggedIn(server.url, 'admin');
  // 130 older lines of one pupil, a day apart, to page through.
  sql(server.dataDir, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 130)
    INSERT INTO audit_log (at, actor_user_id, organisation_id, ip, action, student_id, detail)
    SELECT strftime('%s', '2026-01-01') + i * 3600, (SELECT id FROM users WHERE email = 'dienst@stagematch.test'),
      (SELECT organisation_id FROM users WHERE email = 'dienst@stagematch.test'), '10.0.0.' || i, 'national_number_view', 3, 'regel ' || i FROM n`);
  const all = await c.get('/beheer/audit');
  assert.equal(all.status, 200);
  assert.match(all.text, /<option value="campaign_update">campaign_update<\/option>/);

  const byAction = await c.get('/beheer/audit?actie=campaign_update');
  const actions = [...byAction.text.matchAll(/<tr><td>[^<]*<\/td><td>[^<]*<\/td><td>[^<]*<\/td><td>([^<]*)<\/td>/g)].map((m) => m[1]);
  assert.ok(actions.length >= 7);
  assert.ok(actions.every((a) => a === 'campaign_update'));
  assert.match(byAction.text, /<option value="campaign_update" selected>/, 'the filter is kept');

  const byUser = await c.get('/beheer/audit?gebruiker=dienst@stagematch.test&leerling=3');
  const lines = [...byUser.text.matchAll(/<td>regel (\d+)<\/td>/g)].map((m) => Number(m[1]));
  assert.equal(lines.length, 50);
  assert.deepEqual(lines.slice(0, 3), [130, 129, 128]);
  const more = byUser.text.match(/href="(\/beheer\/audit\?[^"]*voor=\d+)">Oudere regels/)[1].replace(/&amp;/g, '&');
  const page2 = await c.get(more);
  assert.deepEqual([...page2.text.matchAll(/<td>regel (\d+)<\/td>/g)].map((m) => Number(m[1])).slice(0, 2), [80, 79]);
  const third = await c.get(page2.text.match(/href="(\/beheer\/audit\?[^"]*voor=\d+)">Oudere regels/)[1].replace(/&amp;/g, '&'));
  assert.equal([...third.text.matchAll(/<td>regel (\d+)<\/td>/g)].length, 30);
  assert.doesNotMatch(third.text, /Oudere regels/);

  // The same selection as CSV, every line, not just a page.
  const csv = await c.get('/beheer/audit.csv?gebruiker=dienst@stagematch.test&leerling=3');
  assert.equal(csv.status, 200);
  const { records } = parseCsv(csv.text);
  assert.deepEqual(records[0], ['Tijdstip', 'Gebruiker', 'Organisatie', 'Actie', 'Leerling (nummer)', 'Leerling', 'Details', 'IP-adres']);
  assert.equal(records.length, 131);
  assert.deepEqual(records[1], ['06/01/2026 11:00', 'dienst@stagematch.test', 'Familiezorg West-Vlaanderen', 'national_number_view', '3', 'Vanhoutte Noor', 'regel 130', '10.0.0.130']);
  assert.equal(sql(server.dataDir, "SELECT detail FROM audit_log WHERE action = 'audit_export'"), 'gebruiker=dienst%40stagematch.test&leerling=3');
  // Dates are Brussels days, 'tot en met' included.
  const day = await c.get('/beheer/audit?leerling=3&van=2026-01-02&tot=2026-01-02');
  const inDay = [...day.text.matchAll(/<td>regel (\d+)<\/td>/g)].map((m) => Number(m[1]));
  assert.deepEqual(inDay, Array.from({ length: 24 }, (_, k) => 46 - k)); // 01/01 23:00 UTC (regel 23) = 02/01 00:00 Brussels
  const byOrg = await c.get(`/beheer/audit?organisatie=${sql(server.dataDir, "SELECT organisation_id FROM users WHERE email = 'dienst@stagematch.test'")}&van=2026-01-06`);
  assert.ok([...byOrg.text.matchAll(/<td>regel (\d+)<\/td>/g)].every((m) => Number(m[1]) >= 119));
  const nobody = await c.get('/beheer/audit?gebruiker=niemand@stagematch.test');
  assert.match(nobody.text, /Er is geen gebruiker met dit e-mailadres\./);
  const badDate = await c.get('/beheer/audit?van=31/02/2026&leerling=abc');
  assert.match(badDate.text, /id="e-van">Geef een geldige datum in \(dd\/mm\/jjjj\)\./);
  assert.match(badDate.text, /id="e-leerling">Geef het nummer van de leerling in/);
  assert.match(badDate.text, /name="van" type="text" value="31\/02\/2026"/);
  // A date given as ISO (or typed dd/mm/jjjj) is shown back as dd/mm/jjjj, whatever the browser's language.
  assert.match(day.text, /name="van" type="text" value="02\/01\/2026"/);

  // No national number of any pupil, in any form, anywhere in the log.
  const log = sql(server.dataDir, "SELECT group_concat(ip || ' ' || action || ' ' || detail, char(10)) FROM audit_log");
  assert.doesNotMatch(log, /\b\d{2}\.?\d{2}\.?\d{2}-?\d{3}\.?\d{2}\b/);
});

test('the second round: only after handling closed, order checked, then every participating service is told', async () => {
  // Mail to a port where nothing listens stays queued, body and all: the delivery job blanks a
  // sent mail's body (it may hold a link), which raced with reading it below.
  const s = await startServer({ demo: 'open', args: ['--smtp-url', 'smtp://127.0.0.1:9'] });
  try {
    const c = await loggedIn(s.url, 'admin');
    const services = tickedServices((await c.get('/beheer/campagnes/1')).text);
    const early = await c.get('/beheer/campagnes/1/tweede-ronde');
    assert.equal(early.status, 409);
    assert.match(early.text, /Een tweede ronde kan pas als de behandeling gesloten is/);
    const closed = timing({ reg: [-72, -26], handling: [-48, -25], results: -25 });
    assert.equal((await c.post('/beheer/campagnes/1', { ...closed, services })).status, 303);
    const list = await c.get('/beheer/campagnes');
    assert.match(list.text, /href="\/beheer\/campagnes\/1\/tweede-ronde">Tweede ronde openen</);

    // A pupil from Antwerp nobody accepted: the West-Flemish service cannot accept now.
    const service = await loggedIn(s.url, 'service');
    const tess = sql(s.dataDir, "SELECT id FROM students WHERE last_name = 'Willems'");
    const accept = /<h2 id="aanvaarden">Aanvaarden<\/h2>/;
    assert.doesNotMatch((await service.get(`/aanvragen/${tess}`)).text, accept);

    const form = await c.get('/beheer/campagnes/1/tweede-ronde');
    assert.equal(form.status, 200);
    assert.match(form.text, /13 leerlingen hebben nog geen stageplaats\. In de tweede ronde zien alle 4 deelnemende diensten hen, uit heel Vlaanderen/);
    const before = { second_round_opens_at: inHours(-26), second_round_closes_at: inHours(24 * 7) };
    const wrong = await c.post('/beheer/campagnes/1/tweede-ronde', before);
    assert.equal(wrong.status, 200);
    assert.match(wrong.text, /id="e-second_round_opens_at">De tweede ronde kan pas openen als de eerste behandeling gesloten is\./);
    assert.match(wrong.text, new RegExp(`value="${before.second_round_opens_at}"`));
    assert.equal(sql(s.dataDir, 'SELECT round FROM campaigns WHERE id = 1'), '1');

    const second = { second_round_opens_at: inHours(-1), second_round_closes_at: inHours(24 * 7) };
    const opened = await c.post('/beheer/campagnes/1/tweede-ronde', second);
    assert.equal(opened.status, 303);
    assert.equal(sql(s.dataDir, 'SELECT round FROM campaigns WHERE id = 1'), '2');
    const after = await c.get('/beheer/campagnes');
    assert.equal(statusOf(after.text, '2026-2027'), `Tweede ronde open tot ${shown(second.second_round_closes_at)}`);
    assert.doesNotMatch(after.text, /Tweede ronde openen/);
    assert.equal((await c.get('/beheer/campagnes/1/tweede-ronde')).status, 409);
    // In the second round the service can accept her, until the second round closes.
    const page = (await service.get(`/aanvragen/${tess}`)).text;
    assert.match(page, accept);
    assert.ok(page.includes(`De behandeling loopt: je kan aanvragen aanvaarden tot ${shown(second.second_round_closes_at)}.`));
    // Both service users with a login got a mail naming the open pupils.
    assert.equal(sql(s.dataDir, "SELECT group_concat(to_address, ' ') FROM (SELECT to_address FROM outbox WHERE subject LIKE 'Tweede ronde%' ORDER BY to_address)"),
      'dienst2@stagematch.test dienst@stagematch.test');
    assert.match(sql(s.dataDir, "SELECT body_text FROM outbox WHERE subject LIKE 'Tweede ronde%' LIMIT 1"), /uit heel Vlaanderen[^]*Nu zijn dat er\s+13\./);
    // The second round's window is edited with the campaign, and checked there too.
    const edit = await c.get('/beheer/campagnes/1');
    assert.match(edit.text, new RegExp(`name="second_round_closes_at" type="datetime-local" value="${second.second_round_closes_at}"`));
    const shorter = await c.post('/beheer/campagnes/1', { ...closed, ...second, second_round_closes_at: inHours(-2), services });
    assert.match(shorter.text, /De tweede ronde moet sluiten na ze opent\./);
    const dashboard = await c.get('/beheer?campagne=1');
    assert.match(dashboard.text, /Tweede ronde open tot/);
  } finally {
    await s.stop();
  }
});

// ---- the manual's timing: copying to next year, retention ------------------------------

test("copying last year's campaign: every moment a year on at the same Brussels time, the same services", async () => {
  const s = await startServer({ demo: 'manual' });
  try {
    const c = await loggedIn(s.url, 'admin');
    const list = await c.get('/beheer/campagnes');
    assert.equal(statusOf(list.text, '2026-2027'), 'Afgesloten; resultaten zichtbaar sinds 07/10/2026 12:00');
    // The manual's demo has the same pupils in the same states.
    const progress = await c.get('/beheer');
    assert.deepEqual(stats(progress.text), { registered: 25, accepted: 10, open: 13, stopped: 2 });
    assert.match(progress.text, /Afgesloten; resultaten zichtbaar sinds 07\/10\/2026 12:00/);
    const copy = await c.get('/beheer/campagnes/1/kopie');
    assert.equal(copy.status, 200);
    const value = (name) => copy.text.match(new RegExp(`name="${name}" type="[a-z-]+" value="([^"]*)"`))[1];
    assert.equal(value('school_year'), '2027-2028');
    assert.equal(value('registration_opens_at'), '2027-09-01T12:00');
    assert.equal(value('handling_opens_at'), '2027-09-18T00:00');
    assert.equal(value('registration_closes_at'), '2027-10-07T12:00');
    assert.equal(value('handling_closes_at'), '2027-10-07T12:00');
    assert.equal(value('results_visible_at'), '2027-10-07T12:00');
    const form = Object.fromEntries(['programme', 'school_year', 'registration_opens_at', 'registration_closes_at', 'handling_opens_at', 'handling_closes_at', 'results_visible_at']
      .map((k) => [k, k === 'programme' ? 'dubbele-finaliteit' : value(k)]));
    const saved = await c.post('/beheer/campagnes', { ...form, services: tickedServices(copy.text) });
    assert.equal(saved.status, 303);
    const after = await c.get('/beheer/campagnes');
    assert.equal(statusOf(after.text, '2027-2028'), 'Nog niet gestart: registratie opent op 01/09/2027 12:00');
    assert.equal(sql(s.dataDir, 'SELECT group_concat(service_id) FROM (SELECT service_id FROM campaign_services WHERE campaign_id = 2 ORDER BY 1)'),
      sql(s.dataDir, 'SELECT group_concat(service_id) FROM (SELECT service_id FROM campaign_services WHERE campaign_id = 1 ORDER BY 1)'));
    // 01/09/2027 12:00 in Brussels (summer time) is 10:00 UTC.
    assert.equal(sql(s.dataDir, 'SELECT datetime(registration_opens_at, \'unixepoch\') FROM campaigns WHERE id = 2'), '2027-09-01 10:00:00');
    // The progress page keeps showing the running campaign, not next year's empty copy.
    assert.match((await c.get('/beheer')).text, /<option value="1" selected>Dubbele finaliteit gezondheidszorg 2026-2027<\/option>/);
    // The newest campaign is copied from now on.
    assert.match(after.text, /href="\/beheer\/campagnes\/2\/kopie">Kopieer campagne van vorig jaar/);
  } finally {
    await s.stop();
  }
});

test('retention removes exactly what its confirmation names, keeps the counts, and also runs from the command line', async () => {
  const s = await startServer({ demo: 'manual' });
  try {
    const c = await loggedIn(s.url, 'admin');
    const early = await c.get('/beheer/campagnes/1/persoonsgegevens');
    assert.match(early.text, /mogen pas verwijderd worden vanaf 07\/10\/2027 12:00: 365 dagen nadat de resultaten zichtbaar werden/);
    assert.doesNotMatch(early.text, /Verwijder definitief/);
    assert.equal((await c.post('/beheer/campagnes/1/persoonsgegevens', { confirm: 'ja' })).status, 200);
    assert.equal(sql(s.dataDir, 'SELECT COUNT(*) FROM students WHERE national_number_box IS NULL'), '0');

    // A campaign of last year, moved back through the admin screens.
    const services = tickedServices((await c.get('/beheer/campagnes/1')).text);
    const lastYear = { registration_opens_at: '2025-09-01T12:00', registration_closes_at: '2025-10-07T12:00', handling_opens_at: '2025-09-18T00:00', handling_closes_at: '2025-10-07T12:00', results_visible_at: '2025-10-07T12:00' };
    assert.equal((await c.post('/beheer/campagnes/1', { ...lastYear, services })).status, 303);
    // A second campaign whose pupil uses the school's first contact: that contact stays.
    assert.equal((await c.post('/beheer/campagnes', { programme: 'duaal-leren', school_year: '2026-2027', ...timing(), services })).status, 303);
    sql(s.dataDir, `INSERT INTO students (campaign_id, school_id, contact_id, first_name, last_name, street, postcode, city, province, phone, email, transport, remarks, format, period_count, hours_per_week, total_hours, created_at, updated_at)
      SELECT 2, school_id, id, 'Mila', 'Blijft', 'Steenweg 1', '8500', 'Kortrijk', 'West-Vlaanderen', '0470 99 99 99', 'mila@x.be', 1, 'Blijft staan', 'blok', 1, 30, 60, 0, 0 FROM contacts ORDER BY id LIMIT 1`);
    const confirm = await c.get('/beheer/campagnes/1/persoonsgegevens');
    assert.match(confirm.text, /persoonsgegevens van <strong>25 leerlingen, 10 stageplaatsen en 4 contactpersonen<\/strong>/);
    const unconfirmed = await c.post('/beheer/campagnes/1/persoonsgegevens', { expected: '25 leerlingen, 10 stageplaatsen en 4 contactpersonen' });
    assert.match(unconfirmed.text, /Vink aan dat je begrijpt dat dit definitief is\./);
    const stale = await c.post('/beheer/campagnes/1/persoonsgegevens', { confirm: 'ja', expected: '24 leerlingen, 10 stageplaatsen en 4 contactpersonen' });
    assert.match(stale.text, /De aantallen zijn intussen veranderd/);
    assert.equal(sql(s.dataDir, 'SELECT COUNT(*) FROM students WHERE national_number_box IS NULL'), '1', 'nothing removed yet (only the set-up pupil has none)');

    const done = await c.post('/beheer/campagnes/1/persoonsgegevens', { confirm: 'ja', expected: '25 leerlingen, 10 stageplaatsen en 4 contactpersonen' });
    assert.equal(done.status, 303);
    assert.match((await c.get('/beheer/campagnes')).text, /De persoonsgegevens van 25 leerlingen, 10 stageplaatsen en 4 contactpersonen zijn verwijderd\./);
    const q = (where) => sql(s.dataDir, `SELECT COUNT(*) FROM students WHERE campaign_id = 1 AND ${where}`);
    assert.equal(q("national_number_box IS NULL AND national_number_hash IS NULL AND national_number_hint IS NULL AND street IS NULL AND phone IS NULL AND email IS NULL AND remarks = '' AND request_remarks = '' AND first_name = '' AND last_name = 'Leerling ' || id"), '25');
    assert.equal(q("postcode <> '' AND city <> '' AND province <> ''"), '25', 'municipality and province stay for the counts');
    assert.equal(sql(s.dataDir, "SELECT COUNT(*) FROM placements WHERE mentor_name = '' AND mentor_phone = '' AND mentor_email = '' AND notes = '' AND site <> ''"), '10');
    assert.equal(sql(s.dataDir, 'SELECT COUNT(*) FROM contacts WHERE removed_at IS NOT NULL AND phone = \'\' AND email = \'\''), '4');
    assert.equal(sql(s.dataDir, 'SELECT name FROM contacts WHERE removed_at IS NULL'), 'An Vermeulen');
    assert.equal(sql(s.dataDir, "SELECT first_name || ' ' || last_name || ' ' || street || ' ' || phone || ' ' || email || ' ' || remarks FROM students WHERE campaign_id = 2"),
      'Mila Blijft Steenweg 1 0470 99 99 99 mila@x.be Blijft staan');
    assert.equal(sql(s.dataDir, 'SELECT students, accepted, stopped, placements, contacts FROM campaign_archive WHERE campaign_id = 1'), '25|10|2|10|4');
    assert.match(sql(s.dataDir, "SELECT detail FROM audit_log WHERE action = 'retention'"), /^campaign=1 students=25 placements=10 contacts=4 mails=\d+$/);
    // The counts survive; the campaign can no longer be edited or cleaned twice.
    const dashboard = await c.get('/beheer?campagne=1');
    assert.deepEqual(stats(dashboard.text), { registered: 25, accepted: 10, open: 13, stopped: 2 });
    assert.match(dashboard.text, /De persoonsgegevens van deze campagne zijn verwijderd/);
    assert.equal((await c.get('/beheer/campagnes/1')).status, 409);
    assert.match((await c.get('/beheer/campagnes/1/persoonsgegevens')).text, /zijn al verwijderd op/);

    // The command line: a refusal, a dry run that changes nothing, then --yes.
    const cli = (...args) => runAsync(['retention', '--data', s.dataDir, ...args]);
    const tooEarly = await cli('--campaign', '2');
    assert.equal(tooEarly.code, 1);
    assert.match(tooEarly.err, /Duaal leren 2026-2027: De persoonsgegevens van deze campagne mogen pas verwijderd worden vanaf/);
    const lastYear2 = { ...lastYear };
    assert.equal((await c.post('/beheer/campagnes/2', { ...lastYear2, services })).status, 303);
    const dry = await cli('--campaign', '2');
    assert.equal(dry.code, 0, dry.err);
    assert.match(dry.out, /te verwijderen: persoonsgegevens van 1 leerling, 0 stageplaatsen en 1 contactpersoon\.\nNiets verwijderd/);
    assert.equal(sql(s.dataDir, 'SELECT street FROM students WHERE campaign_id = 2'), 'Steenweg 1');
    const shorter = await cli('--campaign', '2', '--days', '5000');
    assert.equal(shorter.code, 2);
    const yes = await cli('--campaign', '2', '--yes');
    assert.equal(yes.code, 0, yes.err);
    assert.match(yes.out, /persoonsgegevens verwijderd van 1 leerling, 0 stageplaatsen en 1 contactpersoon\./);
    assert.equal(sql(s.dataDir, "SELECT COUNT(*) FROM contacts WHERE removed_at IS NULL"), '0');
    assert.equal(sql(s.dataDir, "SELECT COUNT(*) FROM audit_log WHERE action = 'retention'"), '2');
  } finally {
    await s.stop();
  }
});

// ---- backups ---------------------------------------------------------------------------

test('a backup taken during many concurrent saves restores to a consistent database', async () => {
  const s = await startServer({ demo: 'open' });
  const dir = mkdtempSync(path.join(tmpdir(), 'stagematch-backup-'));
  const file = path.join(dir, 'stagematch-backup.db');
  try {
    const clients = []; // one login at a time: password checks are rationed
    for (let k = 0; k < 8; k++) clients.push(await loggedIn(s.url, 'admin'));
    await Promise.all(clients.map((c) => c.get('/beheer/organisaties/nieuw/school')));
    let saved = 0;
    const save = async (k) => {
      const c = clients[k % clients.length];
      const res = await c.post('/beheer/organisaties/nieuw/school', {
        name: `School ${k}`, institution_number: String(200000 + k), street: `Straat ${k}`, postcode: '9000', city: 'Gent', province: '',
      });
      assert.equal(res.status, 303);
      saved++;
    };
    const writers = (async () => {
      for (let k = 0; k < 240; k += 12) await Promise.all(Array.from({ length: 12 }, (_, j) => save(k + j)));
    })();
    while (saved < 60) await new Promise((r) => setTimeout(r, 20));
    const savedBefore = saved; // answered, so committed before the backup starts
    const backup = await runAsync(['backup', file, '--data', s.dataDir]);
    const savedAfter = saved;
    await writers;
    assert.equal(backup.code, 0, backup.err);
    assert.match(backup.out, /Back-up gemaakt: .*integriteit in orde/);
    assert.match(backup.out, /Bewaar ook .*secret\.key/);

    const inBackup = (q) => execSql(file, q);
    assert.equal(inBackup('PRAGMA integrity_check'), 'ok');
    assert.equal(inBackup('PRAGMA foreign_key_check'), '');
    const schools = Number(inBackup("SELECT COUNT(*) FROM organisations WHERE name LIKE 'School %'"));
    assert.ok(schools >= savedBefore && schools <= 240, `${schools} schools in the backup (${savedBefore} saved before it, ${savedAfter} after)`);
    // Each save wrote its school and its audit line in one transaction: never one without the other.
    assert.equal(inBackup("SELECT COUNT(*) FROM audit_log WHERE action = 'org_create'"), String(schools));
    assert.equal(inBackup('SELECT COUNT(*) FROM students'), '25');
    assert.equal(sql(s.dataDir, "SELECT COUNT(*) FROM organisations WHERE name LIKE 'School %'"), '240');

    // Not while the server runs; then, with the server stopped, it goes back.
    const refused = await runAsync(['restore', file, '--data', s.dataDir]);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /Er draait nog een stagematch-server op/);
    const garbage = path.join(dir, 'kapot.db');
    writeFileSync(garbage, Buffer.alloc(8192, 7));
    await s.stop({ keep: true });
    const bad = await runAsync(['restore', garbage, '--data', s.dataDir]);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /is geen bruikbare database.*Er is niets veranderd/);
    const restored = await runAsync(['restore', file, '--data', s.dataDir]);
    assert.equal(restored.code, 0, restored.err);
    assert.match(restored.out, new RegExp(`Teruggezet: .* \\(schemaversie \\d+, integriteit in orde\\)\\.\\nInhoud: ${schools + 8} organisaties`));
    assert.ok(existsSync(path.join(s.dataDir, 'stagematch.db.bak')));
    assert.equal(execSql(path.join(s.dataDir, 'stagematch.db.bak'), "SELECT COUNT(*) FROM organisations WHERE name LIKE 'School %'"), '240');

    const again = await startServer({ dataDir: s.dataDir });
    try {
      const c = await loggedIn(again.url, 'admin');
      const list = await c.get('/beheer/organisaties');
      assert.equal([...list.text.matchAll(/>School \d+<\/a>/g)].length, schools);
      assert.equal(sql(again.dataDir, 'PRAGMA integrity_check'), 'ok');
    } finally {
      await again.stop();
    }
  } finally {
    if (s.proc.exitCode === null) await s.stop();
    rmSync(s.dataDir, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  }
});

/** sqlite3 on any database file (the backups). */
function execSql(file, q) {
  return execFileSync('sqlite3', ['-cmd', '.timeout 5000', file, q], { encoding: 'utf8' }).trim();
}

// ---- in Chromium -------------------------------------------------------------------------

test('in Chromium: the dashboard and the campaign form, without accessibility violations', async () => {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await browserLogin(page, server.url, 'admin');
    assert.match(page.url(), /\/beheer$/);
    await page.getByRole('heading', { name: 'Voortgang' }).waitFor();
    assert.equal(await page.locator('.stats dd').first().textContent(), '25');
    await screenshot(page, 'dashboard-admin');
    assert.deepEqual((await axeViolations(page)).map((v) => v.id), []);
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Opleidingen en timing' }).click();
    await page.getByRole('link', { name: 'Bewerken Dubbele finaliteit gezondheidszorg 2026-2027' }).click();
    await page.getByLabel('Registratie sluit').fill('2020-01-01T12:00');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('De registratie moet sluiten na ze opent.').first().waitFor();
    assert.equal(await page.getByLabel('Registratie sluit').inputValue(), '2020-01-01T12:00');
    assert.deepEqual((await axeViolations(page)).map((v) => v.id), []);
    await page.goto(server.url + '/beheer/organisaties/nieuw/dienst');
    assert.deepEqual((await axeViolations(page)).map((v) => v.id), []);
    await page.goto(server.url + '/beheer/audit');
    assert.deepEqual((await axeViolations(page)).map((v) => v.id), []);
  } finally {
    await browser.close();
  }
});
