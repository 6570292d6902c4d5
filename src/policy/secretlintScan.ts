// secretlint's recommended preset (the ruleset `vsce` runs before publishing), loaded on first use so
// that activating the extension does not pay for it. Measured (see the report in the README): about
// 78 KB minified in the bundle, 45 MiB/s on ordinary code, and 1 MiB of adversarial text in tens of
// milliseconds. The comment filter is left out: a `secretlint-disable` comment in a workspace file
// must not let a key through.

export interface SecretlintHit {
  /** e.g. "npm (NPM_ACCESS_TOKEN)": the rule and message ids, never the message (it quotes the value). */
  rule: string;
  /** 1-based line within the scanned text. */
  line: number;
}

type Scan = (text: string) => Promise<SecretlintHit[]>;

const FILTER_COMMENTS = '@secretlint/secretlint-rule-filter-comments';
const RULE_PREFIX = '@secretlint/secretlint-rule-';

let loading: Promise<Scan> | undefined;

async function load(): Promise<Scan> {
  const [{ lintSource }, { rules }, { secretLintProfiler }] = await Promise.all([
    import('@secretlint/core'),
    import('@secretlint/secretlint-rule-preset-recommend'),
    import('@secretlint/profiler'),
  ]);
  // secretlint's profiler (for its CLI's --profile) keeps every performance mark of the process for
  // ever and searches them on each new one: scanning 300 files took 3.4 s instead of 0.2 s, and an
  // extension host would leak. We never read it: make no marks, and drop what its observer collects.
  secretLintProfiler.mark = () => {};
  // Its lists are private in the types but plain arrays at run time; its observer also sees others' marks.
  const kept = secretLintProfiler as unknown as { entries: unknown[]; measures: unknown[] };
  const forgetMarks = () => {
    kept.entries.length = 0;
    kept.measures.length = 0;
  };
  const config = {
    rules: rules.filter((r) => r.meta.id !== FILTER_COMMENTS).map((rule) => ({ id: rule.meta.id, rule })),
  };
  return async (text) => {
    const result = await lintSource({
      source: { filePath: 'workspace-file.txt', content: text, ext: '.txt', contentType: 'text' },
      options: { config },
    }).finally(forgetMarks);
    return result.messages.map((m) => ({
      rule: `${m.ruleId.replace(RULE_PREFIX, '')} (${m.messageId})`,
      line: m.loc.start.line,
    }));
  };
}

/** Every secret secretlint finds in `text`, in its order. */
export async function secretlintScan(text: string): Promise<SecretlintHit[]> {
  loading ??= load();
  return (await loading)(text);
}
