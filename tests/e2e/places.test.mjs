// Places per service and campaign (issue 15) through the real binary: the service states
// them ("Stageplaatsen"), the coordinator overrides them in "Scholen en diensten", accepting
// beyond them is refused (also when two users of one service take the last place at the same
// moment), the "7 van 12 plaatsen ingevuld" lines, and a copied campaign keeps them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, loggedIn, launchBrowser, browserLogin, screenshot, sql, axeViolations, unescapeHtml } from './lib.mjs';

let server;
let service; // Familiezorg West-Vlaanderen (dienst@)
let other; // Thuiszorg Oost-Vlaanderen (dienst2@)
const CAMPAIGN = 'Dubbele finaliteit gezondheidszorg 2026-2027';
const COLLEAGUE = 'collega@familiezorg.test';
const q = (query) => sql(server.dataDir, query);
const filled = () => Number(q(`SELECT COUNT(*) FROM placements p JOIN students s ON s.id = p.student_id
  WHERE p.service_id = ${service} AND s.campaign_id = 1 AND s.stopped_at IS NULL`));
const FULL = (n) => `Alle ${n} plaatsen zijn ingevuld. Vraag de coördinator om meer plaatsen of trek eerst een aanvaarding in.`;

/** n new requests in Familiezorg's area, open; their ids. */
function addPupils(prefix, n) {
  q(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${n})
     INSERT INTO students (campaign_id, school_id, contact_id, first_name, last_name, street, postcode, city, province,
       phone, email, transport, format, period_count, hours_per_week, total_hours, created_at, updated_at)
     SELECT 1, (SELECT id FROM organisations WHERE name = 'Sint-Jozefsinstituut Kortrijk'),
       (SELECT id FROM contacts WHERE name = 'An Vermeulen'), 'Kandidaat', printf('${prefix}%02d', i), 'Straat 1',
       '8500', 'Kortrijk', 'West-Vlaanderen', '0499 00 33 00', printf('${prefix}%02d@leerling.test', i), 8, 'blok', 1,
       32, 64, strftime('%s', 'now'), strftime('%s', 'now') FROM n;
     INSERT INTO student_periods SELECT id, 1, '2027-02-01', '2027-02-12' FROM students WHERE last_name LIKE '${prefix}%';`);
  return q(`SELECT id FROM students WHERE last_name LIKE '${prefix}%' ORDER BY id`).split('\n').map(Number);
}

const acceptForm = (site) => ({
  site, p1_start: '2027-02-01', p1_end: '2027-02-12', mentor_name: 'Sofie Lambrecht', mentor_phone: '051 22 33 44',
  mentor_email: 'sofie@familiezorg.test', notes: '',
});

before(async () => {
  server = await startServer({ demo: 'open' });
  service = Number(q("SELECT organisation_id FROM users WHERE email = 'dienst@stagematch.test'"));
  other = Number(q("SELECT organisation_id FROM users WHERE email = 'dienst2@stagematch.test'"));
  // A second user of the same service, with the demo password.
  q(`INSERT INTO users (organisation_id, email, name, password_hash, state, created_at)
     SELECT organisation_id, '${COLLEAGUE}', 'Collega', password_hash, 'active', 0 FROM users WHERE email = 'dienst@stagematch.test'`);
});
after(async () => {
  await server?.stop();
});

test('a service states its places per campaign; a wrong number comes back next to the field', async () => {
  const c = await loggedIn(server.url, 'service');
  const now = filled();
  assert.ok(now >= 2, 'the demo service accepted pupils');
  const page = await c.get('/stageplaatsen');
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(`<label for="f-plaatsen-1">Aantal stageplaatsen ${CAMPAIGN}</label>`));
  assert.match(page.text, new RegExp(`Nu ${now} leerlingen aanvaard\\. Capaciteit van de dienst: 12\\.`));
  // Not stated yet: the lists say so, and nothing is refused.
  assert.match((await c.get('/aanvragen')).text, new RegExp(`${CAMPAIGN}: aantal stageplaatsen niet opgegeven\\.`));

  const wrong = await c.post('/stageplaatsen', { 'plaatsen-1': 'veel' });
  assert.equal(wrong.status, 200);
  assert.match(wrong.text, /<p class="error" id="e-plaatsen-1">Geef een aantal tussen 0 en 10000, of laat het vak leeg\.<\/p>/);
  assert.match(wrong.text, /name="plaatsen-1" type="text" value="veel"/);
  const below = await c.post('/stageplaatsen', { 'plaatsen-1': String(now - 1) });
  assert.equal(below.status, 200);
  assert.match(below.text, new RegExp(`Er zijn al ${now} leerlingen aanvaard in deze campagne: geef minstens ${now} plaatsen op`));
  assert.match(below.text, new RegExp(`name="plaatsen-1" type="text" value="${now - 1}"`));
  assert.equal(q(`SELECT COUNT(*) FROM campaign_places`), '0', 'nothing saved');

  const saved = await c.post('/stageplaatsen', { 'plaatsen-1': '12' });
  assert.equal(saved.status, 303);
  assert.equal(saved.location, '/stageplaatsen');
  assert.equal(q(`SELECT places || '|' || by_coordinator FROM campaign_places WHERE campaign_id = 1 AND service_id = ${service}`), '12|0');
  assert.match((await c.get('/stageplaatsen')).text, /name="plaatsen-1" type="text" value="12"/);
  const line = new RegExp(`${CAMPAIGN}: ${now} van 12 plaatsen ingevuld\\.`);
  assert.match((await c.get('/aanvragen')).text, line);
  assert.match((await c.get('/stagiairs')).text, line);

  // The coordinator sees who stated places and who did not.
  const admin = await loggedIn(server.url, 'admin');
  assert.match((await admin.get(`/beheer/organisaties/${service}`)).text,
    new RegExp(`${CAMPAIGN}: ${now} van 12 plaatsen ingevuld \\(opgegeven door de dienst\\)`));
  assert.match((await admin.get(`/beheer/organisaties/${other}`)).text,
    new RegExp(`${CAMPAIGN}: \\d+ leerlingen? aanvaard; aantal stageplaatsen niet opgegeven \\(niet opgegeven door de dienst\\)`));
});

test('the coordinator overrides the places; then the service cannot change them, and accepting beyond them is refused', async () => {
  const admin = await loggedIn(server.url, 'admin');
  const now = filled();
  const form = await admin.get(`/beheer/organisaties/${service}/stageplaatsen`);
  assert.equal(form.status, 200);
  assert.match(form.text, /name="plaatsen-1" type="text" value="12"/);
  const school = q("SELECT organisation_id FROM users WHERE email = 'school@stagematch.test'");
  assert.equal((await admin.get(`/beheer/organisaties/${school}/stageplaatsen`)).status, 404, 'a school has no places');
  assert.equal((await admin.post(`/beheer/organisaties/${school}/stageplaatsen`, { 'plaatsen-1': '3' })).status, 404);
  const saved = await admin.post(`/beheer/organisaties/${service}/stageplaatsen`, { 'plaatsen-1': String(now + 1) });
  assert.equal(saved.status, 303);
  assert.equal(q(`SELECT places || '|' || by_coordinator FROM campaign_places WHERE campaign_id = 1 AND service_id = ${service}`), `${now + 1}|1`);
  assert.match((await admin.get(`/beheer/organisaties/${service}`)).text, /\(vastgelegd door de coördinator\)/);

  const c = await loggedIn(server.url, 'service');
  const page = await c.get('/stageplaatsen');
  assert.doesNotMatch(page.text, /name="plaatsen-1"/);
  assert.match(page.text, new RegExp(`Aantal stageplaatsen ${CAMPAIGN}:</strong> ${now + 1}, vastgelegd door de coördinator`));
  assert.equal((await c.post('/stageplaatsen', { 'plaatsen-1': '50' })).status, 303);
  assert.equal(q(`SELECT places FROM campaign_places WHERE campaign_id = 1 AND service_id = ${service}`), String(now + 1), 'unchanged');

  // One place left: the first accept takes it, the next is refused with what to do.
  const [first, second] = addPupils('Plaats', 2);
  assert.equal((await c.post(`/aanvragen/${first}/aanvaarden`, acceptForm('Brugge'))).status, 303);
  const refused = await c.post(`/aanvragen/${second}/aanvaarden`, acceptForm('Roeselare – team Noord'));
  assert.equal(refused.status, 409);
  assert.ok(unescapeHtml(refused.text).includes(FULL(now + 1)), 'the Dutch message');
  assert.match(refused.text, /name="site" type="text" value="Roeselare – team Noord"/, 'what was typed is kept');
  assert.equal(q(`SELECT COUNT(*) FROM placements WHERE student_id = ${second}`), '0');
  assert.match((await c.get('/aanvragen')).text, new RegExp(`${now + 1} van ${now + 1} plaatsen ingevuld`));
});

test('two users of one service accept two pupils for the last place at the same moment: one wins, the other is told', async () => {
  const a = await loggedIn(server.url, 'service');
  const b = await loggedIn(server.url, COLLEAGUE);
  await a.get('/aanvragen');
  await b.get('/aanvragen');
  const wins = { a: 0, b: 0 };
  for (let round = 0; round < 20; round++) {
    const [pa, pb] = addPupils(`Race${String(round).padStart(2, '0')}x`, 2);
    const limit = filled() + 1;
    q(`INSERT INTO campaign_places (campaign_id, service_id, places, by_coordinator, updated_at) VALUES (1, ${service}, ${limit}, 1, 0)
       ON CONFLICT (campaign_id, service_id) DO UPDATE SET places = excluded.places`);
    // Sent in turn first by one user, then by the other.
    const sendA = () => a.post(`/aanvragen/${pa}/aanvaarden`, acceptForm('Site A'));
    const sendB = () => b.post(`/aanvragen/${pb}/aanvaarden`, acceptForm('Site B'));
    const [ra, rb] = round % 2
      ? (await Promise.all([sendB(), sendA()])).reverse()
      : await Promise.all([sendA(), sendB()]);
    assert.deepEqual([ra.status, rb.status].sort(), [303, 409], `round ${round}: one winner`);
    const [winner, loser, lost] = ra.status === 303 ? ['a', rb, pb] : ['b', ra, pa];
    wins[winner]++;
    assert.ok(unescapeHtml(loser.text).includes(FULL(limit)), `round ${round}: the loser is told`);
    assert.match(loser.text, new RegExp(`name="site" type="text" value="Site ${winner === 'a' ? 'B' : 'A'}"`));
    assert.equal(q(`SELECT COUNT(*) FROM placements WHERE student_id = ${lost}`), '0');
    assert.equal(filled(), limit, `round ${round}: never beyond the places`);
  }
  assert.equal(wins.a + wins.b, 20);
  console.log(`# last-place race winners: user a ${wins.a}, user b ${wins.b}`);
});

test('a campaign copied from last year copies the places of the services that take part', async () => {
  const admin = await loggedIn(server.url, 'admin');
  const places = q(`SELECT places FROM campaign_places WHERE campaign_id = 1 AND service_id = ${service}`);
  const copy = await admin.get('/beheer/campagnes/1/kopie');
  assert.equal(copy.status, 200);
  assert.match(copy.text, /<input type="hidden" name="copy_of" value="1">/);
  const value = (name) => copy.text.match(new RegExp(`name="${name}" type="[a-z-]+" value="([^"]*)"`))[1];
  const form = Object.fromEntries(['school_year', 'registration_opens_at', 'registration_closes_at', 'handling_opens_at', 'handling_closes_at', 'results_visible_at']
    .map((k) => [k, value(k)]));
  const services = [...copy.text.matchAll(/name="services" value="(\d+)" checked/g)].map((m) => m[1]);
  assert.ok(services.includes(String(service)));
  const saved = await admin.post('/beheer/campagnes', { ...form, programme: 'dubbele-finaliteit', services, copy_of: '1' });
  assert.equal(saved.status, 303);
  const next = q("SELECT id FROM campaigns WHERE school_year = '2027-2028'");
  assert.equal(q(`SELECT group_concat(service_id || ':' || places || ':' || by_coordinator) FROM campaign_places WHERE campaign_id = ${next}`),
    `${service}:${places}:1`);
  assert.match((await admin.get(`/beheer/organisaties/${service}`)).text,
    /Dubbele finaliteit gezondheidszorg 2027-2028: 0 van \d+ plaatsen ingevuld/);
  // A new campaign that is not a copy starts without places.
  const fresh = await admin.post('/beheer/campagnes', { ...form, school_year: '2028-2029', programme: 'dubbele-finaliteit', services });
  assert.equal(fresh.status, 303);
  assert.equal(q("SELECT COUNT(*) FROM campaign_places WHERE campaign_id = (SELECT id FROM campaigns WHERE school_year = '2028-2029')"), '0');
});

test('the places pages pass axe, also with a message next to the field', async () => {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await browserLogin(page, server.url, 'admin');
    await page.goto(`${server.url}/beheer/organisaties/${service}`);
    await page.getByRole('link', { name: 'Stageplaatsen aanpassen' }).click();
    await page.getByRole('heading', { name: /Stageplaatsen van Familiezorg/ }).waitFor();
    await page.getByLabel(`Aantal stageplaatsen ${CAMPAIGN}`).fill('-3');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Geef een aantal tussen 0 en 10000').first().waitFor();
    assert.equal(await page.getByLabel(`Aantal stageplaatsen ${CAMPAIGN}`).inputValue(), '-3');
    await screenshot(page, 'places-admin-error');
    assert.deepEqual((await axeViolations(page)).map((v) => v.id), []);
    await page.getByLabel(`Aantal stageplaatsen ${CAMPAIGN}`).fill('');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Stageplaatsen van Familiezorg West-Vlaanderen bewaard.').waitFor();
    assert.equal(q(`SELECT COUNT(*) FROM campaign_places WHERE campaign_id = 1 AND service_id = ${service}`), '0', 'emptied: not stated');

    const svc = await (await browser.newContext({ bypassCSP: true })).newPage();
    await browserLogin(svc, server.url, 'service');
    await svc.getByRole('link', { name: 'Stageplaatsen' }).first().click();
    await svc.getByRole('heading', { name: 'Stageplaatsen', exact: true }).waitFor();
    await svc.getByLabel(`Aantal stageplaatsen ${CAMPAIGN}`).fill('veel');
    await svc.getByRole('button', { name: 'Opslaan' }).click();
    await svc.getByText('Geef een aantal tussen 0 en 10000').first().waitFor();
    await screenshot(svc, 'places-service-error');
    assert.deepEqual((await axeViolations(svc)).map((v) => v.id), []);
    await svc.getByLabel(`Aantal stageplaatsen ${CAMPAIGN}`).fill(String(filled() + 5));
    await svc.getByRole('button', { name: 'Opslaan' }).click();
    await svc.getByText('Stageplaatsen bewaard.').waitFor();
    assert.deepEqual((await axeViolations(svc)).map((v) => v.id), []);
  } finally {
    await browser.close();
  }
});
