// The floor for a read-only command: start Node, read the store, parse it.
const fs = require('node:fs');
JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
