/**
 * Key-shaped test values, built at run time so the repository never holds a string that secret
 * scanners (and our own before-stop check) would take for a real Anthropic key.
 */
export const fakeKey = (label: string): string => ['sk', 'ant', label, 'x'.repeat(24)].join('-');
