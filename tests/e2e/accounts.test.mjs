// Accounts end to end: invitations, activation, a new activation mail, password reset,
// the admin screens "Gebruikers" and "Uitgaande e-mail", and real mail delivery to a real
// SMTP server (tests/e2e/smtp_sink.py on Debian's python3-aiosmtpd).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, Client, loggedIn, sql, run, LOGINS, DEMO_PASSWORD, launchBrowser, browserLogin, screenshot, axeViolations } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SMTP_USER = 'stagematch';
const SMTP_PASSWORD = 'sink-geheim-123';
const NEW_PASSWORD = 'een lange zin als wachtwoord';

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Starts the SMTP sink on a free port; returns { port, dir, mails(), waitFor(), stop() }. */
async function startSink() {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'stagematch-smtp-'));
  const proc = spawn('/usr/bin/python3', [path.join(here, 'smtp_sink.py'), '--port', String(port), '--dir', dir,
    '--user', SMTP_USER, '--password', SMTP_PASSWORD], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr.on('data', (d) => (err += d));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('SMTP sink did not start:\n' + err)), 10000);
    proc.stdout.on('data', (d) => {
      if (String(d).includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    proc.on('exit', (code) => reject(new Error(`SMTP sink exited (${code}):\n${err}`)));
  });
  const sink = {
    port,
    dir,
    /** Every message received so far, as the sink's JSON (decoded by Python's e-mail parser). */
    mails() {
      return readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
        .map((f) => ({ file: f, ...JSON.parse(readFileSync(path.join(dir, f), 'utf8')) }));
    },
    to(address) {
      return sink.mails().filter((m) => m.rcpt_tos.includes(address));
    },
    /** Waits until `count` messages for address have arrived; returns the last one. */
    async waitFor(address, count = 1, timeout = 10000) {
      const until = Date.now() + timeout;
      while (Date.now() < until) {
        const got = sink.to(address);
        if (got.length >= count) return got[count - 1];
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`no mail #${count} for ${address} within ${timeout} ms; have: ` +
        sink.mails().map((m) => m.rcpt_tos.join(',') + ' ' + m.headers.subject).join('; '));
    },
    reject(on) {
      const f = path.join(dir, 'reject');
      if (on) writeFileSync(f, '');
      else rmSync(f, { force: true });
    },
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => (proc.exitCode !== null ? r() : proc.on('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return sink;
}

/** The path of the link in a mail body, e.g. /activeren/<token>. */
function linkIn(body, prefix) {
  const m = body.match(new RegExp(`https?://[^/\\s]+(${prefix}[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])`));
  assert.ok(m, `no ${prefix} link in:\n${body}`);
  return m[1];
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls check() until it returns something truthy (or fails after timeout ms). */
async function eventually(check, what, timeout = 10000) {
  const until = Date.now() + timeout;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > until) assert.fail('timed out waiting for ' + what);
    await sleep(100);
  }
}

/** The <tr> of one outbox row on the "Uitgaande e-mail" page. */
function mailRow(page, id) {
  const m = page.match(new RegExp(`<tr id="mail-${id}">.*?</tr>`));
  assert.ok(m, `no row for outbox ${id}`);
  return m[0];
}

/** The id of an organisation from the invitation form's select. */
function orgId(page, name) {
  const m = page.match(new RegExp(`<option value="(\\d+)"[^>]*>${name} \\(`));
  assert.ok(m, `organisation ${name} not in the select`);
  return m[1];
}

async function invite(admin, email, name, org) {
  const page = await admin.get('/beheer/gebruikers');
  const res = await admin.post('/beheer/gebruikers', { email, name, org: orgId(page.text, org) });
  assert.equal(res.status, 303, res.text.slice(0, 3000));
  return res;
}

function audits(dataDir, action) {
  return Number(sql(dataDir, `SELECT COUNT(*) FROM audit_log WHERE action = '${action}'`));
}

const userId = (dataDir, email) => sql(dataDir, `SELECT id FROM users WHERE email = '${email}'`);

let server, sink, admin;
before(async () => {
  sink = await startSink();
  process.env.STAGEMATCH_SMTP_PASSWORD = SMTP_PASSWORD;
  server = await startServer({
    demo: 'open',
    // The sink speaks no TLS: STARTTLS is switched off on purpose (hardening.test.mjs shows the default refuses).
    args: ['--smtp-url', `smtp://127.0.0.1:${sink.port}`, '--smtp-require-tls=no', '--smtp-user', SMTP_USER,
      '--mail-reply-to', 'Stages VIVO <stages@vivosocialprofit.org>'],
  });
  delete process.env.STAGEMATCH_SMTP_PASSWORD;
  admin = await loggedIn(server.url, 'admin');
});
after(async () => {
  await server?.stop();
  await sink?.stop();
});

test('the coordinator invites a user; the mail arrives over SMTP; the link activates the account', async () => {
  await invite(admin, '  Zoe.Peeters@School.BE ', 'Zoë Peeters', 'Sint-Jozefsinstituut Kortrijk');
  const list = await admin.get('/beheer/gebruikers');
  assert.match(list.text, /Uitnodiging verstuurd naar zoe\.peeters@school\.be/);
  assert.match(list.text, /<td>zoe\.peeters@school\.be<\/td><td><span class="badge badge-pref">uitgenodigd/);

  const mail = await sink.waitFor('zoe.peeters@school.be');
  assert.equal(mail.authenticated, true, 'logged in to the SMTP server with --smtp-user and the password');
  assert.equal(mail.mail_from, 'info@stagematching.org');
  assert.equal(mail.headers.subject, 'Uitnodiging voor stagematch – Sint-Jozefsinstituut Kortrijk');
  assert.equal(mail.headers.from, 'stagematch <info@stagematching.org>');
  assert.equal(mail.headers['reply-to'], 'Stages VIVO <stages@vivosocialprofit.org>');
  assert.equal(mail.headers.to, 'zoe.peeters@school.be');
  assert.equal(mail.headers['mime-version'], '1.0');
  assert.match(mail.headers.date, /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0[12]00$/);
  assert.match(mail.headers['message-id'], /^<stagematch\.\d+\.\d+@stagematching\.org>$/);
  assert.equal(mail.content_type, 'text/plain');
  assert.equal(mail.charset, 'utf-8');
  assert.equal(mail.transfer_encoding, 'quoted-printable');
  assert.deepEqual(mail.defects, []);
  assert.ok(mail.longest_line <= 78, `line of ${mail.longest_line} characters`);
  assert.equal(mail.bare_lf, false);
  assert.match(mail.body, /^Dag Zoë Peeters,/);
  assert.match(mail.body, /Activeer: http/);
  assert.match(mail.body, /7 dagen geldig/);
  const link = linkIn(mail.body, '/activeren/');
  assert.equal(audits(server.dataDir, 'user_invite'), 1);

  const visitor = new Client(server.url);
  const page = await visitor.get(link);
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1>Account activeren<\/h1>/);
  assert.match(page.text, /value="zoe\.peeters@school\.be" readonly/);
  assert.match(page.text, /Sint-Jozefsinstituut Kortrijk/);

  const short = await visitor.post(link, { name: 'Zoë P.', password: 'kort', repeat: 'kort' });
  assert.equal(short.status, 200);
  assert.match(short.text, /Kies een wachtwoord van minstens 12 tekens/);
  assert.match(short.text, /id="f-name" name="name" type="text" value="Zoë P\."/, 'the name typed is kept');
  const common = await visitor.post(link, { name: 'Zoë P.', password: '123QWE123qwe', repeat: '123QWE123qwe' });
  assert.match(common.text, /Dit wachtwoord wordt te vaak gebruikt/);
  assert.match(common.text, /value="Zoë P\."/);
  const mismatch = await visitor.post(link, { name: 'Zoë P.', password: NEW_PASSWORD, repeat: NEW_PASSWORD + '!' });
  assert.match(mismatch.text, /Dit is niet hetzelfde wachtwoord/);
  assert.equal(sql(server.dataDir, "SELECT state FROM users WHERE email = 'zoe.peeters@school.be'"), 'invited');

  const done = await visitor.post(link, { name: 'Zoë P.', password: NEW_PASSWORD, repeat: NEW_PASSWORD });
  assert.equal(done.status, 303);
  assert.equal(done.location, '/opleidingen/dubbele-finaliteit');
  const landed = await visitor.get('/account');
  assert.match(landed.text, /Je account is geactiveerd/);
  assert.match(landed.text, /Zoë P\./);
  assert.equal(audits(server.dataDir, 'account_activate'), 1);

  const again = await new Client(server.url).login('ZOE.peeters@school.be', NEW_PASSWORD);
  assert.equal(again.status, 303, 'logs in with the new password (any case of the address)');

  const reused = await new Client(server.url).get(link);
  assert.equal(reused.status, 410);
  assert.match(reused.text, /Account al geactiveerd/);

  const after = await admin.get('/beheer/gebruikers?zoek=zoe');
  assert.match(after.text, /<td>zoe\.peeters@school\.be<\/td><td><span class="badge badge-ok">actief<\/span><\/td><td>\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}<\/td>/);
});

test('the invitation form keeps what was typed and refuses duplicates, bad addresses and no organisation', async () => {
  const page = await admin.get('/beheer/gebruikers');
  const org = orgId(page.text, 'Sint-Jozefsinstituut Kortrijk');
  const dup = await admin.post('/beheer/gebruikers', { email: 'SCHOOL@stagematch.test ', name: 'Dubbel', org });
  assert.equal(dup.status, 200);
  assert.match(dup.text, /Er bestaat al een gebruiker met dit e-mailadres/);
  assert.match(dup.text, /value="Dubbel"/);
  const bad = await admin.post('/beheer/gebruikers', { email: 'geen-adres', name: 'Fout', org: '' });
  assert.match(bad.text, /Geef een geldig e-mailadres in/);
  assert.match(bad.text, /Maak een keuze/);
  assert.match(bad.text, /value="geen-adres"/);
  const noOrg = await admin.post('/beheer/gebruikers', { email: 'x@school.be', name: '', org: '99999' });
  assert.match(noOrg.text, /Kies een organisatie uit de lijst/);
  assert.equal(sql(server.dataDir, "SELECT COUNT(*) FROM users WHERE email IN ('geen-adres', 'x@school.be')"), '0');
});

test('logging in to an invited account asks to resend the activation mail; OK sends a new link; it is throttled', async () => {
  const email = 'wachtend@dienst.be';
  await invite(admin, email, 'Wachtend', 'Gezinszorg Antwerpen');
  const first = linkIn((await sink.waitFor(email, 1)).body, '/activeren/');

  const c = new Client(server.url);
  const asked = await c.login(email, 'om het even wat');
  assert.equal(asked.status, 200);
  assert.match(asked.text, /Je account is nog niet geactiveerd\. Moet de activatiemail opnieuw verstuurd worden\?/);
  assert.match(asked.text, /<form method="post" action="\/activatiemail"/);
  assert.match(asked.text, /<button type="submit" class="btn btn-primary">OK<\/button>/);
  const ok = await c.post('/activatiemail', { email });
  assert.equal(ok.status, 303);
  assert.equal(ok.location, '/login');
  assert.match((await c.get('/login')).text, /is er een nieuwe activatiemail onderweg/);
  const second = linkIn((await sink.waitFor(email, 2)).body, '/activeren/');
  assert.notEqual(second, first);

  const old = await new Client(server.url).get(first);
  assert.equal(old.status, 410);
  assert.match(old.text, /Activatielink vervangen/);
  assert.equal((await new Client(server.url).get(second)).status, 200);

  // Within 5 minutes: the same answer, but no new mail.
  const c2 = new Client(server.url);
  await c2.login(email, 'nog iets anders');
  const throttled = await c2.post('/activatiemail', { email });
  assert.equal(throttled.status, 303);
  assert.match((await c2.get('/login')).text, /is er een nieuwe activatiemail onderweg/);
  await sleep(3000);
  assert.equal(sink.to(email).length, 2, 'no third mail within the throttle window');
  assert.equal((await new Client(server.url).get(second)).status, 200, 'the last link still works');

  // Once the window has passed, OK sends again.
  sql(server.dataDir, 'UPDATE throttle SET window_start = window_start - 301');
  const c3 = new Client(server.url);
  await c3.login(email, 'derde poging');
  await c3.post('/activatiemail', { email });
  await sink.waitFor(email, 3);
  assert.equal(audits(server.dataDir, 'activation_resend'), 2);
});

test('an expired activation link gets a clear page that sends a new mail', async () => {
  const email = 'laat@school.be';
  await invite(admin, email, '', 'Sint-Jozefsinstituut Kortrijk');
  const link = linkIn((await sink.waitFor(email, 1)).body, '/activeren/');
  assert.match((await sink.waitFor(email, 1)).body, /^Dag,/);
  sql(server.dataDir, `UPDATE tokens SET expires_at = strftime('%s','now') - 1 WHERE user_id = ${userId(server.dataDir, email)}`);
  const c = new Client(server.url);
  const page = await c.get(link);
  assert.equal(page.status, 410);
  assert.match(page.text, /Activatielink verlopen/);
  assert.match(page.text, /Stuur een nieuwe activatiemail/);
  const attempt = await c.post(link, { name: 'Laat', password: NEW_PASSWORD, repeat: NEW_PASSWORD });
  assert.equal(attempt.status, 410, 'an expired link cannot set a password');
  const token = link.split('/').pop();
  const resend = await c.post('/activatiemail', { link: token });
  assert.equal(resend.status, 303);
  const fresh = linkIn((await sink.waitFor(email, 2)).body, '/activeren/');
  const form = await c.get(fresh);
  assert.equal(form.status, 200);
  assert.match(form.text, /Account activeren/);
  // A link that never existed
  const bogus = await c.get('/activeren/' + 'A'.repeat(43));
  assert.equal(bogus.status, 404);
  assert.match(bogus.text, /Link niet geldig/);
});

test('password reset: a mail with a link, other sessions end, a mail says the password changed', async () => {
  const email = LOGINS.school2;
  const a = await loggedIn(server.url, 'school2');
  const b = await loggedIn(server.url, 'school2');
  const anon = new Client(server.url);
  const login = await anon.get('/login');
  assert.match(login.text, /<a href="\/wachtwoord-vergeten">Wachtwoord vergeten\?<\/a>/);
  const form = await anon.get('/wachtwoord-vergeten');
  assert.equal(form.status, 200);
  assert.match(form.text, /<h1>Wachtwoord vergeten\?<\/h1>/);
  const asked = await anon.post('/wachtwoord-vergeten', { email: ' School2@StageMatch.test' });
  assert.equal(asked.status, 303);
  assert.equal(asked.location, '/login');
  assert.match((await anon.get('/login')).text, /Als er een account bestaat voor school2@stagematch\.test, krijg je binnen enkele minuten een e-mail/);

  const mail = await sink.waitFor(email, 1);
  assert.equal(mail.headers.subject, 'Nieuw wachtwoord kiezen voor stagematch');
  assert.match(mail.body, /1 uur geldig/);
  const link = linkIn(mail.body, '/wachtwoord-herstellen/');
  const page = await anon.get(link);
  assert.equal(page.status, 200);
  assert.match(page.text, /Nieuw wachtwoord kiezen/);
  const short = await anon.post(link, { password: 'te kort', repeat: 'te kort' });
  assert.equal(short.status, 200);
  assert.match(short.text, /minstens 12 tekens/);
  const done = await anon.post(link, { password: NEW_PASSWORD, repeat: NEW_PASSWORD });
  assert.equal(done.status, 303);
  assert.equal(done.location, '/login');
  assert.match((await anon.get('/login')).text, /Je wachtwoord is gewijzigd/);

  for (const other of [a, b]) {
    const res = await other.get('/contactpersonen');
    assert.equal(res.status, 303, 'every session of the user has ended');
    assert.match(res.location, /^\/login/);
  }
  assert.equal((await new Client(server.url).login(email, DEMO_PASSWORD)).status, 401);
  assert.equal((await new Client(server.url).login(email, NEW_PASSWORD)).status, 303);

  const changed = await sink.waitFor(email, 2);
  assert.equal(changed.headers.subject, 'Je wachtwoord voor stagematch is gewijzigd');
  assert.match(changed.body, /Alle andere aanmeldingen met je account zijn beëindigd/);

  const reused = await anon.get(link);
  assert.equal(reused.status, 410);
  assert.match(reused.text, /Link al gebruikt/);
  assert.equal(audits(server.dataDir, 'password_reset_request'), 1);
  assert.equal(audits(server.dataDir, 'password_reset'), 1);

  // A reset link lasts one hour.
  sql(server.dataDir, 'UPDATE throttle SET window_start = window_start - 301');
  await anon.post('/wachtwoord-vergeten', { email });
  const late = linkIn((await sink.waitFor(email, 3)).body, '/wachtwoord-herstellen/');
  const expiry = sql(server.dataDir, `SELECT expires_at - created_at FROM tokens WHERE purpose = 'reset' AND used_at IS NULL`);
  assert.equal(expiry, '3600');
  sql(server.dataDir, "UPDATE tokens SET expires_at = created_at - 1 WHERE purpose = 'reset' AND used_at IS NULL");
  const expired = await anon.get(late);
  assert.equal(expired.status, 410);
  assert.match(expired.text, /Link verlopen/);
  assert.match(expired.text, /href="\/wachtwoord-vergeten"/);
});

test('"Wachtwoord vergeten?" answers the same for known and unknown addresses', async () => {
  const answer = async (email) => {
    const c = new Client(server.url);
    await c.get('/wachtwoord-vergeten');
    const res = await c.post('/wachtwoord-vergeten', { email });
    const next = await c.get(res.location);
    const flash = next.text.match(/<div class="alert alert-ok" role="status">([^<]*)<\/div>/)[1];
    return { status: res.status, location: res.location, flash: flash.replace(email, 'ADRES'), page: next.text.replace(email, 'ADRES').replace(/name="csrf" value="[^"]+"/g, '') };
  };
  const known = await answer(LOGINS.service);
  const unknown = await answer('niemand@nergens.be');
  assert.deepEqual(unknown, known);
  await sink.waitFor(LOGINS.service, 1);
  await sleep(2500);
  assert.equal(sink.to('niemand@nergens.be').length, 0);

  const c = new Client(server.url);
  await c.get('/wachtwoord-vergeten');
  const bad = await c.post('/wachtwoord-vergeten', { email: 'geen adres' });
  assert.equal(bad.status, 200);
  assert.match(bad.text, /Geef je e-mailadres in, bv\. naam@school\.be\./);
  assert.match(bad.text, /value="geen adres"/);
});

test('SMTP failures are retried with backoff; a mail that failed for good keeps no live link; a retry sends a new link', async () => {
  const email = 'later@dienst.be';
  sink.reject(true);
  let deadLink;
  try {
    await invite(admin, email, 'Later', 'Gezinszorg Antwerpen');
    const row = () => sql(server.dataDir, `SELECT id, state, attempts, next_attempt_at - strftime('%s','now'), last_error FROM outbox WHERE to_address = '${email}'`).split('|');
    await eventually(() => row()[2] !== '0', 'the first attempt');
    let [id, state, attempts, wait, error] = row();
    assert.equal(state, 'queued');
    assert.equal(attempts, '1');
    assert.ok(Number(wait) > 50 && Number(wait) <= 60, `first retry after about a minute, not ${wait} s`);
    assert.match(error, /451/);
    let screen = await admin.get('/beheer/e-mail');
    assert.match(mailRow(screen.text, id), /in wachtrij.*?nieuwe poging om.*?451/);
    deadLink = linkIn(sql(server.dataDir, `SELECT body_text FROM outbox WHERE id = ${id}`), '/activeren/');
    assert.equal((await new Client(server.url).get(deadLink)).status, 200, 'the link lives while the mail is being tried');

    // The 8th failure gives up, and the link in the mail dies with it.
    sql(server.dataDir, `UPDATE outbox SET attempts = 7, next_attempt_at = 0 WHERE id = ${id}`);
    await eventually(() => row()[1] === 'failed', 'the 8th attempt');
    [id, state, attempts] = row();
    assert.equal(state, 'failed');
    assert.equal(attempts, '8');
    screen = await admin.get('/beheer/e-mail');
    assert.match(mailRow(screen.text, id), /badge-danger">mislukt<.*action="\/beheer\/e-mail\/\d+\/opnieuw"/);
    const dead = await new Client(server.url).get(deadLink);
    assert.equal(dead.status, 410, 'a mail that failed for good keeps no live link');
    assert.equal(sql(server.dataDir, `SELECT COUNT(*) FROM tokens WHERE user_id = ${userId(server.dataDir, email)} AND used_at IS NULL`), '0');
  } finally {
    sink.reject(false);
  }
  const failedId = sql(server.dataDir, `SELECT id FROM outbox WHERE to_address = '${email}'`);
  const retry = await admin.post(`/beheer/e-mail/${failedId}/opnieuw`, {});
  assert.equal(retry.status, 303);
  assert.match((await admin.get('/beheer/e-mail')).text, /Er is een nieuwe e-mail met een nieuwe link in de wachtrij gezet/);
  const mail = await sink.waitFor(email, 1);
  assert.match(mail.body, /Activeer: /);
  const fresh = linkIn(mail.body, '/activeren/');
  assert.notEqual(fresh, deadLink);
  assert.equal((await new Client(server.url).get(fresh)).status, 200, 'the new link works');
  assert.equal((await new Client(server.url).get(deadLink)).status, 410, 'the old one stays dead');
  const id = sql(server.dataDir, `SELECT id FROM outbox WHERE to_address = '${email}'`);
  assert.notEqual(id, failedId, 'the failed mail with its dead link is replaced');
  await eventually(() => sql(server.dataDir, `SELECT state FROM outbox WHERE id = ${id}`) === 'sent', 'state sent');
  const screen = await admin.get('/beheer/e-mail');
  assert.match(mailRow(screen.text, id), /badge-ok">verstuurd</);
  assert.doesNotMatch(mailRow(screen.text, id), /opnieuw/);
  assert.equal(sql(server.dataDir, `SELECT body_text FROM outbox WHERE id = ${id}`), '', 'a sent body (with its link) is not kept');
  assert.equal(audits(server.dataDir, 'mail_retry'), 1);
  assert.equal((await admin.post('/beheer/e-mail/999999/opnieuw', {})).status, 404);
});

test('the outbox screen pages newest first', async () => {
  sql(server.dataDir, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60)
    INSERT INTO outbox (to_address, subject, body_text, state, attempts, next_attempt_at, created_at, sent_at)
    SELECT 'oud' || i || '@school.be', 'Oud bericht ' || i, '', 'sent', 1, 0, 1000000 + i, 1000000 + i FROM n`);
  const first = await admin.get('/beheer/e-mail');
  const total = Number(first.text.match(/1–50 van (\d+)/)[1]);
  assert.ok(total >= 60);
  assert.doesNotMatch(first.text, /Oud bericht 1</);
  assert.match(first.text, /rel="next"/);
  const end = await admin.get(`/beheer/e-mail?pagina=${Math.ceil(total / 50)}`);
  assert.match(end.text, /Oud bericht 1<\/td>/);
  assert.match(end.text, /12\/01\/1970 \d{2}:\d{2}/, 'times in Brussels time');
  const sent = await admin.get('/beheer/e-mail?status=sent');
  assert.match(sent.text, /<strong aria-current="page">verstuurd \(\d+\)<\/strong>/);
  assert.doesNotMatch(sent.text, /badge-danger|in wachtrij<\/span>/);
  sql(server.dataDir, "DELETE FROM outbox WHERE to_address LIKE 'oud%'");
});

test('the coordinator disables and enables a user; a disabled user cannot log in', async () => {
  const user = await loggedIn(server.url, 'service2');
  const id = userId(server.dataDir, LOGINS.service2);
  const off = await admin.post(`/beheer/gebruikers/${id}/uitschakelen`, {});
  assert.equal(off.status, 303);
  assert.equal((await user.get('/aanvragen')).status, 303, 'the running session has ended');
  assert.equal((await new Client(server.url).login(LOGINS.service2)).status, 401);
  const list = await admin.get('/beheer/gebruikers');
  assert.match(list.text, /uitgeschakeld/);
  assert.match(list.text, new RegExp(`action="/beheer/gebruikers/${id}/inschakelen"`));
  const on = await admin.post(`/beheer/gebruikers/${id}/inschakelen`, {});
  assert.equal(on.status, 303);
  assert.equal((await new Client(server.url).login(LOGINS.service2)).status, 303);
  assert.equal(audits(server.dataDir, 'user_disable'), 1);
  assert.equal(audits(server.dataDir, 'user_enable'), 1);
  const self = await admin.post(`/beheer/gebruikers/${userId(server.dataDir, LOGINS.admin)}/uitschakelen`, {});
  assert.equal(self.status, 403);
  assert.equal((await admin.post('/beheer/gebruikers/999999/uitschakelen', {})).status, 404);
});

test('only the coordinator reaches Gebruikers and Uitgaande e-mail', async () => {
  for (const who of ['school', 'service']) {
    const c = await loggedIn(server.url, who);
    assert.equal((await c.get('/beheer/gebruikers')).status, 403, who);
    assert.equal((await c.get('/beheer/e-mail')).status, 403, who);
    assert.equal((await c.post('/beheer/gebruikers', { email: 'stiekem@school.be', org: '1' })).status, 403, who);
    assert.equal((await c.post('/beheer/e-mail/1/opnieuw', {})).status, 403, who);
    assert.equal((await c.post(`/beheer/gebruikers/${userId(server.dataDir, LOGINS.admin)}/uitschakelen`, {})).status, 403, who);
  }
  const anon = new Client(server.url);
  assert.equal((await anon.get('/beheer/gebruikers')).status, 303);
  assert.equal(sql(server.dataDir, "SELECT COUNT(*) FROM users WHERE email = 'stiekem@school.be'"), '0');
  const nav = await admin.get('/beheer/gebruikers');
  assert.match(nav.text, /<a href="\/beheer\/gebruikers" aria-current="page">Gebruikers<\/a>/);
});

test('logins are audited with IP: success, failure against the account, and unknown addresses', async () => {
  const before = audits(server.dataDir, 'login_failed');
  await new Client(server.url).login(LOGINS.service, 'fout-wachtwoord');
  await new Client(server.url).login('onbekend@nergens.be', 'fout-wachtwoord');
  const rows = sql(server.dataDir, `SELECT COALESCE(actor_user_id, 0), ip FROM audit_log WHERE action = 'login_failed' ORDER BY id DESC LIMIT 2`).split('\n');
  assert.equal(audits(server.dataDir, 'login_failed'), before + 2);
  assert.deepEqual(rows, ['0|127.0.0.1', `${userId(server.dataDir, LOGINS.service)}|127.0.0.1`]);
  assert.equal(sql(server.dataDir, "SELECT ip FROM audit_log WHERE action = 'login' ORDER BY id DESC LIMIT 1"), '127.0.0.1');
  sql(server.dataDir, 'DELETE FROM throttle');
});

test('user invite on the command line: the running server delivers the invitation', async () => {
  const out = run(['user', 'invite', ' Cli.Gebruiker@School.be', '--org', 'sint-vincentiusinstituut antwerpen',
    '--name', 'Cli Gebruiker', '--data', server.dataDir, '--base-url', server.url]);
  assert.match(out, /Uitnodiging voor cli\.gebruiker@school\.be klaargezet/);
  const mail = await sink.waitFor('cli.gebruiker@school.be');
  assert.equal(mail.headers.subject, 'Uitnodiging voor stagematch – Sint-Vincentiusinstituut Antwerpen');
  const link = linkIn(mail.body, '/activeren/');
  assert.ok(mail.body.includes(server.url + link), 'the link uses --base-url');
  assert.equal((await new Client(server.url).get(link)).status, 200);

  // The server's configuration file gives the data folder, base_url and activation_days.
  const conf = path.join(server.dataDir, 'test.conf');
  writeFileSync(conf, `data = ${server.dataDir}\nbase_url = https://stages.example.org\nactivation_days = 3\n`);
  run(['user', 'invite', 'conf@school.be', '--org', '2', '--config', conf]);
  const confMail = await sink.waitFor('conf@school.be');
  assert.match(confMail.body, /Activeer: https:\/\/stages\.example\.org\/activeren\/[A-Za-z0-9_-]{43}/);
  assert.match(confMail.body, /3 dagen geldig/);

  const fails = (args) => {
    try {
      run(args);
    } catch (e) {
      return { code: e.status, stderr: e.stderr };
    }
    assert.fail('should have failed: ' + args.join(' '));
  };
  const dup = fails(['user', 'invite', 'CLI.gebruiker@school.be', '--org', '2', '--data', server.dataDir]);
  assert.equal(dup.code, 1);
  assert.match(dup.stderr, /Er bestaat al een gebruiker/);
  const unknown = fails(['user', 'invite', 'nog@school.be', '--org', 'Sint', '--data', server.dataDir]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /Er is geen actieve organisatie met de naam "Sint"/);
  assert.match(unknown.stderr, /--org \d+ +Sint-Jozefsinstituut Kortrijk \(school\)/);
  assert.match(run(['user', 'invite', '--help']), /Gebruik: stagematch user invite E-MAIL --org/);
  const badUrl = fails(['serve', '--smtp-url', 'http://mail.example.org', '--data', server.dataDir]);
  assert.equal(badUrl.code, 2);
  assert.match(badUrl.stderr, /smtp_url moet beginnen met smtp:\/\/ .* of smtps:\/\//);
});

test('in Chromium: invite, activate with a typo first, and every account page passes axe', async () => {
  const browser = await launchBrowser();
  try {
    // bypassCSP: axe-core is injected as a script, which the CSP (rightly) forbids.
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const axeClean = async (what) => {
      const violations = await axeViolations(page);
      assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], what);
    };
    await browserLogin(page, server.url, 'admin');
    await page.goto(server.url + '/beheer/gebruikers');
    await page.getByLabel('E-mail').fill('browser@school.be');
    await page.getByLabel('Naam').fill('Bram Browser');
    await page.getByLabel('Organisatie').selectOption({ label: 'Atheneum Gent (school)' });
    await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
    await page.getByText('Uitnodiging verstuurd naar browser@school.be.').waitFor();
    await axeClean('Gebruikers');
    await screenshot(page, 'accounts-gebruikers');
    await page.goto(server.url + '/beheer/e-mail');
    await page.getByRole('heading', { name: 'Uitgaande e-mail' }).waitFor();
    await axeClean('Uitgaande e-mail');
    await screenshot(page, 'accounts-uitgaande-email');

    const link = linkIn((await sink.waitFor('browser@school.be')).body, '/activeren/');
    const visitor = await browser.newContext({ bypassCSP: true });
    const p2 = await visitor.newPage();
    await p2.goto(server.url + link);
    assert.equal(await p2.getByLabel('Naam').inputValue(), 'Bram Browser');
    await p2.getByLabel('Naam').fill('Bram B.');
    await p2.getByLabel('Kies een wachtwoord').fill('te kort');
    await p2.getByLabel('Herhaal het wachtwoord').fill('te kort');
    await p2.getByRole('button', { name: 'Account activeren' }).click();
    await p2.getByText('Kies een wachtwoord van minstens 12 tekens').first().waitFor();
    assert.equal(await p2.getByLabel('Naam').inputValue(), 'Bram B.', 'the name typed is kept');
    const violations = await axeViolations(p2);
    assert.deepEqual(violations.map((v) => v.id), [], 'activation page with errors');
    await screenshot(p2, 'accounts-activeren-fout');
    await p2.getByLabel('Kies een wachtwoord').fill(NEW_PASSWORD);
    await p2.getByLabel('Herhaal het wachtwoord').fill(NEW_PASSWORD);
    await p2.getByRole('button', { name: 'Account activeren' }).click();
    await p2.getByText('Welkom! Je account is geactiveerd.').waitFor();
    assert.match(p2.url(), /\/opleidingen\/dubbele-finaliteit$/);
    await p2.getByText('Bram B.').first().waitFor();

    const anon = await (await browser.newContext({ bypassCSP: true })).newPage();
    await anon.goto(server.url + '/login');
    await anon.getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
    await anon.getByRole('heading', { name: 'Wachtwoord vergeten?' }).waitFor();
    assert.deepEqual((await axeViolations(anon)).map((v) => v.id), [], 'Wachtwoord vergeten?');
  } finally {
    await browser.close();
  }
});

test('the server log names outbox ids, never e-mail addresses or link tokens', () => {
  const log = server.logs.stderr;
  assert.match(log, /event=mail_sent outbox_id=\d+ attempt=1/);
  assert.match(log, /event=mail_failed outbox_id=\d+ attempt=1 curl_code=\d+/);
  assert.doesNotMatch(log, /[A-Za-z0-9._-]+@[A-Za-z0-9-]+\.[a-z]/, 'no e-mail address in the log');
  assert.match(log, /path=\/activeren\/\* status=200/);
  assert.doesNotMatch(log, /\/(activeren|wachtwoord-herstellen)\/[A-Za-z0-9_-]{43}/, 'no token in the log');
});

test('without --smtp-url each mail is written as an .eml file and the log points to it', async () => {
  const local = await startServer({ demo: 'open' });
  try {
    const boss = await loggedIn(local.url, 'admin');
    await invite(boss, 'eml@school.be', 'Émile', 'Sint-Jozefsinstituut Kortrijk');
    const folder = path.join(local.dataDir, 'mail');
    const file = await eventually(() => existsSync(folder) && readdirSync(folder).find((f) => f.endsWith('.eml')), 'an .eml file');
    assert.match(file, /^outbox-\d{6}\.eml$/);
    const raw = readFileSync(path.join(folder, file), 'utf8');
    assert.match(raw, /^Date: .*\r\nFrom: "stagematch" <info@stagematching\.org>\r\nReply-To: stages@vivosocialprofit\.org\r\nTo: eml@school\.be\r\nSubject: =\?UTF-8\?B\?/);
    assert.match(raw, /Content-Transfer-Encoding: quoted-printable\r\n/);
    assert.match(raw, /\r\n\r\nDag =C3=89mile,\r\n/);
    const body = raw.split('\r\n\r\n').slice(1).join('\r\n\r\n').replace(/=\r\n/g, '');
    const link = linkIn(body, '/activeren/');
    assert.equal((await new Client(local.url).get(link)).status, 200, 'the link in the .eml works');
    const id = sql(local.dataDir, "SELECT id FROM outbox WHERE to_address = 'eml@school.be'");
    await eventually(() => sql(local.dataDir, `SELECT state FROM outbox WHERE id = ${id}`) === 'sent', 'state sent');
    assert.match(local.logs.stderr, new RegExp(`event=mail_written outbox_id=${id} file=\\S+/mail/${file} link="logged to the \\.eml"`));
    const screen = await boss.get('/beheer/e-mail');
    assert.match(screen.text, /Er is geen SMTP-server ingesteld/);
    assert.doesNotMatch(local.logs.stderr, /eml@school\.be/);
  } finally {
    await local.stop();
  }
});

test('changing the password voids every open reset link and ends the other sessions, keeping this one', async () => {
  const email = LOGINS.service;
  const here = await loggedIn(server.url, 'service');
  const elsewhere = await loggedIn(server.url, 'service');
  sql(server.dataDir, 'DELETE FROM throttle');
  const mailsBefore = sink.to(email).length;
  const anon = new Client(server.url);
  await anon.get('/wachtwoord-vergeten');
  await anon.post('/wachtwoord-vergeten', { email });
  const link = linkIn((await sink.waitFor(email, mailsBefore + 1)).body, '/wachtwoord-herstellen/');
  assert.equal((await anon.get(link)).status, 200);

  await here.get('/account');
  const changed = await here.post('/account/wachtwoord', { current: DEMO_PASSWORD, new: NEW_PASSWORD });
  assert.equal(changed.status, 303);
  assert.equal((await here.get('/account')).status, 200, 'the session that changed the password goes on');
  const other = await elsewhere.get('/aanvragen');
  assert.equal(other.status, 303, 'every other session has ended');
  assert.match(other.location, /^\/login/);
  const old = await anon.get(link);
  assert.equal(old.status, 410, 'the reset link asked before the change is void');
  assert.equal(sql(server.dataDir, `SELECT COUNT(*) FROM tokens WHERE user_id = ${userId(server.dataDir, email)} AND used_at IS NULL`), '0');
});

test('deactivating an organisation or a user ends its sessions at once; reactivating brings no old cookie back', async () => {
  const school = await loggedIn(server.url, 'school');
  const org = sql(server.dataDir, `SELECT organisation_id FROM users WHERE email = '${LOGINS.school}'`);
  assert.equal((await admin.post(`/beheer/organisaties/${org}/deactiveren`, {})).status, 303);
  assert.equal((await school.get('/contactpersonen')).status, 303);
  assert.equal((await admin.post(`/beheer/organisaties/${org}/activeren`, {})).status, 303);
  const back = await school.get('/contactpersonen');
  assert.equal(back.status, 303, 'the old cookie stays dead after reactivation');
  assert.match(back.location, /^\/login/);
  assert.equal((await loggedIn(server.url, 'school').then((c) => c.get('/contactpersonen'))).status, 200);

  const service = await loggedIn(server.url, 'service2');
  const id = userId(server.dataDir, LOGINS.service2);
  assert.equal((await admin.post(`/beheer/gebruikers/${id}/uitschakelen`, {})).status, 303);
  assert.equal((await admin.post(`/beheer/gebruikers/${id}/inschakelen`, {})).status, 303);
  assert.equal((await service.get('/aanvragen')).status, 303, 'a user disabled and enabled again logs in anew');
});

test('"Wachtwoord vergeten?" does the same work for unknown addresses: they count against the same mail limits', async () => {
  sql(server.dataDir, 'DELETE FROM throttle');
  const ask = async (email) => {
    const c = new Client(server.url);
    await c.get('/wachtwoord-vergeten');
    return c.post('/wachtwoord-vergeten', { email });
  };
  // 20 addresses without an account from one client address: the per-address hour's limit.
  for (let i = 0; i < 20; i++) assert.equal((await ask(`niemand${i}@nergens.be`)).status, 303);
  assert.equal(sql(server.dataDir, 'SELECT COUNT(*) FROM throttle'), '21', 'each address counted, and the client address 20 times');
  const known = LOGINS.admin;
  const before = sql(server.dataDir, `SELECT COUNT(*) FROM outbox WHERE to_address = '${known}'`);
  assert.equal((await ask(known)).status, 303, 'the same answer');
  await eventually(() => sql(server.dataDir, 'SELECT COUNT(*) FROM mail_requests') === '0', 'the requests handled');
  assert.equal(sql(server.dataDir, `SELECT COUNT(*) FROM outbox WHERE to_address = '${known}'`), before,
    'the 21st request of the hour sends nothing, known address or not');
  sql(server.dataDir, 'DELETE FROM throttle');
  assert.equal((await ask(known)).status, 303);
  await eventually(() => sql(server.dataDir, `SELECT COUNT(*) FROM outbox WHERE to_address = '${known}'`) !== before,
    'a reset mail once the limit is lifted');
});
