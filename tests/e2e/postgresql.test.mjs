// stagematch on PostgreSQL (issue 14) through the real binary, on a throwaway cluster from
// Debian's postgresql-15 (scripts/pg-cluster.sh: its own folder, socket only, stopped after):
// two servers starting at once migrate once, a coordinator logs in, an unreachable database
// is told at start. (Which modules' SQL does not run on PostgreSQL yet: scripts/pg-sql-check.py.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BIN, Client, run, startServer } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const CLUSTER = path.resolve(here, '../../scripts/pg-cluster.sh');
const PG_BIN = '/usr/lib/postgresql/15/bin';
let cluster;

before(() => {
  cluster = mkdtempSync(path.join(tmpdir(), 'stagematch-pg-'));
  chmodSync(cluster, 0o755);
  execFileSync(CLUSTER, ['start', cluster], { encoding: 'utf8' });
});
after(() => {
  try {
    execFileSync(CLUSTER, ['stop', cluster]);
  } finally {
    rmSync(cluster, { recursive: true, force: true });
  }
});

/** A new, empty database in the cluster; its URL. */
function database(name) {
  execFileSync(path.join(PG_BIN, 'createdb'), ['-h', cluster, '-U', 'stagematch', name]);
  return `postgresql:///${name}?host=${cluster}&user=stagematch`;
}

function psql(url, query) {
  return execFileSync(path.join(PG_BIN, 'psql'), ['-X', '-At', url, '-c', query], { encoding: 'utf8' }).trim();
}

/** Runs the binary expecting it to fail: the error, with status and stderr. */
function failing(args) {
  try {
    run(args);
  } catch (e) {
    return e;
  }
  return { status: 0, stderr: '' };
}

function dataDir() {
  return mkdtempSync(path.join(tmpdir(), 'stagematch-e2e-'));
}

/** Runs the binary to its end: { code, stdout, stderr }. */
function runAsync(args) {
  return new Promise((resolve) => {
    const proc = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = { stdout: '', stderr: '' };
    proc.stdout.on('data', (d) => (out.stdout += d));
    proc.stderr.on('data', (d) => (out.stderr += d));
    proc.on('exit', (code) => resolve({ code, ...out }));
  });
}

test('two servers starting at once on an empty database migrate it once', async () => {
  const url = database('together');
  const dirs = [dataDir(), dataDir()];
  const results = await Promise.all(dirs.map((d) => runAsync(['init', '--data', d, '--database', url])));
  for (const r of results) assert.equal(r.code, 0, r.stderr);
  const versions = results.map((r) => r.stdout.match(/schemaversie (\d+)/)[1]);
  assert.equal(versions[0], versions[1]);
  const firstMigration = results.map((r) => (r.stderr.match(/event=migrated version=1\b/g) || []).length);
  assert.deepEqual(firstMigration.sort(), [0, 1]);
  assert.equal(psql(url, 'SELECT version FROM schema_version'), versions[0]);
  assert.equal(psql(url, 'SELECT count(*) FROM programmes'), '3');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

test('a coordinator made with user add logs in on PostgreSQL and sees Voortgang', async () => {
  const url = database('login');
  const dir = dataDir();
  run(['init', '--data', dir, '--database', url]);
  const out = run(['user', 'add', 'beheer@voorbeeld.be', '--name', 'Beheer', '--data', dir, '--database', url, '--generate']);
  const password = out.match(/Wachtwoord[^:]*: (\S+)/)[1];
  const server = await startServer({ demo: false, dataDir: dir, args: ['--database', url] });
  try {
    const c = new Client(server.url);
    const res = await c.login('beheer@voorbeeld.be', password);
    assert.equal(res.status, 303);
    assert.equal(res.location, '/beheer');
    const page = await c.get('/beheer');
    assert.equal(page.status, 200);
    assert.match(page.text, /<h1>Voortgang<\/h1>/);
    // The account and its login are in PostgreSQL, not in a file of the data folder.
    assert.equal(psql(url, "SELECT count(*) FROM users WHERE last_login_at IS NOT NULL"), '1');
    assert.equal(psql(url, "SELECT count(*) FROM sessions WHERE ended_at IS NULL"), '1');
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a database that cannot be reached is told at start, and nothing is served', () => {
  const dir = dataDir();
  const missing = `postgresql:///bestaat_niet?host=${cluster}&user=stagematch`;
  const result = failing(['serve', '--data', dir, '--listen', '127.0.0.1:0', '--database', missing]);
  assert.notEqual(result.status, 0);
  assert.match(result.stderr, /Kan de PostgreSQL-database niet bereiken: .*database "bestaat_niet" does not exist/);
  assert.doesNotMatch(result.stderr, /luistert op/);
  const wrong = failing(['init', '--data', dir, '--database', 'mysql://localhost/stagematch']);
  assert.notEqual(wrong.status, 0);
  assert.match(wrong.stderr, /database moet een PostgreSQL-adres zijn/);
  rmSync(dir, { recursive: true, force: true });
});

test('a PostgreSQL database of a newer schema version is refused and left as it is', () => {
  const url = database('newer');
  const dir = dataDir();
  run(['init', '--data', dir, '--database', url]);
  psql(url, 'UPDATE schema_version SET version = 99');
  const result = failing(['serve', '--data', dir, '--listen', '127.0.0.1:0', '--database', url]);
  assert.notEqual(result.status, 0);
  assert.match(result.stderr, /De database heeft schemaversie 99, deze stagematch kent er maar \d+\./);
  assert.equal(psql(url, 'SELECT version FROM schema_version'), '99');
  rmSync(dir, { recursive: true, force: true });
});
