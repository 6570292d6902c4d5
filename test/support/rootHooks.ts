// Mocha root hooks for the unit tier: any unhandled promise rejection fails the test that caused it,
// instead of passing silently or surfacing later in an unrelated test.
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

export const mochaHooks = {
  beforeAll(): void {
    process.on('unhandledRejection', onUnhandled);
  },
  async afterEach(): Promise<void> {
    // Let rejections from the test's last ticks be reported before checking.
    await new Promise((r) => setImmediate(r));
    if (unhandled.length) {
      const reasons = unhandled.splice(0).map((r) => (r instanceof Error ? (r.stack ?? r.message) : String(r)));
      throw new Error(`Unhandled promise rejection(s):\n${reasons.join('\n')}`);
    }
  },
  afterAll(): void {
    process.off('unhandledRejection', onUnhandled);
  },
};
