// "Review a commit" from a menu: the commit id is read from whatever the menu passed, or not at all.
import assert from 'node:assert/strict';
import { commitFromMenuArgs, rootUriFromMenuArgs } from '../../../src/extension/git/menuArgs';

const SHA = '0123456789abcdef0123456789abcdef01234567';

describe('extension: arguments of the commit menus', () => {
  it("reads git's timeline item (item, uri, source): the commit in ref", () => {
    assert.equal(
      commitFromMenuArgs([
        { ref: SHA, previousRef: 'f'.repeat(40), id: SHA, contextValue: 'git:file:commit' },
        { fsPath: '/w/a.ts' },
        'git-history',
      ]),
      SHA,
    );
  });

  it('reads a Source Control graph item (sourceControl, historyItem): the commit in historyItem.id', () => {
    const root = { fsPath: '/w' };
    const args = [
      { id: 'git', rootUri: root },
      { id: SHA, parentIds: [], subject: 'Fix' },
    ];
    assert.equal(commitFromMenuArgs(args), SHA);
    assert.equal(rootUriFromMenuArgs(args), root);
  });

  it('finds nothing in missing or foreign arguments, so the palette picker opens instead', () => {
    assert.equal(commitFromMenuArgs([]), undefined);
    assert.equal(commitFromMenuArgs([undefined, null, 'abc', 42]), undefined);
    assert.equal(commitFromMenuArgs([{ ref: '~', id: '~' }]), undefined, 'the uncommitted timeline entry');
    assert.equal(commitFromMenuArgs([{ ref: '--output=/tmp/x' }]), undefined, 'never an option-shaped ref');
    assert.equal(rootUriFromMenuArgs([{ id: SHA }]), undefined);
  });
});
