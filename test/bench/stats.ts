/** Small helpers so every benchmark figure is a median of repeated, side-by-side runs. */
export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export interface Row {
  figure: string;
  value: string;
  target?: string;
  met?: boolean;
}

export function printTable(title: string, rows: Row[]): void {
  console.log(`\n${title}`);
  const width = Math.max(...rows.map((r) => r.figure.length));
  for (const r of rows) {
    const verdict = r.met === undefined ? '' : r.met ? '  ✔ target met' : '  ✘ target missed';
    console.log(
      `  ${r.figure.padEnd(width)}  ${r.value.padStart(10)}${r.target ? `   (target ${r.target})` : ''}${verdict}`,
    );
  }
}
