// Operational hardening found by an outside review (issue 12, items 9-13): private files,
// retention of mails and backups, unforgeable logs without tokens, a full disk, and smaller rules.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, chmodSync, cpSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { startServer, Client, run, BIN, LOGINS } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const scratch = mkdtempSync(path.join(tmpdir(), 'stagematch-hardening-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

async function eventually(check, what, timeout = 10000) {
  const until = Date.now() + timeout;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > until) assert.fail('timed out waiting for ' + what);
    await sleep(100);
  }
}

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
