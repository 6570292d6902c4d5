// Lets mocha and the benchmark load TypeScript sources directly (tsx compiles them with esbuild;
// importing the package registers both its CommonJS and ESM hooks, as `node --import tsx` does).
import 'tsx';
