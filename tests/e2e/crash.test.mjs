// Crash safety: 200 pupils saved at once by logged-in school users, the server killed with
// SIGKILL in the middle, restarted on the same data folder. Every save that was answered
// with its redirect is there in full; nothing half-written is; the database is intact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { startServer, loggedIn, sql } from './lib.mjs';

const SAVES = 200;
const KILL_AFTER = 25; // answered saves before the kill

/** A valid national number for pupil i, born in 2006 (the demo's pupils are born 2007-2009). */
function nationalNumber(i) {
  const month = 1 + (i % 12), day = 1 + (Math.floor(i / 12) % 28), serial = 1 + Math.floor(i / 336) * 2 + 600;
  const first9 = 6 * 10000000 + month * 100000 + day * 1000 + serial;
  const check = 97 - Number((2000000000n + BigInt(first9)) % 97n);
  return String(first9).padStart(9, '0') + String(check).padStart(2, '0');
}
const formatted = (d) => `${d.slice(0, 2)}.${d.slice(2, 4)}.${d.slice(4, 6)}-${d.slice(6, 9)}.${d.slice(9)}`;

function pupil(i, contactId) {
  const two = i % 2 === 0;
  return {
    first_name: `Crash${i}`,
    last_name: `Leerling ${String(i).padStart(3, '0')}`,
    national_number: formatted(nationalNumber(i)),
    street: `Kerkstraat ${i + 1}`,
    postcode: '9000',
    city: 'Gent',
    province: 'Oost-Vlaanderen',
    phone: '0470 12 34 56',
    email: `crash${i}@leerling.test`,
    transport: two ? ['fiets', 'openbaar-vervoer'] : ['auto'],
    remarks: `Opmerking ${i}`,
    contact_id: contactId,
    format: two ? 'blok' : 'alternerend',
    period_count: two ? 2 : 1,
    hours_per_week: 32,
    total_hours: two ? 128 : 64,
    p1_start: '11/01/2027',
    p1_end: '22/01/2027',
    ...(two ? { p2_start: '15/03/2027', p2_end: '26/03/2027' } : {}),
    request_remarks: `Aanvraag ${i}`,
    preference: '',
  };
}

test('pupils answered with a redirect survive a SIGKILL in the middle of 200 concurrent saves', async (t) => {
  const first = await startServer({ demo: 'open' });
  const dir = first.dataDir;
  let second;
  try {
    const path = '/opleidingen/dubbele-finaliteit/studenten';
    // Two schools, four sessions each; every client posts with its own session's CSRF token.
    const clients = [];
    for (const who of ['school', 'school2']) {
      const contact = sql(
        dir,
        `SELECT MIN(c.id) FROM contacts c JOIN users u ON u.organisation_id = c.school_id WHERE u.email = '${who === 'school' ? 'school@stagematch.test' : 'school2@stagematch.test'}'`,
      );
      for (let k = 0; k < 4; k++) {
        const c = await loggedIn(first.url, who);
        assert.equal((await c.get(`${path}/nieuw`)).status, 200);
        clients.push({ c, contact, who });
      }
    }
    const before = Number(sql(dir, 'SELECT COUNT(*) FROM students'));

    const exited = new Promise((resolve) => first.proc.on('exit', (code, signal) => resolve(signal)));
    let answered = 0;
    let killed = false;
    const outcomes = await Promise.all(
      Array.from({ length: SAVES }, async (_, i) => {
        const { c, contact, who } = clients[i % clients.length];
        const form = pupil(i, contact);
        try {
          const res = await c.post(path, form);
          if (res.status === 303 && ++answered >= KILL_AFTER && !killed) {
            killed = true;
            first.proc.kill('SIGKILL');
          }
          return { i, form, who, status: res.status };
        } catch (e) {
          return { i, form, who, status: 'no answer' };
        }
      }),
    );
    if (!killed) first.proc.kill('SIGKILL');
    assert.equal(await exited, 'SIGKILL');

    const saved = outcomes.filter((o) => o.status === 303);
    const lost = outcomes.filter((o) => o.status !== 303);
    assert.ok(saved.length >= KILL_AFTER, `answered: ${saved.length}`);
    assert.ok(lost.length > 0, 'the kill came after every save was answered: nothing was tested');
    for (const o of lost) assert.equal(o.status, 'no answer', `save ${o.i} answered ${o.status}`);
    t.diagnostic(`${saved.length} saves answered with 303 before the SIGKILL, ${lost.length} without an answer`);

    // Restart on the same folder: the database opens, and is whole.
    second = await startServer({ dataDir: dir });
    assert.equal(sql(dir, 'PRAGMA integrity_check'), 'ok');
    assert.equal(sql(dir, 'PRAGMA foreign_key_check'), '');
    assert.equal(
      sql(dir, 'SELECT COUNT(*) FROM students s WHERE period_count <> (SELECT COUNT(*) FROM student_periods p WHERE p.student_id = s.id)'),
      '0',
      'a pupil without (all of) its periods',
    );
    const after = Number(sql(dir, 'SELECT COUNT(*) FROM students'));
    assert.ok(after - before >= saved.length && after - before <= SAVES, `${after - before} new pupils`);
    assert.equal(Number(sql(dir, "SELECT COUNT(*) FROM audit_log WHERE action = 'student_create'")), after - before);

    // Every answered save, field by field, through the school's own edit page.
    const readers = { school: await loggedIn(second.url, 'school'), school2: await loggedIn(second.url, 'school2') };
    for (const o of saved) {
      const f = o.form;
      const id = sql(dir, `SELECT id FROM students WHERE first_name = '${f.first_name}'`);
      assert.match(id, /^\d+$/, `save ${o.i} was answered but is missing`);
      const row = sql(
        dir,
        `SELECT last_name, street, postcode, city, province, phone, email, transport, remarks, format, period_count, hours_per_week, total_hours, request_remarks, contact_id FROM students WHERE id = ${id}`,
      );
      const transport = f.transport.map((t) => ({ auto: 1, fiets: 8, 'openbaar-vervoer': 16 })[t]).reduce((a, b) => a + b);
      assert.equal(
        row,
        [f.last_name, f.street, f.postcode, f.city, f.province, f.phone, f.email, transport, f.remarks, f.format,
          f.period_count, f.hours_per_week, f.total_hours, f.request_remarks, f.contact_id].join('|'),
      );
      const periods = sql(dir, `SELECT starts_on || '/' || ends_on FROM student_periods WHERE student_id = ${id} ORDER BY position`);
      assert.equal(periods, f.period_count === 2 ? '2027-01-11/2027-01-22\n2027-03-15/2027-03-26' : '2027-01-11/2027-01-22');
      const page = await readers[o.who].get(`/studenten/${id}`);
      assert.equal(page.status, 200);
      assert.ok(page.text.includes(`value="${f.national_number}"`), `national number of save ${o.i} does not decrypt`);
    }
  } finally {
    if (second) await second.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
