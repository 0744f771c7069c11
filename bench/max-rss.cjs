// node bench/max-rss.cjs <out-file> <script> [args...]: runs the script in this
// process as `node <script> [args...]` would, and at exit writes the process's
// peak resident memory (KiB, getrusage's maxrss) to out-file.
const fs = require('node:fs');
const path = require('node:path');

const [, , out, script, ...args] = process.argv;
process.argv = [process.argv[0], path.resolve(script), ...args];
process.on('exit', () => fs.writeFileSync(out, String(process.resourceUsage().maxRSS)));
require(path.resolve(script));
