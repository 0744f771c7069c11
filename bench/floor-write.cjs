// The floor for a write: start Node, read and parse the store, serialise it in
// the store's own format, write a temporary file, fsync it, rename it over.
const fs = require('node:fs');
const file = process.argv[2];
const data = JSON.parse(fs.readFileSync(file, 'utf8'));
const text = `${JSON.stringify(data, null, 2)}\n`;
const temp = `${file}.floor.tmp`;
const fd = fs.openSync(temp, 'w');
fs.writeSync(fd, text);
fs.fsyncSync(fd);
fs.closeSync(fd);
fs.renameSync(temp, file);
