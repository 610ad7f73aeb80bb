// Opens N keep-alive connections to a server, makes one request on each, and then keeps
// them open and idle until stdin closes (or 25 s pass). Prints "READY <n>" once every
// connection has had its answer. Usage: node idle.mjs PORT [N]    (127.0.0.1 only)
import net from 'node:net';

const port = Number(process.argv[2]);
const wanted = Number(process.argv[3] || 1000);
const sockets = [];
let answered = 0;

function open() {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host: '127.0.0.1', port }, () => {
      s.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\n\r\n`);
    });
    let seen = '';
    s.on('data', (d) => {
      seen += d;
      if (seen.includes('\r\n\r\n') && !s.answered) {
        s.answered = true;
        answered++;
        resolve();
      }
    });
    s.on('error', reject);
    sockets.push(s);
  });
}

for (let i = 0; i < wanted; i += 50) {
  await Promise.all(Array.from({ length: Math.min(50, wanted - i) }, open));
}
const open_now = sockets.filter((s) => !s.destroyed).length;
console.log(`READY ${answered} ${open_now}`);
const finish = () => {
  sockets.forEach((s) => s.destroy());
  process.exit(0);
};
process.stdin.on('end', finish);
process.stdin.resume();
setTimeout(finish, 25000);
