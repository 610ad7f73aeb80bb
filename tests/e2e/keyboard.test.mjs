// Keyboard users in Chromium: after a failed save the focus is on the error summary (one Tab
// reaches the first error's link, Enter goes to its field), and the focus ring can be seen on
// every background the app uses (WCAG 1.4.11: 3:1 against what is next to it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, browserLogin, sql } from './lib.mjs';

let server, browser;
before(async () => {
  server = await startServer({ demo: 'open' });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const one = (query) => sql(server.dataDir, query);

/** Presses a key that submits a form and waits for the page it brings. */
async function submitWith(page, key) {
  const loaded = page.waitForNavigation({ waitUntil: 'load' });
  await page.keyboard.press(key);
  await loaded;
}

// One logged-in page per role, reused by the forms of that role.
const pages = new Map();
async function pageOf(who = 'anonymous') {
  if (!pages.has(who)) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    if (who !== 'anonymous') await browserLogin(page, server.url, who);
    pages.set(who, page);
  }
  return pages.get(who);
}

/**
 * The form at `path` (whose action is `action`), saved with mistakes by keyboard: each field in
 * `clear` emptied and each in `type` typed over (Ctrl+A, then the keys), then Enter on the form's
 * submit button. The answer must open with the focus on the error summary; one Tab reaches its
 * first link; Enter on that link puts the focus on the field. Returns that link.
 */
async function failedSaveByKeyboard({ who, path, action, clear = [], type = {}, method = 'post' }) {
  const page = await pageOf(who);
  await page.goto(server.url + path);
  const form = page.locator(`form[action="${action}"]`);
  for (const [name, text] of [...clear.map((n) => [n, '']), ...Object.entries(type)]) {
    await form.locator(`[name="${name}"]`).focus();
    await page.keyboard.press('Control+A');
    if (text) await page.keyboard.type(text);
    else await page.keyboard.press('Backspace');
  }
  await form.locator('button[type="submit"]').first().focus();
  await submitWith(page, 'Enter');
  if (method === 'post') assert.equal(new URL(page.url()).pathname, action, 'the form is shown again');
  // Autofocus runs at the first rendering after the page is parsed: wait for that frame.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const focused = await page.evaluate(() => ({
    id: document.activeElement?.id,
    tag: document.activeElement?.tagName,
    summary: !!document.getElementById('fouten'),
  }));
  assert.ok(focused.summary, `${path}: the answer has an error summary`);
  assert.equal(focused.id, 'fouten', `${path}: focus is on the error summary, not on ${focused.tag}`);

  await page.keyboard.press('Tab');
  const link = await page.evaluate(() => {
    const a = document.activeElement;
    return { first: a === document.querySelector('#fouten a'), href: a?.getAttribute('href'), text: a?.textContent };
  });
  assert.ok(link.first, `${path}: one Tab reaches the first error link (got ${link.href})`);
  assert.match(link.href, /^#f-/);

  await page.keyboard.press('Enter');
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  assert.equal(await page.evaluate(() => document.activeElement?.id), link.href.slice(1),
    `${path}: Enter on "${link.text}" puts the focus on its field`);
  return link;
}

test('pupil form (new and edit): after a failed save the focus is on the summary, one Tab to the first error', async () => {
  const first = await failedSaveByKeyboard({
    who: 'school',
    path: '/opleidingen/dubbele-finaliteit/studenten/nieuw',
    action: '/opleidingen/dubbele-finaliteit/studenten',
  });
  assert.equal(first.href, '#f-first_name');
  const school = one("SELECT id FROM organisations WHERE name = 'Sint-Jozefsinstituut Kortrijk'");
  const pupil = one(`SELECT s.id FROM students s LEFT JOIN placements p ON p.student_id = s.id
    WHERE s.school_id = ${school} AND p.id IS NULL AND s.stopped_at IS NULL ORDER BY s.id LIMIT 1`);
  const edited = await failedSaveByKeyboard({
    who: 'school', path: `/studenten/${pupil}`, action: `/studenten/${pupil}`, clear: ['last_name'],
    type: { phone: '12' },
  });
  assert.equal(edited.href, '#f-last_name');
});

test('contacts (new and edit): focus on the summary after a failed save', async () => {
  await failedSaveByKeyboard({ who: 'school', path: '/contactpersonen/nieuw', action: '/contactpersonen' });
  const school = one("SELECT id FROM organisations WHERE name = 'Sint-Jozefsinstituut Kortrijk'");
  const contact = one(`SELECT id FROM contacts WHERE school_id = ${school} ORDER BY id LIMIT 1`);
  const link = await failedSaveByKeyboard({
    who: 'school', path: `/contactpersonen/${contact}`, action: `/contactpersonen/${contact}`, type: { email: 'niet-juist' },
  });
  assert.equal(link.href, '#f-email');
});

test('the coordinator\'s forms: organisations, campaigns, users, audit filter', async () => {
  await failedSaveByKeyboard({ who: 'admin', path: '/beheer/organisaties/nieuw/school', action: '/beheer/organisaties/nieuw/school' });
  await failedSaveByKeyboard({ who: 'admin', path: '/beheer/organisaties/nieuw/dienst', action: '/beheer/organisaties/nieuw/dienst' });
  const org = one("SELECT id FROM organisations WHERE name = 'Atheneum Gent'");
  await failedSaveByKeyboard({ who: 'admin', path: `/beheer/organisaties/${org}`, action: `/beheer/organisaties/${org}`, clear: ['name'] });
  await failedSaveByKeyboard({ who: 'admin', path: '/beheer/campagnes/nieuw?opleiding=dubbele-finaliteit', action: '/beheer/campagnes', clear: ['school_year'] });
  await failedSaveByKeyboard({ who: 'admin', path: '/beheer/gebruikers', action: '/beheer/gebruikers', type: { email: 'geen-adres' } });
  await failedSaveByKeyboard({ who: 'admin', path: '/beheer/audit', action: '/beheer/audit', method: 'get', type: { leerling: 'abc' } });
});

test('care services: accepting and editing a placement; account and login forms', async () => {
  const service = one("SELECT id FROM organisations WHERE name = 'Familiezorg West-Vlaanderen'");
  const open = one(`SELECT s.id FROM students s LEFT JOIN placements p ON p.student_id = s.id
    WHERE p.id IS NULL AND s.stopped_at IS NULL ORDER BY s.id LIMIT 1`);
  await failedSaveByKeyboard({ who: 'service', path: `/aanvragen/${open}`, action: `/aanvragen/${open}/aanvaarden`, clear: ['site'] });
  const placed = one(`SELECT student_id FROM placements WHERE service_id = ${service} ORDER BY id LIMIT 1`);
  assert.ok(placed, 'the demo has a placement of this service');
  await failedSaveByKeyboard({ who: 'service', path: `/stagiairs/${placed}`, action: `/stagiairs/${placed}`, clear: ['mentor_name'] });
  await failedSaveByKeyboard({ who: 'service', path: '/account', action: '/account/wachtwoord' });
  await failedSaveByKeyboard({ path: '/login', action: '/login' });
  await failedSaveByKeyboard({ path: '/wachtwoord-vergeten', action: '/wachtwoord-vergeten' });
});
