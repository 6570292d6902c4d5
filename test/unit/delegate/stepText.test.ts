import assert from 'node:assert/strict';
import { describeCall, describeProposal } from '../../../src/delegate';

describe('delegate: sub-agent steps in words', () => {
  it('names each tool call with its arguments', () => {
    const call = (name: string, input: unknown) => describeCall({ id: 'x', name, input });
    assert.equal(
      call('read_file', { path: 'src/routes/users.ts', startLine: 1, endLine: 80 }),
      'read src/routes/users.ts 1–80',
    );
    assert.equal(call('read_file', { path: 'a.ts' }), 'read a.ts');
    assert.equal(call('list_files', { glob: 'src/**/*.ts' }), 'list src/**/*.ts');
    assert.equal(call('search_text', { query: 'validate', glob: '**/*.ts' }), 'search "validate" in **/*.ts');
    assert.equal(call('propose_edit', { path: 'a.ts', startLine: 3, endLine: 5 }), 'propose edit a.ts 3–5');
    assert.equal(
      call('propose_edit', { path: 'a.ts', startLine: 1, endLine: 0 }),
      'propose insertion in a.ts before line 1',
    );
    assert.equal(call('propose_edit', { path: 'n.ts', create: true }), 'propose new file n.ts');
    assert.equal(call('run_shell', { cmd: 'rm -rf /' }), 'run_shell (unknown tool)');
  });

  it('names a proposal by file, lines and reason', () => {
    assert.equal(
      describeProposal({
        kind: 'replace',
        path: 'a.ts',
        startLine: 2,
        endLine: 4,
        oldText: '',
        newText: '',
        reason: 'Validate.',
      }),
      'a.ts 2–4: Validate.',
    );
    assert.equal(
      describeProposal({ kind: 'create', path: 'n.ts', newText: '', reason: 'New.' }),
      'n.ts (new file): New.',
    );
  });
});
