// Entry point VS Code's extension host calls with --extensionTestsPath: runs the suites with mocha
// inside the host, against the real `vscode` API and the installed extension.
/* eslint-disable @typescript-eslint/no-require-imports -- the suites must load after mocha's pre-require (so describe/it exist), which static imports cannot do */
import { appendFileSync } from 'node:fs';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'extension-host', mocha);
  // Loaded after `pre-require` so that describe/it exist; esbuild keeps this order. The restricted-mode
  // suite needs an untrusted window, so it runs on its own (CMA_HOST_TEST_SUITES=untrusted).
  if (process.env['CMA_HOST_TEST_SUITES'] === 'untrusted') {
    require('./suite/untrusted.test');
  } else if (process.env['CMA_HOST_TEST_SUITES'] === 'editorChat') {
    // Needs the chat's AI features on (chat.disableAIFeatures false), unlike the other suites.
    require('./suite/editorChat.test');
  } else {
    require('./suite/manifest.test');
    require('./suite/review.test');
    require('./suite/security.test');
    require('./suite/contentPolicy.test');
    require('./suite/load.test');
    require('./suite/changes.test');
    require('./suite/applyFix.test');
  }
  // code-server's extension host keeps no stdout we can read: a file report when asked.
  const reportFile = process.env['CMA_HOST_TEST_LOG'];
  const report = (line: string) => {
    if (reportFile) appendFileSync(reportFile, `${line}\n`);
  };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) =>
      failures ? reject(new Error(`${failures} extension-host test(s) failed`)) : resolve(),
    );
    runner.on('pass', (test) => report(`✔ ${test.fullTitle()}`));
    runner.on('fail', (test, err: Error) => report(`✘ ${test.fullTitle()}\n${err.stack ?? err.message}`));
    runner.on('end', () => report(`${runner.stats?.passes ?? 0} passing, ${runner.stats?.failures ?? 0} failing`));
  });
}
