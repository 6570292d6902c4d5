// "Code context for the agents": agents that read the workspace need nothing pinned, so that is the
// default; a selection (often a leftover: a word found, a line clicked) is offered but never preselected,
// and "the agents see only the task" is said only where it is true.
import assert from 'node:assert/strict';
import { contextItems, WORKSPACE_LABEL } from '../../../src/extension/delegate/contextItems';

describe('delegation: the code context picker', () => {
  it('with a workspace the agents read, the default pins nothing; a one-line selection is not the default', () => {
    const items = contextItems({
      fileLabel: 'src/orders.ts',
      selection: { startLine: 12, endLine: 12 },
      agentsReadWorkspace: true,
    });
    assert.equal(items[0]!.label, WORKSPACE_LABEL);
    assert.equal(items[0]!.scope, 'none');
    assert.deepEqual(
      items.map((i) => [i.scope, i.description]),
      [
        ['none', 'The agents open the files they need'],
        ['file', 'src/orders.ts'],
        ['selection', 'src/orders.ts:12'],
      ],
    );
    assert.ok(
      items.every((i) => !/only the task/.test(`${i.label} ${i.description} ${i.detail ?? ''}`)),
      'nothing claims the agents see only the task',
    );
  });

  it('when the agents cannot read the workspace, the file comes first and "only the task" says why', () => {
    const items = contextItems({
      fileLabel: 'src/orders.ts',
      selection: { startLine: 3, endLine: 9 },
      agentsReadWorkspace: false,
    });
    assert.deepEqual(
      items.map((i) => [i.scope, i.description]),
      [
        ['file', 'src/orders.ts'],
        ['selection', 'src/orders.ts:3-9'],
        ['none', 'The agents see only the task'],
      ],
    );
    assert.match(items[2]!.detail ?? '', /cannot read this workspace/);
  });
});
