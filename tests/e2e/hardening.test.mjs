// Operational hardening found by an outside review (issue 12, items 9-13): private files,
// retention of mails and backups, unforgeable logs without tokens, a full disk, and smaller rules.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, utimesSync, readdirSync, readFileSync, writeFileSync, statSync, chmodSync, cpSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { startServer, Client, run, sql, eventually, BIN, LOGINS } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const scratch = mkdtempSync(path.join(tmpdir(), 'stagematch-hardening-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** Every file and folder under dir with its permission bits, e.g. ['mail/x.eml', 0o600]. */
function modes(dir, prefix = '') {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix + e.name;
    out.push([rel + (e.isDirectory() ? '/' : ''), statSync(path.join(dir, e.name)).mode & 0o777]);
    if (e.isDirectory()) out.push(...modes(path.join(dir, e.name), rel + '/'));
  }
  return out;
}

function assertPrivate(dir) {
  const wrong = modes(dir).filter(([name, mode]) => mode !== (name.endsWith('/') ? 0o700 : 0o600));
  assert.deepEqual(wrong.map(([n, m]) => `${n} ${m.toString(8)}`), [], 'files 0600, folders 0700');
}

test('files only the service account can read: database, wal, backups, .bak and mails are private whatever the umask', async () => {
  const umask = process.umask(0o002); // a careless service manager: group-writable, world-readable
  try {
    const server = await startServer({ demo: 'open' });
    try {
      const anon = new Client(server.url);
      await anon.get('/wachtwoord-vergeten');
      await anon.post('/wachtwoord-vergeten', { email: LOGINS.school });
      const mail = path.join(server.dataDir, 'mail');
      await eventually(() => existsSync(mail) && readdirSync(mail).some((f) => f.endsWith('.eml')), 'an .eml file');
      run(['backup', path.join(server.dataDir, 'manual.db'), '--data', server.dataDir]);
      assert.ok(existsSync(path.join(server.dataDir, 'stagematch.db-wal')), 'the server has its -wal open');
      assertPrivate(server.dataDir);
      await server.stop({ keep: true });
      run(['restore', path.join(server.dataDir, 'manual.db'), '--data', server.dataDir]);
      assert.ok(existsSync(path.join(server.dataDir, 'stagematch.db.bak')));
      assertPrivate(server.dataDir);
    } finally {
      await server.stop().catch(() => {});
      rmSync(server.dataDir, { recursive: true, force: true });
    }
    // An upgrade keeps the old database in DATA/backups: private too.
    const old = path.join(scratch, 'upgrade');
    cpSync(path.join(here, '../fixtures/schema-v1'), old, { recursive: true });
    rmSync(path.join(old, 'README.md'));
    chmodSync(path.join(old, 'secret.key'), 0o600);
    chmodSync(path.join(old, 'stagematch.db'), 0o600);
    chmodSync(old, 0o700);
    run(['init', '--data', old]);
    assert.ok(readdirSync(path.join(old, 'backups')).length > 0);
    assertPrivate(old);
  } finally {
    process.umask(umask);
  }
});

test('a secret.key readable by the group or others is refused at start with the chmod that fixes it', () => {
  const dir = path.join(scratch, 'open-key');
  run(['init', '--data', dir]);
  const key = path.join(dir, 'secret.key');
  for (const mode of [0o640, 0o604]) {
    chmodSync(key, mode);
    const res = spawnSync(BIN, ['serve', '--data', dir, '--listen', '127.0.0.1:0'], { encoding: 'utf8', timeout: 10000 });
    assert.equal(res.status, 1, res.stderr);
    assert.ok(res.stderr.includes(`chmod 600 ${key}`), res.stderr);
    assert.match(res.stderr, /leesbaar voor andere gebruikers/);
  }
  chmodSync(key, 0o600);
  assert.match(run(['init', '--data', dir]), /schemaversie/);
});

/** Parses one logfmt line strictly: every field key=bare or key="escaped"; fails on anything else. */
function logfmt(line) {
  const fields = [];
  const re = /\s*([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|[^\s"=\\]*)/y;
  let m;
  while (re.lastIndex < line.length && (m = re.exec(line))) {
    const raw = m[2];
    fields.push([m[1], raw.startsWith('"') ? JSON.parse(raw.replace(/\\u00/g, '\\u00')) : raw]);
  }
  assert.equal(re.lastIndex, line.length, `not logfmt: ${line}`);
  return fields;
}

const requestLines = (stderr) => stderr.split('\n').filter((l) => l.includes('event=request'));

test('logs that cannot be forged: a request path cannot add a field or a line to the key=value log', async () => {
  const server = await startServer({ demo: false });
  try {
    const forged = '/bestaat-niet%22%20status=200%20user=admin%0Aevent=login%20x=%5C';
    assert.equal((await fetch(server.url + forged)).status, 404);
    await sleep(200);
    const lines = requestLines(server.logs.stderr);
    assert.equal(lines.length, 1, server.logs.stderr);
    const fields = logfmt(lines[0]);
    assert.deepEqual(fields.map(([k]) => k), ['time', 'level', 'event', 'method', 'path', 'status', 'bytes', 'us']);
    assert.equal(Object.fromEntries(fields).path, '/bestaat-niet" status=200 user=admin\nevent=login x=\\');
    assert.equal(Object.fromEntries(fields).status, '404');
    assert.doesNotMatch(server.logs.stderr, /^event=login/m);
  } finally {
    await server.stop();
  }
});

test('logs never hold a token: every token-bearing path is redacted, route matched or not', async () => {
  const server = await startServer({ demo: false });
  const secret = 'Zq9xTokenSecret0123456789abcdefghijklmnopqr';
  try {
    const tries = [
      ['GET', `/activeren/${secret}`], // matched route
      ['GET', `/activeren/${secret}/meer`], // 404
      ['DELETE', `/activeren/${secret}`], // 405
      ['PUT', `/wachtwoord-herstellen/${secret}`], // 405
      ['GET', `/wachtwoord-herstellen/${secret}/x?y=1`], // 404
      ['GET', `//activeren/${secret}`], // 404
      ['GET', `/Activeren/${secret}`], // 404, other case
      ['GET', `/%61ctiveren/${secret}`], // percent-encoded
    ];
    for (const [method, p] of tries) await fetch(server.url + p, { method, redirect: 'manual' });
    await sleep(200);
    const lines = requestLines(server.logs.stderr);
    assert.equal(lines.length, tries.length, server.logs.stderr);
    assert.ok(!server.logs.stderr.includes(secret.slice(0, 20)), server.logs.stderr);
    const statuses = lines.map((l) => Object.fromEntries(logfmt(l)).status);
    assert.ok(statuses.includes('404') && statuses.includes('405'), statuses.join());
    assert.match(lines[0], /path=\/activeren\/\* status=\d+/);
  } finally {
    await server.stop();
  }
});

test('nginx does not write token paths to its access log: the map covers every token route', () => {
  const conf = readFileSync(path.join(here, '../../deploy/nginx.conf'), 'utf8');
  const map = conf.match(/map \$uri \$(\w+) \{([^}]*)\}/);
  assert.ok(map, 'a map on $uri');
  const rules = [...map[2].matchAll(/^\s*~\*(\S+)\s+0;/gm)].map((m) => new RegExp(m[1], 'i'));
  const tokenRoutes = run(['routes']).split('\n').filter((l) => l.endsWith(' token-in-path')).map((l) => l.split(' ')[1]);
  assert.ok(tokenRoutes.length >= 2);
  for (const route of tokenRoutes) {
    const example = route.replace('*', 'TOKEN');
    assert.ok(rules.some((re) => re.test(example)), `${example} is not kept out of the access log`);
  }
  assert.ok(!rules.some((re) => re.test('/beheer/organisaties/3/activeren')), 'ordinary pages are still logged');
  const logs = [...conf.matchAll(/^\s*access_log\s+([^;]+);/gm)].map((m) => m[1]);
  const servers = conf.match(/^server \{/gm).length;
  assert.equal(logs.length, servers, 'every server block sets its access log');
  for (const l of logs) assert.match(l, new RegExp(`if=\\$${map[1]}$`));
  // nginx itself accepts it (in an http block, as a site file is included)
  const dir = mkdtempSync(path.join(scratch, 'nginx-'));
  const site = conf.replace(/listen 443 ssl http2;/g, 'listen 127.0.0.1:1;').replace(/listen \[::\]:\d+[^;]*;/g, '')
    .replace(/listen 80;/g, 'listen 127.0.0.1:2;').replace(/^\s*ssl_\S+.*$/gm, '');
  writeFileSync(path.join(dir, 'nginx.conf'), `pid ${dir}/pid; error_log ${dir}/error.log; events {} http { ${site} }`);
  const t = spawnSync('nginx', ['-t', '-p', dir, '-c', path.join(dir, 'nginx.conf')], { encoding: 'utf8' });
  assert.equal(t.status, 0, t.stderr);
});

// A valid national number: yymmdd, a 3-digit serial, the mod-97 check (born from 2000).
function nationalNumber(yymmdd, serial) {
  const first9 = yymmdd + String(serial).padStart(3, '0');
  return first9 + String(97 - Number((2000000000n + BigInt(first9)) % 97n)).padStart(2, '0');
}

const SAVE_LATER = 'De server kan nu niet bewaren. Probeer over enkele minuten opnieuw; je gegevens staan nog in het formulier.';

test('disk full: a pupil save that cannot be written answers 503 with the form and everything typed, and works once space returns', async () => {
  const dir = mkdtempSync(path.join(scratch, 'full-'));
  run(['init', '--data', dir]);
  run(['demo', '--data', dir, '--open']);
  // Space an operator can free later: a table of 128 pages, dropped further on.
  sql(dir, 'CREATE TABLE test_filler (b BLOB); INSERT INTO test_filler VALUES (zeroblob(512 * 1024));');
  const pages = Number(sql(dir, 'PRAGMA page_count'));
  const server = await startServer({ dataDir: dir, args: ['--database-max-pages', String(pages + 40)] });
  try {
    const c = new Client(server.url);
    assert.equal((await c.login(LOGINS.school)).status, 303);
    const contact = sql(dir, "SELECT id FROM contacts WHERE name = 'An Vermeulen'");
    const form = (i) => ({
      first_name: `Vol${i}`, last_name: 'Schijf', national_number: nationalNumber('090315', i), street: `Kerkstraat ${i}`,
      postcode: '8500', city: 'Kortrijk', province: '', phone: '0470 11 22 33', email: 'vol@leerling.be',
      transport: ['fiets'], remarks: 'Getypt en niet verloren', contact_id: contact, format: 'blok', period_count: '1',
      hours_per_week: '32', total_hours: '64', p1_start: '11/01/2027', p1_end: '22/01/2027', request_remarks: '',
      preference: '', na: 'overzicht',
    });
    await c.get('/opleidingen/dubbele-finaliteit/studenten/nieuw');
    let full = null, i = 1;
    for (; i < 900 && !full; i++) {
      const res = await c.post('/opleidingen/dubbele-finaliteit/studenten', form(i));
      if (res.status === 503) full = res;
      else assert.equal(res.status, 303, `save ${i}: ${res.status}`);
    }
    assert.ok(full, 'the database filled up');
    const typed = i - 1;
    assert.ok(full.text.includes(SAVE_LATER), full.text.slice(0, 2000));
    assert.match(full.text, new RegExp(`name="first_name"[^>]*value="Vol${typed}"`));
    assert.match(full.text, new RegExp(`value="Kerkstraat ${typed}"`));
    assert.match(full.text, /Getypt en niet verloren/);
    assert.equal(sql(dir, `SELECT COUNT(*) FROM students WHERE first_name = 'Vol${typed}'`), '0');
    const sick = await fetch(server.url + '/healthz');
    assert.equal(sick.status, 503);
    assert.equal((await sick.json()).database_writable, false);
    // The operator frees space; without a restart, the same form saves.
    sql(dir, 'DROP TABLE test_filler');
    const healthy = await fetch(server.url + '/healthz');
    assert.equal(healthy.status, 200);
    assert.equal((await healthy.json()).database_writable, true);
    const again = await c.post('/opleidingen/dubbele-finaliteit/studenten', form(typed));
    assert.equal(again.status, 303);
    assert.equal(sql(dir, `SELECT COUNT(*) FROM students WHERE first_name = 'Vol${typed}'`), '1');
  } finally {
    await server.stop();
  }
});

test('disk full: a contact save that cannot be written answers 503 with the form kept', async () => {
  const dir = mkdtempSync(path.join(scratch, 'full-contact-'));
  run(['init', '--data', dir]);
  run(['demo', '--data', dir, '--open']);
  const pages = Number(sql(dir, 'PRAGMA page_count'));
  const server = await startServer({ dataDir: dir, args: ['--database-max-pages', String(pages + 20)] });
  try {
    const c = new Client(server.url);
    assert.equal((await c.login(LOGINS.school)).status, 303);
    await c.get('/contactpersonen/nieuw');
    let full = null;
    for (let i = 1; i < 2000 && !full; i++) {
      const res = await c.post('/contactpersonen', { name: `Contact ${i} ${'x'.repeat(80)}`, phone: '0470 11 22 33', email: 'c@school.be' });
      if (res.status === 503) full = { res, i };
      else assert.equal(res.status, 303, `save ${i}: ${res.status}`);
    }
    assert.ok(full, 'the database filled up');
    assert.ok(full.res.text.includes(SAVE_LATER));
    assert.match(full.res.text, new RegExp(`value="Contact ${full.i} x+"`));
  } finally {
    await server.stop();
  }
});

test('healthz reports whether the database is writable without taking the write lock', async () => {
  const server = await startServer({ demo: false });
  const { spawn } = await import('node:child_process');
  const holder = spawn('sqlite3', [path.join(server.dataDir, 'stagematch.db')], { stdio: ['pipe', 'pipe', 'pipe'] });
  try {
    let out = '';
    holder.stdout.on('data', (d) => (out += d));
    holder.stdin.write("BEGIN IMMEDIATE; SELECT 'locked';\n");
    await eventually(() => out.includes('locked'), 'the write lock held by another process');
    const res = await fetch(server.url + '/healthz');
    assert.equal(res.status, 200);
    assert.equal((await res.json()).database_writable, true);
  } finally {
    holder.stdin.end('ROLLBACK;\n');
    await new Promise((r) => holder.on('exit', r));
    await server.stop();
  }
});

/** A plain SMTP server that offers no STARTTLS; remembers the commands it got. */
async function plainSmtp() {
  const net = await import('node:net');
  const commands = [];
  const srv = net.createServer((sock) => {
    sock.write('220 plain.test ESMTP\r\n');
    let data = false, pending = '';
    sock.on('data', (d) => {
      pending += d;
      let nl;
      while ((nl = pending.indexOf('\r\n')) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 2);
        if (data) {
          if (line === '.') { data = false; sock.write('250 ok\r\n'); }
          continue;
        }
        commands.push(line.split(' ')[0].toUpperCase());
        if (/^EHLO/i.test(line)) sock.write('250-plain.test\r\n250 8BITMIME\r\n');
        else if (/^DATA/i.test(line)) { data = true; sock.write('354 go\r\n'); }
        else if (/^QUIT/i.test(line)) { sock.end('221 bye\r\n'); }
        else sock.write('250 ok\r\n');
      }
    });
    sock.on('error', () => {});
  });
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  return { port: srv.address().port, commands, close: () => new Promise((r) => srv.close(r)) };
}

test('SMTP STARTTLS is required by default with smtp://: no mail goes out in clear unless switched off on purpose', async () => {
  const smtp = await plainSmtp();
  try {
    for (const [extra, delivered] of [[[], false], [['--smtp-require-tls=no'], true]]) {
      const server = await startServer({ demo: 'open', args: ['--smtp-url', `smtp://127.0.0.1:${smtp.port}`, ...extra] });
      try {
        smtp.commands.length = 0;
        const anon = new Client(server.url);
        await anon.get('/wachtwoord-vergeten');
        await anon.post('/wachtwoord-vergeten', { email: LOGINS.school });
        if (delivered) {
          await eventually(() => smtp.commands.includes('DATA'), 'the mail delivered in clear');
        } else {
          await eventually(() => /event=mail_failed outbox_id=\d+ attempt=1 curl_code=64 /.test(server.logs.stderr), 'a refused delivery');
          assert.ok(smtp.commands.includes('EHLO'));
          assert.ok(!smtp.commands.includes('MAIL') && !smtp.commands.includes('AUTH'), smtp.commands.join());
          assert.equal(sql(server.dataDir, "SELECT COUNT(*) FROM outbox WHERE state = 'sent'"), '0');
        }
      } finally {
        await server.stop();
      }
    }
  } finally {
    await smtp.close();
  }
  const check = spawnSync(BIN, ['config', 'check', '--config', '/dev/null'], { encoding: 'utf8' });
  assert.match(check.stdout, /^smtp_require_tls = yes$/m);
});

test('names made only of invisible characters or holding bidi-override characters are refused, with a Dutch message next to the field', async () => {
  const server = await startServer({ demo: 'open' });
  try {
    const c = new Client(server.url);
    assert.equal((await c.login(LOGINS.school)).status, 303);
    const contact = sql(server.dataDir, "SELECT id FROM contacts WHERE name = 'An Vermeulen'");
    await c.get('/opleidingen/dubbele-finaliteit/studenten/nieuw');
    const pupil = (first, last) => ({
      first_name: first, last_name: last, national_number: nationalNumber('090315', 777), street: 'Kerkstraat 1',
      postcode: '8500', city: 'Kortrijk', province: '', phone: '0470 11 22 33', email: 'n@leerling.be', transport: ['fiets'],
      remarks: '', contact_id: contact, format: 'blok', period_count: '1', hours_per_week: '32', total_hours: '64',
      p1_start: '11/01/2027', p1_end: '22/01/2027', request_remarks: '', preference: '', na: 'overzicht',
    });
    const bidi = await c.post('/opleidingen/dubbele-finaliteit/studenten', pupil('Jan\u202Etxet', 'Zwartberg'));
    assert.equal(bidi.status, 422);
    assert.match(bidi.text, /Voornaam: Deze naam bevat onzichtbare tekens/);
    const isolate = await c.post('/opleidingen/dubbele-finaliteit/studenten', pupil('Jan', 'Zwart\u2066berg\u2069'));
    assert.match(isolate.text, /Achternaam: Deze naam bevat onzichtbare tekens/);
    const blank = await c.post('/opleidingen/dubbele-finaliteit/studenten', pupil('\u3164\u00A0', 'Zwartberg'));
    assert.equal(blank.status, 422);
    assert.match(blank.text, /Voornaam: Een naam moet minstens één zichtbare letter bevatten/);
    assert.equal(sql(server.dataDir, "SELECT COUNT(*) FROM students WHERE last_name LIKE 'Zwart%'"), '0');
    await c.get('/contactpersonen/nieuw');
    const zw = await c.post('/contactpersonen', { name: '\u200B\u200B', phone: '0470 11 22 33', email: 'zw@school.be' });
    assert.equal(zw.status, 422);
    assert.match(zw.text, /Naam: Deze naam bevat onzichtbare tekens/);
    const admin = new Client(server.url);
    await admin.login(LOGINS.admin);
    await admin.get('/beheer/gebruikers');
    const org = sql(server.dataDir, `SELECT organisation_id FROM users WHERE email = '${LOGINS.school}'`);
    const invite = await admin.post('/beheer/gebruikers', { email: 'bidi@school.be', name: 'Eva\u202Dave', org });
    assert.match(invite.text, /Naam: Deze naam bevat onzichtbare tekens/);
    const cli = spawnSync(BIN, ['user', 'invite', 'bidi2@school.be', '--org', org, '--name', 'A\u202Eb', '--data', server.dataDir,
      '--base-url', server.url], { encoding: 'utf8' });
    assert.equal(cli.status, 2);
    assert.match(cli.stderr, /--name: Deze naam bevat onzichtbare tekens/);
    assert.equal(sql(server.dataDir, "SELECT COUNT(*) FROM users WHERE email LIKE 'bidi%'"), '0');
  } finally {
    await server.stop();
  }
});

/** The mails the server wrote as .eml files: { to, subject, body } decoded (B subject, quoted-printable body). */
function emlMails(dataDir) {
  const dir = path.join(dataDir, 'mail');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.eml')).sort().map((f) => {
    const raw = readFileSync(path.join(dir, f), 'utf8');
    const [head, ...rest] = raw.split('\r\n\r\n');
    const unfolded = head.replace(/\r\n[ \t]+/g, ' ');
    const header = (name) => (unfolded.match(new RegExp(`^${name}: (.*)$`, 'mi')) || [])[1] || '';
    const subject = header('Subject').replace(/=\?UTF-8\?B\?([^?]*)\?=\s*/g, (_, b) => Buffer.from(b, 'base64').toString('utf8'));
    const qp = rest.join('\r\n\r\n').replace(/=\r\n/g, '');
    const bytes = [];
    for (let i = 0; i < qp.length; i++) {
      if (qp[i] === '=' && /^[0-9A-F]{2}$/.test(qp.slice(i + 1, i + 3))) { bytes.push(parseInt(qp.slice(i + 1, i + 3), 16)); i += 2; }
      else bytes.push(...Buffer.from(qp[i], 'utf8'));
    }
    return { to: header('To'), subject, body: Buffer.from(bytes).toString('utf8') };
  });
}

test('when a user is added to an organisation, its existing active users get a mail saying who added whom', async () => {
  const server = await startServer({ demo: 'open' });
  try {
    const org = sql(server.dataDir, `SELECT organisation_id FROM users WHERE email = '${LOGINS.school}'`);
    const colleagues = sql(server.dataDir, `SELECT email FROM users WHERE organisation_id = ${org} AND state = 'active' ORDER BY id`).split('\n');
    const outsiders = sql(server.dataDir, `SELECT email FROM users WHERE organisation_id <> ${org}`).split('\n');
    const admin = new Client(server.url);
    await admin.login(LOGINS.admin);
    const adminName = sql(server.dataDir, `SELECT name FROM users WHERE email = '${LOGINS.admin}'`);
    await admin.get('/beheer/gebruikers');
    assert.equal((await admin.post('/beheer/gebruikers', { email: 'nieuw@school.be', name: 'Nieuwe Collega', org })).status, 303);
    const told = (who) => emlMails(server.dataDir).filter((m) => m.subject === 'Nieuwe gebruiker bij je organisatie in stagematch' && m.to === who);
    for (const who of colleagues) {
      const [mail] = await eventually(() => told(who).length && told(who), `the mail to ${who}`);
      assert.match(mail.body, new RegExp(`er werd een nieuwe gebruiker toegevoegd door ${adminName} \\(coördinator\\) aan .+: Nieuwe Collega \\(nieuw@school\\.be\\)`, 'i'));
    }
    // The command line too; the invited (not yet active) user is not told.
    run(['user', 'invite', 'cli@school.be', '--org', org, '--name', 'Cli Collega', '--data', server.dataDir, '--base-url', server.url]);
    for (const who of colleagues) {
      const mails = await eventually(() => told(who).length === 2 && told(who), `the second mail to ${who}`);
      assert.match(mails[1].body, /toegevoegd door de beheerder van de server aan .+: Cli Collega \(cli@school\.be\)/);
    }
    assert.equal(told('nieuw@school.be').length, 0);
    for (const who of outsiders) assert.equal(told(who).length, 0, who);
  } finally {
    await server.stop();
  }
});

test('healthz shows its status to anyone and the version and outbox details only to metrics_allow', async () => {
  const conf = path.join(scratch, 'health.conf');
  writeFileSync(conf, 'metrics_allow = 10.1.2.3\n');
  const closed = await startServer({ demo: false, args: ['--config', conf] });
  try {
    const res = await fetch(closed.url + '/healthz');
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok' });
  } finally {
    await closed.stop();
  }
  const open = await startServer({ demo: false });
  try {
    const body = await (await fetch(open.url + '/healthz')).json();
    assert.equal(body.status, 'ok');
    assert.match(body.version, /^\d+\.\d+\.\d+$/);
    assert.ok('revision' in body && 'outbox_queued' in body && 'database_writable' in body);
  } finally {
    await open.stop();
  }
});

test('retention removes all of it: the campaign\'s mails lose subject and body, their .eml files and old backups go', async () => {
  const server = await startServer({ demo: 'manual' }); // results visible since 07/10/2026: digests go out
  try {
    const mailDir = path.join(server.dataDir, 'mail');
    const digest = /^Stagematch: \d+ leerlingen? aanvaard door een dienst$/;
    const queued = async () => (await (await fetch(server.url + '/healthz')).json()).outbox_queued;
    for (let i = 0; i < 200 && (emlMails(server.dataDir).length === 0 || (await queued()) > 0); i++) await sleep(100);
    const digests = await eventually(() => {
      const m = emlMails(server.dataDir).filter((x) => digest.test(x.subject));
      return m.length > 0 && m;
    }, 'the results digests', 20000);
    assert.ok(digests.some((m) => /Stagementor: /.test(m.body)), 'a digest names pupils and mentors');
    // An account mail, about no campaign, stays whole.
    const anon = new Client(server.url);
    await anon.get('/wachtwoord-vergeten');
    await anon.post('/wachtwoord-vergeten', { email: LOGINS.school2 });
    await eventually(() => emlMails(server.dataDir).some((m) => /wachtwoord/i.test(m.subject)), 'the reset mail');
    // The background job may queue a reminder meanwhile: wait until the outbox is empty.
    await eventually(async () => (await queued()) === 0, 'every mail delivered');
    const emlBefore = readdirSync(mailDir).length;
    // Backups: one older than backup_days (30), one recent.
    const backups = path.join(server.dataDir, 'backups');
    mkdirSync(backups, { recursive: true });
    writeFileSync(path.join(backups, 'oud.db'), 'x');
    writeFileSync(path.join(backups, 'recent.db'), 'x');
    const old = new Date(Date.now() - 40 * 86400 * 1000);
    utimesSync(path.join(backups, 'oud.db'), old, old);

    const out = run(['retention', '--campaign', '1', '--days', '30', '--yes', '--data', server.dataDir]);
    assert.match(out, /persoonsgegevens verwijderd/);
    assert.match(out, new RegExp(`Ook ${digests.length} e-mail\\(s\\) over de campagne leeggemaakt en 1 back-up\\(s\\) ouder dan 30 dagen verwijderd`));
    const left = emlMails(server.dataDir);
    assert.equal(left.filter((m) => digest.test(m.subject)).length, 0, 'the digests\' .eml files are gone');
    assert.ok(left.some((m) => /wachtwoord/i.test(m.subject)), 'the account mail stays');
    assert.equal(readdirSync(mailDir).length, emlBefore - digests.length);
    assert.deepEqual(readdirSync(backups).sort(), ['recent.db']);
    const admin = new Client(server.url);
    await admin.login(LOGINS.admin);
    const screen = (await admin.get('/beheer/e-mail')).text;
    assert.doesNotMatch(screen, /aanvaard door een dienst/, 'no subject of the campaign\'s mails left');
    assert.match(screen, /\(onderwerp en inhoud verwijderd\)/);
  } finally {
    await server.stop();
  }
});

test('delivered mails keep metadata only after mail_body_days: the background job empties subject, body and .eml', async () => {
  const first = await startServer({ demo: 'open' });
  const dir = first.dataDir;
  const anon = new Client(first.url);
  await anon.get('/wachtwoord-vergeten');
  await anon.post('/wachtwoord-vergeten', { email: LOGINS.school });
  await eventually(() => sql(dir, "SELECT COUNT(*) FROM outbox WHERE state = 'sent'") === '1', 'the mail sent');
  await first.stop({ keep: true });
  const id = sql(dir, "SELECT id FROM outbox WHERE state = 'sent'");
  sql(dir, `UPDATE outbox SET sent_at = sent_at - 31 * 86400, created_at = created_at - 31 * 86400 WHERE id = ${id}`);
  const eml = path.join(dir, 'mail', `outbox-${String(id).padStart(6, '0')}.eml`);
  assert.ok(existsSync(eml));
  const server = await startServer({ dataDir: dir });
  try {
    const fresh = new Client(server.url);
    await fresh.get('/wachtwoord-vergeten');
    await fresh.post('/wachtwoord-vergeten', { email: LOGINS.school2 });
    await eventually(() => !existsSync(eml), 'the old .eml removed');
    const admin = new Client(server.url);
    await admin.login(LOGINS.admin);
    const screen = (await admin.get('/beheer/e-mail')).text;
    const row = screen.match(new RegExp(`<tr id="mail-${id}">.*?</tr>`, 's'))[0];
    assert.match(row, /\(onderwerp en inhoud verwijderd\)/);
    assert.match(row, new RegExp(LOGINS.school.replace('.', '\\.')), 'who it went to stays');
    assert.match(screen, /wachtwoord/i, 'a recent mail keeps its subject');
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
