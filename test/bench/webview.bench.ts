import { fakeContext, installFakeVscode, panels, posted } from './fakeVscode';
import type { Row } from './stats';

const STREAMS = 10;
const TOKENS_PER_SECOND = 300;
const CHARS_PER_TOKEN = 4;
const TOKENS_PER_CHUNK = 4;

/** An expert's answer as it streams: structured-output JSON of about `tokens` tokens. */
function expertAnswer(tokens: number): string {
  const findings: object[] = [];
  const answer = () =>
    JSON.stringify({ summary: 'The handler trusts its input in several places. '.repeat(3), findings });
  for (let i = 0; answer().length < tokens * CHARS_PER_TOKEN; i++) {
    findings.push({
      file: `src/handlers/h${i}.ts`,
      startLine: 10 + i,
      endLine: 12 + i,
      severity: 'high',
      title: `Unvalidated "id" reaches the query (${i})`,
      explanation:
        'The `id` parameter goes into the SQL string unescaped; a crafted value reads other tables. Use a parameterised query.\n\n```ts\ndb.query("SELECT * FROM t WHERE id = $1", [id]);\n```',
      experts: ['security'],
    });
  }
  return answer().slice(0, tokens * CHARS_PER_TOKEN);
}

/**
 * Ten experts streaming into one real ReviewPanel, paced as the API streams; counts what reaches
 * the (stand-in) webview against what was streamed.
 */
export async function runWebviewBench(smoke: boolean): Promise<Row[]> {
  const tokens = smoke ? 400 : 4000;
  installFakeVscode();
  const { ReviewPanel } = await import('../../src/extension/review/reviewPanel');
  const sections = Array.from({ length: STREAMS }, (_, i) => ({ id: `expert${i}`, title: `Expert ${i}` }));
  const panel = new ReviewPanel(
    fakeContext().extensionUri as never,
    {
      reviewId: 'bench',
      title: 'bench',
      rootUri: 'file:///w',
      targets: [],
      reviewedFiles: [],
      sections,
      excluded: [],
      simulated: true,
      startedAt: new Date().toISOString(),
      state: {},
      findings: [],
      dropped: 0,
    },
    () => undefined,
    () => undefined,
  );
  panels.at(-1)!.webview.fromPage({ type: 'ready' });
  posted.length = 0;
  const answer = expertAnswer(tokens);
  const chunkChars = TOKENS_PER_CHUNK * CHARS_PER_TOKEN;
  const chunkEveryMs = 1000 / (TOKENS_PER_SECOND / TOKENS_PER_CHUNK);
  let streamedBytes = 0;
  let offset = 0;
  const started = performance.now();
  for (const s of sections) panel.setStatus(s.id, 'streaming');
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      // Catch up with the wall clock, as a stream's chunks do after a busy moment.
      const due = Math.min(answer.length, Math.floor((performance.now() - started) / chunkEveryMs) * chunkChars);
      if (due <= offset) return;
      const chunk = answer.slice(offset, due);
      offset = due;
      for (const s of sections) {
        panel.append(s.id, chunk);
        streamedBytes += Buffer.byteLength(chunk);
      }
      if (offset >= answer.length) {
        clearInterval(timer);
        resolve();
      }
    }, chunkEveryMs);
  });
  for (const s of sections) panel.setStatus(s.id, 'done');
  panel.showDone();
  const elapsed = (performance.now() - started) / 1000;
  const sizes = posted.map((m) => Buffer.byteLength(JSON.stringify(m)));
  const postedBytes = sizes.reduce((a, b) => a + b, 0);
  const perSecond = posted.length / elapsed;
  const ratio = postedBytes / streamedBytes;
  panel.dispose();
  return [
    {
      figure: `${STREAMS} streams of ${tokens}-token answers at ${TOKENS_PER_SECOND} tok/s: streamed (KB)`,
      value: (streamedBytes / 1024).toFixed(0),
    },
    { figure: 'posted to the webview (KB)', value: (postedBytes / 1024).toFixed(0) },
    { figure: 'posted bytes / streamed bytes', value: ratio.toFixed(2), target: '<= 2', met: ratio <= 2 },
    { figure: 'webview messages/s', value: perSecond.toFixed(1), target: '<= 30', met: perSecond <= 30 },
    { figure: 'largest message (KB)', value: (Math.max(...sizes) / 1024).toFixed(1) },
  ];
}
