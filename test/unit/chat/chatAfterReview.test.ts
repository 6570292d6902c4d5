// A follow-up chat about a file that was just reviewed sends the review's cached blocks first, so its
// first turn reads the cache the review wrote instead of writing the code again (same text, same model).
import assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildChatPrompt, ChatSession, gatherFileContext, ThreadStore, type ChatRuntime } from '../../../src/chat';
import type { ClientConfig } from '../../../src/core';
import { nodeWorkspaceFs } from '../../../src/node';
import { BUILTIN_EXPERTS, runReviewPipeline, type ReviewedCode, type ReviewSettings } from '../../../src/review';
import type { Simulator } from '../../support/simulator';
import { API_KEY, MemoryStore, sampleFile, withSimulator } from './helpers';

const MODEL = 'claude-sonnet-5-5';
const SETTINGS: ReviewSettings = {
  model: MODEL,
  maxTokens: 1024,
  maxConcurrency: 5,
  contextTokenBudget: 60_000,
  exclude: [],
  synthesis: false,
  fanOutStrategy: 'cacheAware',
};

describe('chat: the first turn after a review of the same file reads the review’s cache', () => {
  let sim: Simulator;
  let client: ClientConfig;
  let runtime: ChatRuntime;
  let root = '';
  const reviewedText = sampleFile(300);
  const otherText = sampleFile(310);

  before(async () => {
    ({ sim, client } = await withSimulator());
    runtime = { client, model: MODEL, maxTokens: 1024, maxHistoryTokens: 50_000 };
    root = await fsp.mkdtemp(join(tmpdir(), 'cma-chat-review-'));
    await fsp.mkdir(join(root, 'src'));
    await fsp.writeFile(join(root, 'src', 'handlers.ts'), reviewedText);
    await fsp.writeFile(join(root, 'src', 'other.ts'), otherText);
    await fsp.writeFile(
      join(root, 'REVIEW.md'),
      `# Team rules\n\n${'- Every handler returns a number; never throw from a handler.\n'.repeat(10)}`,
    );
  });
  afterEach(() => sim.reset());
  after(() => sim.close());

  async function review(file: string): Promise<ReviewedCode | undefined> {
    const result = await runReviewPipeline({
      target: { kind: 'paths', paths: [join(root, file)] },
      title: file,
      files: { fs: nodeWorkspaceFs, root, trusted: true },
      experts: { load: () => Promise.resolve({ experts: BUILTIN_EXPERTS.slice(0, 2), problems: [] }) },
      access: () => Promise.resolve(client),
      settings: SETTINGS,
      onEvent: () => {},
      store: { save: () => Promise.resolve() },
    });
    assert.ok(result.kind === 'finished');
    return result.reviewedCode[0];
  }

  /** One chat turn on `path` with `text` as the editor has it; the usage the simulator billed. */
  async function chatTurn(path: string, text: string, reviewed: ReviewedCode | undefined, model = MODEL) {
    const file = await gatherFileContext({
      fs: nodeWorkspaceFs,
      path,
      filePath: join(root, path),
      workspaceRoot: root,
      text,
      budgetTokens: 60_000,
    });
    const prompt = buildChatPrompt({ file, reviewed, model });
    const before = sim.log.length;
    const session = new ChatSession(new ThreadStore(new MemoryStore()), `${API_KEY}-${path}-${model}`, path);
    const reply = await session.send('What does handler3 do?', {
      runtime: { ...runtime, model },
      system: prompt.system,
      ...(prompt.sharedSystem && { sharedSystem: prompt.sharedSystem }),
    });
    assert.equal(reply.status, 'completed');
    const [entry] = sim.log.slice(before);
    return { prompt, usage: entry!.usage, codeTokens: file.included ? file.tokens : 0 };
  }

  it('reads the review’s rules and code from the cache and writes only its own instructions and question', async () => {
    const reviewed = await review('src/handlers.ts');
    assert.ok(reviewed, 'a one-file review records its prefix');
    assert.equal(reviewed.blocks.length, 2, 'the rules block, then the code');
    const turn = await chatTurn('src/handlers.ts', reviewedText, reviewed);
    assert.deepEqual(turn.prompt.sharedSystem, reviewed.blocks);
    assert.ok(
      turn.usage.cache_read_input_tokens >= turn.codeTokens * 0.9,
      `read ${turn.usage.cache_read_input_tokens} of about ${turn.codeTokens} code tokens`,
    );
    assert.ok(
      turn.usage.cache_creation_input_tokens < turn.codeTokens / 10,
      `wrote ${turn.usage.cache_creation_input_tokens}: not the code`,
    );

    // Without a review, the same turn writes the file's text to the cache.
    const unreviewed = await chatTurn('src/other.ts', otherText, undefined);
    assert.equal(unreviewed.prompt.sharedSystem, undefined);
    assert.equal(unreviewed.usage.cache_read_input_tokens, 0);
    assert.ok(unreviewed.usage.cache_creation_input_tokens >= unreviewed.codeTokens);
  });

  it('falls back to its own block when the text changed since the review, or the model differs', async () => {
    const reviewed = await review('src/handlers.ts');
    const edited = await chatTurn('src/handlers.ts', `${reviewedText}\nexport const added = 1;`, reviewed);
    assert.equal(edited.prompt.sharedSystem, undefined);
    assert.match(edited.prompt.system, /added = 1/);
    const otherModel = await chatTurn('src/handlers.ts', reviewedText, reviewed, 'claude-opus-5-5');
    assert.equal(otherModel.prompt.sharedSystem, undefined);
    assert.equal(otherModel.usage.cache_read_input_tokens, 0);
  });
});
