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

// ---- The focus ring ----

/**
 * Walks every Tab stop of the page in `page` and describes the focus ring of each: its colour
 * and width, the colours right inside and right outside it (from the element's computed
 * outline, outline-offset and box-shadow, and the first opaque background behind it) and the
 * contrast with both.
 */
async function focusRings(page) {
  const rings = [];
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const rgb = (c) => {
        const m = c.match(/rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/);
        return m ? { r: +m[1], g: +m[2], b: +m[3], a: m[4] === undefined ? 1 : +m[4] } : null;
      };
      const hex = (c) => '#' + [c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');
      const luminance = (c) => {
        const lin = (v) => ((v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
      };
      const contrast = (x, y) => {
        const [a, b] = [luminance(x), luminance(y)].sort((p, q) => q - p);
        return (a + 0.05) / (b + 0.05);
      };
      // The first opaque background from node upwards (the canvas is white).
      const backgroundOf = (node) => {
        for (; node && node.nodeType === 1; node = node.parentElement) {
          const c = rgb(getComputedStyle(node).backgroundColor);
          if (c && c.a === 1) return c;
        }
        return { r: 255, g: 255, b: 255, a: 1 };
      };
      const cs = getComputedStyle(el);
      const behind = backgroundOf(el.parentElement);
      const own = backgroundOf(el);
      // Outer box-shadows without offset or blur paint solid bands around the border edge.
      const bands = [...cs.boxShadow.matchAll(/(rgba?\([^)]*\))\s+(-?[\d.]+)px\s+(-?[\d.]+)px\s+([\d.]+)px\s+([\d.]+)px(?!\s*inset)/g)]
        .filter((m) => +m[2] === 0 && +m[3] === 0 && +m[4] === 0)
        .map((m) => ({ color: rgb(m[1]), spread: +m[5] }))
        .filter((b) => b.color.a === 1);
      // The colour at distance d outside the border edge: the topmost band reaching it, or what is behind.
      const at = (d) => bands.find((b) => b.spread > d)?.color ?? behind;
      const width = cs.outlineStyle === 'none' ? 0 : parseFloat(cs.outlineWidth);
      const offset = parseFloat(cs.outlineOffset);
      const color = rgb(cs.outlineColor);
      const inside = offset > 0 ? at(offset / 2) : own;
      const outside = at(offset + width + 0.5);
      const text = (el.getAttribute('aria-label') || el.textContent || el.getAttribute('name') || '').trim().slice(0, 40);
      return {
        what: `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ').join('.') : ''} "${text}"`,
        id: el.id,
        focusVisible: el.matches(':focus-visible'),
        behind: hex(behind),
        width,
        ring: color ? hex(color) : cs.outlineColor,
        inside: hex(inside),
        outside: hex(outside),
        contrastInside: color ? contrast(color, inside) : 0,
        contrastOutside: color ? contrast(color, outside) : 0,
      };
    });
    if (!ring) break;
    const key = (r) => `${r.id}|${r.what}`;
    if (rings.length && key(rings.at(-1)) === key(ring)) continue; // Tab between a date input's parts
    if (rings.length && key(rings[0]) === key(ring)) break; // once round the page
    rings.push(ring);
  }
  return rings;
}

test('the focus ring has 3:1 against what is next to it on every background (white, grey, top bar, nav, buttons, alerts)', async () => {
  const seen = new Map(); // background -> an element focused on it
  const bad = [];
  const check = async (who, path, prepare) => {
    const page = await pageOf(who);
    await page.goto(server.url + path);
    if (prepare) await prepare(page);
    for (const ring of await focusRings(page)) {
      assert.ok(ring.focusVisible, `${path}: ${ring.what} reached by Tab matches :focus-visible`);
      if (!seen.has(ring.behind)) seen.set(ring.behind, `${ring.what} on ${path}`);
      if (ring.width < 2 || ring.contrastInside < 3 || ring.contrastOutside < 3)
        bad.push(`${path}: ${ring.what} on ${ring.behind}: ring ${ring.ring} ${ring.width}px, ` +
          `${ring.contrastInside.toFixed(2)}:1 against ${ring.inside} inside, ${ring.contrastOutside.toFixed(2)}:1 against ${ring.outside} outside`);
    }
  };
  await check('school', '/opleidingen/dubbele-finaliteit');
  await check('school', '/contactpersonen/nieuw', async (page) => {
    await page.locator('form[action="/contactpersonen"] button[type="submit"]').focus();
    await submitWith(page, 'Enter'); // a summary of errors: links on its pink background
  });
  await check('anonymous', '/login');
  assert.deepEqual(bad, []);
  // Every background the app puts focusable things on was walked.
  for (const [name, color] of [['white card, nav, footer', '#ffffff'], ['grey page', '#f4f6f8'],
    ['top bar', '#0b6e69'], ['error summary', '#fdecea'], ['table header', '#eef1f4']])
    assert.ok(seen.has(color), `no focusable element on the ${name} (${color}); seen: ${[...seen.keys()].join(', ')}`);
});
