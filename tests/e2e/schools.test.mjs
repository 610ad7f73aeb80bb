// The school's screens: contact persons and pupils with their internship request.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, loggedIn, launchBrowser, browserLogin, screenshot, sql, axeViolations, mailText } from './lib.mjs';

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
    assert.deepEqual(await axeViolations(page), []);
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

// A valid national number: yymmdd, a 3-digit serial, the mod-97 check (born from 2000: with a 2 in front).
function nationalNumber(yymmdd, serial, born2000 = false) {
  const first9 = yymmdd + String(serial).padStart(3, '0');
  const check = 97 - Number(((born2000 ? 2000000000n : 0n) + BigInt(first9)) % 97n);
  return first9 + String(check).padStart(2, '0');
}
const printed = (nn) => `${nn.slice(0, 2)}.${nn.slice(2, 4)}.${nn.slice(4, 6)}-${nn.slice(6, 9)}.${nn.slice(9)}`;

// A complete, valid request as posted by the form; o overrides fields.
function pupilForm(o = {}) {
  return {
    first_name: 'Test', last_name: 'Leerling', national_number: nationalNumber('090315', 412, true),
    street: 'Kerkstraat 1', postcode: '8500', city: 'Kortrijk', province: '', phone: '0470 11 22 33',
    email: 'test@leerling.be', transport: ['fiets'], remarks: '', contact_id: contactId('An Vermeulen'),
    format: 'blok', period_count: '1', hours_per_week: '32', total_hours: '64', p1_start: '11/01/2027',
    p1_end: '22/01/2027', request_remarks: '', preference: '', na: 'overzicht', ...o,
  };
}

async function addPupil(c, o) {
  await c.get(NEW);
  const res = await c.post(ADD, pupilForm(o));
  assert.equal(res.status, 303, res.text.match(/<ul>[^]*?<\/ul>/)?.[0]);
  return studentId(o.first_name, o.last_name || 'Leerling');
}

const versionOf = (text) => text.match(/name="version" value="(\d+)"/)[1];

test('pupils: edit shows the national number in full (audited), saves, and the list of a contact masks it', async () => {
  const c = await loggedIn(server.url, 'school');
  const nn = nationalNumber('090607', 118, true);
  const id = await addPupil(c, { first_name: 'Emiel', national_number: printed(nn) });
  const page = await c.get(`/studenten/${id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, new RegExp(`name="national_number" type="text" value="${printed(nn).replace(/\./g, '\\.')}"`));
  assert.equal(sql(server.dataDir, `SELECT COUNT(*) FROM audit_log WHERE action = 'national_number_view' AND student_id = ${id}`), '1');
  const saved = await c.post(`/studenten/${id}`, pupilForm({ first_name: 'Emiel', national_number: nn, city: 'Harelbeke', postcode: '8530', version: versionOf(page.text) }));
  assert.equal(saved.status, 303);
  assert.equal(saved.location, `/studenten/${id}`);
  const after = await c.get(saved.location);
  assert.match(after.text, /De wijzigingen aan Emiel Leerling zijn bewaard/);
  assert.equal(sql(server.dataDir, `SELECT city || '|' || version || '|' || national_number_hint FROM students WHERE id = ${id}`), `Harelbeke|2|${nn.slice(9)}`);
  assert.equal(sql(server.dataDir, `SELECT action FROM audit_log WHERE student_id = ${id} AND action LIKE 'student_%' ORDER BY id`), 'student_create\nstudent_update');
  const contact = await c.get(`/contactpersonen/${contactId('An Vermeulen')}/verwijderen`);
  assert.match(contact.text, new RegExp(`Emiel Leerling</a> <span class="muted">\\(••\\.••\\.••-•••\\.${nn.slice(9)}`));
  assert.ok(!contact.text.includes(nn.slice(0, 6)), 'the list never shows the full number');
});

test('pupils: a duplicate national number names the pupil in the same school, and nothing more at another school', async () => {
  const c = await loggedIn(server.url, 'school');
  const nn = nationalNumber('081122', 230, true);
  await addPupil(c, { first_name: 'Fleur', last_name: 'Claes', national_number: nn });
  const existing = studentId('Fleur', 'Claes');
  await c.get(NEW);
  const same = await c.post(ADD, pupilForm({ first_name: 'Fleur', last_name: 'Klaas', national_number: printed(nn) }));
  assert.equal(same.status, 409);
  assert.match(same.text, /Dit rijksregisternummer is al geregistreerd voor Fleur Claes in je school\./);
  assert.match(same.text, new RegExp(`<a href="/studenten/${existing}">Fleur Claes</a>`));
  assert.match(same.text, new RegExp(`value="${printed(nn).replace(/\./g, '\\.')}"`), 'the number stays as typed');
  assert.match(same.text, /value="Klaas"/);

  const other = await loggedIn(server.url, 'school2');
  await other.get(NEW);
  const elsewhere = await other.post(ADD, pupilForm({ first_name: 'Fleur', last_name: 'Claes', national_number: nn, contact_id: contactId('Sofie De Clercq'), postcode: '9000', city: 'Gent' }));
  assert.equal(elsewhere.status, 409);
  assert.match(elsewhere.text, /Dit rijksregisternummer is al geregistreerd\. Neem contact op met de coördinator\./);
  assert.doesNotMatch(elsewhere.text, /Sint-Jozefsinstituut|\/studenten\/\d+|in je school/);
  assert.equal(sql(server.dataDir, `SELECT COUNT(*) FROM students WHERE first_name = 'Fleur'`), '1');

  // Editing another pupil to that number is refused the same way.
  const emiel = studentId('Emiel', 'Leerling');
  const page = await c.get(`/studenten/${emiel}`);
  const edit = await c.post(`/studenten/${emiel}`, pupilForm({ first_name: 'Emiel', national_number: nn, version: versionOf(page.text) }));
  assert.equal(edit.status, 409);
  assert.match(edit.text, /al geregistreerd voor Fleur Claes in je school/);
});

test('pupils: two colleagues edit at once; the second save is refused with what is stored now (Chromium)', async () => {
  const now = Math.floor(Date.now() / 1000);
  sql(server.dataDir, `INSERT INTO users (organisation_id, email, name, password_hash, state, created_at) SELECT organisation_id, 'collega@stagematch.test', 'Collega', password_hash, 'active', ${now} FROM users WHERE email = 'school@stagematch.test'`);
  const id = studentId('Fleur', 'Claes');
  const browser = await launchBrowser();
  try {
    const a = await (await newContext(browser)).newPage();
    const b = await (await newContext(browser)).newPage();
    await browserLogin(a, server.url, 'school');
    await browserLogin(b, server.url, 'collega@stagematch.test');
    await a.goto(`${server.url}/studenten/${id}`);
    await b.goto(`${server.url}/studenten/${id}`);
    await b.getByLabel('Plaats').fill('Wevelgem');
    await b.getByLabel('Postcode').fill('8560');
    await b.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await b.getByText('De wijzigingen aan Fleur Claes zijn bewaard.').waitFor();

    await a.getByLabel('Telefoon').fill('0486 99 88 77');
    await a.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await a.getByText('Een collega heeft deze leerling intussen gewijzigd. Kijk je wijzigingen na en sla opnieuw op.').waitFor();
    assert.equal(await a.getByLabel('Telefoon').inputValue(), '0486 99 88 77', 'what was typed is kept');
    const stored = await a.locator('.alert-warn').textContent();
    assert.match(stored, /Plaats: Wevelgem/);
    assert.match(stored, /Postcode: 8560/);
    assert.match(stored, /Telefoon: 0470 11 22 33/);
    assert.equal(sql(server.dataDir, `SELECT city || '|' || phone FROM students WHERE id = ${id}`), 'Wevelgem|0470 11 22 33');
    assert.deepEqual(await axeViolations(a), []);

    // Having seen it, the user takes over the colleague's address and saves deliberately.
    await a.getByLabel('Plaats').fill('Wevelgem');
    await a.getByLabel('Postcode').fill('8560');
    await a.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await a.getByText('De wijzigingen aan Fleur Claes zijn bewaard.').waitFor();
    assert.equal(sql(server.dataDir, `SELECT city || '|' || phone || '|' || version FROM students WHERE id = ${id}`), 'Wevelgem|0486 99 88 77|3');
  } finally {
    await browser.close();
  }
});

test('pupils: an accepted pupil is read-only; "Student is gestopt" stays possible and mails the service', async () => {
  const c = await loggedIn(server.url, 'school');
  const id = studentId('Lotte', 'Vandenberghe');
  const page = await c.get(`/studenten/${id}`);
  assert.equal(page.status, 200);
  // Before the results moment: that a service took it, never which (privacy.test.mjs).
  assert.match(page.text, /Deze aanvraag is al in behandeling genomen door een dienst en kan niet meer gewijzigd worden/);
  assert.doesNotMatch(page.text, /Aanvaard<\/span> door/);
  assert.doesNotMatch(page.text, /<input[^>]*name="first_name"/, 'no form');
  assert.doesNotMatch(page.text, /Verwijder student|\/verwijderen"/);
  assert.match(page.text, /href="\/studenten\/\d+\/gestopt">Student is gestopt/);
  const before = sql(server.dataDir, `SELECT version || city FROM students WHERE id = ${id}`);
  const posted = await c.post(`/studenten/${id}`, pupilForm({ first_name: 'Lotte', last_name: 'Vandenberghe', city: 'Gent', version: '1' }));
  assert.equal(posted.status, 409);
  assert.match(posted.text, /Je wijzigingen zijn niet bewaard: deze leerling kan niet meer gewijzigd worden\./);
  assert.equal(sql(server.dataDir, `SELECT version || city FROM students WHERE id = ${id}`), before);
  const del = await c.post(`/studenten/${id}/verwijderen`, {});
  assert.equal(del.status, 409);
  assert.match(del.text, /Deze aanvraag is al in behandeling genomen door een dienst/);

  const confirm = await c.get(`/studenten/${id}/gestopt`);
  assert.match(confirm.text, /De dienst die de aanvraag in behandeling nam, krijgt hiervan een e-mail/);
  const stop = await c.post(`/studenten/${id}/gestopt`, {});
  assert.equal(stop.status, 303);
  const shown = await c.get(stop.location);
  assert.match(shown.text, /Lotte Vandenberghe is gemarkeerd als gestopt/);
  assert.match(shown.text, /badge-stop">Gestopt<\/span> sinds \d\d\/\d\d\/\d{4}/);
  const stoppedMail = "subject = 'Stagematch: Lotte Vandenberghe is gestopt met de opleiding'";
  assert.equal(sql(server.dataDir, `SELECT to_address FROM outbox WHERE ${stoppedMail}`), 'dienst@stagematch.test');
  assert.match(await mailText(server.dataDir, stoppedMail), /Sint-Jozefsinstituut Kortrijk meldt dat Lotte Vandenberghe \(Dubbele finaliteit gezondheidszorg\) gestopt is/);
  assert.equal(sql(server.dataDir, `SELECT COUNT(*) FROM audit_log WHERE action = 'student_stop' AND student_id = ${id}`), '1');
  // A second time changes nothing and sends nothing.
  await c.post(`/studenten/${id}/gestopt`, {});
  assert.equal(sql(server.dataDir, `SELECT COUNT(*) FROM outbox WHERE ${stoppedMail}`), '1');
});

test('pupils: stop without acceptance sends no mail; delete after confirmation, back to the overview', async () => {
  const c = await loggedIn(server.url, 'school');
  const stopId = await addPupil(c, { first_name: 'Stan', national_number: nationalNumber('090101', 302, true) });
  const mails = sql(server.dataDir, 'SELECT COUNT(*) FROM outbox');
  assert.equal((await c.post(`/studenten/${stopId}/gestopt`, {})).status, 303);
  assert.equal(sql(server.dataDir, 'SELECT COUNT(*) FROM outbox'), mails);
  const stopped = await c.get(`/studenten/${stopId}`);
  assert.doesNotMatch(stopped.text, /<input[^>]*name="first_name"/, 'a stopped pupil is read-only');
  assert.match(stopped.text, /Deze leerling is gestopt met de opleiding/);

  const id = await addPupil(c, { first_name: 'Vergissing', national_number: nationalNumber('090202', 504, true) });
  const confirm = await c.get(`/studenten/${id}/verwijderen`);
  assert.match(confirm.text, /Wil je <strong>Vergissing Leerling<\/strong> en de stageaanvraag verwijderen\?/);
  const res = await c.post(`/studenten/${id}/verwijderen`, {});
  assert.equal(res.status, 303);
  assert.equal(res.location, '/opleidingen/dubbele-finaliteit');
  assert.equal(sql(server.dataDir, `SELECT COUNT(*) FROM students WHERE id = ${id}`), '0');
  assert.equal(sql(server.dataDir, `SELECT COUNT(*) FROM student_periods WHERE student_id = ${id}`), '0');
  assert.equal(sql(server.dataDir, `SELECT action FROM audit_log WHERE student_id = ${id} ORDER BY id DESC LIMIT 1`), 'student_delete');
  assert.equal((await c.get(`/studenten/${id}`)).status, 404);
});

test("pupils: another school's pupil ids answer 404 for GET and POST, and change nothing", async () => {
  const c = await loggedIn(server.url, 'school2');
  await c.get(NEW);
  const id = studentId('Jolien', 'Peeters');
  const before = sql(server.dataDir, `SELECT version || '|' || IFNULL(stopped_at, '') FROM students WHERE id = ${id}`);
  for (const p of [`/studenten/${id}`, `/studenten/${id}/verwijderen`, `/studenten/${id}/gestopt`])
    assert.equal((await c.get(p)).status, 404, p);
  assert.equal((await c.post(`/studenten/${id}`, pupilForm({ version: '1' }))).status, 404);
  assert.equal((await c.post(`/studenten/${id}/verwijderen`, {})).status, 404);
  assert.equal((await c.post(`/studenten/${id}/gestopt`, {})).status, 404);
  assert.equal(sql(server.dataDir, `SELECT version || '|' || IFNULL(stopped_at, '') FROM students WHERE id = ${id}`), before);
  assert.equal(sql(server.dataDir, `SELECT COUNT(*) FROM audit_log WHERE student_id = ${id} AND action = 'national_number_view' AND organisation_id <> ${school1()}`), '0');
  assert.equal((await c.get('/studenten/999999')).status, 404);
  assert.equal((await c.get('/opleidingen/bestaat-niet/studenten/nieuw')).status, 404);
});

test('pupils: outside the registration window adding and editing are refused, saying since or until when', async () => {
  const c = await loggedIn(server.url, 'school');
  const id = studentId('Emiel', 'Leerling');
  const campaign = campaignId();
  const saved = sql(server.dataDir, `SELECT registration_opens_at || ',' || registration_closes_at FROM campaigns WHERE id = ${campaign}`);
  const closedAt = Math.floor(Date.now() / 1000) - 3600;
  const brussels = new Intl.DateTimeFormat('nl-BE', { timeZone: 'Europe/Brussels', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(new Date(closedAt * 1000)).replace(',', '');
  sql(server.dataDir, `UPDATE campaigns SET registration_closes_at = ${closedAt} WHERE id = ${campaign}`);
  try {
    const form = await c.get(NEW);
    assert.match(form.text, new RegExp(`De registratie van leerlingen voor Dubbele finaliteit gezondheidszorg \\(schooljaar 2026-2027\\) is gesloten sinds ${brussels}`));
    assert.doesNotMatch(form.text, /name="first_name"/);
    const count = sql(server.dataDir, 'SELECT COUNT(*) FROM students');
    const add = await c.post(ADD, pupilForm({ first_name: 'Laat', national_number: nationalNumber('090909', 606, true) }));
    assert.equal(add.status, 403);
    assert.match(add.text, /is gesloten sinds/);
    assert.match(add.text, /value="Laat"/, 'the form comes back with what was typed');
    assert.equal(sql(server.dataDir, 'SELECT COUNT(*) FROM students'), count);

    const page = await c.get(`/studenten/${id}`);
    assert.match(page.text, /is gesloten sinds/);
    assert.doesNotMatch(page.text, /<input[^>]*name="first_name"/, 'readable, not editable');
    assert.match(page.text, /<dd>Emiel<\/dd>/);
    const edit = await c.post(`/studenten/${id}`, pupilForm({ first_name: 'Emiel', city: 'Brugge', postcode: '8000', version: '2' }));
    assert.equal(edit.status, 403);
    assert.equal(sql(server.dataDir, `SELECT city FROM students WHERE id = ${id}`), 'Harelbeke');

    const opensAt = Math.floor(Date.now() / 1000) + 86400;
    sql(server.dataDir, `UPDATE campaigns SET registration_opens_at = ${opensAt}, registration_closes_at = ${opensAt + 86400} WHERE id = ${campaign}`);
    const early = await c.get(NEW);
    assert.match(early.text, /opent pas op \d\d\/\d\d\/\d{4} \d\d:\d\d\. Tot dan kan je geen leerlingen toevoegen of wijzigen\./);
  } finally {
    const [opens, closes] = saved.split(',');
    sql(server.dataDir, `UPDATE campaigns SET registration_opens_at = ${opens}, registration_closes_at = ${closes} WHERE id = ${campaign}`);
  }
});

test('pupils: a school without contacts is told to add them first; a programme without a campaign says so', async () => {
  const now = Math.floor(Date.now() / 1000);
  sql(server.dataDir, `INSERT INTO organisations (kind, name, active, created_at) VALUES ('school', 'Nieuwe School', 1, ${now})`);
  sql(server.dataDir, `INSERT INTO users (organisation_id, email, name, password_hash, state, created_at) SELECT (SELECT id FROM organisations WHERE name = 'Nieuwe School'), 'nieuw@stagematch.test', 'Nieuw', password_hash, 'active', ${now} FROM users WHERE email = 'school@stagematch.test'`);
  const c = await loggedIn(server.url, 'nieuw@stagematch.test');
  const form = await c.get(NEW);
  assert.match(form.text, /Je school heeft nog geen contactpersoon stageplaats/);
  assert.match(form.text, /<a href="\/contactpersonen\/nieuw"[^>]*>Contactpersoon stageplaats toevoegen/);
  assert.doesNotMatch(form.text, /<select id="f-contact_id"/);
  const posted = await c.post(ADD, pupilForm({ contact_id: '', first_name: 'Zonder' }));
  assert.equal(posted.status, 422);
  assert.match(posted.text, /value="Zonder"/);
  assert.match(posted.text, /Stage-\/werkplekbegeleider: Je school heeft nog geen contactpersoon stageplaats/);

  const none = await c.get('/opleidingen/7de-leerjaar/studenten/nieuw');
  assert.equal(none.status, 200);
  assert.match(none.text, /Voor 7de leerjaar verzorgende-zorgkundige is er nog geen schooljaar klaargezet/);
  assert.equal((await c.post('/opleidingen/7de-leerjaar/studenten', pupilForm())).status, 409);
});

test('"al geregistreerd" at another school is audited and bounded: after 5 in an hour new numbers are refused and the coordinator is alerted', async () => {
  const owner = await loggedIn(server.url, 'school');
  const numbers = [];
  for (let i = 0; i < 6; i++) {
    numbers.push(nationalNumber('080214', 600 + i, true));
    await addPupil(owner, { first_name: 'Proef', last_name: `Nummer${i}`, national_number: numbers[i] });
  }
  sql(server.dataDir, 'DELETE FROM throttle');
  const count = (action) => Number(sql(server.dataDir, `SELECT COUNT(*) FROM audit_log WHERE action = '${action}'`));
  const elsewhereBefore = count('national_number_elsewhere');
  const other = await loggedIn(server.url, 'school2');
  const post = async (nn) => {
    await other.get(NEW);
    return other.post(ADD, pupilForm({ first_name: 'Sonde', last_name: 'Test', national_number: nn,
      contact_id: contactId('Sofie De Clercq'), postcode: '9000', city: 'Gent' }));
  };
  for (let i = 0; i < 5; i++) {
    const res = await post(numbers[i]);
    assert.equal(res.status, 409);
    assert.match(res.text, /Dit rijksregisternummer is al geregistreerd\. Neem contact op met de coördinator\./);
  }
  assert.equal(count('national_number_elsewhere') - elsewhereBefore, 5, 'every such answer is audited');

  // The sixth registered number and a number nobody registered get the same refusal.
  const registered = await post(numbers[5]);
  const fresh = await post(nationalNumber('080214', 700, true));
  for (const res of [registered, fresh]) {
    assert.equal(res.status, 409);
    assert.match(res.text, /Je kreeg het voorbije uur al vaak de melding dat een rijksregisternummer al geregistreerd is\./);
    assert.doesNotMatch(res.text, /Dit rijksregisternummer is al geregistreerd\./);
    assert.match(res.text, /value="Sonde"/, 'what was typed stays');
  }
  assert.equal(count('national_number_elsewhere') - elsewhereBefore, 5);
  assert.equal(sql(server.dataDir, "SELECT COUNT(*) FROM students WHERE first_name = 'Sonde'"), '0');

  // Another user is not bounded by it; the coordinator sees who reached the limit.
  await addPupil(owner, { first_name: 'Proef', last_name: 'Nieuw', national_number: nationalNumber('080214', 701, true) });
  const admin = await loggedIn(server.url, 'admin');
  const dashboard = await admin.get('/beheer');
  assert.match(dashboard.text, /id="rijksregister-alarm"/);
  assert.match(dashboard.text, /school2@stagematch\.test \([^)]*\): 1 keer/);
  sql(server.dataDir, 'DELETE FROM throttle');
});
