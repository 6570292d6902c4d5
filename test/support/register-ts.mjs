// Lets mocha and the benchmark load TypeScript sources directly (tsx compiles them with esbuild).
import { register } from 'tsx/esm/api';
register();
