// The floor for taking a comment in: Node's own http, each POST's body made
// durable on its own, in the same kind of store, before the answer.
//   file <path>: appended to the file and fsynced (the physical limit of one
//                durable write per request on this disk);
//   pg <url>:    one INSERT on a pooled connection (8, as rfa serve keeps),
//                committed with the server's default commit settings.
// Prints its URL.
const fs = require('node:fs');
const http = require('node:http');
const [kind, target] = process.argv.slice(2);

let write;
if (kind === 'file') {
  const fd = fs.openSync(target, 'a');
  write = async (body) => {
    fs.writeSync(fd, `${body}\n`);
    fs.fsyncSync(fd);
  };
} else {
  const { Pool } = require('pg');
  const pool = new Pool({ connectionString: target, max: 8 });
  const ready = pool.query('CREATE TABLE IF NOT EXISTS floor_comments (id bigserial PRIMARY KEY, data json NOT NULL)');
  write = async (body) => {
    await ready;
    await pool.query('INSERT INTO floor_comments (data) VALUES ($1::json)', [JSON.stringify({ body })]);
  };
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    write(Buffer.concat(chunks).toString('utf8')).then(
      () => res.writeHead(202, { 'Content-Type': 'application/json' }).end('{"ok":true}\n'),
      (err) => res.writeHead(500).end(String(err)),
    );
  });
});
server.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${server.address().port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
