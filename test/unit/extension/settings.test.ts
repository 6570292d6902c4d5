import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SECTION, SETTING_DEFAULTS, USER_SCOPE_ONLY } from '../../../src/extension/settingsSchema';
import { resolveBaseUrl } from '../../../src/extension/endpoint';

interface Manifest {
  contributes: { configuration: { properties: Record<string, { default: unknown; type: string; scope?: string }> } };
  capabilities: { untrustedWorkspaces: { supported: string | boolean; restrictedConfigurations?: string[] } };
  activationEvents?: string[];
}
const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as Manifest;
const declared = manifest.contributes.configuration.properties;

describe('settings: code and package.json agree', () => {
  it('every setting read in code is declared, with the same default, and nothing is declared unused', () => {
    const inCode = Object.keys(SETTING_DEFAULTS).map((k) => `${SECTION}.${k}`).sort();
    assert.deepEqual(Object.keys(declared).sort(), inCode);
    for (const [key, value] of Object.entries(SETTING_DEFAULTS)) {
      assert.deepEqual(declared[`${SECTION}.${key}`]?.default, value, `default of ${key}`);
    }
  });

  it('settings that decide where requests go are user-scope only and restricted in untrusted workspaces', () => {
    const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? [];
    for (const key of USER_SCOPE_ONLY) {
      assert.equal(declared[`${SECTION}.${key}`]?.scope, 'application', `${key} is application-scoped`);
      assert.ok(restricted.includes(`${SECTION}.${key}`), `${key} is restricted`);
    }
    assert.ok(USER_SCOPE_ONLY.includes('baseUrl'));
  });

  it('activates only on use', () => {
    assert.ok(!(manifest.activationEvents ?? []).includes('*'));
  });
});

describe('endpoint resolution', () => {
  it('prefers the user setting, then ANTHROPIC_BASE_URL, else the SDK default', () => {
    assert.equal(resolveBaseUrl({ baseUrl: 'https://proxy.example.com/' }, {}), 'https://proxy.example.com');
    assert.equal(resolveBaseUrl({ baseUrl: '' }, { ANTHROPIC_BASE_URL: 'http://127.0.0.1:9999' }), 'http://127.0.0.1:9999');
    assert.equal(resolveBaseUrl({ baseUrl: '' }, {}), undefined);
  });

  it('refuses plain http to anything but loopback, and non-URLs', () => {
    assert.throws(() => resolveBaseUrl({ baseUrl: 'http://evil.example.com' }, {}), /https/);
    assert.throws(() => resolveBaseUrl({ baseUrl: 'http://10.0.0.5:8080' }, {}), /https/);
    assert.throws(() => resolveBaseUrl({ baseUrl: 'not a url' }, {}), /not a URL/);
    assert.equal(resolveBaseUrl({ baseUrl: 'http://localhost:1234' }, {}), 'http://localhost:1234');
  });
});
