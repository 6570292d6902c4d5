// Finding: a secret rule backtracked quadratically (128 KiB of word characters took 4.9 s; one chat
// send about a 256 KiB file blocked the extension host for 35 s). Every pattern that runs on
// workspace text must be linear. Checked two ways, neither timed: by structure (every quantifier
// bounded, none nested, so each start position costs at most a constant), and by behaviour (each
// pattern, and the whole scan with secretlint, gets 1 MiB of worst-case text and completes).
import assert from 'node:assert/strict';
import { REDACTED, redactSecrets, SECRET_RULES } from '../../../src/policy';
import { REDACTION_PATTERNS } from '../../../src/policy/secretRules';
import { secretlintScan } from '../../../src/policy/secretlintScan';
import { chars } from './hostile';

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
    const quantifier =
      ch === '*' || ch === '+'
        ? { max: Infinity }
        : ch === '{'
          ? /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i))
          : ch === '?' && src[i - 1] !== '('
            ? { max: 1 }
            : null;
    if (quantifier) {
      const max =
        'max' in quantifier
          ? quantifier.max
          : quantifier[2] === undefined
            ? Number(quantifier[1])
            : quantifier[3] === ''
              ? Infinity
              : Number(quantifier[3]);
      const prev = src[i - 1];
      const isLazyMark = ch === '?' && (prev === '}' || prev === '*' || prev === '+' || prev === '?');
      if (!isLazyMark) {
        if (max === Infinity) problems.push(`unbounded quantifier at ${i}`);
        else if (max > MAX_BOUND) problems.push(`bound ${max} over ${MAX_BOUND} at ${i}`);
        if (prev === ')' && lastClosedGroupQuantified && max > 1)
          problems.push(`quantified group holding a quantifier at ${i}`);
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

/** One value each rule must find, built at run time (the repository holds no key-shaped literal). */
const samples: Record<string, string> = {
  'a private key block': `-----BEGIN ${'RSA PRIVATE'} KEY-----`,
  'a PuTTY private key': `${'PuTTY'}-User-Key-File-3: ssh-rsa`,
  'an Anthropic API key': `${'sk'}-ant-${chars(30)}`,
  'an OpenAI-style API key': `${'sk'}-${chars(40)}`,
  'an AWS access key id': `${'AKIA'}${chars(16, 'ABCDEFGHIJ0123456789')}`,
  'an AWS secret access key': `aws_secret_access_key = ${chars(40, 'aB3/xY7+kL9m')}`,
  'a GitHub token': `${'ghp'}_${chars(36)}`,
  'a Google API key': `${'AIza'}${chars(35)}`,
  'a Stripe live key': `${'sk'}_live_${chars(24)}`,
  'a Stripe webhook secret': `${'whsec'}_${chars(32)}`,
  'a PyPI upload token': `${'pypi'}-AgE${chars(60)}`,
  'a Slack token': `${'xoxb'}-${chars(20)}`,
  'a JSON Web Token': `${'eyJ'}${chars(20)}.${'eyJ'}${chars(30)}.${chars(43)}`,
  'a password in a URL': `postgres://admin:${'Tr0ub4dor'}@db`,
  'a Yarn npmAuthToken': `npmAuthToken: "${chars(20)}"`,
  'an npm _authToken': `_authToken=${chars(20)}`,
  'kubeconfig credentials': `client-key-data: ${chars(40, 'ABCabc012+/')}`,
  'the end of a private key block': `-----END ${'RSA PRIVATE'} KEY-----`,
  'a private key body': `${'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC'}${chars(32, 'ABCabc012+/')}`,
  'a SendGrid API key': `${'SG'}.${chars(22, 'ab-_C9')}.${chars(43, 'x-Y_z7')}`,
  'a HashiCorp Vault token': `${'hvs'}.${chars(95, 'aB3_-x')}`,
  'a DigitalOcean token': `${'dop'}_v1_${chars(64, '0123456789abcdef')}`,
  'an Azure account key': `AccountKey=${chars(86, 'aB3+/x')}==`,
  'an Azure SAS signature': `&${'sig'}=${chars(43, 'aB3x')}%3D`,
  'an HTTP basic authorization header': `AUTHORIZATION: ${'basic'} ${chars(40, 'aB3x')}`,
  'a Google OAuth token': `${'ya29'}.${chars(60, 'aB3_-')}`,
  'a Google OAuth client secret': `${'GOCSPX'}-${chars(28, 'aB3_-')}`,
  'kubeconfig user credentials': `token: ${chars(40)}`,
  'Docker registry credentials': `"identitytoken": "${chars(40)}"`,
  'a Terraform state file': '"terraform_version": "1.5',
  'Google Cloud credentials': '"type": "authorized_user"',
  'kubeconfig user credentials (shape)': 'kind: Config',
  'Docker registry credentials (shape)': '"auths": {',
  'a Terraform state file (shape)': '"lineage": "',
  'Google Cloud credentials (shape)': '"refresh_token": ',
  'private key block redaction': `-----BEGIN ${'EC PRIVATE'} KEY-----\n${chars(64)}\n-----END ${'EC PRIVATE'} KEY-----`,
};

/** A fresh global copy (matchAll needs the flag; shape rules are tested once, without it). */
const globalCopy = (p: RegExp) => new RegExp(p.source, p.flags.includes('g') ? p.flags : `${p.flags}g`);

const allPatterns = [
  ...SECRET_RULES.map((r) => [r.name, r.pattern] as const),
  ...SECRET_RULES.flatMap((r) => (r.requires ? [[`${r.name} (shape)`, r.requires] as const] : [])),
  ...REDACTION_PATTERNS.map((p) => ['private key block redaction', p] as const),
];

describe('security: every secret pattern is linear-time', () => {
  it('the structure check catches the quadratic rule from main, and passes every rule now', () => {
    const mainJwtRule =
      /(?:token|secret|passw|pwd|auth|api[_-]?key|bearer|session|credential|cookie)[\w.-]*["']?\s*(?::|=>?)\s*["'`]?(?:Bearer\s+)?eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,}/gi;
    assert.ok(quantifierProblems(mainJwtRule).length > 0);
    assert.ok(quantifierProblems(/(?:a{1,3}){1,3}/).some((p) => /group holding a quantifier/.test(p)));
    assert.deepEqual(quantifierProblems(/(?:ab)?c{1,4}?/), []);
    for (const [name, pattern] of allPatterns) assert.deepEqual(quantifierProblems(pattern), [], name);
  });

  it('every rule has a sample it finds', () => {
    for (const [name, pattern] of allPatterns) {
      assert.ok(samples[name], name);
      assert.equal([...samples[name]!.matchAll(globalCopy(pattern))].length, 1, name);
    }
  });

  for (const [name, pattern] of allPatterns) {
    it(`${name}: completes on 1 MiB of each worst case and still finds the value after it`, () => {
      for (const [what, text] of Object.entries(worstCases(pattern))) {
        const matches = [...`${text}\n${samples[name]!}\n`.matchAll(globalCopy(pattern))];
        assert.ok(
          matches.some((m) => m.index + m[0].length > MiB + 1),
          `${what}: the value after the worst case is found`,
        );
      }
    });
  }

  it("secretlint's preset completes on 1 MiB of each worst case and still finds a token after it", async function () {
    this.timeout(120_000); // a guard against a hang on a busy machine, not a speed assertion
    const cases = new Map<string, string>();
    for (const [, pattern] of allPatterns)
      for (const text of Object.values(worstCases(pattern))) cases.set(text.slice(0, 64), text);
    const token = `${'npm'}_${chars(36)}`;
    for (const [head, text] of cases) {
      const hits = await secretlintScan(`${text}\ntoken = "${token}"\n`);
      assert.ok(
        hits.some((h) => h.line === text.split('\n').length + 1 && /^npm /.test(h.rule)),
        head,
      );
    }
  });

  it('redaction completes on 1 MiB of private-key markers and redacts them', () => {
    const text = '-----BEGIN RSA PRIVATE KEY-----'.repeat(Math.ceil(MiB / 31));
    assert.ok(redactSecrets(text).startsWith(REDACTED));
  });
});
