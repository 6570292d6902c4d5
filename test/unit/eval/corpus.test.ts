// The evaluation corpus (test/eval/corpus) stays what its manifest says: every file listed, each bug
// still on its lines, realistic sizes, no comment that points at a bug, and nothing the content
// policy would keep from the experts.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeWorkspaceFs } from '../../../src/node';
import { gatherContext } from '../../../src/review';
import { CORPUS_ROOT, loadCorpus } from '../../eval/corpus';

const corpus = loadCorpus();
const linesOf = (file: string) => readFileSync(join(CORPUS_ROOT, file), 'utf8').split('\n');

describe('eval: the corpus and its manifest', () => {
  it('lists every corpus file, at least 30 with one or two bugs and at least 6 clean ones', () => {
    const onDisk = readdirSync(CORPUS_ROOT, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => readdirSync(join(CORPUS_ROOT, d.name)).map((f) => `${d.name}/${f}`))
      .sort();
    assert.deepEqual(corpus.files.map((f) => f.file).sort(), onDisk);
    const buggy = corpus.files.filter((f) => 'bugs' in f);
    assert.ok(buggy.length >= 30, `${buggy.length} files with bugs`);
    assert.ok(corpus.cleanFiles.size >= 6, `${corpus.cleanFiles.size} clean files`);
    for (const f of buggy) assert.ok('bugs' in f && f.bugs.length >= 1 && f.bugs.length <= 2, f.file);
  });

  it('keeps every file between 20 and 120 lines', () => {
    for (const { file } of corpus.files) {
      const n = linesOf(file).length;
      assert.ok(n >= 20 && n <= 121, `${file} has ${n} lines`);
    }
  });

  it("has each bug's code on the lines the manifest gives", () => {
    for (const bug of corpus.bugs) {
      const [start, end] = bug.lines;
      const lines = linesOf(bug.file);
      assert.ok(end <= lines.length, `${bug.file}: lines ${start}-${end} past the end`);
      const at = lines.findIndex((l) => l.includes(bug.code)) + 1;
      assert.ok(at >= start && at <= end, `${bug.file}: "${bug.code}" is on line ${at}, not ${start}-${end}`);
    }
  });

  it('says nothing about its bugs in comments or names', () => {
    for (const { file } of corpus.files) {
      const hit = linesOf(file).find((l) => /\b(bug|fixme|xxx|todo|hack|vulnerab\w*|injection|exploit)\b/i.test(l));
      assert.equal(hit, undefined, `${file} gives a bug away`);
    }
  });

  it("reaches the experts whole: the review's content policy leaves no corpus file out", async () => {
    const context = await gatherContext({
      fs: nodeWorkspaceFs,
      workspaceRoot: CORPUS_ROOT,
      target: { kind: 'paths', paths: corpus.folders },
      budgetTokens: 200_000,
    });
    assert.deepEqual(
      context.excluded.map((e) => `${e.path}: ${e.reason}`),
      [],
    );
    assert.deepEqual([...new Set(context.files.map((f) => f.path))].sort(), corpus.files.map((f) => f.file).sort());
    for (const f of context.files) assert.equal(f.startLine, 1, `${f.path} sent whole`);
  });
});
