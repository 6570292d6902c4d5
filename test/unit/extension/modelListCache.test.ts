import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { ModelListCache } from '../../../src/extension/editorChat/modelListCache';
import { MemoryMemento } from '../../support/memoryMemento';

const model = (id: string): vscode.LanguageModelChatInformation => ({
  id,
  name: id,
  family: id,
  version: id,
  maxInputTokens: 200_000,
  maxOutputTokens: 4096,
  capabilities: { toolCalling: true },
});

describe('extension: the remembered model list of the model picker', () => {
  it('has nothing before the first listing, then the listed models', async () => {
    const state = new MemoryMemento();
    const cache = new ModelListCache(state);
    assert.equal(cache.get(), undefined);
    assert.equal(await cache.set([model('claude-sonnet-5-5')]), true);
    assert.deepEqual(
      cache.get()?.map((m) => m.id),
      ['claude-sonnet-5-5'],
    );
  });

  it('writes only when the list changed, so the picker is told only then', async () => {
    const state = new MemoryMemento();
    const cache = new ModelListCache(state);
    await cache.set([model('a'), model('b')]);
    assert.equal(await cache.set([model('a'), model('b')]), false);
    assert.equal(state.writes, 1);
    assert.equal(await cache.set([model('a')]), true);
  });

  it('forgets the list when the key or the endpoint changes', async () => {
    const cache = new ModelListCache(new MemoryMemento());
    await cache.set([model('a')]);
    await cache.clear();
    assert.equal(cache.get(), undefined);
  });
});
