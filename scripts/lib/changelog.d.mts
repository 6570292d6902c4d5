export function changelogSection(text: string, version: string): string;
export function isPreRelease(version: string): boolean;
