import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SECTION, SETTING_DEFAULTS, settingsFrom, USER_SCOPE_ONLY } from '../../../src/extension/settingsSchema';
import { resolveBaseUrl } from '../../../src/extension/endpoint';
import { DEFAULT_PRICES } from '../../../src/core';

interface Manifest {
  engines: { vscode: string };
  contributes: {
    configuration: {
      properties: Record<
        string,
        {
          default: unknown;
          type: string;
          scope?: string;
          order?: number;
          markdownDescription?: string;
          description?: string;
          examples?: unknown[];
          enum?: unknown[];
          enumItemLabels?: string[];
          markdownEnumDescriptions?: string[];
        }
      >;
    };
    commands: Array<{ command: string; title: string }>;
    menus: Record<string, Array<{ command: string; when?: string }>>;
    viewsContainers: Record<string, Array<{ id: string; title: string }>>;
    views: Record<string, Array<{ id: string; name: string }>>;
  };
  capabilities: { untrustedWorkspaces: { supported: string | boolean; restrictedConfigurations?: string[] } };
  activationEvents?: string[];
}
const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as Manifest;
const declared = manifest.contributes.configuration.properties;

describe('settings: code and package.json agree', () => {
  it('every setting read in code is declared, with the same default, and nothing is declared unused', () => {
    const inCode = Object.keys(SETTING_DEFAULTS)
      .map((k) => `${SECTION}.${k}`)
      .sort();
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

  it('activates once the workbench is up, so the "simulated answers" indicator shows before any command', () => {
    // and when VS Code restores a review panel after a reload, so its serializer is there to show it again
    assert.deepEqual(manifest.activationEvents, ['onStartupFinished', 'onWebviewPanel:claudeMultiAgent.review']);
  });

  it('settings come by importance, each described in Markdown; the model suggests known models but takes any id', () => {
    const entries = Object.entries(declared);
    const orders = entries.map(([, v]) => v.order);
    assert.ok(
      orders.every((o) => typeof o === 'number'),
      'every setting has an order',
    );
    assert.equal(new Set(orders).size, orders.length, 'no two share a place');
    assert.equal(entries.find(([, v]) => v.order === 1)?.[0], `${SECTION}.model`, 'the model comes first');
    for (const [key, v] of entries) {
      assert.ok((v.markdownDescription ?? '').length > 40 && !v.description, `${key} is described in Markdown`);
    }
    const model = declared[`${SECTION}.model`]!;
    assert.equal(model.enum, undefined, 'any model id is accepted');
    assert.ok(model.examples?.includes(SETTING_DEFAULTS.model));
    for (const id of model.examples ?? [])
      assert.ok(typeof id === 'string' && id in DEFAULT_PRICES, `${String(id)} has a known price`);
  });
});

describe('settings: words a user would use, in the order people change them', () => {
  const byOrder = Object.entries(declared).sort(([, a], [, b]) => (a.order ?? 99) - (b.order ?? 99));

  it('the model comes first, then the spending caps; how requests are sent and where comes last', () => {
    assert.deepEqual(
      byOrder.slice(0, 3).map(([k]) => k),
      [`${SECTION}.model`, `${SECTION}.budget.perRun`, `${SECTION}.budget.perDay`],
    );
    const last = byOrder.slice(-12).map(([k]) => k);
    for (const k of ['fanOutStrategy', 'prices', 'baseUrl', 'provider', 'customHeaders'])
      assert.ok(last.includes(`${SECTION}.${k}`), k);
  });

  it('each description opens with a plain title in bold (the settings editor titles a setting by its key)', () => {
    for (const [key, v] of byOrder) {
      const title = /^\*\*([^*]+)\*\*/.exec(v.markdownDescription ?? '')?.[1];
      assert.ok(title, `${key} opens with a bold title`);
      assert.doesNotMatch(title, /[a-z][A-Z]|Ttl|Fan Out/, `${key}: words, not the key ("${title}")`);
    }
  });

  it('every choice of an enum setting has a label and a description', () => {
    const enums = byOrder.filter(([, v]) => v.enum);
    assert.ok(enums.length >= 3);
    for (const [key, v] of enums) {
      assert.equal(v.enumItemLabels?.length, v.enum!.length, `${key} labels its choices`);
      assert.equal(v.markdownEnumDescriptions?.length, v.enum!.length, `${key} describes its choices`);
    }
  });

  it('the review panel opens beside the code by default, or below it, or in the active group', () => {
    const location = declared[`${SECTION}.review.panelLocation`]!;
    assert.deepEqual(location.enum, ['beside', 'below', 'active']);
    assert.equal(location.default, 'beside');
    assert.match(location.markdownDescription!, /^\*\*Where the review panel opens\.\*\*/);
    const fromJson = (value: unknown) =>
      settingsFrom((key) => (key === 'review.panelLocation' ? { workspaceValue: value } : undefined))[
        'review.panelLocation'
      ];
    assert.equal(fromJson('below'), 'below', 'a workspace may choose it (it sends nothing)');
    assert.equal(fromJson('left'), 'beside', 'a value outside the choices falls back to the default');
  });

  it('the model setting links to "Choose model…", a declared command', () => {
    assert.match(
      declared[`${SECTION}.model`]!.markdownDescription!,
      /\[Choose model…\]\(command:claudeMultiAgent\.chooseModel\)/,
    );
    assert.equal(
      manifest.contributes.commands.find((c) => c.command === 'claudeMultiAgent.chooseModel')?.title,
      'Choose model…',
    );
  });
});

describe('manifest: where things are', () => {
  it('"Multi-expert review" is always in the editor context menu (no focus-dependent when clause)', () => {
    const entry = manifest.contributes.menus['editor/context']!.find((m) => m.command === 'claudeMultiAgent.review');
    assert.ok(entry);
    assert.equal(entry.when, undefined);
  });

  it('the chat has its own icon in the activity bar, a short title, and one new-thread control (in the view)', () => {
    // In the secondary side bar it folds into "Additional Views" beside VS Code's own chat.
    assert.deepEqual(Object.keys(manifest.contributes.viewsContainers), ['activitybar']);
    const container = manifest.contributes.viewsContainers['activitybar']![0]!;
    const view = manifest.contributes.views[container.id]!.find((v) => v.id === 'claudeMultiAgent.chat');
    assert.ok(view && view.name.length <= 12, 'the title fits the narrow bar');
    assert.ok(
      !Object.values(manifest.contributes.menus)
        .flat()
        .some((m) => m.command === 'claudeMultiAgent.newThread' && m.when !== 'false'),
      'no second new-thread button in the view title',
    );
    assert.match(manifest.engines.vscode, /^\^1\.(10[6-9]|1[1-9]\d)\./);
  });
});

describe('endpoint resolution', () => {
  it('prefers the user setting, then ANTHROPIC_BASE_URL, else the SDK default', () => {
    assert.equal(resolveBaseUrl({ baseUrl: 'https://proxy.example.com/' }, {}), 'https://proxy.example.com');
    assert.equal(
      resolveBaseUrl({ baseUrl: '' }, { ANTHROPIC_BASE_URL: 'http://127.0.0.1:9999' }),
      'http://127.0.0.1:9999',
    );
    assert.equal(resolveBaseUrl({ baseUrl: '' }, {}), undefined);
  });

  it('refuses plain http to anything but loopback, and non-URLs', () => {
    assert.throws(() => resolveBaseUrl({ baseUrl: 'http://evil.example.com' }, {}), /https/);
    assert.throws(() => resolveBaseUrl({ baseUrl: 'http://10.0.0.5:8080' }, {}), /https/);
    assert.throws(() => resolveBaseUrl({ baseUrl: 'not a url' }, {}), /not a URL/);
    assert.equal(resolveBaseUrl({ baseUrl: 'http://localhost:1234' }, {}), 'http://localhost:1234');
  });
});
