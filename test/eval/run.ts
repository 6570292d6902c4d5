// `npm run eval`: see evaluate.ts and test/eval/README.md.
import { runEval, USAGE } from './evaluate';

runEval(process.argv.slice(2), process.env, (line) => console.log(line)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  console.error(`usage: ${USAGE}`);
  process.exitCode = 1;
});
