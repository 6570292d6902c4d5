// Hand-written secret rules, only for what secretlint's recommended preset does not catch (measured:
// see secretlintScan.ts). Every pattern runs on untrusted workspace text, so each is written to run in
// linear time: every quantifier is bounded (no `*`, `+` or `{n,}`), no quantified group holds
// another quantifier, and a token's first character may not follow a character of its own alphabet
// (a look-behind), so a long run of token characters is scanned from one start, not from each
// position in it. test/unit/security/linearRules.test.ts checks these properties and feeds every
// rule 1 MiB of its worst-case text.

export interface SecretRule {
  /** Shown to the user: "contains <name> on line 3". Never the value. */
  name: string;
  pattern: RegExp;
  /** Extra check on the match, to keep ordinary identifiers from looking like keys. */
  accept?: (match: string) => boolean;
}

const hasDigitAndLetter = (s: string) => /\d/.test(s) && /[A-Za-z]/.test(s.slice(3));

export const SECRET_RULES: readonly SecretRule[] = [
  // Any private-key marker, whatever follows it: secretlint reports a key only when its body decodes.
  { name: 'a private key block', pattern: /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g },
  { name: 'a PuTTY private key', pattern: /PuTTY-User-Key-File-\d{1,2}:/g },
  { name: 'an Anthropic API key', pattern: /(?<![A-Za-z0-9_-])sk-ant-[A-Za-z0-9_-]{20,200}/g },
  // OpenAI-style keys are random: requiring a digit keeps long kebab-case names like sk-… from matching.
  {
    name: 'an OpenAI-style API key',
    pattern: /(?<![A-Za-z0-9_-])sk-(?!ant-)[A-Za-z0-9_-]{32,200}/g,
    accept: hasDigitAndLetter,
  },
  { name: 'an AWS access key id', pattern: /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/g },
  {
    // The secret half of an AWS key pair has no prefix of its own; it is recognised by its name.
    name: 'an AWS secret access key',
    pattern:
      /(?<![A-Za-z0-9_])(?:aws_?)?secret_?access_?key["']?\s{0,4}(?::|=>?)\s{0,4}["']?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/gi,
  },
  // secretlint knows GitHub tokens too; kept here so that synchronous redaction (exports) still finds them.
  {
    name: 'a GitHub token',
    pattern: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{30,255})/g,
  },
  { name: 'a Google API key', pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}/g },
  { name: 'a Stripe live key', pattern: /(?<![A-Za-z0-9_])[sr]k_live_[0-9A-Za-z]{16,128}/g },
  { name: 'a Stripe webhook secret', pattern: /(?<![A-Za-z0-9_])whsec_[A-Za-z0-9+/=]{24,128}/g },
  { name: 'a PyPI upload token', pattern: /(?<![A-Za-z0-9_-])pypi-AgE[A-Za-z0-9_-]{50,512}/g },
  { name: 'a Slack token', pattern: /(?<![A-Za-z0-9_-])xox[abprs]-[A-Za-z0-9-]{10,255}/g },
  {
    name: 'a JSON Web Token',
    pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,512}\.eyJ[A-Za-z0-9_-]{8,4096}(?:\.[A-Za-z0-9_-]{1,1024})?/g,
  },
  {
    // scheme://user:password@host. A value starting with $, % or { (or <) is a placeholder, not a password.
    name: 'a password in a URL',
    // Matching starts at '://' (a fast literal search); the scheme before it does not matter.
    pattern: /:\/\/[^\s:@/"'<>]{0,128}:(?![$%{<])[^\s@/"'<>]{1,256}@[A-Za-z0-9[]/g,
  },
  {
    name: 'a Yarn npmAuthToken',
    pattern: /(?<![A-Za-z0-9_])npmAuthToken["']?\s{0,4}:\s{0,4}["']?(?![$"'\s])[^\s"']{8,256}/g,
  },
  { name: 'an npm _authToken', pattern: /_authToken\s{0,4}=\s{0,4}(?![$\s])\S{8,256}/g },
  { name: 'kubeconfig credentials', pattern: /(?<![A-Za-z0-9_-])client-key-data:\s{0,4}["']?[A-Za-z0-9+/=]{16,8192}/g },
];

/** Replaced by this in text that is shown or exported (model output about a file, for instance). */
export const REDACTED = '[redacted secret]';

// Redaction removes a whole private-key block, body included, up to its END line (or the next 8 KiB).
const PRIVATE_KEY_BLOCK =
  /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]{0,8192}?-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----|[\s\S]{0,8192})/g;

/** `text` with every secret the hand-written rules recognise replaced by a placeholder. Synchronous. */
export function redactSecrets(text: string): string {
  let out = text.replace(PRIVATE_KEY_BLOCK, REDACTED);
  for (const rule of SECRET_RULES) {
    out = out.replace(rule.pattern, (m) => (rule.accept && !rule.accept(m) ? m : REDACTED));
  }
  return out;
}

/** The pattern used for redaction of key blocks, exposed for the linear-time test. */
export const REDACTION_PATTERNS: readonly RegExp[] = [PRIVATE_KEY_BLOCK];
