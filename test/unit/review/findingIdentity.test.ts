// Finding ids are fingerprints of file, code and kind, not of line numbers: a finding keeps its id
// when edits above it move it (so dismissals and "still open" survive), and only then.
import assert from 'node:assert/strict';
import {
  assignIds,
  compareWithPrevious,
  listingLookup,
  reReviewSummary,
  withFingerprints,
  type Finding,
} from '../../../src/review/findings';

const base = (extra: Partial<Finding> = {}): Omit<Finding, 'id'> => ({
  file: 'src/a.ts',
  startLine: 3,
  endLine: 3,
  severity: 'high',
  title: 'SQL injection',
  explanation: '',
  experts: ['Security'],
  ...extra,
});

/** What the experts were shown of src/a.ts, as the gathered context lists it (the listing as data). */
const listing = (lines: string[]): ReadonlyMap<string, ReadonlyMap<number, string>> =>
  new Map([['src/a.ts', new Map(lines.map((l, i) => [i + 1, l]))]]);
const CODE = ['import db from "./db";', '', 'db.query("SELECT * FROM t WHERE id=" + id);', 'return rows;'];

describe('finding identity', () => {
  it('keeps the id when lines above the finding are inserted (the finding moves down)', () => {
    const [before] = assignIds([base()], listingLookup(listing(CODE)));
    const [after] = assignIds(
      [base({ startLine: 5, endLine: 5 })],
      listingLookup(listing(['// header', '// more', ...CODE])),
    );
    assert.equal(after!.id, before!.id);
  });

  it('ignores indentation and spacing changes of the code', () => {
    const [before] = assignIds([base()], listingLookup(listing(CODE)));
    const [after] = assignIds(
      [base()],
      listingLookup(listing(['import db from "./db";', '', '    db.query("SELECT * FROM t WHERE id="  +  id);'])),
    );
    assert.equal(after!.id, before!.id);
  });

  it('changes the id when the code or the kind differs', () => {
    const lookup = listingLookup(listing(CODE));
    const [sql] = assignIds([base()], lookup);
    const [otherCode] = assignIds([base({ startLine: 4, endLine: 4 })], lookup);
    const [otherKind] = assignIds([base({ kind: 'missing-await' })], lookup);
    const [otherFile] = assignIds([base({ file: 'src/b.ts' })], lookup);
    assert.equal(new Set([sql!.id, otherCode!.id, otherKind!.id, otherFile!.id]).size, 4);
  });

  it('uses the kind when given, else the title in the same shape', () => {
    const lookup = listingLookup(listing(CODE));
    const [titled] = assignIds([base({ title: 'SQL Injection!' })], lookup);
    const [kinded] = assignIds([base({ title: 'Query built from input', kind: 'sql-injection' })], lookup);
    assert.equal(titled!.id, kinded!.id);
  });

  it('gives duplicates distinct ids', () => {
    const ids = assignIds([base(), base(), base()], listingLookup(listing(CODE))).map((f) => f.id);
    assert.equal(new Set(ids).size, 3);
    assert.deepEqual(ids.slice(1), [`${ids[0]}-2`, `${ids[0]}-3`]);
  });

  it('falls back to the line numbers for code that was not shown', () => {
    const [a] = assignIds([base({ startLine: 40, endLine: 40 })], listingLookup(listing(CODE)));
    const [b] = assignIds([base({ startLine: 41, endLine: 41 })], listingLookup(listing(CODE)));
    assert.notEqual(a!.id, b!.id);
  });

  it('withFingerprints re-ids findings from what the experts were shown', () => {
    const moved = withFingerprints([{ ...base({ startLine: 4, endLine: 4 }), id: 'x' }], listing(['', ...CODE]));
    const [original] = assignIds([base()], listingLookup(listing(CODE)));
    assert.equal(moved[0]!.id, original!.id);
  });
});

describe('re-review status', () => {
  const f = (id: string): Finding => ({ ...base(), id });

  it('marks findings raised before as open, others as new, and lists the gone ones as fixed', () => {
    const { open, gone } = compareWithPrevious([f('a'), f('b'), f('c')], [f('a'), f('d')], [f('b')]);
    assert.deepEqual(open, ['a'], 'a is still open; d is new');
    assert.deepEqual(
      gone.map((g) => g.id),
      ['c'],
      'b is hidden (dismissed) but raised again, so not fixed',
    );
  });

  it('says it in one line', () => {
    assert.equal(
      reReviewSummary({ new: 2, open: 3, fixed: 1 }),
      '2 new · 3 still open · 1 fixed since the last review',
    );
  });
});
