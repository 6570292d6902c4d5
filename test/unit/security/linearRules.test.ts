// Finding: a secret rule backtracked quadratically (128 KiB of word characters took 4.9 s; one chat
// send about a 256 KiB file blocked the extension host for 35 s). Every pattern that runs on
// workspace text must be linear. Checked two ways, neither timed: by structure (every quantifier
// bounded, none nested, so each start position costs at most a constant), and by behaviour (each
// pattern, and the whole scan with secretlint, gets 1 MiB of worst-case text and completes).
import assert from 'node:assert/strict';
import { findSecret, REDACTED, redactSecrets, SECRET_RULES } from '../../../src/policy';
import { REDACTION_PATTERNS } from '../../../src/policy/secretRules';

const MiB = 1024 * 1024;
const MAX_BOUND = 8192;

/** Problems that could make `re` super-linear: unbounded or nested quantifiers, huge bounds. */
export function quantifierProblems(re: RegExp): string[] {
  const src = re.source;
  const problems: string[] = [];
  const groupHasQuantifier: boolean[] = [];
  let inClass = false;
  let lastClosedGroupQuantified = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (ch === '\\') {
      i++;
      lastClosedGroupQuantified = false;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      lastClosedGroupQuantified = false;
      continue;
    }
    if (ch === '(') {
      groupHasQuantifier.push(false);
      lastClosedGroupQuantified = false;
      continue;
    }
    if (ch === ')') {
      const had = groupHasQuantifier.pop() ?? false;
      if (groupHasQuantifier.length > 0 && had) groupHasQuantifier[groupHasQuantifier.length - 1] = true;
      lastClosedGroupQuantified = had;
      continue;
    }
    const quantifier = ch === '*' || ch === '+' ? { max: Infinity } : ch === '{' ? /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i)) : ch === '?' && src[i - 1] !== '(' ? { max: 1 } : null;
    if (quantifier) {
      const max = 'max' in quantifier ? quantifier.max : quantifier[2] === undefined ? Number(quantifier[1]) : quantifier[3] === '' ? Infinity : Number(quantifier[3]);
      const prev = src[i - 1];
      const isLazyMark = ch === '?' && (prev === '}' || prev === '*' || prev === '+' || prev === '?');
      if (!isLazyMark) {
        if (max === Infinity) problems.push(`unbounded quantifier at ${i}`);
        else if (max > MAX_BOUND) problems.push(`bound ${max} over ${MAX_BOUND} at ${i}`);
        if (prev === ')' && lastClosedGroupQuantified && max > 1) problems.push(`quantified group holding a quantifier at ${i}`);
        if (groupHasQuantifier.length > 0) groupHasQuantifier[groupHasQuantifier.length - 1] = true;
      }
      if (ch === '{') i += (quantifier as RegExpExecArray)[0].length - 1;
    }
    if (ch !== '?' && ch !== '}') lastClosedGroupQuantified = false;
  }
  return problems;
}

/** The literal text a pattern starts with after its look-behind (e.g. 'sk-ant-'), for worst-case input. */
function leadingLiteral(re: RegExp): string {
  const src = re.source.replace(/^\(\?<![^)]*\)/, '').replace(/^\(\?:/, '');
  const m = /^(?:\\.|[A-Za-z0-9_ :=-])+/.exec(src);
  return (m?.[0] ?? '').replace(/\\(.)/g, '$1');
}

/** Text that makes a backtracking pattern work hardest: long runs of its own alphabet, its prefix over and over, near misses. */
function worstCases(re: RegExp): Record<string, string> {
  const prefix = leadingLiteral(re) || 'x';
  const fill = (unit: string) => unit.repeat(Math.ceil(MiB / unit.length)).slice(0, MiB);
  return {
    'word characters': fill('a'),
    'mixed token characters': fill('aZ09_-'),
    'base64 characters': fill('aZ09+/='),
    'the prefix repeated': fill(prefix),
    'prefix and a short run': fill(`${prefix}aZ09aZ09.`),
    'the prefix with separators': fill(`${prefix}: "`),
    'JWT-like segments': fill('eyJ'),
    'JWT-like near miss': fill('eyJaaaaaaaaaa.eyJ'),
    'URL-like near miss': fill('a://b:c'),
    'private-key markers': fill('-----BEGIN RSA PRIVATE KEY-----'),
    'spaces and newlines': fill(' \n'),
  };
}

const allPatterns = [...SECRET_RULES.map((r) => [r.name, r.pattern] as const), ...REDACTION_PATTERNS.map((p) => ['private key block redaction', p] as const)];

describe('security: every secret pattern is linear-time', () => {
  it('the structure check catches the quadratic rule from main, and passes every rule now', () => {
    const mainJwtRule = /(?:token|secret|passw|pwd|auth|api[_-]?key|bearer|session|credential|cookie)[\w.-]*["']?\s*(?::|=>?)\s*["'`]?(?:Bearer\s+)?eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,}/gi;
    assert.ok(quantifierProblems(mainJwtRule).length > 0);
    assert.ok(quantifierProblems(/(?:a{1,3}){1,3}/).some((p) => /group holding a quantifier/.test(p)));
    assert.deepEqual(quantifierProblems(/(?:ab)?c{1,4}?/), []);
    for (const [name, pattern] of allPatterns) assert.deepEqual(quantifierProblems(pattern), [], name);
  });

  for (const [name, pattern] of allPatterns) {
    it(`${name}: 1 MiB of each worst case completes`, () => {
      for (const [what, text] of Object.entries(worstCases(pattern))) {
        const re = new RegExp(pattern.source, pattern.flags);
        let matches = 0;
        for (const _ of text.matchAll(re)) matches++;
        assert.ok(matches >= 0, what);
      }
    });
  }

  it('the whole scan (hand-written rules and secretlint) completes on 1 MiB of each worst case', async function () {
    this.timeout(120_000); // a guard against a hang on a busy machine, not a speed assertion
    const cases = new Map<string, string>();
    for (const [, pattern] of allPatterns) for (const [what, text] of Object.entries(worstCases(pattern))) cases.set(`${what}:${text.slice(0, 40)}`, text);
    let scanned = 0;
    for (const [what, text] of cases) {
      const found = await findSecret(text);
      if (text.startsWith('-----BEGIN RSA PRIVATE KEY-----')) assert.equal(found?.rule, 'a private key block', what);
      scanned += text.length;
    }
    assert.equal(scanned, cases.size * MiB);
  });

  it('redaction completes on 1 MiB of private-key markers and redacts them', () => {
    const text = '-----BEGIN RSA PRIVATE KEY-----'.repeat(Math.ceil(MiB / 31));
    assert.ok(redactSecrets(text).startsWith(REDACTED));
  });
});
