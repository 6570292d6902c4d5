// What each built-in expert must not report (exclusions) and how settled questions are judged
// (precedents). Kept as data beside the experts so each list can be read, tested and extended on its
// own; expertPrompt renders them into the expert's instructions. The public reviewers that filter
// hardest keep such lists; these are written for our panel, one remit per expert.
import type { ExpertGuidance } from './types';

const SECURITY: ExpertGuidance = {
  exclusions: [
    'Denial of service, resource exhaustion and missing rate limits, unless a single small request makes the service unusable for others.',
    'Log spoofing or log injection (untrusted text written to a log), unless the log line leaks a secret.',
    "Values from environment variables, command-line arguments and the running user's own config files: their author is the user running the code.",
    'Missing hardening with no attack path in the code shown (security headers, audit logging, stricter types), and outdated dependencies.',
    'Test, fixture, example and sample code, and one-off scripts a developer runs by hand.',
    'Race conditions and timing attacks that need an attacker to win a narrow window, unless the code shown makes the window wide.',
    'Memory safety issues in memory-safe languages (buffer overflows in TypeScript, Python, Java, Go).',
  ],
  precedents: [
    'Output rendered by an auto-escaping template (React JSX text, Jinja2 with autoescape, Angular bindings) is not XSS; only raw-HTML escapes (dangerouslySetInnerHTML, |safe, innerHTML, v-html, bypassSecurityTrust…) are sinks.',
    'Queries built by an ORM or query builder with bound parameters are not injection; only text spliced into the query string is.',
    'A UUID, a signed token or a random identifier from a secure generator is not guessable.',
    'Client-side code cannot be trusted to enforce access control, but it is not the place that must enforce it: report a missing check where the server acts on the request.',
    'A secret in a test fixture or an example file is a finding only when it looks like a live credential.',
  ],
};

const PERFORMANCE: ExpertGuidance = {
  exclusions: [
    'Work done once at start-up, in a build script or a one-off command on small input.',
    'Test, fixture, benchmark and example code.',
    'Denial of service by a hostile caller (the security expert weighs that).',
    'Micro-optimisations a compiler or runtime already does (hoisting a length, caching a property read).',
  ],
  precedents: [
    'A loop over a collection whose size the code bounds to a small constant is not quadratic in practice.',
    'Sequential awaits are intended when each call depends on the previous result or the order matters.',
  ],
};

const CORRECTNESS: ExpertGuidance = {
  exclusions: [
    'What a compiler, type checker or linter reports on its own (unused variables, unreachable code after return, type errors the build would catch).',
    'Code silenced by a lint-ignore or suppression comment for that very problem.',
    'Test, fixture and example code, unless the test itself asserts the wrong thing or can never fail.',
    "A behaviour change the author's intent describes as wanted.",
  ],
  precedents: [
    'A value the type system or an earlier check shown guarantees is not missing: do not ask for a second null check.',
    'Framework-managed lifecycles (a disposable registered with its owner, a React effect cleanup returned) release their resources.',
    'A library call used as its documentation describes is correct; report misuse only with the contract it breaks.',
  ],
};

const MAINTAINABILITY: ExpertGuidance = {
  exclusions: [
    'Style a formatter or linter settles: quotes, semicolons, spacing, import order, naming case.',
    'Code silenced by a lint-ignore or suppression comment for that very problem.',
    'Generated code, vendored code, test fixtures and example snippets.',
    'Rewrites out of proportion to the change, and preferences with no cost to the next reader.',
  ],
  precedents: [
    "A project rule (<project-rules>) decides style questions: report a breach only with the rule quoted in rule, and don't report what a rule allows.",
    'Duplication of two or three short lines is not worth a new abstraction.',
  ],
};

/** Guidance per built-in expert id. */
export const BUILTIN_GUIDANCE: Readonly<Record<string, ExpertGuidance>> = Object.freeze({
  security: SECURITY,
  performance: PERFORMANCE,
  correctness: CORRECTNESS,
  maintainability: MAINTAINABILITY,
});
