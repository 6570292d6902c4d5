import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: { menus: Record<string, Array<{ command: string; when?: string }>> };
};

describe('security: the changes review is offered only in a trusted workspace', () => {
  it('every menu entry of reviewChanges, the command palette included, requires isWorkspaceTrusted', () => {
    const entries = Object.values(manifest.contributes.menus).flat().filter((m) => m.command === 'claudeMultiAgent.reviewChanges');
    assert.ok(manifest.contributes.menus['commandPalette']?.some((m) => m.command === 'claudeMultiAgent.reviewChanges'), 'the palette entry is gated too');
    for (const m of entries) assert.match(m.when ?? '', /\bisWorkspaceTrusted\b/, JSON.stringify(m));
  });
});
