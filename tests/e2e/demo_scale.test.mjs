// `stagematch demo --scale N`: the generated data set that make bench measures. Small
// here (600 pupils); what a school and a service see of it, through HTTP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run, sql, startServer, loggedIn } from './lib.mjs';

/** The mod-97 check of a Belgian national number (born before or from 2000). */
function nationalNumberValid(formatted) {
  const d = formatted.replace(/\D/g, '');
  if (d.length !== 11) return false;
  const first9 = BigInt(d.slice(0, 9));
  const check = Number(d.slice(9));
  return check === 97 - Number(first9 % 97n) || check === 97 - Number((2000000000n + first9) % 97n);
}

test('demo --scale: schools and services with logins, the bench school with 50 pupils, every pupil complete', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'stagematch-scale-'));
  try {
    run(['init', '--data', dir]);
    const out = run(['demo', '--data', dir, '--open', '--scale', '600', '--schools', '5', '--services', '3']);
    assert.match(out, /600 leerlingen, 5 scholen/);
    assert.throws(() => run(['demo', '--data', dir, '--scale', '10']), /bevat al gebruikers/);
    assert.throws(() => run(['demo', '--data', dir, '--schools', '3']), /horen bij --scale/);

    assert.equal(sql(dir, 'SELECT COUNT(*) FROM students'), '600');
    assert.equal(sql(dir, "SELECT COUNT(*) FROM users WHERE email LIKE '%@bench.test'"), '9'); // 5 + 3 + admin
    assert.equal(
      sql(dir, 'SELECT COUNT(*) FROM students s WHERE NOT EXISTS (SELECT 1 FROM student_periods p WHERE p.student_id = s.id)'),
      '0',
    );
    assert.equal(sql(dir, 'SELECT COUNT(*) FROM students WHERE period_count <> (SELECT COUNT(*) FROM student_periods WHERE student_id = students.id)'), '0');
    const accepted = Number(sql(dir, 'SELECT COUNT(*) FROM placements'));
    const stopped = Number(sql(dir, 'SELECT COUNT(*) FROM students WHERE stopped_at IS NOT NULL'));
    assert.ok(accepted > 120 && accepted < 300, `accepted: ${accepted}`);
    assert.ok(stopped > 3 && stopped < 50, `stopped: ${stopped}`);

    const server = await startServer({ dataDir: dir });
    try {
      const school = await loggedIn(server.url, 'school1@bench.test');
      const overview = await school.get('/opleidingen/dubbele-finaliteit');
      assert.equal(overview.status, 200);
      assert.match(overview.text, /<strong>50<\/strong> leerlingen/);

      // The school's own export: every national number decrypts to a valid, distinct number.
      const csv = await school.get('/opleidingen/dubbele-finaliteit/export.csv');
      assert.equal(csv.status, 200);
      const lines = csv.text.replace(/^\uFEFF/, '').trim().split(/\r\n/);
      const header = lines[0].split(';');
      const nnColumn = header.indexOf('Rijksregisternummer');
      assert.ok(nnColumn >= 0, header.join(';'));
      const numbers = lines.slice(1).map((l) => l.split(';')[nnColumn]);
      assert.equal(numbers.length, 50);
      assert.ok(numbers.every(nationalNumberValid), numbers.join(' '));
      assert.equal(new Set(numbers).size, 50);

      const other = await loggedIn(server.url, 'school2@bench.test');
      assert.match((await other.get('/opleidingen/dubbele-finaliteit')).text, /<strong>138<\/strong> leerlingen/); // 550 / 4, rounded up

      const service = await loggedIn(server.url, 'dienst1@bench.test');
      const list = await service.get('/aanvragen');
      assert.equal(list.status, 200);
      const found = Number(list.text.match(/(\d+) aanvragen gevonden/)[1]);
      assert.equal(found, 600 - stopped);
      await loggedIn(server.url, 'admin@bench.test');
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
