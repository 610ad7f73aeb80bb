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
