// SARIF rules for code scanning. One rule per expert; a security expert's findings are split by severity
// (`security/high` …), because GitHub reads `security-severity` only from a rule tagged `security`, never
// from a result, and one security rule could carry only one severity. Every rule has the texts GitHub
// requires (short and full description, help).
import type { ReportingDescriptor } from 'sarif';
import type { Finding, Severity } from './types';

/** What a rule is made of: the experts that ran. */
export interface SarifExpert {
  id: string;
  name: string;
  description?: string;
}

/** GitHub ranks security alerts by this (0.1–10: low < 4, medium < 7, high < 9, critical). */
const SECURITY_SEVERITY: Record<Exclude<Severity, 'info'>, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
};
const RANKED = Object.keys(SECURITY_SEVERITY) as Array<keyof typeof SECURITY_SEVERITY>;

export const SYNTHESIS_RULE: SarifExpert = {
  id: 'synthesis',
  name: 'Synthesis',
  description: 'Findings merged across experts.',
};

/** The built-in Security expert, or one of the user's whose id or name says it reviews security. */
export const isSecurityExpert = (e: SarifExpert): boolean => /secur/i.test(e.id) || /secur/i.test(e.name);

function helpOf(e: SarifExpert, severity?: Severity): ReportingDescriptor['help'] {
  const what = severity ? `${severity} security findings` : 'findings';
  const text = `${e.name} ${what} from claude-multi-agent, a review of the change by several Claude experts. Each result's message explains the problem in this code; where the expert proposed one, a suggested fix is attached. ${e.description ?? ''}`;
  return {
    text: text.trim(),
    markdown: `**${e.name}** ${what} from claude-multi-agent. ${e.description ?? ''}`.trim(),
  };
}

function ruleOf(e: SarifExpert, security: boolean, severity?: Exclude<Severity, 'info'>): ReportingDescriptor {
  const name = severity ? `${e.name} (${severity})` : e.name;
  return {
    id: severity ? `${e.id}/${severity}` : e.id,
    name,
    shortDescription: { text: `${name} review finding` },
    fullDescription: { text: e.description ?? `A finding raised by the ${e.name} expert.` },
    help: helpOf(e, severity),
    defaultConfiguration: { level: severity === 'critical' || severity === 'high' ? 'error' : 'warning' },
    properties: {
      tags: [...new Set(security ? ['security', e.id] : [e.id])],
      precision: 'medium',
      ...(severity && { 'security-severity': SECURITY_SEVERITY[severity] }),
    },
  };
}

export interface SarifRules {
  rules: ReportingDescriptor[];
  /** The rule a finding is reported under, and its index in `rules`. */
  ruleOf: (finding: Finding) => { ruleId: string; ruleIndex: number };
}

export function sarifRules(experts: readonly SarifExpert[]): SarifRules {
  const rules = [...experts, SYNTHESIS_RULE].flatMap((e) =>
    isSecurityExpert(e) ? [ruleOf(e, true), ...RANKED.map((s) => ruleOf(e, true, s))] : [ruleOf(e, false)],
  );
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const byName = new Map(experts.map((e) => [e.name, e]));
  return {
    rules,
    ruleOf: (f) => {
      const raisedBy = f.experts.map((name) => byName.get(name)).filter((e): e is SarifExpert => !!e);
      // A finding a security expert raised is a security alert, whoever else raised it too.
      const security = raisedBy.find(isSecurityExpert);
      const ruleId = security
        ? f.severity === 'info'
          ? security.id
          : `${security.id}/${f.severity}`
        : (raisedBy[0]?.id ?? SYNTHESIS_RULE.id);
      return { ruleId, ruleIndex: index.get(ruleId) ?? 0 };
    },
  };
}
