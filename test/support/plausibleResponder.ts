// The responder `npm start` uses: the demo responder's reviews and plans, plus chat, subtask and
// integration answers that read like a colleague's reply about the code that was sent (its functions,
// its lines, the demo findings and their fixes) instead of the simulator's echo of the prompt.
// The browser tests keep the plain demo responder, whose echoes they assert on.
import {
  demoFindings,
  demoResponder,
  lastUserText,
  readListings,
  systemText,
  type DemoFinding,
  type Listing,
} from './demoResponder';
import type { Responder, SimRequest } from './simulator/types';

interface NamedFunction {
  name: string;
  line: number;
}

function functionsOf(listing: Listing): NamedFunction[] {
  return listing.lines.flatMap((l) => {
    const m =
      /\b(?:function\s+([A-Za-z_$][\w$]*)|(?:const|let)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:async\s*)?\(|def\s+([A-Za-z_]\w*))/.exec(
        l.text,
      );
    const name = m?.[1] ?? m?.[2] ?? m?.[3];
    return name ? [{ name, line: l.line }] : [];
  });
}

const where = (f: DemoFinding): string =>
  f.endLine > f.startLine ? `lines ${f.startLine}–${f.endLine}` : `line ${f.startLine}`;

function fixBlock(f: DemoFinding, listing: Listing | undefined): string {
  if (f.suggestedFix) return `\`\`\`${langOf(f.file)}\n${f.suggestedFix.replacement}\n\`\`\``;
  const line = listing?.lines.find((l) => l.line === f.startLine)?.text.trim();
  return line ? `The line in question:\n\n\`\`\`${langOf(f.file)}\n${line}\n\`\`\`` : '';
}

const langOf = (path: string): string =>
  (({ ts: 'ts', js: 'js', py: 'python' }) as Record<string, string>)[path.split('.').pop() ?? ''] ?? '';

/** A chat answer: about the quoted finding when there is one, else an overview of the file's risks. */
function chatReply(system: string, question: string): string {
  const listings = readListings(system);
  const listing = listings[0];
  if (!listing)
    return "I cannot see the file's text in this conversation, so I can only answer in general terms: tell me which lines you mean and paste them.";
  const findings = demoFindings(system);
  const asked =
    findings.find((f) => question.includes(f.title)) ??
    findings.find((f) => new RegExp(`\\b${f.startLine}\\b`).test(question));
  if (asked) {
    return [
      `**${asked.title}** (\`${asked.file}\`, ${where(asked)}).`,
      '',
      asked.explanation,
      '',
      asked.suggestedFix ? 'The smallest fix replaces that line:' : 'How I would fix it:',
      '',
      fixBlock(asked, listing),
      '',
      asked.suggestedFix
        ? 'Use **Apply fix** in the review panel to see it as a diff before it is applied.'
        : 'Ask me for the full rewrite if you want the change as a diff.',
    ].join('\n');
  }
  const fns = functionsOf(listing);
  const worst = findings.slice().sort((a, b) => rank(a) - rank(b))[0];
  return [
    `\`${listing.path}\` has ${listing.lines.length} lines${
      fns.length
        ? ` and ${fns.length} functions: ${fns
            .slice(0, 6)
            .map((f) => `\`${f.name}\` (line ${f.line})`)
            .join(', ')}${fns.length > 6 ? ', …' : ''}`
        : ''
    }.`,
    '',
    worst
      ? `What I would look at first is **${worst.title.toLowerCase()}** at ${where(worst)}: ${worst.explanation}`
      : 'Nothing in it stands out as risky.',
    '',
    findings.length > 1
      ? `There ${findings.length - 1 === 1 ? 'is one more thing' : `are ${findings.length - 1} more things`} a review would flag; run **Multi-expert review** on the file to see them with their lines.`
      : '',
  ]
    .join('\n')
    .trim();
}

const SEVERITY_RANK = ['critical', 'high', 'medium', 'low', 'info'];
const rank = (f: DemoFinding): number => SEVERITY_RANK.indexOf(f.severity);

/** A subtask agent's result: its title, what it touches in the code sent, and concrete steps. */
function subtaskReply(system: string, prompt: string): string | undefined {
  const m = /<your-subtask number="(\d+)" of="(\d+)" title="([^"]*)">\n([\s\S]*?)\n<\/your-subtask>/.exec(prompt);
  if (!m) return undefined;
  const task = /<overall-task>\n([\s\S]*?)\n<\/overall-task>/.exec(prompt)?.[1]?.trim() ?? 'the task';
  const listings = readListings(system);
  const touched = listings.flatMap((l) =>
    functionsOf(l)
      .slice(0, 3)
      .map((f) => `- \`${l.path}\` line ${f.line}: \`${f.name}\``),
  );
  return [
    `### ${m[3]} (part ${m[1]} of ${m[2]})`,
    '',
    `For "${task}", this part covers: ${m[4]!.replace(/\s+/g, ' ').trim()}`,
    '',
    touched.length ? 'Code involved:' : 'No code was attached, so this is based on the task alone.',
    ...touched,
    '',
    'Steps:',
    '1. Keep the public signatures as they are, so callers need no change.',
    '2. Make the change in the functions above, one at a time, each with its own test.',
    '3. Cover the empty input and the boundary cases (first and last element) explicitly.',
    '',
    'Assumption: the existing behaviour for valid input must not change.',
  ].join('\n');
}

function integrationReply(prompt: string): string | undefined {
  const titles = [...prompt.matchAll(/<subtask-result title="([^"]*)"/g)].map((x) => x[1]!);
  if (!titles.length && !prompt.includes('<missing-subtasks>')) return undefined;
  return [
    '## Integrated result',
    '',
    `The ${titles.length} parts fit together without conflicts:`,
    ...titles.map((t, i) => `${i + 1}. **${t}**: taken over as written.`),
    '',
    'Apply them in this order and run the tests after each one.',
  ].join('\n');
}

export const plausibleResponder: Responder = (req: SimRequest) => {
  const handled = demoResponder(req);
  if (handled !== undefined) return handled;
  const prompt = lastUserText(req);
  const system = systemText(req);
  return subtaskReply(system, prompt) ?? integrationReply(prompt) ?? chatReply(system, prompt);
};

export default plausibleResponder;
