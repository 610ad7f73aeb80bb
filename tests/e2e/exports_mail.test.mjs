// What an office suite and a mail reader see: line breaks that wrap in the .xlsx (no CSV-style
// apostrophe there), and a written .eml with a Reply-To that matches the address its text gives
// and encoded subject lines folded at 76 characters.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, loggedIn, download, sql, readXlsx, parseCsv } from './lib.mjs';

let server;
before(async () => {
  server = await startServer({ demo: 'open' });
});
after(async () => {
  await server?.stop();
});

const one = (query) => sql(server.dataDir, query);

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
  sql(server.dataDir, `UPDATE students SET remarks = 'Eerste regel' || char(13, 10) || 'tweede regel',
    request_remarks = '=1+1' WHERE id = ${pupil}`);

  const client = await loggedIn(server.url, 'school');
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
  sql(server.dataDir, `UPDATE placements SET notes = 'Start om 8u' || char(13, 10) || 'badge aan onthaal' WHERE student_id = ${placed}`);
  const interns = cellsOf((await download(await loggedIn(server.url, 'service'), '/stagiairs/export.xlsx')).buffer);
  const notes = rowOf(interns, one(`SELECT last_name FROM students WHERE id = ${placed}`))[column(interns, 'Notities')];
  assert.deepEqual([notes.value, notes.wrap], ['Start om 8u\nbadge aan onthaal', true]);
});
