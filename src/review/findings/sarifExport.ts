// A review as SARIF 2.1.0, for code scanning: one rule per expert (a security expert's split by severity,
// see sarifRules), one result per finding, the severity as `level`, paths relative to the repository root
// as URI references, the finding id as a partial fingerprint under our own key, a suggested fix as a SARIF
// `fix`, and failures and left-out files as tool execution notifications. Run-anywhere.
import type { Fix, Log, Result } from 'sarif';
import { redactSecrets } from '../../policy';
import type { LeftOutSummary } from '../context';
import { relativeUri, repositoryPath } from './repositoryPaths';
import { NOTIFICATION_DESCRIPTORS, sarifNotifications } from './sarifNotifications';
import { sarifRules, type SarifExpert } from './sarifRules';
import { sortFindings } from './sortFindings';
import type { Finding, HiddenReason, Severity } from './types';

export type { SarifExpert } from './sarifRules';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/**
 * Our fingerprint's key in `partialFingerprints`. Code scanning matches alerts across runs by its own
 * `primaryLocationLineHash` (which upload-sarif adds); this key is for other consumers and our own tools.
 * Bump the version if finding ids ever change meaning. v2: ids fingerprint the code and kind, not lines.
 */
export const SARIF_FINGERPRINT_KEY = 'claudeMultiAgentFindingId/v2';

export interface SarifExport {
  toolVersion: string;
  experts: readonly SarifExpert[];
  findings: readonly Finding[];
  /** Findings kept back (low confidence, refuted …), counted by reason: in the run's properties, never results. */
  hidden?: ReadonlyArray<{ reason: HiddenReason; count: number }>;
  /** Experts that failed or were cut short, reported as notifications. */
  problems?: readonly string[];
  /** Worth knowing, not a problem (why there was nothing to review), as notifications of level note. */
  notes?: readonly string[];
  /** Files the review did not read, reported as notifications. */
  leftOut?: LeftOutSummary;
  /** Where a diff review read its rules files (its base), and the rules files the change touches (not applied). */
  rules?: { readAt?: string; changed?: readonly string[] };
  /** The reviewed folder, relative to the repository root ('' or absent at the top): prefixed to every path. */
  folder?: string;
  /** The repository root as an absolute `file:` URI ending in '/', for `originalUriBaseIds`. */
  repositoryRootUri?: string;
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

function fixOf(f: Finding, uri: string): Fix[] {
  const fix = f.suggestedFix;
  if (!fix) return [];
  const replacement = fix.replacement.endsWith('\n') ? fix.replacement : `${fix.replacement}\n`;
  return [
    {
      description: { text: `Suggested fix for: ${f.title}` },
      artifactChanges: [
        {
          artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
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
  const { rules, ruleOf } = sarifRules(review.experts);
  const results: Result[] = sortFindings(review.findings).map((f) => {
    const uri = relativeUri(repositoryPath(f.file, review.folder));
    const fixes = fixOf(f, uri);
    return {
      ...ruleOf(f),
      level: LEVELS[f.severity],
      message: { text: f.explanation ? `${f.title}\n\n${f.explanation}` : f.title },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
            region: { startLine: f.startLine, endLine: f.endLine },
          },
        },
      ],
      partialFingerprints: { [SARIF_FINGERPRINT_KEY]: f.id },
      properties: {
        severity: f.severity,
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
  const notifications = sarifNotifications({
    ...(review.problems && { problems: review.problems }),
    ...(review.notes && { notes: review.notes }),
    ...(review.leftOut && { leftOut: review.leftOut }),
    ...(note && { rulesNote: note }),
    ...(review.folder && { folder: review.folder }),
  });
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
            notifications: NOTIFICATION_DESCRIPTORS,
          },
        },
        // Every path is relative to %SRCROOT%, the repository root (not the reviewed folder).
        originalUriBaseIds: {
          '%SRCROOT%': {
            ...(review.repositoryRootUri && { uri: review.repositoryRootUri }),
            description: { text: 'The root of the repository the reviewed code is in.' },
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
            ...(notifications.length && { toolExecutionNotifications: notifications }),
          },
        ],
      },
    ],
  };
  // As in the Markdown export: a secret-shaped value in a model's words never leaves unredacted.
  return JSON.parse(redactSecrets(JSON.stringify(log))) as Log;
}
