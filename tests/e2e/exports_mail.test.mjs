// What an office suite and a mail reader see: line breaks that wrap in the .xlsx (no CSV-style
// apostrophe there), and a written .eml with a Reply-To that matches the address its text gives
// and encoded subject lines folded at 76 characters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serverForFile, startServer, Client, loggedIn, download, sql, readXlsx, parseCsv } from './lib.mjs';

const run = serverForFile({ demo: 'open' });
const one = run.one;

function cellsOf(buffer) {
  const dir = mkdtempSync(path.join(tmpdir(), 'stagematch-xlsx-'));
  try {
    const file = path.join(dir, 'export.xlsx');
    writeFileSync(file, buffer);
    return readXlsx(file).cells;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const column = (cells, header) => cells[0].findIndex((c) => c.value === header);
const rowOf = (cells, lastName) => cells.find((r) => r[column(cells, 'Achternaam')]?.value === lastName);

test('.xlsx: remarks and notes with line breaks (as a browser posts them, CRLF) wrap, one line per line; no apostrophe before a formula-like text', async () => {
  const school = one("SELECT id FROM organisations WHERE name = 'Sint-Jozefsinstituut Kortrijk'");
  const pupil = one(`SELECT s.id FROM students s JOIN campaigns c ON c.id = s.campaign_id
    JOIN programmes p ON p.id = c.programme_id WHERE s.school_id = ${school} AND p.code = 'dubbele-finaliteit' ORDER BY s.id LIMIT 1`);
  const lastName = one(`SELECT last_name FROM students WHERE id = ${pupil}`);
  sql(run.server.dataDir, `UPDATE students SET remarks = 'Eerste regel' || char(13, 10) || 'tweede regel',
    request_remarks = '=1+1' WHERE id = ${pupil}`);

  const client = await loggedIn(run.server.url, 'school');
  const xlsx = await download(client, '/opleidingen/dubbele-finaliteit/export.xlsx');
  assert.equal(xlsx.status, 200);
  const cells = cellsOf(xlsx.buffer);
  const row = rowOf(cells, lastName);
  const remarks = row[column(cells, 'Opmerkingen leerling')];
  assert.equal(remarks.value, 'Eerste regel\ntweede regel', 'a line break, not a literal _x000D_');
  assert.equal(remarks.wrap, true, 'the cell wraps its lines');
  assert.equal(row[column(cells, 'Achternaam')].wrap, false, 'a cell of one line keeps the plain style');
  const formulaLike = row[column(cells, 'Opmerkingen stage')];
  assert.deepEqual([formulaLike.value, formulaLike.type], ['=1+1', 'inlineStr'], 'text as typed, no apostrophe, no formula');

  // The CSV keeps its guard: Excel would run a cell that starts with "=".
  const csv = parseCsv((await download(client, '/opleidingen/dubbele-finaliteit/export.csv')).text).records;
  const csvRow = csv.find((r) => r[csv[0].indexOf('Achternaam')] === lastName);
  assert.equal(csvRow[csv[0].indexOf('Opmerkingen stage')], "'=1+1");

  const service = one("SELECT id FROM organisations WHERE name = 'Familiezorg West-Vlaanderen'");
  const placed = one(`SELECT student_id FROM placements WHERE service_id = ${service} ORDER BY id LIMIT 1`);
  sql(run.server.dataDir, `UPDATE placements SET notes = 'Start om 8u' || char(13, 10) || 'badge aan onthaal' WHERE student_id = ${placed}`);
  const interns = cellsOf((await download(await loggedIn(run.server.url, 'service'), '/stagiairs/export.xlsx')).buffer);
  const notes = rowOf(interns, one(`SELECT last_name FROM students WHERE id = ${placed}`))[column(interns, 'Notities')];
  assert.deepEqual([notes.value, notes.wrap], ['Start om 8u\nbadge aan onthaal', true]);
});

// ---- Mail, as written to DATA/mail/*.eml (no SMTP server) and read by Python's email package ----

const PARSE_EML = `
import email, json, sys
from email import policy
raw = open(sys.argv[1], 'rb').read()
msg = email.message_from_bytes(raw, policy=policy.default)
defects = [str(d) for part in msg.walk() for d in part.defects]
for name in ('subject', 'reply-to', 'from', 'to'):
    defects += [name + ': ' + str(d) for d in msg[name].defects]
print(json.dumps({'head': raw.split(b'\\r\\n\\r\\n', 1)[0].decode('ascii'), 'subject': str(msg['subject']),
                  'reply_to': str(msg['reply-to']), 'reply_to_address': msg['reply-to'].addresses[0].addr_spec,
                  'body': msg.get_content(), 'defects': defects}))
`;

/** Invites a user of `org` and returns the written .eml as Python's email package reads it. */
async function invitationEml(srv, email, org) {
  const admin = await loggedIn(srv.url, 'admin');
  const orgId = sql(srv.dataDir, `SELECT id FROM organisations WHERE name = '${org}'`);
  await admin.get('/beheer/gebruikers'); // the form's CSRF token
  const res = await admin.post('/beheer/gebruikers', { email, name: '', org: orgId });
  assert.equal(res.status, 303, res.text.slice(0, 2000));
  const id = sql(srv.dataDir, `SELECT id FROM outbox WHERE to_address = '${email}'`);
  const file = path.join(srv.dataDir, 'mail', `outbox-${String(id).padStart(6, '0')}.eml`);
  // The delivery job writes it within a few seconds; wait for the outbox to say so.
  for (const until = Date.now() + 20000; sql(srv.dataDir, `SELECT state FROM outbox WHERE id = ${id}`) !== 'sent';) {
    assert.ok(Date.now() < until, 'the mail was not written within 20 s');
    await sleep(100);
  }
  assert.ok(existsSync(file), `${file} written`);
  return JSON.parse(execFileSync('python3', ['-c', PARSE_EML, file], { encoding: 'utf8' }));
}

test('.eml: the Reply-To is the address the text tells people to mail (and the pages show); an encoded subject is folded at 76', async () => {
  const org = 'Thuiszorg Oost-Vlaanderen – Afdeling Gezinszorg en Aanvullende Thuiszorg (Één team)';
  sql(run.server.dataDir, `UPDATE organisations SET name = '${org}' WHERE name = 'Thuiszorg Oost-Vlaanderen'`);
  const mail = await invitationEml(run.server, 'nieuwe.planner@thuiszorg.test', org);
  assert.deepEqual(mail.defects, []);
  assert.equal(mail.subject, `Uitnodiging voor stagematch – ${org}`, 'the encoded words decode to the subject');
  const subjectLines = mail.head.match(/^Subject: .*(\r\n[ \t].*)*/m)[0].split('\r\n');
  assert.ok(subjectLines.length > 1, 'a subject this long is folded');
  for (const line of mail.head.split('\r\n').filter((l) => l.includes('=?')))
    assert.ok(line.length <= 76, `a line with encoded words of ${line.length} characters: ${line}`);

  // Without a setting: the coordinators' address, in the Reply-To, the mail's text and every page.
  assert.equal(mail.reply_to, 'stages@vivosocialprofit.org');
  assert.match(mail.body, /Vragen\? Mail stages@vivosocialprofit\.org of bel/);
  assert.match((await new Client(run.server.url).get('/login')).text, /Vragen\? Mail <a href="mailto:stages@vivosocialprofit\.org">/);

  // mail_reply_to changes all of them together.
  const other = await startServer({ demo: 'open', args: ['--mail-reply-to', 'Stages Vlaanderen <vragen@stages.test>'] });
  try {
    const changed = await invitationEml(other, 'planner@familiezorg.test', 'Familiezorg West-Vlaanderen');
    assert.deepEqual(changed.defects, []);
    assert.equal(changed.reply_to, 'Stages Vlaanderen <vragen@stages.test>');
    assert.equal(changed.reply_to_address, 'vragen@stages.test');
    assert.match(changed.body, /Vragen\? Mail vragen@stages\.test of bel/);
    assert.doesNotMatch(changed.body, /vivosocialprofit/);
    const page = (await new Client(other.url).get('/login')).text;
    assert.match(page, /Vragen\? Mail <a href="mailto:vragen@stages\.test">vragen@stages\.test<\/a>/);
  } finally {
    await other.stop();
  }
});
