// The layer rules of eslint.config.mjs, checked with ESLint itself: one wrong import per layer must
// fail lint, and the imports each layer is allowed must pass.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

const ROOT = join(__dirname, '../../..');
const BOUNDARY_RULES = new Set([
  'import/no-restricted-paths',
  'no-restricted-imports',
  'no-restricted-syntax',
  'layers/known-layer',
  'layers/type-only-imports',
]);

describe('lint: the layers are enforced', function () {
  this.timeout(60_000);
  // The project's own config; only type information is switched off, because these files exist only
  // as text here (the TypeScript project cannot see them) and the boundary rules do not need it.
  const eslint = new ESLint({ cwd: ROOT, overrideConfig: tseslint.configs.disableTypeChecked });

  // Imports resolve from the importing file's folder, so layers that have no files yet (src/policy,
  // src/cli) get an empty folder while this suite runs; only folders made here are removed.
  const made: string[] = [];
  before(() => {
    for (const dir of ['src/policy', 'src/cli'].map((d) => join(ROOT, d))) {
      if (!existsSync(dir)) {
        mkdirSync(dir);
        made.push(dir);
      }
    }
  });
  after(() => {
    for (const dir of made) rmdirSync(dir);
  });

  async function lint(filePath: string, code: string) {
    const [result] = await eslint.lintText(code, { filePath: join(ROOT, filePath) });
    assert.ok(result, 'ESLint linted the text');
    const fatal = result.messages.filter((m) => m.fatal);
    assert.deepEqual(fatal, [], 'the text parses');
    return result.messages;
  }

  const wrong: Array<{ layer: string; file: string; code: string; because: RegExp }> = [
    {
      layer: 'core',
      file: 'src/core/x.ts',
      code: "import { runReview } from '../review';\nexport const f = runReview;\n",
      because: /src\/core imports nothing of ours/,
    },
    {
      layer: 'core',
      file: 'src/core/x.ts',
      code: "import * as vscode from 'vscode';\nexport const v = vscode.version;\n",
      because: /Only src\/extension\/ imports vscode/,
    },
    {
      layer: 'review',
      file: 'src/review/x.ts',
      code: "import { buildChatSystem } from '../chat';\nexport const c = buildChatSystem;\n",
      because: /src\/review may not import src\/chat, which builds on it/,
    },
    {
      layer: 'review',
      file: 'src/review/x.ts',
      code: "import { nodeWorkspaceFs } from '../node/nodeWorkspaceFs';\nexport const n = nodeWorkspaceFs;\n",
      because: /runs anywhere/,
    },
    {
      layer: 'review',
      file: 'src/review/x.ts',
      code: "import { readFile } from 'node:fs/promises';\nexport const r = readFile;\n",
      because: /Node-only: .*Put it behind a port/,
    },
    {
      layer: 'review',
      file: 'src/review/x.ts',
      code: "import { isSafeLink } from '../shared/protocol';\nexport const s = isSafeLink;\n",
      because: /runs anywhere/,
    },
    {
      layer: 'chat',
      file: 'src/chat/x.ts',
      code: "import { gatherContext } from '../review/context';\nexport const g = gatherContext;\n",
      because: /src\/chat may use src\/review only through its index\.ts/,
    },
    {
      layer: 'chat',
      file: 'src/chat/x.ts',
      code: "import { ReviewController } from '../extension/review/reviewController';\nexport const r = ReviewController;\n",
      because: /runs anywhere/,
    },
    {
      layer: 'delegate',
      file: 'src/delegate/x.ts',
      code: "import { findJson } from '../core/extractJson';\nexport const j = findJson;\n",
      because: /src\/delegate may use src\/core only through its index\.ts/,
    },
    {
      layer: 'delegate',
      file: 'src/delegate/x.ts',
      code: "import * as vscode from 'vscode';\nexport const v = vscode.version;\n",
      because: /Only src\/extension\/ imports vscode/,
    },
    {
      layer: 'policy',
      file: 'src/policy/x.ts',
      code: "import { redactSecrets } from '../review';\nexport const r = redactSecrets;\n",
      because: /src\/policy imports only src\/core/,
    },
    {
      layer: 'node',
      file: 'src/node/x.ts',
      code: "import { ReviewPanel } from '../extension/review/reviewPanel';\nexport const p = ReviewPanel;\n",
      because: /src\/node is shared by the shells/,
    },
    {
      layer: 'cli',
      file: 'src/cli/x.ts',
      code: "import { activate } from '../extension/extension';\nexport const a = activate;\n",
      because: /Shells never import each other/,
    },
    {
      layer: 'webview',
      file: 'src/webview/x.ts',
      code: "import { estimateTokens } from '../core';\nexport const e = estimateTokens;\n",
      because: /imports only src\/shared/,
    },
    {
      layer: 'webview',
      file: 'src/webview/x.ts',
      code: "import { SYNTHESIS_ID } from '../review';\nexport const s = SYNTHESIS_ID;\n",
      because: /imports only src\/shared/,
    },
  ];

  // Imports that passed the earlier lint (issue 27's probes): dynamic imports, built-ins it did not
  // list, the review importing the chat, value imports into src/shared, shells deep-importing a domain.
  const probes: typeof wrong = [
    {
      layer: 'review',
      file: 'src/review/x.ts',
      code: "const vscode = await import('vscode');\nexport const v = vscode.version;\n",
      because: /Only src\/extension\/ imports vscode/,
    },
    {
      layer: 'review',
      file: 'src/review/x.ts',
      code: "const fs = await import('node:fs');\nexport const e = fs.existsSync;\n",
      because: /Node-only: code in this layer runs in any host/,
    },
    {
      layer: 'review',
      file: 'src/review/x.ts',
      code: "export const f = () => import('fs/promises');\n",
      because: /Node-only/,
    },
    {
      layer: 'review',
      file: 'src/review/x.ts',
      code: "const name = 'node:fs';\nexport const f = () => import(name);\n",
      because: /import\(\) takes a literal module name here/,
    },
    {
      layer: 'review',
      file: 'src/review/x.ts',
      code: "import { randomUUID } from 'node:crypto';\nexport const id = randomUUID;\n",
      because: /Node-only/,
    },
    {
      layer: 'chat',
      file: 'src/chat/x.ts',
      code: "import { homedir } from 'node:os';\nexport const h = homedir;\n",
      because: /Node-only/,
    },
    {
      layer: 'core',
      file: 'src/core/x.ts',
      code: "import { createHash } from 'crypto';\nexport const c = createHash;\n",
      because: /Node-only/,
    },
    {
      layer: 'delegate',
      file: 'src/delegate/x.ts',
      code: "import { test } from 'node:test';\nexport const t = test;\n",
      because: /Node-only/,
    },
    {
      layer: 'policy',
      file: 'src/policy/x.ts',
      code: "import { join } from 'node:path';\nexport const j = join;\n",
      because: /Node-only/,
    },
    {
      layer: 'webview',
      file: 'src/webview/x.ts',
      code: "import { posix } from 'node:path';\nexport const p = posix;\n",
      because: /Node-only/,
    },
    {
      layer: 'review',
      file: 'src/review/x.ts',
      code: "export const f = () => import('../extension/extension');\n",
      because: /src\/review runs anywhere/,
    },
    {
      layer: 'chat',
      file: 'src/chat/x.ts',
      code: "import { runDelegation } from '../delegate';\nexport const r = runDelegation;\n",
      because: /siblings and never import each other/,
    },
    {
      layer: 'shared',
      file: 'src/shared/x.ts',
      code: "import { SYNTHESIS_ID } from '../review';\nexport const s = SYNTHESIS_ID;\n",
      because: /src\/shared may import only types from src\/review .*webview bundle/,
    },
    {
      layer: 'shared',
      file: 'src/shared/x.ts',
      code: "export { formatUsd } from '../core';\n",
      because: /src\/shared may import only types from src\/core/,
    },
    {
      layer: 'shared',
      file: 'src/shared/x.ts',
      code: "export const f = () => import('../review');\n",
      because: /src\/shared may import only types from src\/review/,
    },
    {
      layer: 'extension',
      file: 'src/extension/x.ts',
      code: "import { ChatSessions } from '../chat/chatSession';\nexport const c = ChatSessions;\n",
      because: /src\/extension may use src\/chat only through its index\.ts: export what you need there/,
    },
    {
      layer: 'cli',
      file: 'src/cli/x.ts',
      code: "import { parseAgentFile } from '../review/experts';\nexport const p = parseAgentFile;\n",
      because: /src\/cli may use src\/review only through its index\.ts/,
    },
    {
      layer: 'extension',
      file: 'src/extension/x.ts',
      code: "import { getVsCodeApi } from '../webview/lib/vscodeApi';\nexport const g = getVsCodeApi;\n",
      because: /Nothing imports src\/webview/,
    },
    {
      layer: 'unknown',
      file: 'src/utils/x.ts',
      code: 'export const one = 1;\n',
      because: /src\/utils is not a known layer/,
    },
    {
      layer: 'unknown',
      file: 'src/x.ts',
      code: 'export const one = 1;\n',
      because: /not directly in src\//,
    },
  ];
  wrong.push(...probes);

  for (const c of wrong) {
    it(`${c.layer}: ${c.code.split('\n')[0]} fails lint`, async () => {
      const boundary = (await lint(c.file, c.code)).filter((m) => m.ruleId && BOUNDARY_RULES.has(m.ruleId));
      assert.equal(boundary.length, 1, `one boundary error in ${c.file}`);
      assert.equal(boundary[0]?.severity, 2, 'an error, not a warning');
      assert.match(boundary[0]?.message ?? '', c.because);
    });
  }

  const allowed: Array<{ file: string; code: string }> = [
    {
      file: 'src/review/x.ts',
      code: "import { estimateTokens } from '../core';\nimport { redactSecrets } from '../policy';\nexport const used = [estimateTokens, redactSecrets];\n",
    },
    {
      file: 'src/chat/x.ts',
      code: "import { runReviewPipeline } from '../review';\nexport const used = runReviewPipeline;\n",
    },
    {
      file: 'src/policy/x.ts',
      code: "import { posix } from 'node:path';\nexport const used = posix.join;\n",
    },
    {
      file: 'src/node/x.ts',
      code: "import { promises } from 'node:fs';\nimport { runReviewPipeline } from '../review';\nexport const used = [promises, runReviewPipeline];\n",
    },
    {
      file: 'src/extension/x.ts',
      code: "import * as vscode from 'vscode';\nimport { gatherContext } from '../review';\nimport { uncommittedDiff } from '../node/gitChanges';\nexport const used = [vscode.version, gatherContext, uncommittedDiff, () => import('vscode')];\n",
    },
    {
      // The activation entry, which may import single files (see ACTIVATION in eslint.config.mjs).
      file: 'src/extension/logging.ts',
      code: "import { redactingLogger } from '../core/logger';\nexport const used = redactingLogger;\n",
    },
    {
      file: 'src/webview/x.ts',
      code: "import { isSafeLink } from '../shared/protocol';\nexport const used = isSafeLink;\n",
    },
    {
      file: 'src/shared/x.ts',
      code: "import type { RunStatus } from '../review';\nexport type { Usage } from '../core';\nexport const status: RunStatus = 'done';\n",
    },
  ];

  for (const c of allowed) {
    it(`${c.file.split('/')[1]}: an allowed import passes lint`, async () => {
      assert.deepEqual(await lint(c.file, c.code), []);
    });
  }
});
