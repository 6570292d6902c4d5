// Hand-written secret rules, only for what secretlint's recommended preset does not catch (measured:
// see secretlintScan.ts). Every pattern runs on untrusted workspace text, so each is written to run in
// linear time: every quantifier is bounded (no `*`, `+` or `{n,}`), no quantified group holds
// another quantifier, and a token's first character may not follow a character of its own alphabet
// (a look-behind), so a long run of token characters is scanned from one start, not from each
// position in it. test/unit/security/linearRules.test.ts checks these properties and feeds every
// rule 1 MiB of its worst-case text.

import { CREDENTIAL_FILE_RULES } from './credentialFileRules';

export interface SecretRule {
  /** Shown to the user: "contains <name> on line 3". Never the value. */
  name: string;
  pattern: RegExp;
  /** Extra check on the match, to keep ordinary identifiers from looking like keys. */
  accept?: (match: string) => boolean;
  /**
   * The text must also match this (once, anywhere) for the rule to apply: a credential file's shape
   * (`kind: Config` for a kubeconfig), so `token:` in an ordinary YAML file is not taken for a secret.
   */
  requires?: RegExp;
}

/** Whether `rule` applies to `text` at all (its file shape is there); true for rules without one. */
export function ruleApplies(rule: SecretRule, text: string): boolean {
  return !rule.requires || rule.requires.test(text);
}

const hasDigitAndLetter = (s: string) => /\d/.test(s) && /[A-Za-z]/.test(s.slice(3));

// The DER openings of private keys, base64-encoded: what a PEM body starts with even when its
// BEGIN line was cut off (the characters that encode length bytes are left open). Public keys,
// certificates and requests open differently (SEQUENCE, SEQUENCE or SEQUENCE, INTEGER ≠ 0/1) and do
// not match.
const KEY_BODY_OPENINGS = [
  'MII[A-Za-z0-9+/]{2}[AQgw]IBAAK[BC]', // PKCS#1 RSA (and DSA): SEQUENCE, INTEGER 0, INTEGER
  'MII[A-Za-z0-9+/]{2}[AQgw]IBAD[AC]', // PKCS#8: SEQUENCE, INTEGER 0, SEQUENCE
  'MI[GH][A-Za-z0-9+/]AgEAM', // PKCS#8 of a short key (EC)
  'M[A-Za-z0-9+/]{2}CAQAw[A-Za-z0-9+/]{2}YDK2V[uvwx]', // PKCS#8 Ed25519, X25519, Ed448, X448
  'MII[A-Za-z0-9+/]{5}BgkqhkiG9w0BBQ', // encrypted PKCS#8 (PBES1/PBES2)
  'M[A-Za-z0-9+/]{2}CAQEE', // SEC1 EC (P-256, secp256k1): SEQUENCE, INTEGER 1, OCTET STRING
  'MI[GH][A-Za-z0-9+/]AgEBB', // SEC1 EC (P-384, P-521)
  'b3BlbnNzaC1rZXktdjEA', // "openssh-key-v1\0"
].join('|');

export const SECRET_RULES: readonly SecretRule[] = [
  // Any private-key marker, whatever follows it: secretlint reports a key only when its body decodes.
  {
    name: 'a private key block',
    pattern: /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g,
  },
  // A key whose BEGIN line was left out: its END line, or the opening of its body.
  {
    name: 'the end of a private key block',
    pattern: /-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g,
  },
  {
    name: 'a private key body',
    pattern: new RegExp(`(?<![A-Za-z0-9+/])(?:${KEY_BODY_OPENINGS})[A-Za-z0-9+/]{16}`, 'g'),
  },
  { name: 'a PuTTY private key', pattern: /PuTTY-User-Key-File-\d{1,2}:/g },
  { name: 'an Anthropic API key', pattern: /(?<![A-Za-z0-9_-])sk-ant-[A-Za-z0-9_-]{20,200}/g },
  // OpenAI-style keys are random: requiring a digit keeps long kebab-case names like sk-… from matching.
  {
    name: 'an OpenAI-style API key',
    pattern: /(?<![A-Za-z0-9_-])sk-(?!ant-)[A-Za-z0-9_-]{32,200}/g,
    accept: hasDigitAndLetter,
  },
  {
    name: 'an AWS access key id',
    pattern: /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/g,
  },
  {
    // The secret half of an AWS key pair has no prefix of its own; it is recognised by its name:
    // AWS_SECRET_ACCESS_KEY, AWS_SECRET_KEY, AWS_SECRET, aws.secret-access-key, secretAccessKey …
    name: 'an AWS secret access key',
    pattern:
      /(?<![A-Za-z0-9_])(?:aws[_.-]?secret(?:[_.-]?access)?(?:[_.-]?key)?|secret[_.-]?access[_.-]?key)["']?\s{0,4}(?::|=>?)\s{0,4}["']?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/gi,
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
    // scheme://user:<password>@host. A value starting with $, % or { (or <) is a placeholder, not a password.
    name: 'a password in a URL',
    // Matching starts at '://' (a fast literal search); the scheme before it does not matter.
    pattern: /:\/\/[^\s:@/"'<>]{0,128}:(?![$%{<])[^\s@/"'<>]{1,256}@[A-Za-z0-9[]/g,
  },
  {
    name: 'a Yarn npmAuthToken',
    pattern: /(?<![A-Za-z0-9_])npmAuthToken["']?\s{0,4}:\s{0,4}["']?(?![$"'\s])[^\s"']{8,256}/g,
  },
  { name: 'an npm _authToken', pattern: /_authToken\s{0,4}=\s{0,4}(?![$\s])\S{8,256}/g },
  {
    name: 'kubeconfig credentials',
    pattern: /(?<![A-Za-z0-9_-])client-key-data:\s{0,4}["']?[A-Za-z0-9+/=]{16,8192}/g,
  },
  // secretlint's SendGrid rule wants [A-Za-z0-9] in the first segment; real keys have '-' and '_' too.
  {
    name: 'a SendGrid API key',
    pattern: /(?<![A-Za-z0-9_.-])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g,
  },
  {
    name: 'a HashiCorp Vault token',
    pattern: /(?<![A-Za-z0-9_.-])hv[sbr]\.[A-Za-z0-9_-]{90,512}(?![A-Za-z0-9_-])/g,
  },
  {
    name: 'a DigitalOcean token',
    pattern: /(?<![A-Za-z0-9_])do[opr]_v1_[a-f0-9]{64}(?![A-Za-z0-9_])/g,
  },
  {
    // A storage account's connection string (88 base64 characters) and a Service Bus / Event Hubs one (44).
    name: 'an Azure account key',
    pattern: /(?:AccountKey=[A-Za-z0-9+/]{86}==|SharedAccessKey=[A-Za-z0-9+/]{43}=)/g,
  },
  {
    // A shared access signature: an HMAC-SHA256, 43 base64 characters and '=', URL-encoded or not.
    name: 'an Azure SAS signature',
    pattern: /[?&;]sig=(?:[A-Za-z0-9]|%2[BbFf]|[+/]){43}(?:%3[Dd]|=)/g,
  },
  {
    // actions/checkout's `http.extraheader` in .git/config, and any HTTP basic credentials.
    name: 'an HTTP basic authorization header',
    pattern: /(?<![A-Za-z0-9_-])authorization:\s{0,4}basic\s{1,4}[A-Za-z0-9+/]{16,1024}={0,2}(?![A-Za-z0-9+/=])/gi,
  },
  {
    name: 'a Google OAuth token',
    pattern: /(?<![A-Za-z0-9_-])(?:1\/\/0[A-Za-z0-9_-]{40,512}|ya29\.[A-Za-z0-9_-]{40,2048})(?![A-Za-z0-9_-])/g,
  },
  {
    name: 'a Google OAuth client secret',
    pattern: /(?<![A-Za-z0-9_-])GOCSPX-[A-Za-z0-9_-]{28}(?![A-Za-z0-9_-])/g,
  },
  ...CREDENTIAL_FILE_RULES,
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
    if (!ruleApplies(rule, out)) continue;
    out = out.replace(rule.pattern, (m) => (rule.accept && !rule.accept(m) ? m : REDACTED));
  }
  return out;
}

/** The pattern used for redaction of key blocks, exposed for the linear-time test. */
export const REDACTION_PATTERNS: readonly RegExp[] = [PRIVATE_KEY_BLOCK];
