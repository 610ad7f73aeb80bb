// The school's overview per programme (manual section 5) and its exports (section 6):
// every state before and after the results moment, the filter, sorting, pages, the
// CSV and the .xlsx read back, and that no other school's pupil ever shows up.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  BIN, startServer, Client, loggedIn, launchBrowser, browserLogin, screenshot, sql, axeViolations, sqlRows, download,
  unescapeHtml, parseCsv, readXlsx, serialToIso, DEMO_FIRST_NAMES, demoNationalNumber,
} from './lib.mjs';

const OVERVIEW = '/opleidingen/dubbele-finaliteit';

const q = (s) => `'${String(s).replaceAll("'", "''")}'`;

/** The pupils of the table, in order: "Achternaam Voornaam". */
function names(html) {
  return [...html.matchAll(/<th scope="row"><a href="\/studenten\/\d+">([^<]*)<\/a><\/th>/g)].map((m) => unescapeHtml(m[1]));
}

/** The cells of each table row, as text (tags dropped, <br> as a line break). */
function tableRows(html) {
  const body = html.match(/<tbody>([^]*?)<\/tbody>/)[1];
  return [...body.matchAll(/<tr>([^]*?)<\/tr>/g)].map((m) =>
    [...m[1].matchAll(/<t[hd][^>]*>([^]*?)<\/t[hd]>/g)].map((c) =>
      unescapeHtml(c[1].replace(/<br>|<span class="period">/g, '\n').replace(/<[^>]+>/g, '')).trim(),
    ),
  );
}

function counts(html) {
  const list = html.match(/<ul class="counts"[^>]*>([^]*?)<\/ul>/)[1];
  return Object.fromEntries([...list.matchAll(/<strong>(\d+)<\/strong> ([^<]+)<\/li>/g)].map((m) => [m[2], Number(m[1])]));
}

const dmy = (iso) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');
const neutralised = (v) => (/^[=+\-@\t\r]/.test(v) ? "'" + v : v);
// ISO date in Brussels from the parts: en-CA's short date is ISO in Node 20's ICU but M/D/YYYY
// in Debian 12's (ICU 72), which its Node 18 uses.
const brusselsDate = (t) => {
  if (t == null) return '';
  const parts = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date(t * 1000));
  const part = (type) => parts.find((p) => p.type === type).value;
  return `${part('year')}-${part('month')}-${part('day')}`;
};
const TRANSPORT = [[1, 'Auto'], [2, 'Bromfiets'], [4, 'Elektrische fiets'], [8, 'Fiets'], [16, 'Openbaar vervoer']];

const HEADER = [
  'Achternaam', 'Voornaam', 'Rijksregisternummer', 'Straat', 'Postcode', 'Plaats', 'Provincie', 'Telefoon', 'E-mail',
  'Vervoersmiddelen', 'Opmerkingen leerling', 'Stage-/werkplekbegeleider', 'Stagevorm', 'Aantal periodes',
  'Aantal uren/week', 'Totaal aantal uren',
  'Periode 1 startdatum', 'Periode 1 einddatum', 'Periode 2 startdatum', 'Periode 2 einddatum',
  'Periode 3 startdatum', 'Periode 3 einddatum', 'Periode 4 startdatum', 'Periode 4 einddatum',
  'Opmerkingen stage', 'Voorkeur', 'Status', 'Gestopt op', 'Stageplek', 'Locatie stageplek',
  'Stageperiode 1 startdatum', 'Stageperiode 1 einddatum', 'Stageperiode 2 startdatum', 'Stageperiode 2 einddatum',
  'Stageperiode 3 startdatum', 'Stageperiode 3 einddatum', 'Stageperiode 4 startdatum', 'Stageperiode 4 einddatum',
  'Stagementor', 'Telefoon stagementor', 'E-mail stagementor', 'Notities',
];
const DATE_COLUMNS = new Set(HEADER.filter((h) => /datum|Gestopt op/.test(h)));
const NUMBER_COLUMNS = new Set(['Aantal periodes', 'Aantal uren/week', 'Totaal aantal uren']);

/**
 * What the export must hold for each pupil of the school, straight from the database,
 * keyed by "Achternaam|Voornaam". Dates are ISO here; visible: whether the school may
 * see the services' answers.
 */
function expectedRecords(dataDir, school, visible) {
  const list = sqlRows(
    dataDir,
    `SELECT s.last_name, s.first_name, s.street, s.postcode, s.city, s.province, s.phone, s.email, s.transport,
            s.remarks, c.name AS contact, s.format, s.period_count, s.hours_per_week, s.total_hours,
            s.request_remarks, pref.name AS preference, s.stopped_at, sv.name AS service, p.site, p.mentor_name,
            p.mentor_phone, p.mentor_email, p.notes,
            (SELECT json_group_array(json_array(starts_on, ends_on)) FROM
              (SELECT * FROM student_periods WHERE student_id = s.id ORDER BY position)) AS periods,
            (SELECT json_group_array(json_array(starts_on, ends_on)) FROM
              (SELECT * FROM placement_periods WHERE placement_id = p.id ORDER BY position)) AS approved
       FROM students s JOIN contacts c ON c.id = s.contact_id
       JOIN organisations school ON school.id = s.school_id
       LEFT JOIN organisations pref ON pref.id = s.preference_service_id
       LEFT JOIN placements p ON p.student_id = s.id LEFT JOIN organisations sv ON sv.id = p.service_id
      WHERE school.name = ${q(school)}`,
  );
  const byName = new Map();
  for (const s of list) {
    const periods = JSON.parse(s.periods);
    const approved = visible && s.approved ? JSON.parse(s.approved) : [];
    const accepted = visible && s.service != null;
    const index = DEMO_FIRST_NAMES.indexOf(s.first_name);
    const rec = {
      Achternaam: s.last_name,
      Voornaam: s.first_name,
      Rijksregisternummer: school === 'Sint-Jozefsinstituut Kortrijk' && index >= 0 ? demoNationalNumber(index) : null,
      Straat: s.street ?? '',
      Postcode: s.postcode,
      Plaats: s.city,
      Provincie: s.province,
      Telefoon: s.phone ?? '',
      'E-mail': s.email ?? '',
      Vervoersmiddelen: TRANSPORT.filter(([bit]) => s.transport & bit).map(([, l]) => l).join(', '),
      'Opmerkingen leerling': s.remarks,
      'Stage-/werkplekbegeleider': s.contact,
      Stagevorm: s.format,
      'Aantal periodes': String(s.period_count),
      'Aantal uren/week': String(s.hours_per_week),
      'Totaal aantal uren': String(s.total_hours),
      'Opmerkingen stage': s.request_remarks,
      Voorkeur: s.preference ?? '',
      Status: s.stopped_at != null ? 'Gestopt' : accepted ? 'Aanvaard' : '',
      'Gestopt op': brusselsDate(s.stopped_at),
      Stageplek: accepted ? s.service : '',
      'Locatie stageplek': accepted ? s.site : '',
      Stagementor: accepted ? s.mentor_name : '',
      'Telefoon stagementor': accepted ? s.mentor_phone : '',
      'E-mail stagementor': accepted ? s.mentor_email : '',
      Notities: accepted ? s.notes : '',
    };
    for (let k = 0; k < 4; k++) {
      rec[`Periode ${k + 1} startdatum`] = periods[k]?.[0] ?? '';
      rec[`Periode ${k + 1} einddatum`] = periods[k]?.[1] ?? '';
      rec[`Stageperiode ${k + 1} startdatum`] = approved[k]?.[0] ?? '';
      rec[`Stageperiode ${k + 1} einddatum`] = approved[k]?.[1] ?? '';
    }
    byName.set(`${s.last_name}|${s.first_name}`, rec);
  }
  return byName;
}

/** Compares a parsed CSV with the database, field by field. */
function assertCsvMatches(csvText, expected) {
  const { bom, records, lineEnds } = parseCsv(csvText);
  assert.ok(bom, 'UTF-8 byte order mark');
  assert.deepEqual([...lineEnds], ['CRLF'], 'every record ends in CRLF');
  assert.deepEqual(records[0], HEADER);
  const data = records.slice(1);
  assert.equal(data.length, expected.size, 'one record per pupil');
  for (const record of data) {
    assert.equal(record.length, HEADER.length);
    const key = `${record[0].replace(/^'/, '')}|${record[1].replace(/^'/, '')}`;
    const want = expected.get(key) ?? expected.get(`${record[0]}|${record[1]}`);
    assert.ok(want, `unexpected pupil in the export: ${key}`);
    HEADER.forEach((h, i) => {
      if (h === 'Rijksregisternummer' && want[h] === null) return;
      const value = DATE_COLUMNS.has(h) ? dmy(want[h]) : want[h];
      assert.equal(record[i], neutralised(value), `${key}: ${h}`);
    });
  }
  return records;
}

/** A pupil with everything a spreadsheet can trip over, accepted by a service. */
const TRICKY = {
  last_name: "=cmd|' /C calc'!A0",
  first_name: 'Zoë; "Zus"',
  street: "Rue de l'Église 5",
  city: 'Sint-Martens-Latem',
  phone: '+32 470 99 88 77',
  remarks: 'Lijn 1\nLijn 2; met "aanhalingstekens"',
  request_remarks: '@SUM(1+1)',
  site: 'Tielt; "West"',
  mentor_phone: '-',
  notes: '\tingesprongen\nen -meer',
};

function insertTricky(dataDir) {
  sql(
    dataDir,
    `INSERT INTO students (campaign_id, school_id, contact_id, first_name, last_name, street, postcode, city, province,
        phone, email, transport, remarks, format, period_count, hours_per_week, total_hours, request_remarks,
        created_at, updated_at)
     SELECT (SELECT id FROM campaigns), o.id, (SELECT id FROM contacts WHERE name = 'An Vermeulen'),
        ${q(TRICKY.first_name)}, ${q(TRICKY.last_name)}, ${q(TRICKY.street)}, '9830', ${q(TRICKY.city)},
        'Oost-Vlaanderen', ${q(TRICKY.phone)}, 'zoe@leerling.test', 17, ${q(TRICKY.remarks)}, 'blok', 1, 30, 60,
        ${q(TRICKY.request_remarks)}, 0, 0
       FROM organisations o WHERE o.name = 'Sint-Jozefsinstituut Kortrijk';
     INSERT INTO student_periods VALUES (last_insert_rowid(), 1, '2027-02-01', '2027-02-12');
     INSERT INTO placements (student_id, service_id, site, mentor_name, mentor_phone, mentor_email, notes, accepted_at, updated_at)
     SELECT s.id, o.id, ${q(TRICKY.site)}, 'Jan Peeters', ${q(TRICKY.mentor_phone)}, 'jan@familiezorg.test',
        ${q(TRICKY.notes)}, 0, 0 FROM students s, organisations o
      WHERE s.first_name = ${q(TRICKY.first_name)} AND o.name = 'Familiezorg West-Vlaanderen';
     INSERT INTO placement_periods VALUES (last_insert_rowid(), 1, '2027-02-01', '2027-02-12');`,
  );
}

function setResultsVisible(dataDir, visible) {
  sql(dataDir, `UPDATE campaigns SET results_visible_at = strftime('%s','now') ${visible ? '-' : '+'} 86400`);
}

/** Byte order of "Achternaam Voornaam", as SQLite's default collation sorts. */
const byteOrder = (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b));

describe('the overview of the demo school (manual timing: results visible)', () => {
  let server, school;
  before(async () => {
    server = await startServer({ demo: 'manual' });
    school = await loggedIn(server.url, 'school');
  });
  after(async () => {
    await server?.stop();
  });

  test('columns, counts and every state after the results moment', async () => {
    setResultsVisible(server.dataDir, true);
    const res = await school.get(OVERVIEW);
    assert.equal(res.status, 200);
    assert.match(res.text, /<h1>Overzicht studenten<\/h1>/);
    const headers = [...res.text.match(/<thead>([^]*?)<\/thead>/)[1].matchAll(/<th[^>]*>([^]*?)<\/th>/g)].map((m) =>
      m[1].replace(/<[^>]+>/g, '').replace(/[▲▼]/g, '').trim(),
    );
    assert.deepEqual(headers, ['Student', 'Status', 'Stageplek', 'Stageperiode', 'Stagementor', 'Notities']);
    for (const label of ['Exporteer CSV', 'Exporteer Excel', 'Filter'])
      assert.ok(res.text.includes(label), label);
    assert.match(res.text, /<a class="btn btn-add" href="\/opleidingen\/dubbele-finaliteit\/studenten\/nieuw">\+Toevoegen<\/a>/);
    assert.deepEqual(counts(res.text), { leerlingen: 12, aanvaard: 5, open: 6, gestopt: 1 });

    const table = Object.fromEntries(tableRows(res.text).map((cells) => [cells[0], cells.slice(1)]));
    assert.equal(Object.keys(table).length, 12);
    // accepted: the service and site, the approved periods one per line, the mentor, the notes
    assert.deepEqual(table["D'Hondt Chloë"], [
      'Aanvaard',
      'Familiezorg West-Vlaanderen\nRegio Kortrijk – team Zuid',
      '11/01/2027 - 22/01/2027\n15/03/2027 - 26/03/2027\n26/04/2027 - 07/05/2027\n17/05/2027 - 28/05/2027',
      'Griet Vanneste\n056 24 11 90\ngriet.vanneste@familiezorg.test',
      'Veel succes met je stage!',
    ]);
    assert.equal(table['Vandenberghe Lotte'][0], 'Aanvaard');
    // stopped
    assert.deepEqual(table['Verhaeghe Amber'], ['Gestopt', '', '', '', '']);
    // open: nothing yet
    assert.deepEqual(table['Vanhoutte Noor'], ['', '', '', '', '']);
    // the pupil's name links to the pupil
    const id = sql(server.dataDir, "SELECT id FROM students WHERE last_name = 'Vanhoutte'");
    assert.match(res.text, new RegExp(`<a href="/studenten/${id}">Vanhoutte Noor</a>`));
  });

  test('in Chromium: search as you type, the same without JavaScript, and no axe violations', async () => {
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
      const page = await context.newPage();
      await browserLogin(page, server.url, 'school');
      await page.goto(server.url + OVERVIEW);
      await screenshot(page, 'overview-school');
      await page.getByLabel('Naam').pressSequentially('vand', { delay: 40 });
      await page.waitForURL(/naam=vand/);
      await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 2);
      assert.deepEqual(names(await page.content()), ['Vandamme Margot', 'Vandenberghe Lotte']);
      assert.equal(await page.evaluate(() => document.activeElement.id), 'f-naam', 'the focus stays in the field');
      assert.equal(await page.locator('#aantal').textContent(), '2 leerlingen voldoen aan de filter.');
      await page.getByLabel('Status').selectOption('aanvaard');
      await page.waitForURL(/status=aanvaard/);
      await page.getByRole('link', { name: 'Stageplek' }).click();
      await page.waitForURL(/sorteer=stageplek/);
      assert.match(page.url(), /naam=vand/);

      const plain = await browser.newContext({ javaScriptEnabled: false });
      const noJs = await plain.newPage();
      await browserLogin(noJs, server.url, 'school');
      await noJs.goto(server.url + OVERVIEW);
      await noJs.getByLabel('Naam').fill('vand');
      await noJs.getByRole('button', { name: 'Filter' }).click();
      await noJs.waitForURL(/naam=vand/);
      assert.deepEqual(names(await noJs.content()), ['Vandamme Margot', 'Vandenberghe Lotte']);
      await plain.close();

      const axeContext = await browser.newContext({ bypassCSP: true });
      const axePage = await axeContext.newPage();
      await browserLogin(axePage, server.url, 'school');
      await axePage.goto(server.url + OVERVIEW);
      const violations = await axeViolations(axePage);
      assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`), []);
    } finally {
      await browser.close();
    }
  });

  test('another school sees only its own pupils, on the page and in the exports', async () => {
    const other = await loggedIn(server.url, 'school2');
    const page = await other.get(OVERVIEW);
    assert.equal(page.status, 200);
    const gent = sqlRows(server.dataDir, "SELECT last_name || ' ' || first_name AS n FROM students s JOIN organisations o ON o.id = s.school_id WHERE o.name = 'Atheneum Gent'").map((r) => r.n);
    assert.deepEqual(names(page.text).sort(byteOrder), gent.sort(byteOrder));
    assert.ok(!page.text.includes('Vandenberghe'));
    assert.match(page.text, /Atheneum Gent/);
    const csv = await download(other, OVERVIEW + '/export.csv');
    assert.equal(csv.status, 200);
    const { records } = parseCsv(csv.text);
    assert.deepEqual(records.slice(1).map((r) => `${r[0]} ${r[1]}`).sort(byteOrder), gent.sort(byteOrder));
    // and the first school's page has none of the Gent pupils, whatever the filter
    // (a name search looks through spaces: "De Smet" finds this school's own Desmet Elise)
    const mine = await school.get(OVERVIEW + '?naam=De+Smet');
    assert.deepEqual(names(mine.text), ['Desmet Elise']);
    assert.ok(!gent.includes('Desmet Elise'));
  });

  test('each filter narrows the list, and filters combine', async () => {
    const an = sql(server.dataDir, "SELECT id FROM contacts WHERE name = 'An Vermeulen'");
    const cases = [
      ['status=aanvaard', ["D'Hondt Chloë", 'Declercq Emma', 'Maes Jana', 'Vandamme Margot', 'Vandenberghe Lotte']],
      ['status=gestopt', ['Verhaeghe Amber']],
      ['status=open', ['Callewaert Ines', 'Deprez Lisa', 'Desmet Elise', 'Ghekiere Zoë', 'Lefevere Febe', 'Vanhoutte Noor']],
      [`contactpersoon=${an}`, ['Callewaert Ines', 'Deprez Lisa', 'Lefevere Febe', 'Vandamme Margot', 'Vandenberghe Lotte', 'Vanhoutte Noor']],
      [`contactpersoon=${an}&status=aanvaard`, ['Vandamme Margot', 'Vandenberghe Lotte']],
      ['naam=vand', ['Vandamme Margot', 'Vandenberghe Lotte']],
      ['naam=Lotte+Vanden', ['Vandenberghe Lotte']],
      ['naam=%25', []],
      ['vervoer=bromfiets', ['Vanhoutte Noor']],
      ['vervoer=auto', ["D'Hondt Chloë"]],
      // requested periods of open pupils, approved periods of accepted ones
      ['van=2027-05-01&tot=2027-05-31', ["D'Hondt Chloë", 'Vanhoutte Noor']],
      ['van=01%2F05%2F2027&tot=31%2F05%2F2027', ["D'Hondt Chloë", 'Vanhoutte Noor']],
      ['van=2027-05-20', ["D'Hondt Chloë"]],
      ['vervoer=openbaar-vervoer&status=open&van=2027-03-20&tot=2027-03-20', ['Callewaert Ines', 'Deprez Lisa']],
      ['vervoer=openbaar-vervoer&status=open&van=2027-03-20&tot=2027-03-20&naam=ines', ['Callewaert Ines']],
    ];
    for (const [query, want] of cases) {
      const res = await school.get(`${OVERVIEW}?${query}`);
      assert.equal(res.status, 200, query);
      assert.deepEqual(names(res.text), want, query);
      assert.match(res.text, new RegExp(`>${want.length} (leerling voldoet|leerlingen voldoen) aan de filter\\.<`), query);
    }
    // a date typed as yyyy-mm-dd (an older bookmark) is shown back as dd/mm/jjjj, in a text field
    const typed = await school.get(`${OVERVIEW}?van=2027-05-01`);
    assert.match(typed.text, /<input id="f-van" name="van" type="text" value="01\/05\/2027"/);
    // a date that is not a date says so and does not filter
    const bad = await school.get(`${OVERVIEW}?van=32%2F13%2F2027`);
    assert.match(bad.text, /Geef een geldige datum in/);
    assert.equal(names(bad.text).length, 12);
  });

  test('a name search forgives accents, case, apostrophes and spaces', async () => {
    const cases = [
      ['chloe', ["D'Hondt Chloë"]],
      ['dhondt', ["D'Hondt Chloë"]],
      ['D HONDT', ["D'Hondt Chloë"]],
      ['chloë d’hondt', ["D'Hondt Chloë"]],
      ['zoe', ['Ghekiere Zoë']],
      ['vandenberghe lotte', ['Vandenberghe Lotte']],
      ['chloex', []],
    ];
    for (const [typed, want] of cases) {
      const res = await school.get(`${OVERVIEW}?naam=${encodeURIComponent(typed)}`);
      assert.deepEqual(names(res.text), want, typed);
      // what was typed is shown back as it was typed
      assert.ok(res.text.includes(`value="${typed.replaceAll("'", '&#39;')}"`), typed);
    }
  });

  test('the filter lives in the URL: a bookmark shows the same, links keep it', async () => {
    const url = `${OVERVIEW}?status=open&naam=e&sorteer=student&richting=af`;
    const first = await school.get(url);
    const fresh = await loggedIn(server.url, 'school');
    const again = await fresh.get(url);
    assert.deepEqual(names(again.text), names(first.text));
    assert.deepEqual(names(first.text), ['Vanhoutte Noor', 'Lefevere Febe', 'Ghekiere Zoë', 'Desmet Elise', 'Deprez Lisa', 'Callewaert Ines']);
    // the form shows the filter, the export links and the sort links carry it
    assert.match(first.text, /<input id="f-naam" name="naam" type="text" value="e"/);
    assert.match(first.text, /<option value="open" selected>/);
    assert.match(first.text, /href="\/opleidingen\/dubbele-finaliteit\/export\.csv\?status=open&amp;naam=e&amp;sorteer=student&amp;richting=af"/);
    assert.match(first.text, /href="\/opleidingen\/dubbele-finaliteit\?status=open&amp;naam=e&amp;sorteer=status"/);
    assert.match(first.text, /<a href="\/opleidingen\/dubbele-finaliteit">Wis filter<\/a>/);
    // the export of a filtered list holds just those pupils, in that order
    const csv = await download(school, `${OVERVIEW}/export.csv?status=open&naam=e&sorteer=student&richting=af`);
    assert.deepEqual(parseCsv(csv.text).records.slice(1).map((r) => `${r[0]} ${r[1]}`), names(first.text));
  });

  test('columns sort both ways, with aria-sort on the sorted one', async () => {
    const all = names((await school.get(OVERVIEW)).text);
    assert.deepEqual(all, [...all].sort(byteOrder), 'by name by default');
    const desc = await school.get(`${OVERVIEW}?sorteer=student&richting=af`);
    assert.deepEqual(names(desc.text), [...all].reverse());
    assert.match(desc.text, /<th scope="col" aria-sort="descending"><a class="sort" href="\/opleidingen\/dubbele-finaliteit">Student/);
    assert.equal((desc.text.match(/aria-sort=/g) || []).length, 1);

    const status = await school.get(`${OVERVIEW}?sorteer=status`);
    const states = tableRows(status.text).map((r) => r[1]);
    assert.deepEqual(states, [...Array(6).fill(''), ...Array(5).fill('Aanvaard'), 'Gestopt']);
    assert.match(status.text, /<th scope="col" aria-sort="ascending"><a class="sort" href="[^"]*sorteer=status&amp;richting=af">Status/);
    const statusDesc = tableRows((await school.get(`${OVERVIEW}?sorteer=status&richting=af`)).text).map((r) => r[1]);
    assert.deepEqual(statusDesc, ['Gestopt', ...Array(5).fill('Aanvaard'), ...Array(6).fill('')]);

    // pupils without a placement go last, whichever way
    for (const dir of ['', '&richting=af']) {
      const places = tableRows((await school.get(`${OVERVIEW}?sorteer=stageplek${dir}`)).text).map((r) => r[2]);
      assert.equal(places.filter(Boolean).length, 5);
      assert.ok(places.slice(0, 5).every(Boolean) && places.slice(5).every((p) => !p), dir);
    }
    const periods = tableRows((await school.get(`${OVERVIEW}?sorteer=stageperiode`)).text).map((r) => r[3].split('\n')[0]);
    assert.equal(periods[0], '11/01/2027 - 22/01/2027');
    // an unknown sort falls back to the name
    assert.deepEqual(names((await school.get(`${OVERVIEW}?sorteer=bestaat-niet`)).text), all);
  });

  test('the CSV: BOM, ";", CRLF, quoting, neutralised formulas, dd/mm/yyyy, full national numbers', async () => {
    insertTricky(server.dataDir);
    const before = Number(sql(server.dataDir, "SELECT COUNT(*) FROM audit_log WHERE action = 'students_export'"));
    const res = await download(school, OVERVIEW + '/export.csv');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
    const disposition = res.headers.get('content-disposition');
    const today = brusselsDate(Date.now() / 1000);
    assert.equal(
      disposition,
      `attachment; filename="Sint-Jozefsinstituut_Kortrijk-Dubbele_finaliteit_gezondheidszorg-${today}.csv"; ` +
        `filename*=UTF-8''Sint-Jozefsinstituut%20Kortrijk%20-%20Dubbele%20finaliteit%20gezondheidszorg%20-%20${today}.csv`,
    );
    const records = assertCsvMatches(res.text, expectedRecords(server.dataDir, 'Sint-Jozefsinstituut Kortrijk', true));
    // the tricky pupil, raw: quotes around what needs them, a quote mark before formulas
    assert.ok(res.text.includes(`'=cmd|' /C calc'!A0;"Zoë; ""Zus""";;Rue de l'Église 5;9830;Sint-Martens-Latem;`));
    assert.ok(res.text.includes(`;'+32 470 99 88 77;`));
    assert.ok(res.text.includes(`;"Lijn 1\nLijn 2; met ""aanhalingstekens""";`));
    assert.ok(res.text.includes(`;'@SUM(1+1);`));
    assert.ok(res.text.includes(`;'\tingesprongen\nen -meer\r\n`) || res.text.includes(`;"'\tingesprongen\nen -meer"\r\n`));
    const chloe = records.find((r) => r[1] === 'Chloë');
    assert.equal(chloe[HEADER.indexOf('Rijksregisternummer')], demoNationalNumber(7));
    assert.equal(chloe[HEADER.indexOf('Periode 1 startdatum')], '11/01/2027');
    const amber = records.find((r) => r[1] === 'Amber');
    assert.match(amber[HEADER.indexOf('Gestopt op')], /^\d\d\/\d\d\/\d{4}$/);
    // the export of national numbers is in the audit log, without personal data
    const audit = sqlRows(server.dataDir, "SELECT a.detail, u.email FROM audit_log a JOIN users u ON u.id = a.actor_user_id WHERE action = 'students_export' ORDER BY a.id DESC LIMIT 1")[0];
    assert.equal(Number(sql(server.dataDir, "SELECT COUNT(*) FROM audit_log WHERE action = 'students_export'")), before + 1);
    assert.equal(audit.email, 'school@stagematch.test');
    assert.equal(audit.detail, 'csv dubbele-finaliteit: 13 leerlingen, met rijksregisternummers');
  });

  test('the .xlsx: same values, bold frozen header, fitted widths, real dates', async () => {
    const res = await download(school, OVERVIEW + '/export.xlsx');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.match(res.headers.get('content-disposition'), /filename="Sint-Jozefsinstituut_Kortrijk-Dubbele_finaliteit_gezondheidszorg-\d{4}-\d\d-\d\d\.xlsx"/);
    const dir = mkdtempSync(path.join(tmpdir(), 'stagematch-xlsx-'));
    try {
      const file = path.join(dir, 'export.xlsx');
      writeFileSync(file, res.buffer);
      const { sheet, cells } = readXlsx(file);
      assert.match(sheet, /<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"\/>/);
      const widths = [...sheet.matchAll(/<col min="(\d+)" max="\d+" width="([\d.]+)"/g)].map((m) => Number(m[2]));
      assert.equal(widths.length, HEADER.length);
      HEADER.forEach((h, i) => assert.ok(widths[i] >= Math.min(h.length, 60), `${h} is wide enough`));
      assert.deepEqual(cells[0].map((c) => c.value), HEADER);
      assert.ok(cells[0].every((c) => c.bold), 'the header is bold');
      const expected = expectedRecords(server.dataDir, 'Sint-Jozefsinstituut Kortrijk', true);
      assert.equal(cells.length - 1, expected.size);
      for (const row of cells.slice(1)) {
        const want = expected.get(`${row[0].value}|${row[1].value}`);
        assert.ok(want, `unexpected pupil ${row[0].value}`);
        HEADER.forEach((h, i) => {
          const cell = row[i];
          if (h === 'Rijksregisternummer' && want[h] === null) return;
          if (!want[h]) return assert.equal(cell, undefined, `${want.Achternaam}: ${h} empty`);
          if (DATE_COLUMNS.has(h)) {
            assert.equal(cell.type, 'n', `${h} is a real date`);
            assert.equal(cell.fmt, 'dd/mm/yyyy');
            assert.equal(serialToIso(cell.value), want[h], `${want.Achternaam}: ${h}`);
          } else if (NUMBER_COLUMNS.has(h)) {
            assert.equal(cell.value, Number(want[h]), `${want.Achternaam}: ${h}`);
          } else {
            // no formula can hide in a text cell: the value is exactly what was entered
            assert.equal(cell.value, want[h], `${want.Achternaam}: ${h}`);
          }
        });
      }
      assert.ok(!/<f>/.test(sheet), 'no formulas');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // the temporary file is gone from the data folder
    assert.deepEqual(execFileSync('ls', [server.dataDir], { encoding: 'utf8' }).split('\n').filter((f) => f.startsWith('export-')), []);
  });

  test('before the results moment nothing of the answers shows, not even through sorting or exports', async () => {
    setResultsVisible(server.dataDir, false);
    try {
      const res = await school.get(OVERVIEW);
      assert.deepEqual(counts(res.text), { leerlingen: 13, 'in behandeling': 12, gestopt: 1 });
      assert.match(res.text, /De antwoorden van de diensten zie je vanaf \d\d\/\d\d\/\d{4} \d\d:\d\d\./);
      assert.ok(!res.text.includes('Aanvaard'));
      assert.ok(!res.text.includes('Familiezorg'));
      assert.ok(!res.text.includes('Griet Vanneste'));
      assert.ok(!res.text.includes('value="aanvaard"'), 'no "aanvaard" choice in the filter');
      const table = tableRows(res.text);
      assert.deepEqual(table.find((r) => r[0] === 'Verhaeghe Amber').slice(1), ['Gestopt', '', '', '', '']);
      assert.ok(table.filter((r) => r[0] !== 'Verhaeghe Amber').every((r) => r.slice(1).every((c) => c === '')));
      // sorting by the hidden columns gives the name order, so it cannot leak either
      const byName = names(res.text).filter((n) => n !== 'Verhaeghe Amber');
      for (const key of ['stageplek', 'stageperiode', 'stagementor'])
        assert.deepEqual(names((await school.get(`${OVERVIEW}?sorteer=${key}`)).text).filter((n) => n !== 'Verhaeghe Amber'), byName, key);
      assert.deepEqual(names((await school.get(`${OVERVIEW}?status=aanvaard`)).text), []);
      const csv = await download(school, OVERVIEW + '/export.csv');
      const records = assertCsvMatches(csv.text, expectedRecords(server.dataDir, 'Sint-Jozefsinstituut Kortrijk', false));
      for (const h of ['Stageplek', 'Locatie stageplek', 'Stageperiode 1 startdatum', 'Stagementor', 'Notities'])
        assert.ok(records.slice(1).every((r) => r[HEADER.indexOf(h)] === ''), h);
      assert.deepEqual(records.slice(1).map((r) => r[HEADER.indexOf('Status')]).filter(Boolean), ['Gestopt']);
    } finally {
      setResultsVisible(server.dataDir, true);
    }
  });

  test('programmes without a campaign say so; unknown programmes and other roles are refused', async () => {
    for (const code of ['7de-leerjaar', 'duaal-leren']) {
      const res = await school.get(`/opleidingen/${code}`);
      assert.equal(res.status, 200);
      assert.match(res.text, /Voor [^<]+ is er nog geen schooljaar geopend/);
      assert.ok(!res.text.includes('<table'), code);
      assert.match(res.text, /aria-current="page">(7de leerjaar verzorgende-zorgkundige|Duaal leren)</);
      assert.equal((await school.get(`/opleidingen/${code}/export.csv`)).status, 404);
      assert.equal((await school.get(`/opleidingen/${code}/export.xlsx`)).status, 404);
    }
    assert.equal((await school.get('/opleidingen/bestaat-niet')).status, 404);
    assert.equal((await school.get('/opleidingen/bestaat-niet/export.csv')).status, 404);
    const service = await loggedIn(server.url, 'service');
    assert.equal((await service.get(OVERVIEW)).status, 403);
    assert.equal((await service.get(OVERVIEW + '/export.csv')).status, 403);
    const anonymous = await new Client(server.url).get(OVERVIEW + '/export.csv');
    assert.equal(anonymous.status, 303);
  });

});

describe('many pupils', () => {
  let server, school;
  before(async () => {
    server = await startServer({ demo: 'manual' });
    // 300 more pupils for the demo school, half of them with an approved placement
    sql(
      server.dataDir,
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
       INSERT INTO students (campaign_id, school_id, contact_id, first_name, last_name, postcode, city, province,
           transport, format, period_count, hours_per_week, total_hours, created_at, updated_at)
       SELECT (SELECT id FROM campaigns), o.id, (SELECT id FROM contacts WHERE name = 'Bart Desmet'),
           'Leerling', printf('Zz%03d', i), '8500', 'Kortrijk', 'West-Vlaanderen', 8, 'blok', 1, 32, 64, 0, 0
         FROM n, organisations o WHERE o.name = 'Sint-Jozefsinstituut Kortrijk';
       INSERT INTO student_periods SELECT id, 1, '2027-01-11', '2027-01-22' FROM students WHERE first_name = 'Leerling';`,
    );
    school = await loggedIn(server.url, 'school');
  });
  after(async () => {
    await server?.stop();
  });

  test('pages of 50 with links that keep the filter and the sort', async () => {
    const first = await school.get(OVERVIEW);
    assert.equal(names(first.text).length, 50);
    assert.deepEqual(counts(first.text).leerlingen, 312);
    assert.match(first.text, /<nav class="pages" aria-label="Paginering"><p class="muted">1–50 van 312<\/p>/);
    assert.match(first.text, /<a href="\/opleidingen\/dubbele-finaliteit\?pagina=2" rel="next">Volgende<\/a>/);
    assert.match(first.text, /<a href="\/opleidingen\/dubbele-finaliteit\?pagina=7"><span class="visually-hidden">Pagina <\/span>7<\/a>/);

    const seen = [];
    for (let p = 1; p <= 7; p++) seen.push(...names((await school.get(`${OVERVIEW}?pagina=${p}`)).text));
    assert.equal(seen.length, 312);
    assert.equal(new Set(seen).size, 312, 'no pupil twice, none left out');
    assert.deepEqual(seen, [...seen].sort(byteOrder));

    const last = await school.get(`${OVERVIEW}?pagina=7`);
    assert.equal(names(last.text).length, 12);
    assert.match(last.text, /aria-current="page"><span class="visually-hidden">Pagina <\/span>7</);
    assert.match(last.text, /rel="prev">Vorige/);
    assert.ok(!last.text.includes('rel="next"'));
    // a page beyond the end shows the last one
    assert.deepEqual(names((await school.get(`${OVERVIEW}?pagina=999`)).text), names(last.text));

    const filtered = await school.get(`${OVERVIEW}?naam=Leerling&sorteer=student&richting=af&pagina=2`);
    assert.equal(names(filtered.text)[0], 'Zz250 Leerling');
    assert.match(filtered.text, /51–100 van 300/);
    assert.match(filtered.text, /href="\/opleidingen\/dubbele-finaliteit\?naam=Leerling&amp;sorteer=student&amp;richting=af&amp;pagina=3" rel="next"/);
  });

  test('the list query uses the indexes', () => {
    // The statements of the default sort, taken from the binary as they are, with their
    // parameters unbound (NULL): the pupils of one school and campaign come from the index.
    const statements = execFileSync('strings', ['-n', '400', BIN], { encoding: 'utf8' })
      .split('\n')
      .filter((s) => s.startsWith('SELECT s.id, CASE') && /ORDER BY s\.last_name, s\.first_name, s\.id LIMIT \?\d* OFFSET \?\d*$/.test(s));
    assert.equal(statements.length, 1);
    // the sqlite3 shell has no fold() (the server registers it); a function call does not change the plan
    const plan = sql(server.dataDir, 'EXPLAIN QUERY PLAN ' + statements[0].replaceAll('fold(', 'lower('));
    assert.match(plan, /SEARCH s USING INDEX students_school \(school_id=\? AND campaign_id=\?\)/);
    assert.doesNotMatch(plan, /USE TEMP B-TREE FOR ORDER BY/);
    assert.doesNotMatch(plan, /SCAN (s|p|sp\d|pp\d)\b/);
  });

  test('the export of every pupil is complete', async () => {
    const csv = await download(school, OVERVIEW + '/export.csv');
    const { records } = parseCsv(csv.text);
    assert.equal(records.length, 313);
  });
});

describe('while registration is open (demo: open)', () => {
  let server;
  before(async () => {
    server = await startServer({ demo: 'open' });
  });
  after(async () => {
    await server?.stop();
  });

  test('the page says until when pupils can be added and when the answers come', async () => {
    const school = await loggedIn(server.url, 'school');
    const res = await school.get(OVERVIEW);
    assert.equal(res.status, 200);
    assert.match(res.text, /Leerlingen toevoegen en aanpassen kan tot \d\d\/\d\d\/\d{4} \d\d:\d\d\. De antwoorden van de diensten zie je vanaf \d\d\/\d\d\/\d{4} \d\d:\d\d\./);
    assert.deepEqual(counts(res.text), { leerlingen: 12, 'in behandeling': 11, gestopt: 1 });
    // accepted pupils exist in the demo, but nothing of that shows yet
    assert.ok(Number(sql(server.dataDir, 'SELECT COUNT(*) FROM placements')) > 0);
    assert.ok(!res.text.includes('Aanvaard'));
    assert.ok(!res.text.includes('Griet Vanneste'));
  });
});
