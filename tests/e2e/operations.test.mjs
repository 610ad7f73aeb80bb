// Running it in production: configuration, health, metrics, upgrades, version.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, cpSync, chmodSync, readFileSync, readdirSync, existsSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { startServer, Client, loggedIn, sql, run, BIN } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const scratch = mkdtempSync(path.join(tmpdir(), 'stagematch-ops-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function stagematch(args, env = {}) {
  return spawnSync(BIN, args, { encoding: 'utf8', env: { ...process.env, ...env } });
}

test('config check accepts a good file and prints the effective settings, secrets masked', () => {
  const file = path.join(scratch, 'good.conf');
  writeFileSync(file, '# comment\nlisten = 127.0.0.1:9090\nbehind_https = yes\nsession_idle_minutes = 30\nsmtp_password = "zeer geheim"\n');
  const res = stagematch(['config', 'check', '--config', file]);
  assert.equal(res.status, 0, res.stderr);
  assert.match(res.stdout, /^listen = 127\.0\.0\.1:9090$/m);
  assert.match(res.stdout, /^behind_https = yes$/m);
  assert.match(res.stdout, /^session_idle_minutes = 30$/m);
  assert.match(res.stdout, /^smtp_password = \*{8}$/m);
  assert.doesNotMatch(res.stdout, /zeer geheim/);
});

test('config check names the line of every unknown key and bad value', () => {
  const file = path.join(scratch, 'bad.conf');
  writeFileSync(file, 'listen = 127.0.0.1:9090\nlisten_port = 80\nthreads = veel\n\nbehind_https = misschien\nsession-hours = 2\nzonder gelijkteken\n');
  const res = stagematch(['config', 'check', '--config', file]);
  assert.equal(res.status, 1);
  assert.match(res.stderr, /bad\.conf:2: onbekende instelling 'listen_port'/);
  assert.match(res.stderr, /bad\.conf:3: 'threads' verwacht een geheel getal/);
  assert.match(res.stderr, /bad\.conf:5: 'behind_https' verwacht yes of no/);
  assert.match(res.stderr, /bad\.conf:6: /);
  assert.match(res.stderr, /bad\.conf:7: verwacht 'sleutel = waarde'/);
  assert.equal(stagematch(['config', 'check', '--config', path.join(scratch, 'missing.conf')]).status, 1);
});

test('serve refuses a bad configuration file and unknown flags before it starts', () => {
  const file = path.join(scratch, 'bad-serve.conf');
  writeFileSync(file, 'threads = -4\n');
  const res = stagematch(['serve', '--config', file, '--data', path.join(scratch, 'never')]);
  assert.notEqual(res.status, 0);
  assert.match(res.stderr, /bad-serve\.conf:1:/);
  const flag = stagematch(['serve', '--smtp-password', 'x', '--data', path.join(scratch, 'never')]);
  assert.notEqual(flag.status, 0);
  assert.match(flag.stderr, /Onbekende optie: --smtp-password/);
  assert.equal(existsSync(path.join(scratch, 'never')), false, 'nothing was created');
});

test('healthz reports a writable database, the outbox and the version', async () => {
  const server = await startServer({ demo: false });
  try {
    const res = await fetch(server.url + '/healthz');
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.status, 'ok');
    assert.equal(body.database_writable, true);
    assert.equal(body.outbox_queued, 0);
    assert.match(body.version, /^\d+\.\d+\.\d+$/);
    assert.ok(res.headers.get('content-type').startsWith('application/json'));
  } finally {
    await server.stop();
  }
});

test('metrics count requests by route and status, with latency, sessions and database size', async () => {
  const server = await startServer({ demo: 'open' });
  try {
    const c = await loggedIn(server.url, 'school');
    await c.get('/bestaat-niet');
    await c.get('/login');
    const text = await (await fetch(server.url + '/metrics')).text();
    assert.match(text, /stagematch_http_requests_total\{method="POST",route="\/login",status="303"\} 1/);
    assert.match(text, /stagematch_http_requests_total\{method="",route="none",status="404"\} 1/);
    assert.match(text, /stagematch_http_request_duration_seconds_bucket\{method="GET",route="\/login",le="\+Inf"\} 2/);
    assert.match(text, /^stagematch_active_sessions 1$/m);
    assert.match(text, /^stagematch_outbox_messages\{state="queued"\} \d+$/m);
    const size = Number(text.match(/^stagematch_database_bytes (\d+)$/m)[1]);
    assert.ok(size > 100000, `database size ${size}`);
  } finally {
    await server.stop();
  }
});

test('metrics are refused to addresses that are not configured', async () => {
  const file = path.join(scratch, 'metrics.conf');
  writeFileSync(file, 'metrics_allow = 10.1.2.3, 192.168.0.0/16\n');
  const server = await startServer({ demo: false, args: ['--config', file] });
  try {
    const res = await fetch(server.url + '/metrics');
    assert.equal(res.status, 403);
    assert.doesNotMatch(await res.text(), /stagematch_http_requests_total/);
    assert.equal((await fetch(server.url + '/healthz')).status, 200, 'health stays open for load balancers');
  } finally {
    await server.stop();
  }
});

test('a database of schema version 1 is backed up, then upgraded, with its data intact', () => {
  const dir = path.join(scratch, 'upgrade');
  cpSync(path.join(here, '../fixtures/schema-v1'), dir, { recursive: true });
  chmodSync(path.join(dir, 'secret.key'), 0o600); // git keeps 0644; the key must be private
  const latest = Number(run(['init', '--data', path.join(scratch, 'fresh')]).match(/schemaversie (\d+)/)[1]);
  const out = run(['init', '--data', dir]);
  assert.equal(Number(sql(dir, 'PRAGMA user_version')), latest);
  assert.equal(sql(dir, 'PRAGMA integrity_check'), 'ok');
  assert.equal(sql(dir, 'SELECT COUNT(*) FROM students'), '25');
  assert.equal(sql(dir, "SELECT COUNT(*) FROM users WHERE email = 'school@stagematch.test'"), '1');
  if (latest > 1) {
    const backups = readdirSync(path.join(dir, 'backups'));
    assert.equal(backups.length, 1);
    assert.match(backups[0], /^stagematch-v1-\d{8}-\d{6}\.db$/);
    assert.match(out, /Reservekopie voor de upgrade van schemaversie 1/);
  }
});

test('a database newer than the binary is refused and left untouched', () => {
  const dir = path.join(scratch, 'newer');
  cpSync(path.join(here, '../fixtures/schema-v1'), dir, { recursive: true });
  chmodSync(path.join(dir, 'secret.key'), 0o600); // git keeps 0644; the key must be private
  sql(dir, 'PRAGMA user_version = 999');
  const digest = () => createHash('sha256').update(readFileSync(path.join(dir, 'stagematch.db'))).digest('hex');
  const before = digest();
  for (const args of [['init', '--data', dir], ['serve', '--data', dir, '--listen', '127.0.0.1:0']]) {
    const res = stagematch(args);
    assert.equal(res.status, 1);
    assert.match(res.stderr, /schemaversie 999/);
    assert.match(res.stderr, /niet aangeraakt/);
  }
  assert.equal(digest(), before);
});

test('--version names the version and the git revision', () => {
  assert.match(run(['--version']), /^stagematch \d+\.\d+\.\d+ \([0-9a-f]{7,}|unknown\)/);
});

test('the documented example configuration is valid and documents every setting', () => {
  const example = path.join(here, '../../deploy/stagematch.conf');
  const res = stagematch(['config', 'check', '--config', example]);
  assert.equal(res.status, 0, res.stderr);
  const text = readFileSync(example, 'utf8');
  for (const key of res.stdout.split('\n').filter((l) => / = /.test(l)).map((l) => l.split(' = ')[0]))
    assert.match(text, new RegExp(`^${key} =`, 'm'), `${key} is documented in deploy/stagematch.conf`);
});

test('a digest that fails logs the database\'s reason, read before the rollback', async () => {
  const dir = path.join(scratch, 'digest');
  run(['init', '--data', dir]);
  run(['demo', '--data', dir, '--results']);
  sql(dir, "CREATE TRIGGER digest_refused BEFORE UPDATE OF notified_at ON placements BEGIN SELECT RAISE(ABORT, 'digest refused by the test'); END");
  const server = await startServer({ dataDir: dir });
  try {
    // The digest job runs every few seconds; wait for its first failure (or the test's timeout).
    for (const deadline = Date.now() + 60000; !/event=digest /.test(server.logs.stderr) && Date.now() < deadline; )
      await new Promise((r) => setTimeout(r, 100));
    const line = server.logs.stderr.split('\n').find((l) => /event=digest /.test(l));
    assert.match(line, /level=error .*error="digest refused by the test"/);
    assert.doesNotMatch(server.logs.stderr, /not an error/);
  } finally {
    await server.stop();
  }
});
