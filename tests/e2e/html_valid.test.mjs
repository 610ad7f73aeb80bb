// Valid HTML: every page a crawl reaches, for every role, and the forms' pages with their error
// summaries, checked by the Nu Html Checker (npm vnu-jar on Debian's Java runtime).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serverForFile, Client, loggedIn, unescapeHtml } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const VNU = path.join(here, 'node_modules/vnu-jar/build/dist/vnu.jar');

const run = serverForFile({ demo: 'open' });
const one = run.one;

/** Runs the Nu Html Checker over the .html files of dir; returns its error messages. */
function vnuErrors(dir) {
  return new Promise((resolve, reject) => {
    execFile('java', ['-jar', VNU, '--errors-only', '--format', 'json', '--exit-zero-always', dir],
      { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        if (error) return reject(error);
        try {
          resolve(JSON.parse(stderr || stdout).messages);
        } catch (e) {
          reject(new Error(`vnu said: ${stderr.slice(0, 2000)}`));
        }
      });
  });
}

// Links that change something or are not pages.
const NOT_A_PAGE = /^\/(logout|assets\/)|\.(csv|xlsx)(\?|$)/;
// Forms posted empty to see their error summary: only ones that cannot remove or change data
// when nothing is filled in.
function emptyPosts(who) {
  const school = () => one("SELECT id FROM organisations WHERE name = 'Sint-Jozefsinstituut Kortrijk'");
  const service = () => one("SELECT id FROM organisations WHERE name = 'Familiezorg West-Vlaanderen'");
  switch (who) {
    case 'anonymous': return ['/login', '/wachtwoord-vergeten'];
    case 'school': return ['/contactpersonen', '/opleidingen/dubbele-finaliteit/studenten', '/account/wachtwoord',
      `/contactpersonen/${one(`SELECT id FROM contacts WHERE school_id = ${school()} ORDER BY id LIMIT 1`)}`];
    case 'service': return [
      `/aanvragen/${one('SELECT s.id FROM students s LEFT JOIN placements p ON p.student_id = s.id WHERE p.id IS NULL AND s.stopped_at IS NULL ORDER BY s.id LIMIT 1')}/aanvaarden`,
      `/stagiairs/${one(`SELECT student_id FROM placements WHERE service_id = ${service()} ORDER BY id LIMIT 1`)}`];
    case 'admin': return ['/beheer/organisaties/nieuw/school', '/beheer/organisaties/nieuw/dienst', '/beheer/gebruikers',
      '/beheer/campagnes'];
  }
}

/**
 * Every page reachable by following links from the start pages, as each role sees it: at most
 * three variants (query strings) of one path, so the sort and page links of a list do not
 * multiply. Returns [{ url, html }].
 */
async function crawl(client, starts, limit = 120) {
  const pages = [];
  const queued = new Set(starts);
  const variants = new Map();
  const queue = [...starts];
  while (queue.length && pages.length < limit) {
    const url = queue.shift();
    const res = await client.get(url);
    if (res.status !== 200 || !/^text\/html/.test(res.headers.get('content-type') || '')) continue;
    pages.push({ url, html: res.text });
    for (const m of res.text.matchAll(/href="([^"]*)"/g)) {
      const href = unescapeHtml(m[1]).split('#')[0];
      if (!href.startsWith('/') || href.startsWith('//') || NOT_A_PAGE.test(href) || queued.has(href)) continue;
      const pathname = href.split('?')[0];
      const n = variants.get(pathname) || 0;
      if (n >= 3) continue;
      variants.set(pathname, n + 1);
      queued.add(href);
      queue.push(href);
    }
  }
  return pages;
}

test('every page of the crawl, for every role, and every form with its errors is valid HTML (Nu Html Checker)', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'stagematch-vnu-'));
  try {
    const files = new Map();
    let n = 0;
    const keep = (who, url, html) => {
      const file = path.join(dir, `${String(++n).padStart(4, '0')}.html`);
      writeFileSync(file, html);
      files.set(`file:${file}`, `${who} ${url}`);
    };
    for (const who of ['anonymous', 'school', 'service', 'admin']) {
      const client = who === 'anonymous' ? new Client(run.server.url) : await loggedIn(run.server.url, who);
      const starts = who === 'anonymous' ? ['/login', '/wachtwoord-vergeten', '/activatiemail'] : ['/', '/account'];
      const pages = await crawl(client, starts);
      assert.ok(pages.length >= (who === 'anonymous' ? 2 : 5), `${who}: crawled ${pages.length} pages`);
      for (const p of pages) keep(who, p.url, p.html);
      for (const action of emptyPosts(who)) {
        if (who === 'anonymous') await client.get('/login'); // a CSRF token
        const res = await client.post(action, {});
        assert.match(res.text, /id="fouten"/, `${who} POST ${action} shows the error summary`);
        keep(who, `POST ${action}`, res.text);
      }
    }
    const errors = (await vnuErrors(dir)).map((m) =>
      `${files.get(m.url) ?? m.url}:${m.lastLine}: ${m.message} [${(m.extract || '').trim().slice(0, 120)}]`);
    assert.deepEqual(errors, [], `${errors.length} errors in ${files.size} pages`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the organisation form asks the browser for the first address line; the pupil\'s province is optional, as its help says', async () => {
  const admin = await loggedIn(run.server.url, 'admin');
  for (const kind of ['school', 'dienst']) {
    const page = await admin.get(`/beheer/organisaties/nieuw/${kind}`);
    assert.match(page.text, /<input id="f-street" name="street" type="text" value="" autocomplete="address-line1" required/);
    assert.doesNotMatch(page.text, /street-address/);
  }
  const school = await loggedIn(run.server.url, 'school');
  const form = (await school.get('/opleidingen/dubbele-finaliteit/studenten/nieuw')).text;
  const province = form.match(/<label for="f-province">[^]*?<\/select>/)[0];
  assert.doesNotMatch(province, /class="req"|required/, 'not marked required');
  assert.match(province, /Mag leeg blijven: dan vullen we de provincie in volgens de postcode\./);
});
