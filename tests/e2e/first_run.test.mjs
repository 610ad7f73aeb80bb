// A newcomer's first run: `make run` (scripts/run-demo.sh) and `stagematch serve` say the real
// cause of what stops them, before anything is created, and the demo logins they print exist.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, existsSync, chmodSync, chownSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BIN, run, Client, LOGINS } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const RUN_DEMO = path.resolve(here, '../../scripts/run-demo.sh');
const scratch = mkdtempSync(path.join(tmpdir(), 'stagematch-first-run-'));
chmodSync(scratch, 0o755); // the permission cases run as another user, who must reach their folders
after(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs the binary to its end; returns { code, stdout, stderr }. */
function attempt(args, { command = BIN } = {}) {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 60000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Root may write anywhere: permission cases run the binary as nobody then (setpriv, util-linux). */
const ROOT = process.getuid() === 0;
function asUnprivileged(args) {
  return ROOT
    ? attempt(['--reuid=65534', '--regid=65534', '--clear-groups', BIN, ...args], { command: 'setpriv' })
    : attempt(args);
}
function giveAway(p) {
  if (ROOT) chownSync(p, 65534, 65534);
}

/** A port some other program is listening on. */
async function busyPort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: server.address().port, close: () => new Promise((r) => server.close(r)) };
}

/** Starts scripts/run-demo.sh (what `make run` runs) in its own process group. */
function startRunDemo(data, listen) {
  const proc = spawn(RUN_DEMO, [BIN, data, listen], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const out = { stdout: '', stderr: '' };
  proc.stdout.on('data', (d) => (out.stdout += d));
  proc.stderr.on('data', (d) => (out.stderr += d));
  const exited = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
  return { proc, out, exited };
}

/** Waits until the banner's last line is out, or the script ended; returns the script's state. */
async function bannerOf(demo) {
  let ended = null;
  demo.exited.then((code) => (ended = { code }));
  while (!ended && !/Stoppen: Ctrl\+C/.test(demo.out.stdout)) await new Promise((r) => setTimeout(r, 50));
  return ended;
}

async function stopRunDemo(demo) {
  process.kill(-demo.proc.pid, 'SIGINT'); // like Ctrl+C: the whole foreground group
  await demo.exited;
}

const emailsIn = (text) => [...text.matchAll(/[a-z0-9]+@stagematch\.test/g)].map((m) => m[0]).sort();

test('a busy port is the last word of make run: no banner, no demo logins, no "port 0", no data folder', async () => {
  const busy = await busyPort();
  try {
    const data = path.join(scratch, 'busy');
    const demo = startRunDemo(data, `127.0.0.1:${busy.port}`);
    const ended = await bannerOf(demo);
    assert.ok(ended, 'run-demo.sh ended');
    assert.notEqual(ended.code, 0);
    assert.doesNotMatch(demo.out.stdout, /draait op|Demo-accounts|@stagematch\.test/);
    assert.match(demo.out.stderr, new RegExp(`Poort ${busy.port} op 127\\.0\\.0\\.1:${busy.port} is al in gebruik`));
    assert.match(demo.out.stderr, /make run LISTEN=/);
    assert.doesNotMatch(demo.out.stderr, /Failed to bind|port 0/);

    // serve alone: the port is taken before anything is written.
    const fresh = path.join(scratch, 'busy-serve');
    const r = attempt(['serve', '--data', fresh, '--listen', `127.0.0.1:${busy.port}`]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /is al in gebruik/);
    assert.equal(existsSync(fresh), false, 'no data folder made for a server that cannot listen');
  } finally {
    await busy.close();
  }
});

test('serve checks its options before it creates a data folder, a key or a database', () => {
  for (const [args, message] of [
    [['--listen', 'nonsense'], /Ongeldig luisteradres: nonsense \(verwacht ADRES:POORT/],
    [['--listen', '127.0.0.1:99999'], /Ongeldig luisteradres/],
    [['--threads', 'veel'], /--threads: 'threads' verwacht een geheel getal/],
    [['--smtp-url', 'ftp://mail.example.org'], /smtp/i],
    [['--frob'], /Onbekende optie: --frob/],
  ]) {
    const data = path.join(scratch, 'options');
    const r = attempt(['serve', '--data', data, ...args]);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, message);
    assert.equal(existsSync(data), false, `${args.join(' ')}: nothing created`);
  }
});

test('--data pointing at a file, at a missing parent or at a folder without write permission says so', () => {
  const file = path.join(scratch, 'a-file');
  writeFileSync(file, 'not a folder');
  for (const cmd of [['serve', '--listen', '127.0.0.1:0'], ['init'], ['demo']]) {
    const r = attempt([...cmd, '--data', file]);
    assert.notEqual(r.code, 0, cmd[0]);
    assert.match(r.stderr, /a-file is een bestand, geen map\. Geef met --data een map op/, cmd[0]);
    assert.doesNotMatch(r.stderr, /sleutel|lock|Not a directory/, cmd[0]);
  }
  const orphan = attempt(['init', '--data', path.join(scratch, 'nowhere', 'data')]);
  assert.match(orphan.stderr, /de map .*nowhere bestaat niet/);

  const locked = path.join(scratch, 'locked');
  mkdirSync(locked);
  chmodSync(locked, 0o555);
  const r = asUnprivileged(['serve', '--data', locked, '--listen', '127.0.0.1:0']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /Geen schrijfrechten op de gegevensmap .*locked/);
  assert.doesNotMatch(r.stderr, /sleutel/);
  const parent = asUnprivileged(['init', '--data', path.join(locked, 'data')]);
  assert.match(parent.stderr, /geen schrijfrechten in .*locked/);
  const hidden = path.join(scratch, 'hidden');
  mkdirSync(hidden, { mode: 0o700 });
  const unreachable = asUnprivileged(['init', '--data', path.join(hidden, 'data')]);
  assert.match(unreachable.stderr, /Geen toegang tot de gegevensmap .*hidden\/data/);
});

test('a read-only database stops serve at start with a clear message', () => {
  const data = path.join(scratch, 'readonly');
  run(['init', '--data', data]);
  giveAway(data);
  for (const f of ['stagematch.db', 'secret.key']) giveAway(path.join(data, f));
  chmodSync(path.join(data, 'stagematch.db'), 0o444);
  const r = asUnprivileged(['serve', '--data', data, '--listen', '127.0.0.1:0']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /De database .*stagematch\.db is alleen-lezen voor deze gebruiker/);
  assert.doesNotMatch(r.stdout, /luistert op/);
});

test('make run on an existing but empty database fills the demo data, and its logins work', async () => {
  const data = path.join(scratch, 'empty');
  run(['init', '--data', data]);
  const demo = startRunDemo(data, '127.0.0.1:0');
  try {
    assert.equal(await bannerOf(demo), null, demo.out.stderr);
    const url = demo.out.stdout.match(/draait op (http:\/\/127\.0\.0\.1:\d+)\//)[1];
    const listed = emailsIn(demo.out.stdout);
    assert.deepEqual(listed, Object.values(LOGINS).sort());
    for (const email of listed) {
      const res = await new Client(url).login(email);
      assert.equal(res.status, 303, `${email} can log in`);
    }
  } finally {
    await stopRunDemo(demo);
  }
});

test('make run on a database with its own users prints no demo logins', async () => {
  const data = path.join(scratch, 'own-users');
  run(['init', '--data', data]);
  run(['user', 'add', 'beheer@school.example', '--data', data], { input: 'een-lang-wachtwoord-2026\n' });
  const demo = startRunDemo(data, '127.0.0.1:0');
  try {
    assert.equal(await bannerOf(demo), null, demo.out.stderr);
    assert.match(demo.out.stdout, /draait op http:\/\/127\.0\.0\.1:\d+\//);
    assert.doesNotMatch(demo.out.stdout, /Demo-accounts|@stagematch\.test/);
  } finally {
    await stopRunDemo(demo);
  }
});

test('the banner, the README and demo --help list the same demo accounts', async () => {
  const readme = readFileSync(path.resolve(here, '../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Demo logins'), readme.indexOf('\n## ', readme.indexOf('### Demo logins')));
  const help = run(['demo', '--help']);
  const data = path.join(scratch, 'banner');
  const demo = startRunDemo(data, '127.0.0.1:0');
  try {
    assert.equal(await bannerOf(demo), null, demo.out.stderr);
    const banner = emailsIn(demo.out.stdout);
    assert.deepEqual(banner, Object.values(LOGINS).sort());
    assert.deepEqual(emailsIn(section), banner, 'README');
    assert.deepEqual(emailsIn(help), banner, 'demo --help');
  } finally {
    await stopRunDemo(demo);
  }
});

test('-h is --help, unknown subcommands and options are named in Dutch, serve --help shows defaults', () => {
  assert.equal(run(['-h']), run(['--help']));
  for (const cmd of [['serve'], ['init'], ['demo'], ['user'], ['user', 'invite'], ['config'], ['backup'], ['restore'], ['retention'], ['routes']])
    assert.equal(run([...cmd, '-h']), run([...cmd, '--help']), cmd.join(' '));

  const frob = attempt(['config', 'frob']);
  assert.equal(frob.code, 2);
  assert.match(frob.stderr, /^Onbekende opdracht: config frob\n/);

  for (const [args, message] of [
    [['init', '--frob'], /^Onbekende optie: --frob\n/],
    [['demo', '--scale'], /^De optie --scale verwacht een waarde\.\n/],
    [['user', 'add', '-x'], /^Onbekende optie: -x\n/],
    [['backup', '--data'], /^De optie --data verwacht een waarde\.\n/],
  ]) {
    const r = attempt(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, message, args.join(' '));
    assert.doesNotMatch(r.stderr, /unrecognized|requires an argument|invalid option/, args.join(' '));
  }

  const help = run(['serve', '--help']);
  assert.match(help, /--listen .*\(standaard 127\.0\.0\.1:8080\)/);
  assert.match(help, /--data .*\(standaard data\)/);
  assert.match(help, /--session-idle-minutes .*\(standaard 60\)/);
  assert.match(help, /--retention-days .*\(standaard 365\)/);
});
