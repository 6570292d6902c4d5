// Entry point VS Code's extension host calls with --extensionTestsPath: runs the suites with mocha
// inside the host, against the real `vscode` API and the installed extension.
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'extension-host', mocha);
  // Loaded after `pre-require` so that describe/it exist; esbuild keeps this order.
  require('./suite/manifest.test');
  require('./suite/review.test');
  require('./suite/security.test');
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} extension-host test(s) failed`)) : resolve()));
  });
}
