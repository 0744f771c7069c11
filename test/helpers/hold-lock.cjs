// Holds a store's lock the way a slow writer would: node hold-lock.cjs <store> <ms>.
// Prints "locked" once it holds it, then sleeps and exits (or is killed).
const fs = require('node:fs');
const { tryLock } = require('fs-native-extensions');

const [store, ms] = process.argv.slice(2);
const fd = fs.openSync(`${fs.realpathSync(store)}.lock`, 'a+');
if (!tryLock(fd)) {
  console.error('lock is taken');
  process.exit(1);
}
process.stdout.write('locked\n');
setTimeout(() => {}, Number(ms));
