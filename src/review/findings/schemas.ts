// JSON Schemas for structured output (output_config.format = {type:'json_schema', schema}). They keep
// to the subset the API accepts: every object closed with additionalProperties:false and every
// property required; optional values are nullable (anyOf with null); no numeric or length limits,
// which the API rejects; ranges and enums are re-checked when parsing.
import { REFUTE_GROUNDS, SEVERITIES } from './types';

type JsonSchema = Readonly<Record<string, unknown>>;

const suggestedFixSchema: JsonSchema = {
  anyOf: [
    {
      type: 'object',
      description: 'A drop-in replacement for whole lines startLine..endLine of the same file.',
      additionalProperties: false,
      required: ['replacement', 'startLine', 'endLine'],
      properties: {
        replacement: { type: 'string', description: 'The new text for those lines, without line-number prefixes.' },
        startLine: { type: 'integer' },
        endLine: { type: 'integer' },
      },
    },
    { type: 'null' },
  ],
};

function findingSchema(withExperts: boolean): JsonSchema {
  const properties: Record<string, unknown> = {
    file: { type: 'string', description: 'The path exactly as in the <file path="…"> tag.' },
    startLine: { type: 'integer', description: 'First line, as numbered in the listing.' },
    endLine: {
      type: 'integer',
      description: 'Last line, as numbered in the listing (equal to startLine for one line).',
    },
    severity: { type: 'string', enum: [...SEVERITIES] },
    title: { type: 'string', description: 'One line naming the problem.' },
    explanation: { type: 'string', description: 'Why it matters and what triggers it; Markdown allowed.' },
    suggestedFix: suggestedFixSchema,
    kind: {
      type: 'string',
      description:
        'What kind of problem, short and lower-case with hyphens: "sql-injection", "off-by-one", "missing-await".',
    },
    confidence: {
      type: 'integer',
      description: withExperts
        ? 'How likely (0-100) the problem is real once merged: higher when experts agree and the code shows the trigger, lower when it rests on assumptions.'
        : 'How likely (0-100) the problem is real given only the code shown: 90+ when the code shows the trigger, 50 when it depends on unseen callers.',
    },
    evidence: {
      type: 'string',
      description:
        'The exact code the finding is about, copied from the cited lines without their line-number prefixes (one or more whole or partial lines). It is checked against the listing: a quote not found there hides the finding.',
    },
    rule: {
      anyOf: [{ type: 'string' }, { type: 'null' }],
      description:
        'A project-rules violation: the rule it breaks, quoted word for word from the rules file; otherwise null.',
    },
    preExisting: {
      type: 'boolean',
      description:
        'Diff reviews: true when the problem was already there before this change and the change neither introduces it nor makes it reachable; false otherwise, and always false when the code is not a diff.',
    },
  };
  if (withExperts) {
    properties['experts'] = {
      type: 'array',
      items: { type: 'string' },
      description: 'Names of every expert who raised it.',
    };
  }
  return { type: 'object', additionalProperties: false, required: Object.keys(properties), properties };
}

/** How many findings the project's rules files kept an expert from raising, per rules file (null: none). */
const suppressedByRulesSchema: JsonSchema = {
  anyOf: [
    {
      type: 'array',
      description: 'Findings left out because a project rules file explicitly allows the code, counted per rules file.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['file', 'count'],
        properties: {
          file: { type: 'string', description: 'The rules file, as in its <rules-file path="…"> tag.' },
          count: { type: 'integer' },
        },
      },
    },
    { type: 'null' },
  ],
};

function answerSchema(withExperts: boolean): JsonSchema {
  const properties: Record<string, unknown> = {
    summary: { type: 'string', description: 'Two or three sentences on the overall state of the code.' },
    findings: { type: 'array', items: findingSchema(withExperts) },
  };
  if (!withExperts) {
    properties['suppressedByRules'] = suppressedByRulesSchema;
    properties['omitted'] = {
      type: 'integer',
      description: 'How many further, weaker findings were left out to keep to the cap on findings (0 when none).',
    };
  }
  return { type: 'object', additionalProperties: false, required: Object.keys(properties), properties };
}

/**
 * One expert's answer: { summary, findings: [{file, startLine, endLine, severity, title, explanation,
 * suggestedFix, kind, confidence, evidence, rule, preExisting}], suppressedByRules, omitted }.
 */
export const EXPERT_FINDINGS_SCHEMA: JsonSchema = answerSchema(false);

/** The synthesis: summary and findings, with experts: string[] on every finding. */
export const SYNTHESIS_SCHEMA: JsonSchema = answerSchema(true);

/** A verifier's answer about one finding: confirmed or refuted (on one of the stated grounds), and why. */
export const VERIFICATION_SCHEMA: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['verdict', 'ground', 'reason'],
  properties: {
    verdict: {
      type: 'string',
      enum: ['confirmed', 'refuted'],
      description:
        'refuted only on one of the grounds given; confirmed otherwise (the finding survives unless refuted).',
    },
    ground: {
      type: 'string',
      enum: [...REFUTE_GROUNDS, 'none'],
      description: 'The ground a refutation rests on; "none" when confirmed.',
    },
    reason: { type: 'string', description: 'One or two sentences citing the lines that decide it.' },
  },
};
