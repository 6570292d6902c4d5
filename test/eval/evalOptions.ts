// The options of `npm run eval` (evaluate.ts), read and checked before anything runs.
import { parseArgs } from 'node:util';
import { DEFAULT_MODEL } from '../../src/core';
import { DEFAULT_REVIEW_SETTINGS } from '../../src/review';

export const VERIFY_MODES = ['off', 'high-severity', 'all'] as const;
export type VerifyMode = (typeof VERIFY_MODES)[number];

export interface EvalOptions {
  model: string;
  /** The judge's model for --suite (default: the review's). */
  judgeModel: string;
  minConfidence: number | undefined;
  verify: VerifyMode;
  /** Corpus folders and diff case ids; empty: all of them. */
  only: string[];
  parallel: number;
  record: string | undefined;
  recorded: string | undefined;
  /** A benchmark suite of pull requests with golden comments (suite.ts). */
  suite: string | undefined;
  details: boolean;
}

export const USAGE =
  'npm run eval -- [--model M] [--min-confidence N] [--verify off|high-severity|all] [--only FOLDER|CASE,…] [--parallel N] [--record DIR | --recorded DIR] [--details]\n' +
  '       npm run eval -- --suite DIR [--model M] [--judge-model M] [--min-confidence N] [--verify …] [--parallel N]';

export function readOptions(argv: string[], env: NodeJS.ProcessEnv): EvalOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      model: { type: 'string' },
      'judge-model': { type: 'string' },
      'min-confidence': { type: 'string' },
      verify: { type: 'string', default: DEFAULT_REVIEW_SETTINGS.verify },
      only: { type: 'string' },
      parallel: { type: 'string', default: '2' },
      record: { type: 'string' },
      recorded: { type: 'string' },
      suite: { type: 'string' },
      details: { type: 'boolean', default: false },
    },
  });
  const verify = values.verify as VerifyMode;
  if (!VERIFY_MODES.includes(verify)) throw new Error(`--verify takes ${VERIFY_MODES.join(', ')}`);
  const minConfidence = values['min-confidence'] === undefined ? undefined : Number(values['min-confidence']);
  if (minConfidence !== undefined && !(minConfidence >= 0 && minConfidence <= 100))
    throw new Error('--min-confidence takes 0 to 100');
  const parallel = Number(values.parallel);
  if (!Number.isInteger(parallel) || parallel < 1) throw new Error('--parallel takes a positive whole number');
  if (values.record && values.recorded) throw new Error('--record and --recorded do not go together');
  if (values.suite && (values.record || values.recorded || values.only))
    throw new Error('--suite does not go with --record, --recorded or --only');
  const model = values.model ?? env['EVAL_MODEL'] ?? DEFAULT_MODEL;
  return {
    model,
    judgeModel: values['judge-model'] ?? model,
    minConfidence,
    verify,
    only: values.only
      ? values.only
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
    parallel,
    record: values.record,
    recorded: values.recorded,
    suite: values.suite,
    details: values.details,
  };
}
