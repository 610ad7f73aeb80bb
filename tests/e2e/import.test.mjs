// "Importeer leerlingen": a school imports the pupil list of its administration package
// (tests/fixtures/import/, made by make_fixtures.py: one file per package and format),
// sees every row checked by the pupil form's own rules, and imports the valid rows at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  startServer, loggedIn, sql, uploadFile, download, readXlsx, launchBrowser, browserLogin, screenshot,
  axeViolations, unescapeHtml,
} from './lib.mjs';

let server;
before(async () => {
  server = await startServer({ demo: 'open' });
});
after(async () => {
  await server?.stop();
});

const FIXTURES = new URL('../fixtures/import/', import.meta.url);
const fixture = (name) => readFileSync(new URL(name, FIXTURES));
const UPLOAD = '/opleidingen/dubbele-finaliteit/importeren';
const count = (table = 'students') => Number(sql(server.dataDir, `SELECT COUNT(*) FROM ${table}`));
const contactId = () => sql(server.dataDir, "SELECT id FROM contacts WHERE name = 'An Vermeulen'");

// What the school sets once on the preview for every row (the files hold no internship data).
const common = (o = {}) => ({
  contact_id: contactId(), format: 'blok', period_count: '1', hours_per_week: '32', total_hours: '64',
  p1_start: '11/01/2027', p1_end: '22/01/2027', transport: 'fiets', ...o,
});

async function upload(c, name, bytes = fixture(name)) {
  await c.get(UPLOAD);
  return uploadFile(c, UPLOAD, { name, bytes });
}

/** Uploads a sample and opens its preview with the common values; returns { id, page }. */
async function preview(c, name, settings = common()) {
  const res = await upload(c, name);
  assert.equal(res.status, 303, res.text.slice(0, 300));
  const id = res.location.split('/').pop();
  const page = await c.get(`/importen/${id}?${new URLSearchParams(settings)}`);
  assert.equal(page.status, 200);
  return { id, page };
}

/** The preview's row of the file's line n, as text with its errors. */
function row(page, n) {
  const m = page.text.match(new RegExp(`<tr id="rij-${n}"[^>]*>([^]*?)</tr>`));
  assert.ok(m, `row ${n} in the preview`);
  return unescapeHtml(m[1].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim());
}

/** Posts the preview's own import form (its hidden fields as shown). */
async function confirmImport(c, page) {
  const form = page.text.match(/<form method="post" action="(\/importen\/\d+)">([^]*?)<\/form>/);
  assert.ok(form, 'the preview offers the import');
  const fields = {};
  for (const m of form[2].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[m[1]] = unescapeHtml(m[2]);
  return c.post(form[1], fields);
}

test('Smartschool CSV (Windows-1252, ;): every rule answers next to its cell; nothing is stored before the import', async () => {
  const c = await loggedIn(server.url, 'school');
  const overview = await c.get('/opleidingen/dubbele-finaliteit');
  assert.match(overview.text, /href="\/opleidingen\/dubbele-finaliteit\/importeren">Importeer leerlingen</);
  const before = count();

  // Without the common values every row lacks what the file does not hold.
  const bare = await preview(c, 'smartschool.csv', {});
  assert.match(row(bare.page, 2), /Stage-\/werkplekbegeleider: Maak een keuze\. .*Startdatum periode 1: Vul dit veld in\./);
  assert.match(bare.page.text, /smartschool\.csv<\/strong>: 8 leerlingen, waarvan 0 klaar om te importeren en 8 met fouten/);

  const { page } = await preview(c, 'smartschool.csv');
  assert.match(page.text, /8 leerlingen, waarvan 1 klaar om te importeren en 7 met fouten/);
  assert.match(row(page, 2), /^2 klaar Ségolène Vandecasteele 09\.04\.12-215\.\d\d Kortrijksesteenweg 14 8500 Kortrijk/);
  assert.match(row(page, 4), /Dit rijksregisternummer klopt niet \(controlegetal\)/);
  // The error sits in the cell of the value it is about.
  assert.match(page.text, /<td>850<p class="error-text">Geef een Belgische postcode van 4 cijfers in, bv\. 8000\.<\/p><\/td>/);
  assert.match(page.text, /<td>12345<p class="error-text">Geef een geldig telefoonnummer in/);
  assert.match(page.text, /<td>lien@leerling<p class="error-text">Geef een geldig e-mailadres in/);
  assert.match(row(page, 3), /Dit rijksregisternummer staat ook in rij 7 van het bestand\./);
  assert.match(row(page, 7), /Dit rijksregisternummer staat ook in rij 3 van het bestand\./);
  assert.match(row(page, 8), /Dit rijksregisternummer is al geregistreerd voor Emma Declercq in je school\./);
  assert.match(row(page, 9), /Dit rijksregisternummer is al geregistreerd\. Neem contact op met de coördinator\./);
  assert.doesNotMatch(row(page, 9), /Fien|De Smet/, 'another school\'s pupil is not named');
  // The unrecognised column "Klas" gets a select, "niet importeren" by default.
  assert.match(page.text, /<th scope="row">K: Klas<\/th><td><label class="visually-hidden" for="kolom_10">/);
  assert.match(page.text, /<select id="kolom_10" name="kolom_10"><option value="">niet importeren<\/option>/);
  assert.equal(count(), before, 'previews store nothing');

  const done = await confirmImport(c, page);
  assert.equal(done.status, 303);
  assert.equal(done.location, '/opleidingen/dubbele-finaliteit');
  assert.equal(count(), before + 1);
  assert.equal(count('pending_imports'), 0, 'the file is gone after the import');
  const after = await c.get(done.location);
  assert.match(after.text, /1 leerling is geïmporteerd\./);
  assert.match(after.text, /Vandecasteele/);
  assert.equal(sql(server.dataDir, "SELECT street || '|' || province || '|' || transport || '|' || format FROM students WHERE last_name = 'Vandecasteele'"),
    'Kortrijksesteenweg 14|West-Vlaanderen|8|blok');
  assert.equal(sql(server.dataDir, "SELECT COUNT(*) FROM audit_log WHERE action = 'student_import'"), '1');
});

test('Informat .xlsx: date cells, numbers that lost their leading zero, a period that ends before it starts', async () => {
  const c = await loggedIn(server.url, 'school');
  const { page } = await preview(c, 'informat.xlsx', common({ format: '', p1_start: '', p1_end: '' }));
  assert.match(page.text, /3 leerlingen, waarvan 2 klaar om te importeren en 1 met fouten/);
  // 8070741162 in the sheet: a pupil born in 2008, its 0 restored; the file's own stagevorm and dates.
  assert.match(row(page, 2), /^2 klaar Lore Verstraete 08070741\d{3} Brugsestraat 21 8800 Roeselare .* blok 2027-01-11 2027-01-22/);
  assert.match(row(page, 3), /Ieperstraat 7 bus 2 .* 0472445566 .* alternerend 2027-03-15 2027-03-26/);
  assert.match(page.text, /<td>2027-02-10<p class="error-text">De einddatum ligt vóór de startdatum\.<\/p><\/td>/);
  const before = count();
  assert.equal((await confirmImport(c, page)).status, 303);
  assert.equal(count(), before + 2);
  assert.equal(sql(server.dataDir, "SELECT group_concat(starts_on || '/' || ends_on) FROM student_periods WHERE student_id = (SELECT id FROM students WHERE last_name = 'Desmet' AND first_name = 'Ruben')"),
    '2027-03-15/2027-03-26');
});

test('Wisa .xls: the province must match the postcode; the mapping step takes an unknown column', async () => {
  const c = await loggedIn(server.url, 'school');
  const { page } = await preview(c, 'wisa.xls');
  assert.match(page.text, /3 leerlingen, waarvan 2 klaar om te importeren en 1 met fouten/);
  assert.match(page.text, /<td>Antwerpen<p class="error-text">Postcode 9000 ligt in Oost-Vlaanderen\. Kies Oost-Vlaanderen of kijk de postcode na\.<\/p><\/td>/);
  assert.match(row(page, 3), /^3 klaar Ella Peeters .* Meir 100 bus 4 2000 Antwerpen Antwerpen/);

  // "Klas" mapped to the request's remarks: it shows up as a column and is imported.
  const mapped = await c.get(`${page.text.match(/action="(\/importen\/\d+)"/)[1]}?${new URLSearchParams(common({ kolom_11: 'request_remarks' }))}`);
  assert.match(mapped.text, /<th scope="col">Opmerkingen<\/th>/);
  assert.match(mapped.text, /<option value="request_remarks" selected>Opmerkingen<\/option>/);
  const before = count();
  assert.equal((await confirmImport(c, mapped)).status, 303);
  assert.equal(count(), before + 2);
  assert.equal(sql(server.dataDir, "SELECT request_remarks FROM students WHERE last_name = 'Van Damme' AND first_name = 'Wout'"), '6ZA');
});

test('hostile files of each kind get a clear Dutch message, and the server stays up', async () => {
  const c = await loggedIn(server.url, 'school');
  const cases = {
    'hostile-bomb.xlsx': /Dit Excel-bestand is uitgepakt veel te groot\./,
    'hostile-broken.xlsx': /Dit Excel-bestand \(\.xlsx\) is beschadigd en kan niet gelezen worden\./,
    'hostile-entities.xlsx': /Dit Excel-bestand \(\.xlsx\) is beschadigd/,
    'hostile-truncated.xls': /Dit oude Excel-bestand \(\.xls\) kan niet gelezen worden\./,
    // libfreexl reads out of bounds on this one: the reading child dies, the server answers.
    'hostile-freexl.xls': /Dit oude Excel-bestand \(\.xls\) kan niet gelezen worden\./,
    'hostile-junk.csv': /het is geen CSV-, \.xlsx- of \.xls-bestand/,
    'hostile-utf16.csv': /opgeslagen als Unicode-tekst \(UTF-16\)/,
  };
  for (const [name, message] of Object.entries(cases)) {
    const res = await upload(c, name);
    assert.equal(res.status, 422, name);
    assert.match(unescapeHtml(res.text), message, name);
    assert.match(res.text, /<p class="error" id="e-bestand">/, `${name}: the message is next to the file field`);
  }
  const huge = Buffer.from('Voornaam;Naam\r\nAn;' + 'x'.repeat(5000) + '\r\n');
  assert.match(unescapeHtml((await upload(c, 'lang.csv', huge)).text), /Cel B2 is langer dan 2000 tekens/);
  const noFile = await c.post(UPLOAD, {});
  assert.equal(noFile.status, 422);
  assert.match(noFile.text, /Kies het bestand met de leerlingen\./);
  assert.equal(count('pending_imports'), 0);
  assert.equal((await c.get('/healthz')).status, 200);
});

test('a large list: a 2 MB file (over the general 1 MB limit) with 1,000 pupils is read; 11 MB is refused in Dutch', async () => {
  const c = await loggedIn(server.url, 'school');
  const lines = ['Voornaam;Naam;Rijksregisternummer;Straat;Postcode;Gemeente;GSM;E-mail;Opmerkingen'];
  for (let i = 0; i < 1000; i++) lines.push(`Leerling${i};Groot;;Markt ${i};8500;Kortrijk;0470 00 00 00;l${i}@leerling.test;${'o'.repeat(2000)}`);
  const big = Buffer.from(lines.join('\r\n'));
  assert.ok(big.length > 2 * 1000 * 1000);
  const res = await upload(c, 'groot.csv', big);
  assert.equal(res.status, 303);
  const page = await c.get(res.location);
  assert.match(page.text, /1000 leerlingen, waarvan 0 klaar om te importeren en 1000 met fouten/);
  assert.match(row(page, 1001), /^1001 fout Leerling999 Groot Vul dit veld in\. Markt 999/);
  await c.post(`${res.location}/annuleren`, {});

  const tooBig = await upload(c, 'te-groot.csv', Buffer.alloc(11 * 1024 * 1024, 'a'));
  assert.equal(tooBig.status, 413);
  assert.match(tooBig.text, /Dit bestand is groter dan 10 MB/);
});

test('a pending import is its uploader\'s alone: another school gets 404; expired or cancelled, it is gone', async () => {
  const a = await loggedIn(server.url, 'school');
  const b = await loggedIn(server.url, 'school2');
  const { id } = await preview(a, 'smartschool.csv');
  await b.get('/account');
  for (const res of [await b.get(`/importen/${id}`), await b.post(`/importen/${id}`, { verwacht: '1' }), await b.post(`/importen/${id}/annuleren`, {})]) {
    assert.equal(res.status, 404);
    assert.doesNotMatch(res.text, /Vandecasteele|smartschool/);
  }
  assert.equal(count('pending_imports'), 1, 'the other school changed nothing');

  const cancelled = await a.post(`/importen/${id}/annuleren`, {});
  assert.equal(cancelled.status, 303);
  assert.equal(count('pending_imports'), 0);
  assert.equal((await a.get(`/importen/${id}`)).status, 404);

  const second = await preview(a, 'wisa.xls');
  sql(server.dataDir, `UPDATE pending_imports SET expires_at = strftime('%s', 'now') - 1 WHERE id = ${second.id}`);
  assert.equal((await a.get(`/importen/${second.id}`)).status, 404, 'an expired import is not shown');
  await upload(b, 'wisa.xls'); // any upload removes what expired
  assert.equal(sql(server.dataDir, `SELECT COUNT(*) FROM pending_imports WHERE id = ${second.id}`), '0');
  assert.equal(sql(server.dataDir, "SELECT instr(file_box, CAST('Familienaam' AS BLOB)) FROM pending_imports"), '0', 'stored sealed');
});

test('checked again at the import: when a colleague registered a pupil meanwhile, nothing is imported', async () => {
  const c = await loggedIn(server.url, 'school');
  // The Informat sample's pupils were imported above: take them out again first.
  const hash = sql(server.dataDir, "SELECT national_number_hash FROM students WHERE last_name = 'Verstraete'");
  sql(server.dataDir, "PRAGMA foreign_keys = ON; DELETE FROM students WHERE last_name = 'Verstraete' OR (last_name = 'Desmet' AND first_name = 'Ruben')");
  const { page } = await preview(c, 'informat.xlsx');
  assert.match(page.text, /waarvan 2 klaar/);
  // Meanwhile a colleague registers Lore Verstraete (in a test: Jana Maes gets her number).
  sql(server.dataDir, `UPDATE students SET national_number_hash = '${hash}' WHERE last_name = 'Maes'`);
  const before = count();
  const res = await confirmImport(c, page);
  assert.equal(res.status, 409);
  assert.match(unescapeHtml(res.text), /Er is niets geïmporteerd: intussen veranderde er iets/);
  assert.match(row(res, 2), /Dit rijksregisternummer is al geregistreerd voor Jana Maes in je school\./);
  assert.equal(count(), before, 'not one row of the file was written');
});

test('the template (CSV and .xlsx) has the headers the import recognises', async () => {
  const c = await loggedIn(server.url, 'school');
  const csv = await download(c, '/importeren/sjabloon.csv');
  assert.equal(csv.status, 200);
  const header = csv.text.replace(/^\uFEFF/, '').split('\r\n')[0].split(';');
  assert.deepEqual(header.slice(0, 4), ['Voornaam', 'Achternaam', 'Rijksregisternummer', 'Straat']);
  assert.ok(header.includes('Startdatum periode 1') && header.includes('Aantal uren/week'));
  const xlsx = await download(c, '/importeren/sjabloon.xlsx');
  assert.equal(xlsx.status, 200);
  const file = new URL('sjabloon-test.xlsx', `file://${server.dataDir}/`);
  (await import('node:fs')).writeFileSync(file, xlsx.buffer);
  assert.deepEqual(readXlsx(file.pathname).cells[0].map((x) => x.value), header);
  // The template itself holds no pupils: the upload says so.
  const res = await upload(c, 'sjabloon.xlsx', xlsx.buffer);
  assert.equal(res.status, 422);
  assert.match(res.text, /enkel een rij met kolomnamen/);
});

test('in Chromium: upload, fill in what the file lacks, import; every page axe-clean', async () => {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await browserLogin(page, server.url, 'school');
    await page.goto(server.url + '/opleidingen/dubbele-finaliteit');
    await page.getByRole('link', { name: 'Importeer leerlingen' }).click();
    await page.getByRole('heading', { name: 'Importeer leerlingen' }).waitFor();
    assert.deepEqual(await axeViolations(page), []);

    await page.getByLabel('Bestand met leerlingen').setInputFiles({ name: 'kapot.csv', mimeType: 'text/csv', buffer: fixture('hostile-junk.csv') });
    await page.getByRole('button', { name: 'Bestand lezen' }).click();
    await page.getByText('het is geen CSV-, .xlsx- of .xls-bestand').first().waitFor();
    assert.equal(await page.getByLabel('Bestand met leerlingen').getAttribute('aria-invalid'), 'true');
    assert.deepEqual(await axeViolations(page), []);

    // The Wisa sample again, whose pupils an earlier test imported: as if they were never registered.
    sql(server.dataDir, "PRAGMA foreign_keys = ON; DELETE FROM students WHERE email IN ('wout@leerling.test', 'ella@leerling.test')");
    await page.getByLabel('Bestand met leerlingen').setInputFiles(new URL('wisa.xls', FIXTURES).pathname);
    await page.getByRole('button', { name: 'Bestand lezen' }).click();
    await page.getByRole('heading', { name: 'Importeer leerlingen: voorbeeld' }).waitFor();
    await page.getByText('waarvan 0 klaar om te importeren en 3 met fouten').waitFor();
    await page.getByLabel('Stage-/werkplekbegeleider').selectOption({ label: 'An Vermeulen' });
    await page.getByLabel('Stagevorm').selectOption('blok');
    await page.getByLabel('Hoeveel periodes moet de leerling stage lopen?').selectOption('1');
    await page.getByLabel('Aantal uren/week').fill('32');
    await page.getByLabel('Totaal aantal uren te realiseren').fill('64');
    await page.getByLabel('Startdatum periode 1').fill('11/01/2027');
    await page.getByLabel('Einddatum periode 1').fill('22/01/2027');
    await page.getByLabel('Openbaar vervoer').check();
    await page.getByRole('button', { name: 'Voorbeeld bijwerken' }).click();
    await page.getByText('waarvan 2 klaar om te importeren en 1 met fouten').waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await screenshot(page, 'import-preview');

    const before = count();
    await page.getByRole('button', { name: 'Importeer 2 leerlingen' }).click();
    await page.getByText('2 leerlingen zijn geïmporteerd.').waitFor();
    assert.equal(count(), before + 2);
  } finally {
    await browser.close();
  }
});

test('registration closed: the upload page says so and an upload is refused', async () => {
  const c = await loggedIn(server.url, 'school');
  const campaign = sql(server.dataDir, "SELECT c.id FROM campaigns c JOIN programmes p ON p.id = c.programme_id WHERE p.code = 'dubbele-finaliteit' ORDER BY c.school_year DESC LIMIT 1");
  const closes = sql(server.dataDir, `SELECT registration_closes_at FROM campaigns WHERE id = ${campaign}`);
  sql(server.dataDir, `UPDATE campaigns SET registration_closes_at = strftime('%s', 'now') - 60 WHERE id = ${campaign}`);
  try {
    const page = await c.get(UPLOAD);
    assert.match(page.text, /alert-warn/);
    assert.doesNotMatch(page.text, /Bestand lezen/);
    const pending = count('pending_imports');
    const res = await uploadFile(c, UPLOAD, { name: 'wisa.xls', bytes: fixture('wisa.xls') });
    assert.equal(res.status, 403);
    assert.equal(count('pending_imports'), pending);
  } finally {
    sql(server.dataDir, `UPDATE campaigns SET registration_closes_at = ${closes} WHERE id = ${campaign}`);
  }
});
