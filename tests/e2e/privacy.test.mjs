// Privacy rules between schools and care services (issue 12, items 1-3), each through the
// real binary: nothing of a service's answer reaches a school before the results moment;
// a withdrawal after the pupil's private data was shown is told at once and bounded; a
// campaign still in handling never disappears when next year's campaign is saved.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loggedIn, sql, download, launchBrowser, browserLogin, axeViolations, demoNationalNumber, mailText as mailTextOf } from './lib.mjs';

const SERVICE = 'Familiezorg West-Vlaanderen';
const NEUTRAL = /Deze aanvraag is al in behandeling genomen door een dienst en kan niet meer gewijzigd worden\. Wijzigingen geef je door aan de co(ö|&ouml;)rdinator \(stages@vivosocialprofit\.org\)\./;
const now = () => Math.floor(Date.now() / 1000);

let server;
const q = (query) => sql(server.dataDir, query);

before(async () => {
  server = await startServer({ demo: 'open' });
});
after(async () => {
  await server?.stop();
});

test('before the results moment no school page, refusal or export names the accepting service', async () => {
  // Jana Maes: no preference, accepted by Familiezorg West-Vlaanderen (the demo set).
  const id = q("SELECT id FROM students WHERE last_name = 'Maes'");
  assert.equal(q(`SELECT o.name FROM placements p JOIN organisations o ON o.id = p.service_id WHERE p.student_id = ${id}`), SERVICE);
  const school = await loggedIn(server.url, 'school');
  const pages = {
    edit: await school.get(`/studenten/${id}`),
    delete: await school.get(`/studenten/${id}/verwijderen`),
    stop: await school.get(`/studenten/${id}/gestopt`),
  };
  for (const [what, res] of Object.entries(pages)) {
    assert.equal(res.status, 200, what);
    assert.doesNotMatch(res.text, new RegExp(SERVICE), `${what} names the service`);
    assert.doesNotMatch(res.text, /[Aa]anvaard door/, `${what} says who accepted`);
  }
  assert.match(pages.edit.text, NEUTRAL, 'the pupil page says why it is read-only, neutrally');
  assert.match(pages.delete.text, NEUTRAL);
  assert.match(pages.stop.text, /De dienst die de aanvraag in behandeling nam, krijgt hiervan een e-mail/);

  // A refused edit and a refused delete: the manual's read-only answer, no name.
  await school.get(`/studenten/${id}`);
  const edit = await school.post(`/studenten/${id}`, { first_name: 'Jana', last_name: 'Maes', version: 1 });
  assert.equal(edit.status, 409);
  assert.doesNotMatch(edit.text, new RegExp(SERVICE));
  assert.match(edit.text, NEUTRAL);
  await school.get(`/studenten/${id}/verwijderen`);
  const del = await school.post(`/studenten/${id}/verwijderen`, {});
  assert.equal(del.status, 409);
  assert.doesNotMatch(del.text, new RegExp(SERVICE));
  assert.equal(q(`SELECT COUNT(*) FROM students WHERE id = ${id}`), '1');

  // The overview and its exports as before: nothing of the answer.
  const overview = await school.get('/opleidingen/dubbele-finaliteit');
  assert.doesNotMatch(overview.text, new RegExp(SERVICE));
  for (const kind of ['csv', 'xlsx']) {
    const file = await download(school, `/opleidingen/dubbele-finaliteit/export.${kind}`);
    assert.equal(file.status, 200);
    if (kind === 'csv') {
      const row = file.text.split('\n').find((line) => line.startsWith('Maes;'));
      assert.doesNotMatch(row, new RegExp(SERVICE), 'the accepted pupil has no preference: the name would be the answer');
    }
  }

  // From the results moment on the school sees who accepted, as before.
  const campaign = q(`SELECT campaign_id FROM students WHERE id = ${id}`);
  const saved = q(`SELECT results_visible_at FROM campaigns WHERE id = ${campaign}`);
  q(`UPDATE campaigns SET results_visible_at = ${now() - 60} WHERE id = ${campaign}`);
  try {
    const after = await school.get(`/studenten/${id}`);
    assert.match(after.text, new RegExp(`door <strong>${SERVICE}</strong>`));
    assert.doesNotMatch(after.text, NEUTRAL);
    const refusal = await school.get(`/studenten/${id}/verwijderen`);
    assert.match(refusal.text, new RegExp(`werd aanvaard door ${SERVICE}`));
  } finally {
    q(`UPDATE campaigns SET results_visible_at = ${saved} WHERE id = ${campaign}`);
  }
});

// ---- item 2 ---------------------------------------------------------------------------

const ACCEPT = {
  site: 'Regio Roeselare – team Noord', p1_start: '2027-01-11', p1_end: '2027-01-22',
  mentor_name: 'Sofie Lambrecht', mentor_phone: '+32 51 22 33 44', mentor_email: 'sofie.lambrecht@familiezorg.test',
};
const formatted = (d) => `${d.slice(0, 2)}.${d.slice(2, 4)}.${d.slice(4, 6)}-${d.slice(6, 9)}.${d.slice(9)}`;
const mails = (where) => q(`SELECT COUNT(*) FROM outbox WHERE ${where}`);

const mailText = (where) => mailTextOf(server.dataDir, where);

/** The service accepts the pupil; `view`: and opens the pupil's page with the private data. */
async function accept(service, id, { view }) {
  await service.get(`/aanvragen/${id}`);
  const res = await service.post(`/aanvragen/${id}/aanvaarden`, ACCEPT);
  assert.equal(res.status, 303, res.text.slice(0, 300));
  if (view) assert.match((await service.get(`/stagiairs/${id}`)).text, /Rijksregisternummer/);
}
async function withdraw(service, id) {
  return service.post(`/stagiairs/${id}/intrekken`, { bevestigd: '1' });
}

test('a withdrawal after the private data was shown tells the school and the coordinator at once, without the national number', async () => {
  const service = await loggedIn(server.url, 'service');
  const id = q("SELECT id FROM students WHERE last_name = 'Vanhoutte'");
  const index = Number(q(`SELECT COUNT(*) FROM students WHERE id < ${id}`));
  const nn = demoNationalNumber(index).replace(/\D/g, '');
  assert.equal(q(`SELECT COUNT(*) FROM placements WHERE student_id = ${id}`), '0');
  const subject = "subject = 'Stagematch: aanvaarding van Noor Vanhoutte ingetrokken'";

  // Accepted and withdrawn without looking (before the results moment): nobody is told, as before.
  await accept(service, id, { view: false });
  assert.equal((await withdraw(service, id)).status, 303);
  assert.equal(mails(subject), '0');

  // Accepted, the private data read, withdrawn: the school's users and the coordinator know at once.
  await accept(service, id, { view: true });
  const confirm = await service.post(`/stagiairs/${id}/intrekken`, {});
  assert.match(confirm.text, /krijgen de school en de co(ö|&ouml;)rdinator meteen een e-mail/);
  assert.equal((await withdraw(service, id)).status, 303);
  assert.equal(q(`SELECT COUNT(*) FROM placements WHERE student_id = ${id}`), '0');
  const schoolUsers = q("SELECT group_concat(email) FROM (SELECT u.email FROM users u JOIN students s ON s.school_id = u.organisation_id WHERE s.last_name = 'Vanhoutte' AND u.state = 'active' ORDER BY u.id)");
  assert.equal(q(`SELECT group_concat(to_address) FROM (SELECT to_address FROM outbox WHERE ${subject} ORDER BY id)`), schoolUsers);
  const toSchool = await mailText(subject);
  assert.match(toSchool, /Een dienst die de stageaanvraag van Noor Vanhoutte .* heeft dat ingetrokken nadat de dienst de persoonlijke gegevens/s);
  assert.doesNotMatch(toSchool, new RegExp(SERVICE), 'before the results moment the school does not learn which service');
  const coordinatorMail = "subject LIKE 'Stagematch: % trok een aanvaarding in na inzage van persoonsgegevens'";
  assert.equal(q(`SELECT group_concat(to_address) FROM outbox WHERE ${coordinatorMail}`), 'admin@stagematch.test');
  const toCoordinator = await mailText(coordinatorMail);
  assert.match(toCoordinator, new RegExp(`${SERVICE} heeft de aanvaarding van Noor Vanhoutte`));
  for (const body of [toSchool, toCoordinator]) {
    assert.ok(!body.includes(nn) && !body.includes(formatted(nn)), 'no national number in a mail');
  }
  assert.equal(q(`SELECT group_concat(state || private_data_shown) FROM (SELECT state, private_data_shown FROM withdrawals WHERE student_id = ${id} ORDER BY id)`), 'done0,done1');
});

test('a service withdraws at most five acceptances per campaign itself; the next needs the coordinator ("Intrekken aanvragen")', async () => {
  const service = await loggedIn(server.url, 'service');
  const admin = await loggedIn(server.url, 'admin');
  const id = q("SELECT id FROM students WHERE last_name = 'Vanhoutte'");
  const serviceId = q("SELECT organisation_id FROM users WHERE email = 'dienst@stagematch.test'");
  const done = () => Number(q(`SELECT COUNT(*) FROM withdrawals WHERE service_id = ${serviceId} AND state = 'done'`));
  while (done() < 5) {
    await accept(service, id, { view: false });
    assert.equal((await withdraw(service, id)).status, 303);
  }
  // The sixth: the confirmation says so, and the withdrawal becomes a request.
  await accept(service, id, { view: true });
  const confirm = await service.post(`/stagiairs/${id}/intrekken`, {});
  assert.match(confirm.text, /Jullie dienst trok in deze campagne al 5 aanvaardingen in/);
  assert.match(confirm.text, /Ja, intrekken aanvragen/);
  const asked = await withdraw(service, id);
  assert.equal(asked.status, 303);
  assert.equal(asked.location, `/stagiairs/${id}`);
  assert.equal(q(`SELECT COUNT(*) FROM placements WHERE student_id = ${id}`), '1', 'the pupil stays until the coordinator decides');
  assert.match((await service.get(`/stagiairs/${id}`)).text, /vroeg op .* om deze aanvaarding in te trekken/);
  assert.equal(mails("to_address = 'admin@stagematch.test' AND subject LIKE '% vraagt een aanvaarding in te trekken'"), '1');
  assert.equal((await withdraw(service, id)).status, 303, 'asking twice is one request');
  assert.equal(q("SELECT COUNT(*) FROM withdrawals WHERE state = 'pending'"), '1');

  // The coordinator sees it and refuses: the pupil stays, the service is told.
  let page = await admin.get('/beheer/intrekkingen');
  assert.equal(page.status, 200);
  assert.match(page.text, /href="\/beheer\/intrekkingen"[^>]*>Intrekken aanvragen<\/a>/, 'in the coordinator\'s menu');
  assert.match(page.text, new RegExp(`<th scope="row">${SERVICE}</th><td>Noor Vanhoutte`));
  let request = q("SELECT id FROM withdrawals WHERE state = 'pending'");
  const refused = await admin.post(`/beheer/intrekkingen/${request}/weigeren`, {});
  assert.equal(refused.status, 303);
  assert.equal(q(`SELECT COUNT(*) FROM placements WHERE student_id = ${id}`), '1');
  assert.equal(mails("to_address = 'dienst@stagematch.test' AND subject = 'Stagematch: intrekking voor Noor Vanhoutte geweigerd'"), '1');
  assert.equal(q(`SELECT COUNT(*) FROM audit_log WHERE action = 'withdrawal_refuse' AND student_id = ${id}`), '1');
  const again = await admin.post(`/beheer/intrekkingen/${request}/goedkeuren`, {});
  assert.equal(again.status, 303, 'a decided request is not decided twice');
  assert.equal(q(`SELECT state FROM withdrawals WHERE id = ${request}`), 'refused');

  // Asked again, approved: withdrawn with the usual mails, the service told.
  await withdraw(service, id);
  request = q("SELECT id FROM withdrawals WHERE state = 'pending'");
  const approved = await admin.post(`/beheer/intrekkingen/${request}/goedkeuren`, {});
  assert.equal(approved.status, 303);
  assert.equal(q(`SELECT COUNT(*) FROM placements WHERE student_id = ${id}`), '0');
  assert.equal(mails("to_address = 'dienst@stagematch.test' AND subject = 'Stagematch: intrekking voor Noor Vanhoutte goedgekeurd'"), '1');
  assert.equal(q(`SELECT COUNT(*) FROM audit_log WHERE action = 'withdrawal_approve' AND student_id = ${id}`), '1');
  assert.equal((await admin.post('/beheer/intrekkingen/999999/goedkeuren', {})).status, 404);

  // "Voortgang" shows the withdrawals per service.
  const progress = await admin.get('/beheer');
  const row = progress.text.match(new RegExp(`<tr><th scope="row">${SERVICE}</th>(.*?)</tr>`))[1];
  const cells = [...row.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1]);
  assert.deepEqual(cells.slice(-3), [String(done()), q(`SELECT COUNT(*) FROM withdrawals WHERE service_id = ${serviceId} AND state = 'done' AND private_data_shown = 1`), '0']);
  assert.equal(done(), 6);

  // The new page passes axe, with a request waiting.
  await accept(service, id, { view: false });
  await withdraw(service, id);
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ bypassCSP: true });
    const pageB = await context.newPage();
    await browserLogin(pageB, server.url, 'admin');
    await pageB.goto(server.url + '/beheer/intrekkingen');
    assert.deepEqual((await axeViolations(pageB)).map((v) => `${v.id}: ${v.help}`), []);
  } finally {
    await browser.close();
  }
});

// ---- item 3 ---------------------------------------------------------------------------

const found = (html) => Number((html.match(/(\d+) aanvra(?:ag|gen) gevonden/) || [])[1]);
const ticked = (html) => [...html.matchAll(/name="services" value="(\d+)" checked/g)].map((m) => m[1]);
/** A Brussels datetime-local value for a UTC second (the demo's winter time is +01:00; summer is not reached). */
function local(seconds) {
  const d = new Date(seconds * 1000);
  const parts = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
  return parts.replace(' ', 'T');
}

test('a running campaign never disappears: next year saved, overlapping campaigns of the same and of another programme', async () => {
  const s = await startServer({ demo: 'open' });
  const sq = (query) => sql(s.dataDir, query);
  try {
    const service = await loggedIn(s.url, 'service');
    const school = await loggedIn(s.url, 'school');
    const admin = await loggedIn(s.url, 'admin');
    const before = await service.get('/aanvragen');
    const requests = found(before.text);
    assert.ok(requests > 0);
    const open = sq("SELECT id FROM students WHERE last_name = 'Vanhoutte'");
    assert.equal((await service.get(`/aanvragen/${open}`)).status, 200);

    // The coordinator saves next year's campaign with "Kopieer campagne van vorig jaar".
    const copy = await admin.get('/beheer/campagnes/1/kopie');
    assert.equal(copy.status, 200);
    const value = (name) => copy.text.match(new RegExp(`name="${name}" type="[a-z-]+" value="([^"]*)"`))[1];
    const moments = ['registration_opens_at', 'registration_closes_at', 'handling_opens_at', 'handling_closes_at', 'results_visible_at'];
    const form = Object.fromEntries(moments.map((k) => [k, value(k)]));
    const saved = await admin.post('/beheer/campagnes', { programme: 'dubbele-finaliteit', school_year: value('school_year'), ...form, services: ticked(copy.text) });
    assert.equal(saved.status, 303);
    const next = sq("SELECT id FROM campaigns WHERE school_year = '2027-2028'");
    assert.ok(next);

    // The service keeps its requests and their pages; the school keeps its pupils.
    let list = await service.get('/aanvragen');
    assert.equal(found(list.text), requests, 'the request list does not fall to 0');
    assert.match(list.text, /Dubbele finaliteit gezondheidszorg 2026-2027:<\/strong> De behandeling loopt/);
    assert.equal((await service.get(`/aanvragen/${open}`)).status, 200);
    let overview = await school.get('/opleidingen/dubbele-finaliteit');
    assert.match(overview.text, /Vandenberghe/, 'the school still sees the campaign in handling');
    assert.match(overview.text, /Schooljaar 2026-2027\./);
    assert.match(overview.text, /href="\/opleidingen\/dubbele-finaliteit\?schooljaar=2027-2028">Schooljaar 2027-2028/);
    const upcoming = await school.get('/opleidingen/dubbele-finaliteit?schooljaar=2027-2028');
    assert.match(upcoming.text, /Schooljaar 2027-2028\. Leerlingen toevoegen kan vanaf/);
    assert.doesNotMatch(upcoming.text, /Vandenberghe/);
    const adding = await school.get('/opleidingen/dubbele-finaliteit/studenten/nieuw');
    assert.match(adding.text, /schooljaar 2026-2027/, 'pupils are added to the campaign whose registration is open');

    // Two overlapping campaigns of the same programme: next year's opens now too.
    const t = now();
    sq(`UPDATE campaigns SET registration_opens_at = ${t - 3600}, handling_opens_at = ${t - 3600},
        registration_closes_at = ${t + 30 * 86400}, handling_closes_at = ${t + 30 * 86400}, results_visible_at = ${t + 30 * 86400} WHERE id = ${next}`);
    list = await service.get('/aanvragen');
    assert.equal(found(list.text), requests, 'the older campaign in handling stays');
    assert.match(list.text, /Dubbele finaliteit gezondheidszorg 2026-2027:/);
    assert.match(list.text, /Dubbele finaliteit gezondheidszorg 2027-2028:/);
    assert.equal((await service.get(`/aanvragen/${open}`)).status, 200);
    overview = await school.get('/opleidingen/dubbele-finaliteit');
    assert.match(overview.text, /Schooljaar 2027-2028\./, 'the newest opened campaign first');
    const older = await school.get('/opleidingen/dubbele-finaliteit?schooljaar=2026-2027');
    assert.match(older.text, /Vandenberghe/);
    const exported = await download(school, '/opleidingen/dubbele-finaliteit/export.csv?schooljaar=2026-2027');
    assert.match(exported.text, /Vandenberghe/, 'the export follows the school year shown');

    // A campaign of another programme beside them.
    const other = await admin.get('/beheer/campagnes/nieuw?opleiding=7de-leerjaar');
    const services = [...other.text.matchAll(/name="services" value="(\d+)"/g)].map((m) => m[1]);
    const created = await admin.post('/beheer/campagnes', {
      programme: '7de-leerjaar', school_year: '2026-2027', registration_opens_at: local(t - 7200),
      registration_closes_at: local(t + 20 * 86400), handling_opens_at: local(t - 7200),
      handling_closes_at: local(t + 20 * 86400), results_visible_at: local(t + 20 * 86400), services,
    });
    assert.equal(created.status, 303, created.text.slice(0, 2000));
    list = await service.get('/aanvragen');
    assert.equal(found(list.text), requests);
    for (const name of ['Dubbele finaliteit gezondheidszorg 2026-2027', 'Dubbele finaliteit gezondheidszorg 2027-2028', '7de leerjaar verzorgende-zorgkundige 2026-2027'])
      assert.match(list.text, new RegExp(`${name}:</strong>`));
    assert.equal((await school.get('/opleidingen/7de-leerjaar')).status, 200);
    assert.match((await school.get('/opleidingen/dubbele-finaliteit?schooljaar=2026-2027')).text, /Vandenberghe/);
  } finally {
    await s.stop();
  }
});
