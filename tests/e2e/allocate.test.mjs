// `stagematch allocate`: the documented example instance solved through the real binary,
// its statistics, explanations and CSV; the lottery seed; errors that name the line.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { BIN, parseCsv } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const EXAMPLE = path.resolve(here, '../../docs/allocation-example.txt');
const scratch = mkdtempSync(path.join(tmpdir(), 'stagematch-allocate-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function allocate(args) {
  return spawnSync(BIN, ['allocate', ...args], { encoding: 'utf8' });
}

test('the example instance: the most pupils placed, at the least cost, proven optimal', () => {
  const res = allocate(['--instance', EXAMPLE]);
  assert.equal(res.status, 0, res.stderr);
  // 6 places for 7 pupils; Gilles only wants Zonnehuis, so someone else gives way there.
  assert.match(res.stdout, /^Instantie: 7 leerlingen, 4 diensten, 6 plaatsen, 17 paren leerling-dienst$/m);
  assert.match(res.stdout, /^Geplaatst: 6 \(85\.7 %\)$/m);
  assert.match(res.stdout, /^ {2}voorkeur 1: 4 /m);
  assert.match(res.stdout, /^ {2}voorkeur 2: 1 /m);
  assert.match(res.stdout, /^ {2}voorkeur 3: 1 /m);
  assert.match(res.stdout, /^Niet geplaatst: 1 /m);
  assert.match(res.stdout, /^Totale kost: 3$/m);
  assert.match(res.stdout, /^Optimaal: ja/m);
});

test('--explain says per pupil why not higher or why unplaced, and per service where places went', () => {
  const res = allocate(['--instance', EXAMPLE, '--explain']);
  assert.equal(res.status, 0, res.stderr);
  assert.match(res.stdout, /^ {2}Gilles: Geplaatst bij voorkeur 1 \(Zonnehuis\)\.$/m);
  assert.match(res.stdout, /^ {2}Bram: Geplaatst bij voorkeur 2 \(Het_Anker\)\. Voorkeur 1 \(Zonnehuis\) is volzet met leerlingen die deze dienst hoger of even hoog rangschikten\.$/m);
  // Emma and Fien tie for the last place at Kinderdagverblijf_Regenboog: the lottery decides.
  assert.match(res.stdout, /^ {2}(Emma|Fien): Geen plaats: alle 2 diensten waarvoor deze leerling in aanmerking komt, zijn volzet\./m);
  assert.match(res.stdout, /^ {2}Het_Anker: 2 plaatsen, 2 bezet; voorkeur 1: 0, voorkeur 2: 1, voorkeur 3: 1, andere: 0$/m);
});

test('the same seed gives the same allocation; the CSV has a row per pupil', () => {
  const a = path.join(scratch, 'a.csv'), b = path.join(scratch, 'b.csv');
  assert.equal(allocate(['--instance', EXAMPLE, '--seed', '7', '--csv', a]).status, 0);
  assert.equal(allocate(['--instance', EXAMPLE, '--seed', '7', '--csv', b]).status, 0);
  assert.equal(readFileSync(a, 'utf8'), readFileSync(b, 'utf8'));
  const { bom, records } = parseCsv(readFileSync(a, 'utf8'));
  assert.ok(bom);
  assert.deepEqual(records[0], ['leerling', 'dienst', 'plaats', 'kost', 'uitleg']);
  assert.equal(records.length, 8);
  const unplaced = records.filter((r) => r[2] === 'niet geplaatst');
  assert.equal(unplaced.length, 1);
  assert.ok(['Emma', 'Fien'].includes(unplaced[0][0]), unplaced[0][0]);
  assert.deepEqual(unplaced[0].slice(1, 4), ['', 'niet geplaatst', '']);
});

test('a generated region is solved and certified; --write gives a file that reads back the same', () => {
  const file = path.join(scratch, 'region.txt');
  assert.equal(allocate(['--generate', '3000', '--seed', '4', '--write', file]).status, 0);
  const generated = allocate(['--generate', '3000', '--seed', '4']);
  const read = allocate(['--instance', file, '--seed', '4']);
  assert.equal(read.status, 0, read.stderr);
  const stats = (out) => out.split('\n').filter((l) => !l.startsWith('Rekentijd')).join('\n');
  assert.equal(stats(read.stdout), stats(generated.stdout));
  assert.match(read.stdout, /^Optimaal: ja/m);
});

test('a wrong file gets a Dutch message with its line and what to do', () => {
  const file = path.join(scratch, 'bad.txt');
  writeFileSync(file, 'service A 2\npupil x A B\n');
  const res = allocate(['--instance', file]);
  assert.equal(res.status, 1);
  assert.equal(res.stderr, `${file}: regel 2: onbekende dienst 'B': zet eerst een regel 'service B PLAATSEN' boven de leerlingen\n`);
  const missing = allocate([]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /Geef ofwel --instance BESTAND ofwel --generate AANTAL/);
});
