// A rule-based stand-in for Claude, for offline demos and end-to-end tests with the API simulator.
// Expert requests (recognised by expertPrompt's header) get findings JSON computed from the numbered
// listings in the system block; synthesis requests get the experts' findings merged by fallbackMerge;
// delegation planner requests (buildPlanRequest's prompt) get a plan of three subtasks; a question
// containing XSS_PROBE_MARKER gets a Markdown reply full of script-injection attempts (for the
// browser tests of the webviews' sanitising); anything else is left to the simulator's default
// responder.
import { fallbackMerge } from '../../src/review/findings/fallbackMerge';
import { assignIds } from '../../src/review/findings/findingId';
import type { ExpertResult, Finding, Severity } from '../../src/review/findings/types';
import { learningCovers, parseLearning, type LearnedRule } from '../../src/review/learnings';
import { parseExpertPromptHeader, readSynthesisPromptInput, readVerifierPromptFinding } from '../../src/review/prompts';
import { demoAgentTurn, demoChangePlan } from './demoAgents';
import type { Responder, SimRequest } from './simulator/types';

interface ListingLine {
  line: number;
  text: string;
  /** A diff listing's unchanged context line (" " after the "|"), as opposed to an added one ("+"). */
  context?: boolean;
}

interface Listing {
  path: string;
  lines: ListingLine[];
}

interface DemoFinding {
  file: string;
  startLine: number;
  endLine: number;
  severity: Severity;
  title: string;
  explanation: string;
  suggestedFix: { replacement: string; startLine: number; endLine: number } | null;
  kind: string;
  confidence: number;
  /** The cited line's code, as the experts are asked to quote it (or an invented one, see DEMO_INVENTED_QUOTE_MARKER). */
  evidence: string;
  rule: string | null;
  /** Diff listings: a finding on an unchanged context line is reported as pre-existing. */
  preExisting: boolean;
}

/** The confidence of every demo finding, above the default minimum of 70. */
export const DEMO_CONFIDENCE = 90;
/** A finding whose lines contain this is scored DEMO_UNSURE_CONFIDENCE (hidden at the default minimum). */
export const DEMO_UNSURE_MARKER = 'demo:unsure';
export const DEMO_UNSURE_CONFIDENCE = 40;
/** A finding on a line containing this quotes code that is not there (a hallucinated quote). */
export const DEMO_INVENTED_QUOTE_MARKER = 'demo:invented-quote';
/** The code such a finding quotes. */
export const DEMO_INVENTED_QUOTE = 'db.rawQuery(untrustedInput)';
/** A verifier refutes a finding whose lines contain this, and confirms every other. */
export const DEMO_REFUTE_MARKER = 'demo:not-a-bug';

/** Functions longer than this many lines get a maintainability finding. */
export const DEMO_LONG_FUNCTION_LINES = 25;
/** A `for` starting within this many lines inside another loop's block counts as nested. */
const NESTED_LOOP_WINDOW = 3;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((b) => (isObject(b) && typeof b['text'] === 'string' ? b['text'] : '')).join('\n');
}

function systemText(req: SimRequest): string {
  return textOf(req.system);
}

function lastUserText(req: SimRequest): string {
  for (let i = req.messages.length - 1; i >= 0; i--) {
    const m = req.messages[i];
    if (isObject(m) && m['role'] === 'user') return textOf(m['content']);
  }
  return '';
}

/** The numbered lines of every <file> listing; removed diff lines (no number) are skipped. */
export function readListings(system: string): Listing[] {
  const listings: Listing[] = [];
  for (const m of system.matchAll(/<file path="([^"]*)"[^>]*>\n([\s\S]*?)\n<\/file>/g)) {
    const path = m[1]!
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    const lines: ListingLine[] = [];
    const diff = /^<file [^>]*\bchange="/.test(m[0]);
    for (const row of m[2]!.split('\n')) {
      const numbered = /^\s*(\d+)\|([ +])(.*)$/.exec(row);
      if (numbered)
        lines.push({
          line: Number(numbered[1]),
          text: numbered[3]!,
          ...(diff && numbered[2] === ' ' && { context: true }),
        });
    }
    listings.push({ path, lines });
  }
  return listings;
}

/** Index of the line closing the block opened on lines[from], by brace counting (good enough for demos). */
function blockEnd(lines: readonly ListingLine[], from: number): number {
  let depth = 0;
  let opened = false;
  for (let i = from; i < lines.length; i++) {
    for (const ch of lines[i]!.text) {
      if (ch === '{') {
        depth++;
        opened = true;
      } else if (ch === '}') depth--;
    }
    if (opened && depth <= 0) return i;
  }
  return lines.length - 1;
}

const isFor = (text: string) => /\bfor\s*\(/.test(text);

function finding(
  file: string,
  at: ListingLine,
  severity: Severity,
  title: string,
  explanation: string,
  end = at.line,
): DemoFinding {
  const kind = title
    .toLowerCase()
    .replace(/\(.*\)/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  const confidence = at.text.includes(DEMO_UNSURE_MARKER) ? DEMO_UNSURE_CONFIDENCE : DEMO_CONFIDENCE;
  const evidence = at.text.includes(DEMO_INVENTED_QUOTE_MARKER) ? DEMO_INVENTED_QUOTE : at.text.trim();
  return {
    file,
    startLine: at.line,
    endLine: end,
    severity,
    title,
    explanation,
    suggestedFix: null,
    kind,
    confidence,
    evidence,
    rule: null,
    preExisting: at.context === true,
  };
}

type Rule = (listing: Listing) => DemoFinding[];

const securityRule: Rule = ({ path, lines }) =>
  lines.flatMap((l) => {
    const out: DemoFinding[] = [];
    if (/["'`]\s*(?:SELECT|INSERT|UPDATE|DELETE)\b/i.test(l.text) && l.text.includes('+')) {
      out.push(
        finding(
          path,
          l,
          'critical',
          'SQL query built by string concatenation',
          'User input is concatenated into the SQL text, so a crafted value can change the query (SQL injection). Use a parameterised query.',
        ),
      );
    }
    if (/\beval\s*\(/.test(l.text)) {
      out.push(
        finding(
          path,
          l,
          'high',
          'eval of a caller-supplied string',
          'eval runs arbitrary code with the privileges of this process. Parse the expression instead.',
        ),
      );
    }
    if (/\b\w*passw(?:or)?d\w*\s*[:=]\s*["'`][^"'`]+["'`]/i.test(l.text)) {
      out.push(
        finding(
          path,
          l,
          'high',
          'Hard-coded password',
          'A password literal in source code ends up in version control and every build. Read it from configuration or a secret store.',
        ),
      );
    }
    return out;
  });

const performanceRule: Rule = ({ path, lines }) =>
  lines.flatMap((l, i) => {
    if (!isFor(l.text)) return [];
    const end = Math.min(blockEnd(lines, i), i + NESTED_LOOP_WINDOW);
    for (let j = i + 1; j <= end; j++) {
      const inner = lines[j]!;
      if (isFor(inner.text)) {
        return [
          finding(
            path,
            l,
            'medium',
            'Nested loop over the same data (quadratic)',
            'The inner loop runs once per outer iteration, so the cost grows with the square of the input. A Set or Map lookup makes it linear.',
            inner.line,
          ),
        ];
      }
    }
    return [];
  });

const correctnessRule: Rule = ({ path, lines }) =>
  lines.flatMap((l) => {
    if (!/\bfor\s*\(.*<=\s*[\w$.[\]]+\.length\b/.test(l.text)) return [];
    const f = finding(
      path,
      l,
      'high',
      'Off-by-one: loop runs one past the end',
      'With `<=` the last iteration reads index `length`, which is undefined.',
    );
    f.suggestedFix = {
      replacement: l.text.replace(/<=(\s*[\w$.[\]]+\.length)/, '<$1'),
      startLine: l.line,
      endLine: l.line,
    };
    return [f];
  });

const maintainabilityRule: Rule = ({ path, lines }) =>
  lines.flatMap((l, i) => {
    const out: DemoFinding[] = [];
    if (/\b(?:TODO|FIXME)\b/.test(l.text)) {
      out.push(
        finding(
          path,
          l,
          'low',
          'Unresolved TODO',
          'A known gap is marked but not tracked; file an issue or resolve it.',
        ),
      );
    }
    if (/\bfunction\b[^(]*\(.*\{\s*$/.test(l.text) || /=>\s*\{\s*$/.test(l.text)) {
      const end = lines[blockEnd(lines, i)]!;
      const length = end.line - l.line + 1;
      if (length > DEMO_LONG_FUNCTION_LINES) {
        out.push(
          finding(
            path,
            l,
            'medium',
            `Long function (${length} lines)`,
            'The function mixes several steps; extract the computations into named helpers.',
            end.line,
          ),
        );
      }
    }
    return out;
  });

const RULES: Readonly<Record<string, Rule>> = {
  security: securityRule,
  performance: performanceRule,
  correctness: correctnessRule,
  maintainability: maintainabilityRule,
};

/** A project rules line (src/review/rules) that allows a finding: it names a folder or file above it in backticks and the finding's title, or says string-built SQL is allowed there. */
interface AllowingLine {
  rulesFile: string;
  prefix: string;
  text: string;
  /** A learned rule ("Do not report … for the code …"), honoured as a careful reviewer would: that code only. */
  learned?: LearnedRule;
}

/** Lines of the <rules-file> blocks in the system prompt that name a path in backticks. */
export function readAllowingLines(system: string): AllowingLine[] {
  const out: AllowingLine[] = [];
  for (const m of system.matchAll(/<rules-file path="([^"]+)"[^>]*>\n([\s\S]*?)\n<\/rules-file>/g)) {
    for (const line of m[2]!.split('\n')) {
      const learned = parseLearning(line);
      if (learned) {
        out.push({ rulesFile: m[1]!, prefix: learned.path, text: line.toLowerCase(), learned });
        continue;
      }
      for (const p of line.matchAll(/`([^`\s]+)`/g))
        out.push({ rulesFile: m[1]!, prefix: p[1]!.replace(/\/?\*\*$/, ''), text: line.toLowerCase() });
    }
  }
  return out;
}

function allowedBy(f: DemoFinding, lines: readonly AllowingLine[], code: string): AllowingLine | undefined {
  return lines.find((l) => {
    if (l.learned) return learningCovers(l.learned, f, code);
    const covers = f.file === l.prefix || f.file.startsWith(l.prefix.endsWith('/') ? l.prefix : `${l.prefix}/`);
    const names =
      l.text.includes(f.title.toLowerCase()) ||
      (/string-built sql/.test(l.text) && /\ballowed\b/.test(l.text) && /SQL/.test(f.title));
    return covers && names;
  });
}

/** Every finding the demo rules raise in a system block's listings, all experts together. */
export function demoFindings(system: string): DemoFinding[] {
  const listings = readListings(system);
  return Object.values(RULES).flatMap((rule) => listings.flatMap(rule));
}

export type { DemoFinding, Listing, ListingLine };
export { lastUserText, systemText };

function expertReply(expertId: string, expertName: string, system: string): string {
  const rule = RULES[expertId];
  const listings = readListings(system);
  const raised = rule ? listings.flatMap(rule) : [];
  const allowing = readAllowingLines(system);
  const suppressed = new Map<string, number>();
  const codeOf = (f: DemoFinding): string =>
    (listings.find((l) => l.path === f.file)?.lines ?? [])
      .filter((l) => l.line >= f.startLine && l.line <= f.endLine)
      .map((l) => l.text)
      .join('\n');
  const findings = raised.filter((f) => {
    const by = allowedBy(f, allowing, codeOf(f));
    if (by) suppressed.set(by.rulesFile, (suppressed.get(by.rulesFile) ?? 0) + 1);
    return !by;
  });
  const summary = rule
    ? `${expertName} (demo rules): ${findings.length} finding${findings.length === 1 ? '' : 's'}.`
    : `The demo responder has no rules for the ${expertName} expert.`;
  const suppressedByRules = suppressed.size ? [...suppressed].map(([file, count]) => ({ file, count })) : null;
  return JSON.stringify({ summary, findings, suppressedByRules });
}

function synthesisReply(prompt: string): string | undefined {
  const input = readSynthesisPromptInput(prompt);
  if (!input) return undefined;
  const results: ExpertResult[] = input.map((entry) => ({
    expertId: entry.expert,
    expertName: entry.expert,
    summary: entry.summary ?? '',
    rawText: '',
    findings: assignIds(
      (entry.findings ?? []).map((f): Omit<Finding, 'id'> => {
        const { suggestedFix, ...rest } = f;
        return suggestedFix ? { ...rest, suggestedFix, experts: [entry.expert] } : { ...rest, experts: [entry.expert] };
      }),
    ),
    ...(entry.error ? { error: entry.error } : {}),
  }));
  const merged = fallbackMerge(results);
  return JSON.stringify({
    summary: merged.summary,
    findings: merged.findings.map(
      ({ id: _id, agreement: _agreement, verification: _verification, suggestedFix, ...rest }) => ({
        ...rest,
        suggestedFix: suggestedFix ?? null,
      }),
    ),
  });
}

/** A verifier's verdict: refuted when the finding's lines hold DEMO_REFUTE_MARKER, else confirmed. */
function verifierReply(system: string, prompt: string): string | undefined {
  const claim = readVerifierPromptFinding(prompt);
  if (!claim) return undefined;
  const lines = readListings(system)
    .filter((l) => l.path === claim.file)
    .flatMap((l) => l.lines)
    .filter((l) => l.line >= claim.startLine && l.line <= claim.endLine);
  const marked = lines.find((l) => l.text.includes(DEMO_REFUTE_MARKER));
  if (marked)
    return JSON.stringify({
      verdict: 'refuted',
      reason: `Line ${marked.line} is marked ${DEMO_REFUTE_MARKER}: the code is known to be correct.`,
    });
  const first = lines[0];
  return JSON.stringify({
    verdict: 'confirmed',
    reason: first ? `Line ${first.line} shows it: \`${first.text.trim()}\`.` : 'The lines cited show it.',
  });
}

/** How many subtasks the demo planner proposes (fewer when the prompt allows fewer). */
export const DEMO_PLAN_SUBTASKS = 3;

/** The task and the subtask limit of a delegation planner prompt (src/delegate/plan.ts buildPlanRequest). */
export function readPlannerPrompt(prompt: string): { task: string; maxSubtasks: number } | undefined {
  const limit = /Split this task into at most (\d+) independent subtasks/.exec(prompt);
  const task = /<task>\n([\s\S]*?)\n<\/task>/.exec(prompt);
  if (!limit || !task) return undefined;
  return { task: task[1]!.trim(), maxSubtasks: Number(limit[1]) };
}

function plannerReply(task: string, maxSubtasks: number): string {
  const oneLine = task.replace(/\s+/g, ' ').trim();
  const subtasks = [
    {
      title: 'Map the affected code',
      instructions: `List the functions and files that "${oneLine}" touches, with their line numbers, and what each needs to change.`,
    },
    {
      title: 'Implement the change',
      instructions: `Write the code for "${oneLine}": complete, compilable TypeScript in fenced blocks, with a short note on each change.`,
    },
    {
      title: 'Write the unit tests',
      instructions: `Write unit tests (mocha, node:assert) that cover "${oneLine}", including edge cases and failure paths.`,
    },
  ];
  return JSON.stringify({ subtasks: subtasks.slice(0, Math.max(1, Math.min(DEMO_PLAN_SUBTASKS, maxSubtasks))) });
}

/** A question containing this gets XSS_PROBE_REPLY. */
export const XSS_PROBE_MARKER = 'XSS-PROBE';

/**
 * Model output trying every usual way to run script in a webview. Each payload, if it ran, would set
 * `window.__xss` (or open a dialog); the webviews must show it as inert text or drop it.
 */
export const XSS_PROBE_REPLY = [
  'XSS probe reply: none of the following may run.',
  '',
  '<script>window.__xss = "script"; alert("script")</script>',
  '',
  "<img src=x onerror=\"window.__xss = 'img'; alert('img')\">",
  '',
  '<iframe src="javascript:window.top.__xss = \'iframe\'"></iframe>',
  '',
  '<a href="javascript:window.__xss = \'raw-link\'">raw javascript link</a>',
  '',
  '<svg onload="window.__xss = \'svg\'"></svg> <details open ontoggle="window.__xss = \'details\'">details</details>',
  '',
  "[markdown javascript link](javascript:window.__xss='md-link')",
  '',
  "![markdown image](javascript:window.__xss='md-image')",
  '',
  '[data link](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)',
  '',
  'Inline `<script>alert("code")</script>` and a fenced block:',
  '',
  '```html',
  '<script>window.__xss = "fenced"</script>',
  '```',
  '',
  'End of probe.',
].join('\n');

export const demoResponder: Responder = (req: SimRequest) => {
  const prompt = lastUserText(req);
  const expert = parseExpertPromptHeader(prompt);
  if (expert) return expertReply(expert.id, expert.name, systemText(req));
  if (prompt.includes('<synthesis-request>')) return synthesisReply(prompt);
  if (prompt.includes('<verification-request>')) return verifierReply(systemText(req), prompt);
  const planner = readPlannerPrompt(prompt);
  if (planner) return demoChangePlan(planner.task) ?? plannerReply(planner.task, planner.maxSubtasks);
  const agent = demoAgentTurn(req);
  if (agent) return agent;
  if (prompt.includes(XSS_PROBE_MARKER)) return XSS_PROBE_REPLY;
  return undefined;
};

export default demoResponder;
