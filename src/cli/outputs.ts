// Where a run's reports go. One report per format and destination: `--format F [--output FILE]` as
// before, and `--sarif|--json|--markdown|--rdjson PATH` (PATH `-` is stdout) for more in one run, e.g.
// SARIF for code scanning and rdjson for reviewdog. Everything about them is checked before the review
// starts, so that nothing is paid for a report that could not be written: two outputs to one place,
// a folder that does not exist or cannot be written, $GITHUB_STEP_SUMMARY missing for --summary.
import { constants, promises as fsp } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from './exitCodes';

export type Format = 'markdown' | 'json' | 'sarif' | 'rdjson';
export const FORMATS: readonly Format[] = ['markdown', 'json', 'sarif', 'rdjson'];

export interface OutputSpec {
  format: Format;
  /** Undefined: stdout. Relative paths are resolved against the working directory. */
  path?: string;
  /** The flag that asked for it, for messages. */
  flag: string;
}

export interface OutputFlags {
  format?: string;
  output?: string;
  markdown?: string;
  json?: string;
  sarif?: string;
  rdjson?: string;
}

function formatOf(value: string | undefined): Format | undefined {
  if (value === undefined) return undefined;
  if ((FORMATS as readonly string[]).includes(value)) return value as Format;
  throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not ${JSON.stringify(value)}.`);
}

/**
 * The outputs the flags ask for. Markdown on stdout stays the default unless --format/--output say
 * otherwise or another output already writes to stdout (e.g. `--rdjson -` piped into reviewdog).
 */
export function outputsFrom(flags: OutputFlags): OutputSpec[] {
  const perFormat: OutputSpec[] = FORMATS.filter((f) => flags[f] !== undefined).map((format) => {
    const path = flags[format]!;
    if (!path) throw new UsageError(`--${format} needs a file (or - for stdout).`);
    return { format, flag: `--${format}`, ...(path !== '-' && { path }) };
  });
  const primaryAsked = flags.format !== undefined || flags.output !== undefined;
  const stdoutTaken = perFormat.some((o) => o.path === undefined);
  const primary: OutputSpec[] =
    primaryAsked || !stdoutTaken
      ? [
          {
            format: formatOf(flags.format) ?? 'markdown',
            flag: flags.output !== undefined ? '--output' : '--format',
            ...(flags.output !== undefined && flags.output !== '-' && { path: flags.output }),
          },
        ]
      : [];
  return [...primary, ...perFormat];
}

/** Refuses two outputs to one destination, and any whose folder is missing or not writable. */
export async function checkOutputs(outputs: readonly OutputSpec[], cwd: string): Promise<void> {
  const seen = new Map<string, string>();
  for (const o of outputs) {
    const where = o.path === undefined ? 'stdout' : resolve(cwd, o.path);
    const other = seen.get(where);
    if (other)
      throw new UsageError(
        `${other} and ${o.flag} both write to ${o.path ?? 'stdout'}: give each output its own destination.`,
      );
    seen.set(where, o.flag);
  }
  for (const o of outputs) {
    if (o.path === undefined) continue;
    const file = resolve(cwd, o.path);
    const folder = dirname(file);
    const stat = await fsp.stat(folder).catch(() => undefined);
    if (!stat?.isDirectory())
      throw new UsageError(`${o.flag} ${o.path}: the folder ${folder} does not exist; create it first.`);
    if ((await fsp.stat(file).catch(() => undefined))?.isDirectory())
      throw new UsageError(`${o.flag} ${o.path} is a folder; name a file.`);
    await fsp.access(folder, constants.W_OK).catch(() => {
      throw new UsageError(`${o.flag} ${o.path}: the folder ${folder} is not writable.`);
    });
  }
}

/** The job summary file GitHub Actions gives each step, or a usage error. */
export function stepSummaryFile(env: NodeJS.ProcessEnv): string {
  const file = env['GITHUB_STEP_SUMMARY']?.trim();
  if (!file)
    throw new UsageError('--summary writes to $GITHUB_STEP_SUMMARY, which is not set (it is in GitHub Actions).');
  return file;
}
