// Shared helpers for the end-to-end tests: start the real binary on a free port with a
// temporary data folder, talk to it over HTTP with a cookie jar, drive Debian's Chromium.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const BIN = process.env.STAGEMATCH_BIN || path.resolve(here, '../../build/stagematch');
export const SANITIZED = !!process.env.STAGEMATCH_SANITIZED;
export const WRAPPER = process.env.STAGEMATCH_WRAPPER || '';
/** How much slower than the plain release build the server runs (valgrind: a lot). */
export const SLOWDOWN = WRAPPER ? 20 : 1;
export const ARTIFACTS = path.join(here, 'artifacts');
export const DEMO_PASSWORD = 'stagematch-demo';
export const LOGINS = {
  admin: 'admin@stagematch.test',
  school: 'school@stagematch.test',
  school2: 'school2@stagematch.test',
  service: 'dienst@stagematch.test',
  service2: 'dienst2@stagematch.test',
};

/** Runs a stagematch subcommand to completion; returns stdout. */
export function run(args, opts = {}) {
  return execFileSync(BIN, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], ...opts });
}

/** Runs SQL against a data folder's database with Debian's sqlite3 (test set-up only). */
export function sql(dataDir, query) {
  return execFileSync('sqlite3', ['-cmd', '.timeout 5000', path.join(dataDir, 'stagematch.db'), query], {
    encoding: 'utf8',
  }).trim();
}

/**
 * Starts `stagematch serve` on 127.0.0.1 with a free port and a new data folder.
 * demo: false (empty database), 'manual' (the manual's 2026-2027 timing) or 'open'
 * (registration and handling open now). Returns { url, dataDir, logs, stop() }.
 */
export async function startServer({ demo = 'open', args = [], dataDir } = {}) {
  const dir = dataDir || mkdtempSync(path.join(tmpdir(), 'stagematch-e2e-'));
  run(['init', '--data', dir]);
  if (demo && !dataDir) run(['demo', '--data', dir, ...(demo === 'open' ? ['--open'] : [])]);
  // STAGEMATCH_WRAPPER runs the server under another program, e.g. "valgrind --error-exitcode=99".
  const wrapper = WRAPPER ? WRAPPER.split(/\s+/).filter(Boolean) : [];
  const command = [...wrapper, BIN, 'serve', '--data', dir, '--listen', '127.0.0.1:0', ...args];
  const proc = spawn(command[0], command.slice(1), {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=1:abort_on_error=0' },
  });
  const logs = { stdout: '', stderr: '' };
  proc.stderr.on('data', (d) => (logs.stderr += d));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start:\n' + logs.stderr)), 20000 * Math.min(SLOWDOWN, 6));
    proc.stdout.on('data', (d) => {
      logs.stdout += d;
      const m = logs.stdout.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    });
    proc.on('exit', (code) => reject(new Error(`server exited (${code}):\n${logs.stderr}`)));
  });
  let exited = null;
  const exitPromise = new Promise((resolve) => proc.on('exit', (code, signal) => resolve((exited = { code, signal }))));
  return {
    url,
    dataDir: dir,
    proc,
    logs,
    /** Stops the server with SIGTERM; fails if it does not exit cleanly. Removes the data unless keep. */
    async stop({ keep = false } = {}) {
      if (!exited) proc.kill('SIGTERM');
      const result = await Promise.race([exitPromise, new Promise((r) => setTimeout(() => r(null), 15000 * Math.min(SLOWDOWN, 8)))]);
      if (!result) proc.kill('SIGKILL');
      if (!keep && !dataDir) rmSync(dir, { recursive: true, force: true });
      if (!result) throw new Error('server did not stop within 15 s');
      if (result.code !== 0) throw new Error(`server exited with ${result.code}/${result.signal}:\n${logs.stderr.slice(-4000)}`);
      // Every end-to-end run doubles as the check that no log line carries personal data.
      const leaks = personalDataIn(logs.stderr);
      if (leaks.length) throw new Error(`personal data in the server log:\n${leaks.slice(0, 5).join('\n')}`);
      return result;
    },
  };
}

// Personal data of the demo set that must never appear in a log line: e-mail addresses,
// national numbers (bare or printed) and the demo pupils' and contacts' names.
const DEMO_NAMES = ['Vandenberghe', 'Declercq', 'Vanhoutte', 'Deprez', 'Verhaeghe', 'Lefevere', "D'Hondt",
  'Callewaert', 'Ghekiere', 'Vandamme', 'Claeys', 'Goossens', 'Bogaert', 'Wouters', 'Hermans', 'El Amrani',
  'Janssens', 'Mertens', 'Willems', 'Benali', 'Vermeulen', 'Desmet', 'De Clercq', 'Martens', 'Vanneste'];
const PERSONAL_PATTERNS = [
  /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/,
  /(?<![0-9A-Za-z])\d{11}(?![0-9A-Za-z])/,
  /\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}/,
  new RegExp(`\\b(${DEMO_NAMES.join('|')})\\b`),
];

/** The log lines of text that carry personal data. */
export function personalDataIn(text) {
  return text.split('\n').filter((line) => PERSONAL_PATTERNS.some((re) => re.test(line)));
}

/**
 * The Set-Cookie lines of a fetch response. Node 20's fetch has headers.getSetCookie();
 * Debian 12's Node 18 (its undici 5.15) has not and joins the lines with ", ", so they are
 * split again before each "name=" (an Expires date's comma is followed by a day, not by a name).
 */
export function setCookies(headers) {
  if (typeof headers.getSetCookie === 'function') return headers.getSetCookie();
  const joined = headers.get('set-cookie');
  return joined ? joined.split(/,\s*(?=[!#$%&'*+\-.^_`|~0-9A-Za-z]+=)/) : [];
}

/** A minimal browser-like HTTP client: cookie jar, CSRF token taken from the last page. */
export class Client {
  constructor(base) {
    this.base = base;
    this.cookies = new Map();
    this.csrf = null;
  }
  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  remember(res) {
    for (const line of setCookies(res.headers)) {
      const [pair, ...attrs] = line.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      if (attrs.some((a) => /max-age=0/i.test(a.trim())) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  async request(method, pathname, { form, headers = {}, redirect = 'manual', body } = {}) {
    const h = { ...headers };
    if (this.cookies.size) h.cookie = this.cookieHeader();
    let payload = body;
    if (form) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(form)) {
        if (Array.isArray(v)) v.forEach((x) => params.append(k, x));
        else if (v !== undefined && v !== null) params.append(k, String(v));
      }
      if (!('csrf' in form) && this.csrf) params.append('csrf', this.csrf);
      payload = params.toString();
      h['content-type'] = 'application/x-www-form-urlencoded';
    }
    const res = await fetch(this.base + pathname, { method, headers: h, body: payload, redirect });
    this.remember(res);
    const text = await res.text();
    const m = text.match(/name="csrf" value="([^"]+)"/);
    if (m) this.csrf = m[1];
    return { status: res.status, headers: res.headers, text, location: res.headers.get('location') };
  }
  get(p, opts) {
    return this.request('GET', p, opts);
  }
  post(p, form, opts = {}) {
    return this.request('POST', p, { ...opts, form });
  }
  /** Logs in; returns the response of POST /login. */
  async login(email, password = DEMO_PASSWORD) {
    await this.get('/login');
    return this.post('/login', { email, password });
  }
}

/** Logs in a fresh client and checks it worked. */
export async function loggedIn(base, who) {
  const c = new Client(base);
  const res = await c.login(LOGINS[who] || who);
  if (res.status !== 303) throw new Error(`login as ${who} failed: ${res.status}`);
  return c;
}

/** Launches Debian's Chromium headless through playwright-core, with a fresh temporary
 * profile (Playwright makes one per launch and removes it on close). */
export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Logs a browser page in through the real login form. */
export async function browserLogin(page, base, who) {
  await page.goto(base + '/login');
  await page.getByLabel('E-mail').fill(LOGINS[who] || who);
  await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForLoadState('load');
}

/** Saves a screenshot under tests/e2e/artifacts (and returns its path). */
export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, name + '.png');
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Runs axe-core in the page; returns the violations. */
export async function axeViolations(page) {
  const axePath = path.join(here, 'node_modules/axe-core/axe.min.js');
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations);
}

// ---- Reading what the server wrote: database rows, downloads, CSV and .xlsx exports ----

/** Rows of a query as objects (sqlite3 -json), for comparing exports with what was stored. */
export function sqlRows(dataDir, query) {
  const out = execFileSync('sqlite3', ['-json', '-cmd', '.timeout 5000', path.join(dataDir, 'stagematch.db'), query], {
    encoding: 'utf8',
  });
  return out.trim() ? JSON.parse(out) : [];
}

/** A download as bytes and as text with its byte order mark kept (fetch's text() drops it). */
export async function download(client, pathname) {
  const res = await fetch(client.base + pathname, { headers: { cookie: client.cookieHeader() } });
  const buffer = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, buffer, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(buffer) };
}

/** HTML text back to plain text (the entities html() writes). */
export function unescapeHtml(s) {
  return s
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');
}

/** RFC 4180 with ';': returns { bom, records, lineEnds } and fails on anything malformed. */
export function parseCsv(text) {
  const bom = text.charCodeAt(0) === 0xfeff;
  if (bom) text = text.slice(1);
  const records = [];
  let record = [];
  let i = 0;
  const lineEnds = new Set();
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const j = text.indexOf('"', i);
        assert.ok(j >= 0, 'unterminated quoted field');
        field += text.slice(i, j);
        i = j + 1;
        if (text[i] === '"') {
          field += '"';
          i++;
        } else break;
      }
    } else {
      while (i < text.length && !';\r\n'.includes(text[i])) {
        assert.notEqual(text[i], '"', 'a quote inside an unquoted field');
        field += text[i++];
      }
    }
    record.push(field);
    if (text[i] === ';') {
      i++;
      continue;
    }
    if (text.startsWith('\r\n', i)) lineEnds.add('CRLF');
    else if (i < text.length) lineEnds.add(JSON.stringify(text[i]));
    i += text.startsWith('\r\n', i) ? 2 : 1;
    records.push(record);
    record = [];
    if (i >= text.length) break;
  }
  return { bom, records, lineEnds };
}

/** The demo's national numbers (src/cli/demo.c), by the pupil's index in its list. */
export const DEMO_FIRST_NAMES = ['Lotte', 'Emma', 'Noor', 'Jana', 'Lisa', 'Amber', 'Febe', 'Chloë', 'Ines', 'Zoë', 'Margot', 'Elise'];
export function demoNationalNumber(index) {
  const year = 8 + (index % 2), month = 1 + (index % 12), day = 1 + ((index * 7) % 28), serial = 100 + index * 2;
  const first9 = year * 10000000 + month * 100000 + day * 1000 + serial;
  const check = 97 - Number((2000000000n + BigInt(first9)) % 97n);
  const d = String(first9).padStart(9, '0') + String(check % 100).padStart(2, '0');
  return `${d.slice(0, 2)}.${d.slice(2, 4)}.${d.slice(4, 6)}-${d.slice(6, 9)}.${d.slice(9)}`;
}

/** The cells of sheet1.xml (inline or shared strings, numbers), and the workbook's looks (number
 * format, bold, wrapped text). */
export function readXlsx(file) {
  const part = (name) => {
    try {
      return execFileSync('unzip', ['-p', file, name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    } catch {
      return '';
    }
  };
  const sheet = part('xl/worksheets/sheet1.xml');
  const styles = part('xl/styles.xml');
  const shared = [...part('xl/sharedStrings.xml').matchAll(/<si>([^]*?)<\/si>/g)].map((m) =>
    [...m[1].matchAll(/<t[^>]*>([^]*?)<\/t>/g)].map((t) => unescapeHtml(t[1])).join(''),
  );
  const xfs = [...styles.match(/<cellXfs[^>]*>([^]*?)<\/cellXfs>/)[1].matchAll(/<xf [^>]*?(?:\/>|>[^]*?<\/xf>)/g)].map((m) => m[0]);
  const fonts = [...styles.match(/<fonts[^>]*>([^]*?)<\/fonts>/)[1].matchAll(/<font>([^]*?)<\/font>|<font\/>/g)].map((m) => m[0]);
  const numFmts = Object.fromEntries(
    [...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/g)].map((m) => [m[1], unescapeHtml(m[2])]),
  );
  const cells = [];
  for (const row of sheet.matchAll(/<row r="(\d+)"[^>]*>([^]*?)<\/row>/g)) {
    const r = Number(row[1]) - 1;
    cells[r] = [];
    for (const c of row[2].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>([^]*?)<\/c>)/g)) {
      const col = [...c[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      const attrs = c[2];
      const inner = c[3] ?? '';
      const type = attrs.match(/t="(\w+)"/)?.[1];
      const style = Number(attrs.match(/s="(\d+)"/)?.[1] ?? 0);
      const xf = xfs[style] ?? '';
      const fmt = numFmts[xf.match(/numFmtId="(\d+)"/)?.[1]];
      const bold = /<b\/>/.test(fonts[Number(xf.match(/fontId="(\d+)"/)?.[1] ?? 0)] ?? '');
      let value;
      if (type === 'inlineStr') value = [...inner.matchAll(/<t[^>]*>([^]*?)<\/t>/g)].map((t) => unescapeHtml(t[1])).join('');
      else if (type === 's') value = shared[Number(inner.match(/<v>(\d+)<\/v>/)[1])];
      else value = Number(inner.match(/<v>([^<]*)<\/v>/)[1]);
      const wrap = /<alignment [^>]*wrapText="1"/.test(xf);
      cells[r][col] = { value, type: type ?? 'n', fmt, bold, wrap };
    }
  }
  return { sheet, cells };
}

/** An Excel serial day number as ISO. */
export const serialToIso = (n) => new Date(Date.UTC(1899, 11, 30) + n * 86400000).toISOString().slice(0, 10);

/**
 * The text of the first outbox mail matching where (an SQL condition on outbox). The delivery
 * job clears a sent mail's body in the outbox within a second and writes it, without a mail
 * server, to DATA/mail/outbox-NNNNNN.eml: wait for that file and decode its quoted-printable
 * body (reading body_text right after the change races with the delivery).
 */
export async function mailText(dataDir, where) {
  const id = Number(sql(dataDir, `SELECT id FROM outbox WHERE ${where} ORDER BY id LIMIT 1`));
  assert.ok(id, `a mail where ${where}`);
  const file = path.join(dataDir, 'mail', `outbox-${String(id).padStart(6, '0')}.eml`);
  for (let i = 0; i < 120 && !(existsSync(file) && sql(dataDir, `SELECT state FROM outbox WHERE id = ${id}`) === 'sent'); i++)
    await new Promise((r) => setTimeout(r, 250));
  const raw = readFileSync(file, 'utf8');
  const body = raw.slice(raw.indexOf('\r\n\r\n') + 4).replace(/=\r\n/g, '');
  const bytes = [];
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '=' && /^[0-9A-F]{2}$/.test(body.slice(i + 1, i + 3))) {
      bytes.push(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(body[i], 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8').replace(/\r\n/g, '\n');
}

/** Posts a file as a browser's multipart form does (with the client's CSRF token and cookies). */
export async function uploadFile(client, pathname, { field = 'bestand', name, bytes, form = {} }) {
  const body = new FormData();
  body.append('csrf', client.csrf);
  for (const [k, v] of Object.entries(form)) body.append(k, v);
  body.append(field, new Blob([bytes]), name);
  const res = await fetch(client.base + pathname, { method: 'POST', body, headers: { cookie: client.cookieHeader() }, redirect: 'manual' });
  client.remember(res);
  const text = await res.text();
  const m = text.match(/name="csrf" value="([^"]+)"/);
  if (m) client.csrf = m[1];
  return { status: res.status, headers: res.headers, text, location: res.headers.get('location') };
}

/** Polls check() until it returns something truthy (or fails after timeout ms). */
export async function eventually(check, what, timeout = 15000) {
  const until = Date.now() + timeout * Math.min(SLOWDOWN, 6);
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > until) assert.fail('timed out waiting for ' + what);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A moment as <input type="datetime-local"> wants it, in Brussels time. */
export function brussels(date) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    }).formatToParts(date).map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** Now plus h hours, whole minutes, as a Brussels input value. */
export function brusselsInHours(h) {
  return brussels(new Date(Math.floor((Date.now() + h * 3600e3) / 60e3) * 60e3));
}
