// The foundation through the real binary: login, logout, sessions, CSRF, headers, errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, loggedIn, launchBrowser, browserLogin, screenshot, sql, LOGINS, run, setCookies } from './lib.mjs';

let server;
before(async () => {
  server = await startServer({ demo: 'open' });
});
after(async () => {
  await server?.stop();
});

test('anonymous visitors are sent to the login page', async () => {
  const c = new Client(server.url);
  const res = await c.get('/contactpersonen');
  assert.equal(res.status, 303);
  assert.match(res.location, /^\/login\?next=%2Fcontactpersonen/);
});

test('every page carries the security headers', async () => {
  const res = await new Client(server.url).get('/login');
  const csp = res.headers.get('content-security-policy');
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(res.headers.get('referrer-policy'), 'same-origin');
  assert.equal(res.headers.get('cache-control'), 'no-store');
});

test('a school user logs in, lands on the programme and sees the shell', async () => {
  const c = new Client(server.url);
  const res = await c.login(LOGINS.school);
  assert.equal(res.status, 303);
  assert.equal(res.location, '/opleidingen/dubbele-finaliteit');
  const cookie = setCookies(res.headers).find((x) => x.startsWith('stagematch='));
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Lax/);
  const page = await c.get('/contactpersonen');
  assert.equal(page.status, 200);
  assert.match(page.text, /Sint-Jozefsinstituut Kortrijk/);
  for (const item of ['7de leerjaar verzorgende-zorgkundige', 'Duaal leren', 'Dubbele finaliteit gezondheidszorg', 'Contactpersoon stageplaats'])
    assert.ok(page.text.includes(item), item);
  assert.match(page.text, /Afmelden/);
});

test('a wrong password and an unknown e-mail get the same answer', async () => {
  const wrong = await new Client(server.url).login(LOGINS.service2, 'not-the-password');
  const unknown = await new Client(server.url).login('niemand@stagematch.test', 'not-the-password');
  assert.equal(wrong.status, 401);
  assert.equal(unknown.status, 401);
  const message = (t) => t.match(/<div class="alert alert-error"[^]*?<\/p>/)[0];
  assert.equal(message(wrong.text), message(unknown.text));
  assert.match(wrong.text, /Het e-mailadres of het wachtwoord klopt niet/);
  assert.match(wrong.text, /value="dienst2@stagematch.test"/, 'the e-mail typed is kept');
});

test('repeated failures lock the account for a while', async () => {
  const email = 'school2@stagematch.test';
  let last;
  for (let i = 0; i < 6; i++) last = await new Client(server.url).login(email, 'wrong-password-' + i);
  assert.equal(last.status, 429);
  assert.match(last.text, /Te veel mislukte pogingen/);
  // even the right password waits until the window has passed
  const right = await new Client(server.url).login(email);
  assert.equal(right.status, 429);
  sql(server.dataDir, 'DELETE FROM throttle');
  assert.equal((await new Client(server.url).login(email)).status, 303);
});

test('a POST without the CSRF token is refused and changes nothing', async () => {
  const c = await loggedIn(server.url, 'admin');
  const res = await c.post('/account', { name: 'Aanvaller', csrf: 'forged' });
  assert.equal(res.status, 403);
  assert.match(res.text, /formulier is verlopen/);
  assert.notEqual(sql(server.dataDir, "SELECT name FROM users WHERE email='admin@stagematch.test'"), 'Aanvaller');
});

test('a POST from another origin is refused even with a token', async () => {
  const c = await loggedIn(server.url, 'admin');
  await c.get('/account');
  const res = await c.post('/account', { name: 'Aanvaller' }, { headers: { origin: 'https://evil.example' } });
  assert.equal(res.status, 403);
});

test('logout ends the session on the server', async () => {
  const c = await loggedIn(server.url, 'service');
  const session = c.cookies.get('stagematch');
  await c.get('/aanvragen');
  const out = await c.post('/logout', {});
  assert.equal(out.status, 303);
  const again = new Client(server.url);
  again.cookies.set('stagematch', session);
  assert.equal((await again.get('/aanvragen')).status, 303);
});

test('roles: a school user cannot open the coordinator screens', async () => {
  const c = await loggedIn(server.url, 'school');
  assert.equal((await c.get('/beheer')).status, 403);
  assert.equal((await c.get('/aanvragen')).status, 403);
});

test('unknown pages, wrong methods and oversized bodies get real error pages', async () => {
  const c = await loggedIn(server.url, 'school');
  const missing = await c.get('/bestaat-niet');
  assert.equal(missing.status, 404);
  assert.match(missing.text, /Niet gevonden/);
  assert.match(missing.text, /Sint-Jozefsinstituut/, 'the error page keeps the shell');
  const method = await c.request('DELETE', '/login');
  assert.equal(method.status, 405);
  assert.match(method.headers.get('allow'), /GET/);
  const big = await c.post('/account', { name: 'x'.repeat(2 * 1024 * 1024) });
  assert.equal(big.status, 413);
  const badUtf8 = await c.request('POST', '/account', {
    body: Buffer.from('name=%FF%FE&csrf=' + c.csrf),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(badUtf8.status, 400);
});

test('hashed assets are served with a long cache lifetime; others are not found', async () => {
  const c = new Client(server.url);
  const page = await c.get('/login');
  const css = page.text.match(/href="(\/assets\/app\.[0-9a-f]{10}\.css)"/)[1];
  const res = await c.get(css);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('cache-control'), /max-age=31536000/);
  assert.match(res.headers.get('content-type'), /text\/css/);
  assert.equal((await c.get(css.replace(/\.[0-9a-f]{10}\./, '.0000000000.'))).status, 404);
  assert.equal((await c.get('/assets/001_initial.0000000000.sql')).status, 404);
  assert.equal((await c.get('/assets/..%2f..%2fetc%2fpasswd')).status, 404);
});

test('a form posted after the session expired is saved and finished after logging in again', async () => {
  const c = await loggedIn(server.url, 'school');
  await c.get('/account');
  // The user leaves the form open for more than the idle time.
  sql(server.dataDir, "UPDATE sessions SET last_seen_at = last_seen_at - 7200 WHERE ended_at IS NULL AND user_id = (SELECT id FROM users WHERE email='school@stagematch.test')");
  const posted = await c.post('/account', { name: 'Mevrouw Secretaris' });
  assert.equal(posted.status, 401);
  assert.match(posted.text, /Je sessie is verlopen/);
  assert.equal(sql(server.dataDir, "SELECT name FROM users WHERE email='school@stagematch.test'"), 'Secretariaat');
  const token = posted.text.match(/name="bewaard" value="([^"]+)"/)[1];
  const kept = sql(server.dataDir, 'SELECT body FROM saved_forms');
  assert.ok(kept.length > 20, 'the form is kept');
  assert.doesNotMatch(kept, /Secretaris/, 'sealed: what was typed cannot be read from the database');
  const login = await c.post('/login', { email: LOGINS.school, password: 'stagematch-demo', bewaard: token });
  assert.equal(login.status, 303);
  assert.equal(login.location, '/account');
  assert.equal(sql(server.dataDir, "SELECT name FROM users WHERE email='school@stagematch.test'"), 'Mevrouw Secretaris');
  // another user cannot pick up someone else's saved form
  assert.equal(sql(server.dataDir, 'SELECT COUNT(*) FROM saved_forms'), '0');
});

test('in Chromium: log in, see the shell, log out', async () => {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(server.url + '/');
    await page.getByLabel('E-mail').fill(LOGINS.school);
    await page.getByLabel('Wachtwoord').fill('verkeerd-wachtwoord');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByText('Het e-mailadres of het wachtwoord klopt niet').first().waitFor();
    assert.equal(await page.getByLabel('E-mail').inputValue(), LOGINS.school);
    await browserLogin(page, server.url, 'school');
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    await nav.getByRole('link', { name: 'Contactpersoon stageplaats' }).waitFor();
    assert.ok(await page.getByText('Sint-Jozefsinstituut Kortrijk').isVisible());
    await screenshot(page, 'shell-school');
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await page.getByText('Je bent afgemeld.').waitFor();
    await page.goto(server.url + '/contactpersonen');
    assert.match(page.url(), /\/login\?next=/);
  } finally {
    await browser.close();
  }
});

test('in Chromium: a form typed while the session expired is not lost', async () => {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await browserLogin(page, server.url, 'service');
    await page.goto(server.url + '/account');
    await page.getByLabel('Naam').fill('Planner Brugge');
    sql(server.dataDir, "UPDATE sessions SET last_seen_at = last_seen_at - 7200 WHERE user_id = (SELECT id FROM users WHERE email='dienst@stagematch.test')");
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Je sessie is verlopen').waitFor();
    await page.getByLabel('E-mail').fill(LOGINS.service);
    await page.getByLabel('Wachtwoord').fill('stagematch-demo');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByText('Je gegevens zijn bewaard.').waitFor();
    assert.equal(await page.getByLabel('Naam').inputValue(), 'Planner Brugge');
  } finally {
    await browser.close();
  }
});

test('the command line: --help for every subcommand, --version', () => {
  assert.match(run(['--version']), /^stagematch \d+\.\d+\.\d+ \(/);
  for (const cmd of [['serve'], ['init'], ['demo'], ['user']])
    assert.match(run([...cmd, '--help']), /Gebruik: stagematch/);
});
