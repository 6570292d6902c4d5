import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: { menus: Record<string, Array<{ command: string; when?: string }>> };
};

/** Every command that runs git: each reads the repository's config, so none is offered before trust. */
const GIT_COMMANDS = [
  'claudeMultiAgent.reviewChanges',
  'claudeMultiAgent.reviewStaged',
  'claudeMultiAgent.reviewBranch',
  'claudeMultiAgent.reviewCommit',
];

describe('security: the git scopes are offered only in a trusted workspace', () => {
  for (const command of GIT_COMMANDS) {
    it(`every menu entry of ${command.split('.')[1]}, the command palette included, requires isWorkspaceTrusted`, () => {
      const entries = Object.values(manifest.contributes.menus)
        .flat()
        .filter((m) => m.command === command);
      assert.ok(
        manifest.contributes.menus['commandPalette']?.some((m) => m.command === command),
        'the palette entry is gated too',
      );
      for (const m of entries) assert.match(m.when ?? '', /\bisWorkspaceTrusted\b/, JSON.stringify(m));
    });
  }
});
