// Mocha config for `npm run screenshots`: the browser tier's config, running only the README's screenshot suite
// (test/e2e/screenshots), which writes media/readme/*.png. Kept out of `npm run test:e2e`, whose specs are
// test/e2e/specs/**/*.e2e.ts.
const path = require('node:path');
const base = require('./.mocharc.cjs');

module.exports = { ...base, spec: [path.join(__dirname, 'screenshots', '*.shots.ts')] };
