// The content policy's secret scan: MiB/s on ordinary code and on adversarial text, side by side,
// with the quadratic rule from before the policy for comparison.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { findSecret, findSecretByRules } from '../../src/policy';
import { secretlintScan } from '../../src/policy/secretlintScan';
import { median, type Row } from './stats';

const MiB = 1024 * 1024;
let ROUNDS = 5;

function sourceText(bytes: number): string {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts')) files.push(readFileSync(p, 'utf8'));
      // A file with a hit would end the scan early; the rate is for text with nothing to find.
      if (files.length > 0 && findSecretByRules(files[files.length - 1]!)) files.pop();
    }
  };
  walk('src');
  let text = '';
  while (text.length < bytes) text += files.join('\n');
  return text.slice(0, bytes);
}

async function rate(scan: (text: string) => unknown, text: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    await scan(text);
    times.push(performance.now() - start);
  }
  return text.length / MiB / (median(times) / 1000);
}

export async function runPolicyBench(smoke = false): Promise<Row[]> {
  ROUNDS = smoke ? 1 : 5;
  const code = sourceText(4 * MiB);
  const adversarial = 'authtoken'.repeat(Math.ceil(MiB / 9)).slice(0, MiB);
  if (await findSecret(code)) throw new Error('the benchmark text should hold no secret'); // also loads secretlint
  const full = await rate(findSecret, code);
  const rules = await rate(findSecretByRules, code);
  const secretlint = await rate(secretlintScan, code);
  const fullAdversarial = await rate(findSecret, adversarial);
  // The JWT rule the policy replaced, on 1/32 of the adversarial text (the whole MiB would take minutes).
  const oldRule =
    /(?:token|secret|passw|pwd|auth|api[_-]?key|bearer|session|credential|cookie)[\w.-]*["']?\s*(?::|=>?)\s*["'`]?(?:Bearer\s+)?eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,}/gi;
  const oldRate = await rate((t) => [...t.matchAll(oldRule)].length, adversarial.slice(0, 32 * 1024));
  return [
    {
      figure: 'secret scan on source code, MiB/s (rules + secretlint)',
      value: full.toFixed(1),
      target: '>= 10',
      met: full >= 10,
    },
    { figure: '  hand-written rules alone, MiB/s', value: rules.toFixed(1) },
    { figure: '  secretlint preset alone, MiB/s', value: secretlint.toFixed(1) },
    { figure: 'secret scan on 1 MiB adversarial text, MiB/s', value: fullAdversarial.toFixed(1) },
    {
      figure: 'adversarial / source-code rate (linear: no collapse)',
      value: (fullAdversarial / full).toFixed(2),
      target: '>= 0.25',
      met: fullAdversarial / full >= 0.25,
    },
    { figure: 'replaced JWT rule on 32 KiB adversarial text, MiB/s', value: oldRate.toFixed(3) },
  ];
}
