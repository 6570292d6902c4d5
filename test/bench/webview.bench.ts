import { fakeContext, installFakeVscode, posted } from './fakeVscode';
import type { Row } from './stats';

const STREAMS = 5;
const TOKENS_PER_SECOND = 200;
const TOKENS_PER_CHUNK = 4;
const SECONDS = 3;

/** Five experts streaming into one real ReviewPanel; counts what reaches the (stand-in) webview. */
export async function runWebviewBench(): Promise<Row[]> {
  installFakeVscode();
  const { ReviewPanel } = await import('../../src/extension/review/reviewPanel');
  const sections = Array.from({ length: STREAMS }, (_, i) => ({ id: `expert${i}`, title: `Expert ${i}` }));
  const panel = new ReviewPanel(
    fakeContext().extensionUri as never,
    { reviewId: 'bench', title: 'bench', rootUri: 'file:///w', targets: [], reviewedFiles: [], sections, excluded: [], simulated: true, startedAt: new Date().toISOString(), state: {}, findings: [], dropped: 0 },
    () => undefined,
    () => undefined,
  );
  posted.length = 0;
  let chunks = 0;
  const chunkEveryMs = 1000 / (TOKENS_PER_SECOND / TOKENS_PER_CHUNK);
  const answer = JSON.stringify({ summary: 'A summary sentence. '.repeat(20), findings: [] });
  const started = performance.now();
  for (const s of sections) panel.setStatus(s.id, 'streaming');
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      for (const s of sections) {
        const offset = (chunks * 16) % answer.length;
        panel.append(s.id, answer.slice(offset, offset + 16));
      }
      chunks++;
      if (performance.now() - started >= SECONDS * 1000) {
        clearInterval(timer);
        resolve();
      }
    }, chunkEveryMs);
  });
  for (const s of sections) panel.setStatus(s.id, 'done');
  panel.showDone();
  const elapsed = (performance.now() - started) / 1000;
  const perSecond = posted.length / elapsed;
  const naive = (chunks * STREAMS) / elapsed;
  panel.dispose();
  return [
    { figure: `webview messages/s, ${STREAMS} streams at ${TOKENS_PER_SECOND} tok/s`, value: perSecond.toFixed(1), target: '<= 30', met: perSecond <= 30 },
    { figure: 'chunks/s arriving from the streams', value: naive.toFixed(1) },
    { figure: 'messages / chunks', value: (perSecond / naive).toFixed(3) },
  ];
}
