// Hostile input: every malformed or abusive request gets a clean 4xx, the server stays up
// and responsive for others, and (under ASan) nothing is read or written out of bounds.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer, Client, loggedIn, sql, LOGINS } from './lib.mjs';

let server, port;
before(async () => {
  server = await startServer({ demo: 'open' });
  port = Number(new URL(server.url).port);
});
after(async () => {
  await server?.stop();
});

/** Sends raw bytes and returns the status code of the answer (0 when the connection closed silently). */
function raw(bytes, { timeout = 10000 } = {}) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    let data = '';
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error('no answer within ' + timeout + ' ms'));
    }, timeout);
    const status = () => {
      const m = data.match(/^HTTP\/1\.[01] (\d{3})/);
      return m ? Number(m[1]) : 0;
    };
    sock.on('data', (d) => {
      data += d.toString('latin1');
      if (status()) {
        clearTimeout(timer);
        sock.destroy();
        resolve(status());
      }
    });
    sock.on('error', () => {});
    sock.on('close', () => {
      clearTimeout(timer);
      resolve(status());
    });
    sock.end(bytes);
  });
}

async function stillServing() {
  const res = await fetch(server.url + '/login');
  assert.equal(res.status, 200);
}

test('oversized headers are refused', async () => {
  const status = await raw(`GET /login HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(100000)}\r\n\r\n`);
  assert.ok(status === 413 || status === 431 || status === 400, `status ${status}`);
  await stillServing();
});

/** Writes the head, then body pieces slowly, until the server answers; returns the status. */
function streamed(head, pieces) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    let data = '';
    let i = 0;
    const timer = setTimeout(() => reject(new Error('no answer')), 10000);
    const pump = setInterval(() => {
      if (i < pieces.length && !data) sock.write(pieces[i++]);
    }, 5);
    sock.on('error', () => {});
    sock.on('data', (d) => {
      data += d.toString('latin1');
      const m = data.match(/^HTTP\/1\.[01] (\d{3})/);
      if (m) {
        clearTimeout(timer);
        clearInterval(pump);
        sock.destroy();
        resolve({ status: Number(m[1]), sent: i });
      }
    });
    sock.write(head);
  });
}

test('oversized bodies are refused with 413, announced or not', async () => {
  // An absurd announced size is answered at once, before any of the body.
  const absurd = await streamed(
    'POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 50000000\r\n\r\n',
    [],
  );
  assert.equal(absurd.status, 413);
  // A few megabytes (a pasted document) are read and dropped, then answered cleanly.
  const chunk = 'a'.repeat(64 * 1024);
  const announced = await streamed(
    `POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${40 * chunk.length}\r\n\r\n`,
    Array.from({ length: 40 }, () => chunk),
  );
  assert.equal(announced.status, 413);
  const chunked = await streamed(
    'POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n',
    [...Array.from({ length: 40 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`), '0\r\n\r\n'],
  );
  assert.equal(chunked.status, 413);
  await stillServing();
});

test('malformed UTF-8 and NUL bytes are refused with 400', async () => {
  const c = new Client(server.url);
  await c.get('/login');
  for (const body of ['email=%C3%28&password=x', 'email=a%00b&password=x', 'email=%ED%A0%80', '%ZZ=1']) {
    const res = await c.request('POST', '/login', {
      body: body + '&csrf=' + c.csrf,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(res.status, 400, body);
  }
  assert.equal((await c.get('/login?next=%FF')).status, 400);
  const nulPath = await raw('GET /log\x00in HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.ok(nulPath >= 400 && nulPath < 500, `status ${nulPath}`);
  await stillServing();
});

test('path traversal in asset URLs finds nothing', async () => {
  for (const p of ['/assets/../../etc/passwd', '/assets/..%2F..%2Fetc%2Fpasswd', '/assets/%2e%2e/secret.key',
    '/assets/app.css', '/assets/common-passwords.0000000000.txt', '/assets/secret.key']) {
    const status = await raw(`GET ${p} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    assert.ok(status === 404 || status === 400, `${p}: ${status}`);
  }
});

test('duplicate parameters are refused, never half-used', async () => {
  const c = await loggedIn(server.url, 'school');
  await c.get('/account');
  const twice = await c.post('/account', { name: ['Eerste', 'Tweede'] });
  assert.equal(twice.status, 400);
  assert.match(twice.text, /meer dan eens verstuurd/);
  const twoTokens = await c.post('/account', { name: 'Derde', csrf: [c.csrf, 'forged'] });
  assert.equal(twoTokens.status, 403);
  assert.equal(sql(server.dataDir, `SELECT name FROM users WHERE email='${LOGINS.school}'`), 'Secretariaat');
});

test('garbage request lines and methods get 4xx', async () => {
  for (const req of ['BLAH\r\n\r\n', 'GET\r\n\r\n', 'GET / HTTP/9.9\r\nHost: x\r\n\r\n', 'GET /login HTTP/1.1\r\n\r\n',
    'PUT /login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n']) {
    const status = await raw(req);
    assert.ok(status === 0 || (status >= 400 && status < 506), `${JSON.stringify(req)}: ${status}`);
  }
  await stillServing();
});

test('slow clients do not keep others waiting', async () => {
  // 200 connections that send half a request header, a byte at a time.
  const slow = [];
  for (let i = 0; i < 200; i++) {
    const s = net.connect(port, '127.0.0.1');
    s.on('error', () => {});
    s.write('GET /login HTTP/1.1\r\nHost: x\r\n');
    slow.push(s);
  }
  const drip = setInterval(() => slow.forEach((s) => s.write('X-a: b\r\n')), 500);
  try {
    await new Promise((r) => setTimeout(r, 1000));
    const started = Date.now();
    for (let i = 0; i < 20; i++) await stillServing();
    assert.ok(Date.now() - started < 10000, 'twenty page loads while 200 slow clients hang on');
  } finally {
    clearInterval(drip);
    slow.forEach((s) => s.destroy());
  }
});
