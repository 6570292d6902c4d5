// A review as SARIF 2.1.0, for code scanning: one rule per expert, one result per finding (under the
// first expert who raised it), the severity as `level`, the finding id as a partial fingerprint so a
// finding keeps its identity across runs, and a suggested fix as a SARIF `fix`. Run-anywhere.
import type { Fix, Log, ReportingDescriptor, Result } from 'sarif';
import { redactSecrets } from '../../policy';
import { sortFindings } from './sortFindings';
import type { Finding, HiddenReason, Severity } from './types';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The partial fingerprint key; bump the version if finding ids ever change meaning. */
// v2: ids fingerprint the code and kind, no longer the line numbers.
export const SARIF_FINGERPRINT_KEY = 'claudeMultiAgentFindingId/v2';

/** What a rule is made of: the experts that ran. */
export interface SarifExpert {
  id: string;
  name: string;
  description?: string;
}

export interface SarifExport {
  toolVersion: string;
  experts: readonly SarifExpert[];
  findings: readonly Finding[];
  /** Findings kept back (low confidence, refuted …), counted by reason: in the run's properties, never results. */
  hidden?: ReadonlyArray<{ reason: HiddenReason; count: number }>;
  /** Experts that failed or were cut short, reported as notifications. */
  problems?: readonly string[];
  /** Where a diff review read its rules files (its base), and the rules files the change touches (not applied). */
  rules?: { readAt?: string; changed?: readonly string[] };
}

/** The rules line a run carries when it read its rules at a base or the change touched rules files. */
function rulesNote(rules: SarifExport['rules']): string | undefined {
  if (!rules?.readAt && !rules?.changed?.length) return undefined;
  const changed = rules.changed?.length
    ? `Rules changed in this change (not applied): ${rules.changed.join(', ')}.`
    : '';
  return [rules.readAt ? `Project rules read from ${rules.readAt}.` : '', changed].filter(Boolean).join(' ');
}

const LEVELS: Record<Severity, Result.level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};
/** GitHub code scanning reads `security-severity` (0–10) to rank results. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};
const SYNTHESIS_RULE: SarifExpert = {
  id: 'synthesis',
  name: 'Synthesis',
  description: 'Findings merged across experts.',
};

function fixOf(f: Finding): Fix[] {
  const fix = f.suggestedFix;
  if (!fix) return [];
  const replacement = fix.replacement.endsWith('\n') ? fix.replacement : `${fix.replacement}\n`;
  return [
    {
      description: { text: `Suggested fix for: ${f.title}` },
      artifactChanges: [
        {
          artifactLocation: { uri: f.file, uriBaseId: '%SRCROOT%' },
          // Whole lines: from the start of startLine to the start of the line after endLine.
          replacements: [
            {
              deletedRegion: { startLine: fix.startLine, startColumn: 1, endLine: fix.endLine + 1, endColumn: 1 },
              insertedContent: { text: replacement },
            },
          ],
        },
      ],
    },
  ];
}

export function findingsToSarif(review: SarifExport): Log {
  const byName = new Map(review.experts.map((e) => [e.name, e]));
  const rules: ReportingDescriptor[] = [...review.experts, SYNTHESIS_RULE].map((e) => ({
    id: e.id,
    name: e.name,
    shortDescription: { text: e.name },
    ...(e.description && { fullDescription: { text: e.description } }),
  }));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results: Result[] = sortFindings(review.findings).map((f) => {
    const ruleId = f.experts.map((name) => byName.get(name)?.id).find((id) => id !== undefined) ?? SYNTHESIS_RULE.id;
    const fixes = fixOf(f);
    return {
      ruleId,
      ruleIndex: ruleIndex.get(ruleId) ?? 0,
      level: LEVELS[f.severity],
      message: { text: f.explanation ? `${f.title}\n\n${f.explanation}` : f.title },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: f.file, uriBaseId: '%SRCROOT%' },
            region: { startLine: f.startLine, endLine: f.endLine },
          },
        },
      ],
      partialFingerprints: { [SARIF_FINGERPRINT_KEY]: f.id },
      properties: {
        severity: f.severity,
        'security-severity': SECURITY_SEVERITY[f.severity],
        experts: f.experts,
        ...(f.kind && { kind: f.kind }),
        ...(f.confidence !== undefined && { confidence: f.confidence }),
        ...(f.agreement !== undefined && { agreement: f.agreement }),
        ...(f.verification && { verification: f.verification }),
      },
      ...(fixes.length && { fixes }),
    };
  });
  const note = rulesNote(review.rules);
  const log: Log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'claude-multi-agent',
            version: review.toolVersion,
            informationUri: 'https://www.npmjs.com/package/claude-multi-agent',
            rules,
          },
        },
        results,
        ...((review.hidden?.length || note) && {
          properties: {
            ...(review.hidden?.length && {
              hiddenFindings: Object.fromEntries(review.hidden.map((c) => [c.reason, c.count])),
            }),
            ...(note && {
              projectRules: {
                ...(review.rules?.readAt && { readAt: review.rules.readAt }),
                changedNotApplied: [...(review.rules?.changed ?? [])],
              },
            }),
          },
        }),
        invocations: [
          {
            executionSuccessful: !review.problems?.length,
            ...((review.problems?.length || note) && {
              toolExecutionNotifications: [
                ...(review.problems ?? []).map((text) => ({ level: 'warning' as const, message: { text } })),
                ...(note ? [{ level: 'note' as const, message: { text: note } }] : []),
              ],
            }),
          },
        ],
      },
    ],
  };
  // As in the Markdown export: a secret-shaped value in a model's words never leaves unredacted.
  return JSON.parse(redactSecrets(JSON.stringify(log))) as Log;
}
