// Privacy rules between schools and care services (issue 12, items 1-3), each through the
// real binary: nothing of a service's answer reaches a school before the results moment;
// a withdrawal after the pupil's private data was shown is told at once and bounded; a
// campaign still in handling never disappears when next year's campaign is saved.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loggedIn, sql, download } from './lib.mjs';

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
