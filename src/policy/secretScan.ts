// One content scan for every feature: the hand-written rules, then secretlint's preset.
import { ruleApplies, SECRET_RULES } from './secretRules';
import { secretlintScan } from './secretlintScan';

export interface SecretMatch {
  /** e.g. "an Anthropic API key" or "secretlint rule npm (NPM_ACCESS_TOKEN)". */
  rule: string;
  /** 1-based line within the scanned text. */
  line: number;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** The first secret a hand-written rule recognises (earliest rule in the list wins), or undefined. */
export function findSecretByRules(text: string): SecretMatch | undefined {
  for (const rule of SECRET_RULES) {
    if (!ruleApplies(rule, text)) continue;
    for (const m of text.matchAll(rule.pattern)) {
      if (rule.accept && !rule.accept(m[0])) continue;
      return { rule: rule.name, line: lineAt(text, m.index) };
    }
  }
  return undefined;
}

/** The first secret in `text`, by the hand-written rules or by secretlint, or undefined. */
export async function findSecret(text: string): Promise<SecretMatch | undefined> {
  const byRules = findSecretByRules(text);
  if (byRules) return byRules;
  const [hit] = await secretlintScan(text);
  return hit ? { rule: `a secret (secretlint rule ${hit.rule})`, line: hit.line } : undefined;
}
