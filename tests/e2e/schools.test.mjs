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

// ---- Pupils ------------------------------------------------------------------------

const NEW = '/opleidingen/dubbele-finaliteit/studenten/nieuw';
const ADD = '/opleidingen/dubbele-finaliteit/studenten';
const studentId = (first, last) => sql(server.dataDir, `SELECT id FROM students WHERE first_name = '${first}' AND last_name = '${last}'`);
const campaignId = () => sql(server.dataDir, "SELECT c.id FROM campaigns c JOIN programmes p ON p.id = c.programme_id WHERE p.code = 'dubbele-finaliteit'");

// Typed into the form by label. Text: string; select: { option }; checkboxes: [labels].
async function fill(page, values) {
  for (const [label, value] of Object.entries(values)) {
    const field = label.startsWith('#') ? page.locator(label) : page.getByLabel(label);
    if (Array.isArray(value)) {
      for (const box of ['Auto', 'Bromfiets', 'Elektrische fiets', 'Fiets', 'Openbaar vervoer'])
        await page.getByRole('checkbox', { name: box, exact: true }).setChecked(value.includes(box));
    } else if (typeof value === 'object') {
      await field.selectOption({ label: value.option });
    } else {
      await field.fill(value);
    }
  }
}

// Asserts that every field still shows what was typed.
async function assertKept(page, values) {
  for (const [label, value] of Object.entries(values)) {
    if (Array.isArray(value)) {
      for (const box of ['Auto', 'Bromfiets', 'Elektrische fiets', 'Fiets', 'Openbaar vervoer'])
        assert.equal(await page.getByRole('checkbox', { name: box, exact: true }).isChecked(), value.includes(box), box);
      continue;
    }
    const field = label.startsWith('#') ? page.locator(label) : page.getByLabel(label);
    if (typeof value === 'object') {
      const selected = await field.evaluate((s) => s.options[s.selectedIndex].text);
      assert.equal(selected, value.option, label);
    } else {
      assert.equal(await field.inputValue(), value, label);
    }
  }
}

// The message shown next to a field (its aria-describedby error paragraph).
async function messageOf(page, name) {
  return (await page.locator(`#e-${name}`).textContent()).trim();
}

test('pupils: add with a mistake in every rule, see each message with nothing lost, fix and save (Chromium)', async () => {
  const browser = await launchBrowser();
  try {
    const page = await (await newContext(browser)).newPage();
    await browserLogin(page, server.url, 'school');
    await page.goto(server.url + NEW);
    await page.getByRole('heading', { name: 'Student toevoegen' }).waitFor();
    for (const help of [
      'Dit wordt opgevraagd in functie van het opmaken van contracten en is enkel zichtbaar als een dienst de leerling heeft aanvaard.',
      'Dit zal enkel gedeeld worden met de respectievelijke dienst waar de leerling een stageplaats of duale werkplek kreeg toegewezen.',
      'Indien je blok en alternerend aandeelde kan je dit hier verduidelijken.',
      'Bij welke dienst wil uw leerling graag werken?',
    ])
      assert.ok(await page.getByText(help).isVisible(), help);
    assert.deepEqual(await page.getByLabel('Voorkeur').evaluate((s) => [...s.options].map((o) => o.text)),
      ['geen voorkeur', 'Familiezorg West-Vlaanderen', 'Gezinszorg Antwerpen', 'Thuiszorg Oost-Vlaanderen', 'Zorgpunt Vlaams-Brabant']);
    const contactsOffered = await page.getByLabel('Stage-/werkplekbegeleider').evaluate((s) => [...s.options].map((o) => o.text));
    assert.deepEqual(contactsOffered.slice(0, 3), ['Kies een begeleider', 'An Vermeulen', 'Bart Desmet']);
    assert.ok(!contactsOffered.includes('Sofie De Clercq'), "another school's contacts are not offered");

    const typed = {
      Voornaam: 'Jolien',
      Achternaam: '',
      Rijksregisternummer: '85.07.30-033.29',
      Straat: 'Kerkstraat 1',
      Postcode: '8500',
      Plaats: 'Kortrijk',
      Provincie: { option: 'Antwerpen' },
      Telefoon: '12345',
      'E-mail': 'jolien@',
      transport: [],
      '#f-remarks': 'Kleurenblind',
      'Stage-/werkplekbegeleider': { option: 'Bart Desmet' },
      Stagevorm: { option: 'blok en alternerend' },
      'Hoeveel periodes moet de leerling stage lopen?': { option: '3' },
      'Aantal uren/week': '50',
      'Totaal aantal uren te realiseren': 'veel',
      'Startdatum periode 1': '22/01/2027',
      'Einddatum periode 1': '11/01/2027',
      'Startdatum periode 2': '15/03/2027',
      'Startdatum periode 3': '01/09/2027',
      'Einddatum periode 3': '10/09/2027',
      '#f-request_remarks': 'Blok in januari, daarna elke woensdag.',
      Voorkeur: { option: 'Familiezorg West-Vlaanderen' },
    };
    await fill(page, typed);
    await page.getByRole('button', { name: '+ Opslaan' }).click();
    await page.getByText('Het formulier is nog niet bewaard.').waitFor();
    const expected = {
      last_name: 'Vul dit veld in.',
      national_number: 'Dit rijksregisternummer klopt niet (controlegetal). Kijk het na op de identiteitskaart.',
      province: 'Postcode 8500 ligt in West-Vlaanderen. Kies West-Vlaanderen of kijk de postcode na.',
      phone: 'Geef een geldig telefoonnummer in, bv. 0470 12 34 56 of 050 12 34 56.',
      email: 'Geef een geldig e-mailadres in, bv. naam@school.be.',
      transport: 'Kies minstens één vervoersmiddel.',
      hours_per_week: 'Geef een getal tussen 1 en 40 in.',
      total_hours: 'Geef een geheel getal in.',
      p1_end: 'De einddatum ligt vóór de startdatum.',
      p2_end: 'Vul ook de einddatum in.',
      p3_start: 'Deze datum valt buiten het schooljaar 2026-2027 (01/09/2026 – 31/08/2027).',
      p3_end: 'Deze datum valt buiten het schooljaar 2026-2027 (01/09/2026 – 31/08/2027).',
    };
    for (const [name, message] of Object.entries(expected)) assert.equal(await messageOf(page, name), message, name);
    assert.equal(await page.locator('.field .error, .choices .error').count(), Object.keys(expected).length);
    await assertKept(page, typed);
    assert.equal(await page.getByRole('link', { name: /^Rijksregisternummer:/ }).count(), 1, 'the summary links to the field');
    assert.deepEqual(await axeViolations(page), []);
    await screenshot(page, 'schools-pupil-form-errors');

    // Second round: the remaining rules (postcode, overlap, gap), the province left to the postcode.
    const second = {
      Achternaam: 'Peeters',
      Rijksregisternummer: '85073003328',
      Postcode: '85000',
      Provincie: { option: 'Kies een provincie' },
      Telefoon: '0470/12.34.56',
      'E-mail': 'Jolien.Peeters@Leerling.be',
      transport: ['Fiets', 'Openbaar vervoer'],
      'Aantal uren/week': '32',
      'Totaal aantal uren te realiseren': '128',
      'Startdatum periode 1': '11/01/2027',
      'Einddatum periode 1': '22/01/2027',
      'Startdatum periode 2': '',
      'Einddatum periode 2': '',
      'Startdatum periode 3': '15/03/2027',
      'Einddatum periode 3': '26/03/2027',
    };
    await fill(page, second);
    await page.getByRole('button', { name: '+ Opslaan' }).click();
    await page.getByText('Het formulier is nog niet bewaard.').waitFor();
    assert.equal(await messageOf(page, 'postcode'), 'Geef een Belgische postcode van 4 cijfers in, bv. 8000.');
    assert.equal(await messageOf(page, 'p3_start'), 'Vul eerst periode 2 in.');
    await assertKept(page, { ...typed, ...second });

    await fill(page, {
      Postcode: '8500',
      'Startdatum periode 2': '15/01/2027',
      'Einddatum periode 2': '26/01/2027',
      'Startdatum periode 3': '',
      'Einddatum periode 3': '',
    });
    await page.getByRole('button', { name: '+ Opslaan' }).click();
    await page.getByText('Het formulier is nog niet bewaard.').waitFor();
    assert.equal(await messageOf(page, 'p2_start'), 'Periode 2 begint voor periode 1 gedaan is.');
    await assertKept(page, { Provincie: { option: 'West-Vlaanderen' } }); // proposed from the postcode

    await fill(page, { 'Startdatum periode 2': '15/03/2027', 'Einddatum periode 2': '26/03/2027' });
    await page.getByRole('button', { name: '+ Opslaan' }).click();
    await page.getByText('Het formulier is nog niet bewaard.').waitFor();
    assert.equal(await messageOf(page, 'period_count'), "Je vulde 2 periodes in, maar koos 3 bij 'Hoeveel periodes'.");

    await fill(page, { 'Hoeveel periodes moet de leerling stage lopen?': { option: '2' } });
    await page.getByRole('button', { name: '+ Opslaan' }).click();
    await page.getByText('Jolien Peeters is bewaard. Vul nu de volgende leerling in.').waitFor();
    assert.equal(await page.getByLabel('Voornaam').inputValue(), '', 'a fresh form for the next pupil');
    assert.equal(await page.getByRole('link', { name: 'Terug naar het overzicht studenten' }).getAttribute('href'), '/opleidingen/dubbele-finaliteit');

    const id = studentId('Jolien', 'Peeters');
    const row = sql(server.dataDir, `SELECT province, phone, email, transport, format, period_count, hours_per_week, total_hours, national_number_hint, length(national_number_hash), instr(hex(national_number_box), hex('85073003328')), version FROM students WHERE id = ${id}`);
    assert.equal(row, 'West-Vlaanderen|0470 12 34 56|jolien.peeters@leerling.be|24|blok en alternerend|2|32|128|28|64|0|1');
    assert.equal(sql(server.dataDir, `SELECT group_concat(starts_on || '/' || ends_on, ' ') FROM student_periods WHERE student_id = ${id} ORDER BY position`), '2027-01-11/2027-01-22 2027-03-15/2027-03-26');
    assert.equal(sql(server.dataDir, `SELECT action FROM audit_log WHERE student_id = ${id}`), 'student_create');
  } finally {
    await browser.close();
  }
});
