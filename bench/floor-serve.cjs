// The floor for serving a page: Node's own http answering the same bytes from
// memory, with the same number of headers, and nothing else.
// Usage: node floor-serve.cjs <file>...  (served at /0, /1, …); prints its URL.
const fs = require('node:fs');
const http = require('node:http');
const bodies = process.argv.slice(2).map((f) => fs.readFileSync(f));
const server = http.createServer((req, res) => {
  const body = bodies[Number(req.url.slice(1))] ?? bodies[0];
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': body.length,
    'Cache-Control': 'public, max-age=10',
    ETag: 'W/"floor"',
    'Content-Security-Policy': "default-src 'none'",
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
  });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${server.address().port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
