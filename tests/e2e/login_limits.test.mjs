// Login limits end to end: attempts counted before hashing (parallel attempts cannot get
// past the limit), a lockout per account AND client address (an attacker elsewhere cannot
// lock a user out), the "nog niet geactiveerd" answer costing what a wrong password costs,
// the hashing queue's fast 503, and old password hashes renewed at login.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { startServer, Client, loggedIn, sql, LOGINS, DEMO_PASSWORD } from './lib.mjs';

let server;
before(async () => {
  // 8 hashing threads, as in the review; addresses from X-Forwarded-For.
  server = await startServer({ demo: 'open', args: ['--password-slots', '8', '--trust-proxy'] });
});
after(async () => {
  await server?.stop();
});

/** A login from client address ip (X-Forwarded-For, the server trusts its proxy). */
async function loginFrom(ip, email, password) {
  const c = new Client(server.url);
  await c.get('/login', { headers: { 'x-forwarded-for': ip } });
  return c.post('/login', { email, password }, { headers: { 'x-forwarded-for': ip } });
}

const audits = (action, detail = '') =>
  Number(sql(server.dataDir, `SELECT COUNT(*) FROM audit_log WHERE action = '${action}'${detail}`));

test('40 parallel wrong passwords from one address get at most 5 real password checks', async () => {
  const email = LOGINS.service2;
  const before = audits('login_failed', " AND detail = ''");
  const answers = await Promise.all(
    Array.from({ length: 40 }, (_, i) => loginFrom('192.0.2.10', email, 'fout-wachtwoord-' + i)));
  const statuses = answers.map((a) => a.status);
  const checked = statuses.filter((s) => s === 401).length;
  const throttled = statuses.filter((s) => s === 429).length;
  assert.equal(checked, 5, `real checks: ${statuses.join(',')}`);
  assert.equal(throttled, 35, `throttled: ${statuses.join(',')}`);
  assert.equal(audits('login_failed', " AND detail = ''") - before, 5, 'five failures audited against the account');
  sql(server.dataDir, 'DELETE FROM throttle');
});

test('failures from another address do not lock the user out; the short lockout is per account and address', async () => {
  const email = LOGINS.school2;
  for (let i = 0; i < 5; i++) assert.equal((await loginFrom('198.51.100.7', email, 'aanvaller-' + i)).status, 401);
  const attacker = await loginFrom('198.51.100.7', email, DEMO_PASSWORD);
  assert.equal(attacker.status, 429, 'the attacking address is locked out, even with the right password');
  assert.match(attacker.text, /Te veel mislukte pogingen/);
  const user = await loginFrom('203.0.113.20', email, DEMO_PASSWORD);
  assert.equal(user.status, 303, 'the real user, from her own address, logs in');
  sql(server.dataDir, 'DELETE FROM throttle');
});

test('a much higher per-account ceiling stops guessing spread over many addresses', async () => {
  const email = LOGINS.service;
  // 50 failures from 50 addresses (the ceiling); counted as a real attacker would cause them.
  for (let batch = 0; batch < 5; batch++)
    await Promise.all(Array.from({ length: 10 }, (_, i) =>
      loginFrom(`10.1.${batch}.${i + 1}`, email, 'gok-' + batch + '-' + i)));
  const next = await loginFrom('10.2.0.1', email, DEMO_PASSWORD);
  assert.equal(next.status, 429, 'the 51st attempt in the window is refused');
  sql(server.dataDir, 'DELETE FROM throttle');
  assert.equal((await loginFrom('10.2.0.1', email, DEMO_PASSWORD)).status, 303);
});

test('"nog niet geactiveerd" on /login counts and audits like a wrong password', async () => {
  const admin = await loggedIn(server.url, 'admin');
  const page = await admin.get('/beheer/gebruikers');
  const org = page.text.match(/<option value="(\d+)"[^>]*>Gezinszorg Antwerpen \(/)[1];
  const email = 'nog-niet@dienst.be';
  assert.equal((await admin.post('/beheer/gebruikers', { email, name: 'Nog Niet', org })).status, 303);

  const counted = " AND COALESCE(detail, '') <> 'throttled'";
  const failuresBefore = audits('login_failed', counted);
  const invited = [], wrong = [];
  for (let i = 0; i < 6; i++) invited.push((await loginFrom('192.0.2.50', email, 'om het even ' + i)).status);
  for (let i = 0; i < 6; i++) wrong.push((await loginFrom('192.0.2.51', LOGINS.school, 'fout ' + i)).status);
  // The manual's question stays, five times; the sixth is throttled, exactly as for a wrong password.
  assert.deepEqual(invited, [200, 200, 200, 200, 200, 429]);
  assert.deepEqual(wrong, [401, 401, 401, 401, 401, 429]);
  const asked = await loginFrom('192.0.2.52', email, 'nog eens');
  assert.match(asked.text, /Je account is nog niet geactiveerd\. Moet de activatiemail opnieuw verstuurd worden\?/);
  assert.equal(audits('login_failed', counted) - failuresBefore, 5 + 5 + 1, 'every counted attempt is audited');
  sql(server.dataDir, 'DELETE FROM throttle');
});

test('a password hash made with older argon2id parameters is renewed at the next login', async () => {
  // "stagematch-demo" hashed with 8 MiB and 3 passes (crypto_pwhash_str); today: 19 MiB, 2 passes.
  const old = '$argon2id$v=19$m=8192,t=3,p=1$0C12Br7jaMYksL+WrmFigw$5dphR3JhP28TsMKe/ZkivjSSLR9LjDjfGuvvIwDSqiw';
  const email = LOGINS.service2;
  sql(server.dataDir, `UPDATE users SET password_hash = '${old}' WHERE email = '${email}'`);
  assert.equal((await loginFrom('192.0.2.60', email, DEMO_PASSWORD)).status, 303);
  const now = sql(server.dataDir, `SELECT password_hash FROM users WHERE email = '${email}'`);
  assert.notEqual(now, old);
  assert.match(now, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  assert.equal((await loginFrom('192.0.2.60', email, DEMO_PASSWORD)).status, 303, 'the new hash works');
  assert.equal(sql(server.dataDir, `SELECT password_hash FROM users WHERE email = '${email}'`), now,
    'a current hash is left alone');
});

test('when the login queue is full the answer is a fast 503 in Dutch', async () => {
  // One hashing thread, a queue of one. The test holds the database's write lock, so the
  // login on the hashing thread waits (it counts the attempt first) and the queue fills.
  const tiny = await startServer({ demo: 'open', args: ['--password-slots', '1', '--login-queue', '1'] });
  // -bail and a busy timeout: 'locked' is printed only once the lock is really held.
  const lock = spawn('sqlite3', ['-bail', '-cmd', '.timeout 10000', path.join(tiny.dataDir, 'stagematch.db')],
    { stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    const clients = await Promise.all(Array.from({ length: 5 }, async () => {
      const c = new Client(tiny.url);
      await c.get('/login');
      return c;
    }));
    lock.stdin.write('BEGIN EXCLUSIVE;\nSELECT \'locked\';\n');
    await new Promise((resolve) => lock.stdout.once('data', resolve));
    // At most two logins are held (one on the thread, one queued): of five, three or more are refused.
    const pending = clients.map((c) => c.post('/login', { email: LOGINS.school, password: DEMO_PASSWORD }));
    const settled = [];
    const refused = [];
    for (const p of pending) p.then((res) => settled.push(res));
    while (refused.length < 3) {
      await new Promise((r) => setTimeout(r, 20));
      refused.splice(0, refused.length, ...settled.filter((res) => res.status === 503));
    }
    for (const res of refused) {
      assert.match(res.text, /Te veel aanmeldingen tegelijk, probeer over een minuut opnieuw\./);
      assert.equal(res.headers.get('retry-after'), '60');
    }
    lock.stdin.end('ROLLBACK;\n');
    const all = await Promise.all(pending);
    assert.equal(all.filter((res) => res.status === 503).length >= 3, true);
    assert.ok(all.some((res) => res.status === 303), 'the held logins go through once the database is free');
  } finally {
    lock.kill();
    await tiny.stop();
  }
});
