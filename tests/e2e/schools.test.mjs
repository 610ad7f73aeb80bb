// The school's screens: contact persons and pupils with their internship request.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, loggedIn, launchBrowser, browserLogin, screenshot, sql, axeViolations } from './lib.mjs';

let server;
before(async () => {
  server = await startServer({ demo: 'open' });
});
after(async () => {
  await server?.stop();
});

const school1 = () => sql(server.dataDir, "SELECT id FROM organisations WHERE name = 'Sint-Jozefsinstituut Kortrijk'");
const contactId = (name) => sql(server.dataDir, `SELECT id FROM contacts WHERE name = '${name}'`);

async function newContext(browser) {
  // bypassCSP: axe-core is injected as a script, which the CSP forbids (rightly) for pages.
  return browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
}

test('contacts: add with mistakes, see each message with what was typed, fix, edit (Chromium)', async () => {
  const browser = await launchBrowser();
  try {
    const page = await (await newContext(browser)).newPage();
    await browserLogin(page, server.url, 'school');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Contactpersoon stageplaats' }).click();
    const table = page.getByRole('table');
    await table.getByRole('cell', { name: 'An Vermeulen', exact: true }).waitFor();
    assert.deepEqual(await table.getByRole('columnheader').allTextContents(), ['Naam', 'Telefoon', 'Email', 'Acties']);
    assert.equal(await table.getByRole('cell', { name: 'Sofie De Clercq', exact: true }).count(), 0, 'another school\'s contact is not listed');

    await page.getByRole('link', { name: '+Toevoegen' }).click();
    await page.getByRole('heading', { name: 'Stage-/werkplekbegeleider / Toevoegen' }).waitFor();
    await page.getByRole('button', { name: '+Toevoegen' }).click();
    await page.getByText('Het formulier is nog niet bewaard.').waitFor();
    for (const label of ['Naam', 'Telefoon', 'Email'])
      assert.equal(await page.getByLabel(label).getAttribute('aria-invalid'), 'true', label);
    assert.equal(await page.locator('.field .error').count(), 3);

    await page.getByLabel('Naam').fill('Kristof Vandewalle');
    await page.getByLabel('Telefoon').fill('12345');
    await page.getByLabel('Email').fill('kristof@sjik');
    await page.getByRole('button', { name: '+Toevoegen' }).click();
    await page.getByText('Geef een geldig telefoonnummer in').first().waitFor();
    await page.getByText('Geef een geldig e-mailadres in').first().waitFor();
    assert.equal(await page.getByLabel('Naam').inputValue(), 'Kristof Vandewalle');
    assert.equal(await page.getByLabel('Telefoon').inputValue(), '12345');
    assert.equal(await page.getByLabel('Email').inputValue(), 'kristof@sjik');

    await page.getByLabel('Telefoon').fill('+32 (0)56 24 11 90');
    await page.getByLabel('Email').fill('  Kristof.Vandewalle@SJIK.be ');
    await page.getByRole('button', { name: '+Toevoegen' }).click();
    await page.getByText('Contactpersoon Kristof Vandewalle is toegevoegd.').waitFor();
    const row = table.getByRole('row', { name: /Kristof Vandewalle/ });
    assert.match(await row.textContent(), /056 24 11 90/);
    assert.match(await row.textContent(), /kristof\.vandewalle@sjik\.be/);

    assert.deepEqual(await axeViolations(page), []);
    await screenshot(page, 'schools-contacts');

    await row.getByRole('link', { name: /Bewerken/ }).click();
    await page.getByRole('heading', { name: 'Stage-/werkplekbegeleider / Bewerken' }).waitFor();
    assert.equal(await page.getByLabel('Telefoon').inputValue(), '056 24 11 90');
    await page.getByLabel('Telefoon').fill('0486/11.22.33');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Contactpersoon Kristof Vandewalle is bewaard.').waitFor();
    assert.match(await table.getByRole('row', { name: /Kristof Vandewalle/ }).textContent(), /0486 11 22 33/);
    assert.deepEqual(await axeViolations(page), []);
  } finally {
    await browser.close();
  }
});

test('contacts: deletion is refused, with the pupils concerned, while pupils are linked', async () => {
  const c = await loggedIn(server.url, 'school');
  const id = contactId('An Vermeulen');
  const page = await c.get(`/contactpersonen/${id}/verwijderen`);
  assert.equal(page.status, 200);
  assert.match(page.text, /An Vermeulen kan niet verwijderd worden: er zijn nog leerlingen aan gekoppeld/);
  assert.match(page.text, /Lotte Vandenberghe/);
  assert.doesNotMatch(page.text, /<button[^>]*>Verwijderen/, 'no delete button while linked');
  const linked = sql(server.dataDir, `SELECT COUNT(*) FROM students WHERE contact_id = ${id}`);
  assert.equal((page.text.match(/<li><a href="\/studenten\/\d+">/g) || []).length, Number(linked));
  const posted = await c.post(`/contactpersonen/${id}/verwijderen`, {});
  assert.equal(posted.status, 409);
  assert.match(posted.text, /kan niet verwijderd worden/);
  assert.equal(sql(server.dataDir, `SELECT COUNT(*) FROM contacts WHERE id = ${id}`), '1');
});

test('contacts: a contact without pupils is deleted after confirmation', async () => {
  const c = await loggedIn(server.url, 'school');
  const now = Math.floor(Date.now() / 1000);
  sql(server.dataDir, `INSERT INTO contacts (school_id, name, phone, email, created_at, updated_at) VALUES (${school1()}, 'Tijdelijke Begeleider', '050 12 34 56', 'tijdelijk@sjik.be', ${now}, ${now})`);
  const id = contactId('Tijdelijke Begeleider');
  const confirm = await c.get(`/contactpersonen/${id}/verwijderen`);
  assert.match(confirm.text, /Wil je <strong>Tijdelijke Begeleider<\/strong>/);
  const res = await c.post(`/contactpersonen/${id}/verwijderen`, {});
  assert.equal(res.status, 303);
  const list = await c.get('/contactpersonen');
  assert.match(list.text, /Contactpersoon Tijdelijke Begeleider is verwijderd/);
  assert.doesNotMatch(list.text, /<td>Tijdelijke Begeleider<\/td>/);
  assert.equal(sql(server.dataDir, `SELECT action FROM audit_log WHERE detail = 'contact=${id}' ORDER BY id DESC LIMIT 1`), 'contact_delete');
});

test("contacts: another school's contact ids answer 404 for GET and POST, and change nothing", async () => {
  const c = await loggedIn(server.url, 'school2');
  await c.get('/contactpersonen');
  const id = contactId('Bart Desmet');
  for (const p of [`/contactpersonen/${id}`, `/contactpersonen/${id}/verwijderen`])
    assert.equal((await c.get(p)).status, 404, p);
  const edit = await c.post(`/contactpersonen/${id}`, { name: 'Overgenomen', phone: '050 12 34 56', email: 'x@y.be' });
  assert.equal(edit.status, 404);
  assert.equal((await c.post(`/contactpersonen/${id}/verwijderen`, {})).status, 404);
  assert.equal((await c.get('/contactpersonen/999999')).status, 404);
  assert.equal(sql(server.dataDir, `SELECT name FROM contacts WHERE id = ${id}`), 'Bart Desmet');
  const list = await c.get('/contactpersonen');
  assert.doesNotMatch(list.text, /Bart Desmet/);
  assert.match(list.text, /Sofie De Clercq/);
});
