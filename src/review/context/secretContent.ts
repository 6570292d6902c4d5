// Credentials recognised by their shape. A file (or selection, or diff) containing one is not sent;
// the reason names the rule and line, never the value.

interface SecretRule {
  name: string;
  pattern: RegExp;
  /** Extra check on the match, to keep ordinary identifiers from looking like keys. */
  accept?: (match: string) => boolean;
}

const hasDigitAndLetter = (s: string) => /\d/.test(s) && /[A-Za-z]/.test(s.slice(3));

const SECRET_RULES: readonly SecretRule[] = [
  { name: 'a private key block', pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----/g },
  { name: 'an Anthropic API key', pattern: /(?<![A-Za-z0-9])sk-ant-[A-Za-z0-9_-]{20,}/g },
  // OpenAI-style keys are random: requiring a digit keeps long kebab-case names like sk-… from matching.
  { name: 'an OpenAI-style API key', pattern: /(?<![A-Za-z0-9_-])sk-(?!ant-)[A-Za-z0-9_-]{32,}/g, accept: hasDigitAndLetter },
  { name: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g },
  { name: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})/g },
  { name: 'a Slack token', pattern: /\bxox[abpr]-[A-Za-z0-9-]{10,}/g },
  { name: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}/g },
  { name: 'a Stripe live key', pattern: /\b[sr]k_live_[0-9A-Za-z]{16,}/g },
  {
    // JWTs are common in test data, so only one assigned to a secret-looking name counts.
    name: 'a JWT assigned to a secret-looking name',
    pattern:
      /(?:token|secret|passw|pwd|auth|api[_-]?key|bearer|session|credential|cookie)[\w.-]*["']?\s*(?::|=>?)\s*["'`]?(?:Bearer\s+)?eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,}/gi,
  },
];

export interface SecretMatch {
  /** e.g. "an Anthropic API key". */
  rule: string;
  /** 1-based line within the scanned text. */
  line: number;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The first secret-shaped value in `text` (earliest rule in the list wins), or undefined. */
export function findSecret(text: string): SecretMatch | undefined {
  for (const rule of SECRET_RULES) {
    for (const m of text.matchAll(rule.pattern)) {
      if (rule.accept && !rule.accept(m[0])) continue;
      return { rule: rule.name, line: lineAt(text, m.index ?? 0) };
    }
  }
  return undefined;
}

/** `text` with every secret-shaped value replaced by a placeholder (belt and braces for exports). */
export function redactSecrets(text: string): string {
  let out = text;
  for (const rule of SECRET_RULES) {
    out = out.replace(rule.pattern, (m) => (rule.accept && !rule.accept(m) ? m : '[redacted secret]'));
  }
  return out;
}
