export interface ColumnMap {
  sku: number;
  quantity: number;
  price: number;
  /** Optional column. */
  note?: number;
}

const ALIASES: Record<keyof ColumnMap, readonly string[]> = {
  sku: ['sku', 'article', 'item no', 'item number'],
  quantity: ['qty', 'quantity', 'amount'],
  price: ['price', 'unit price', 'net price'],
  note: ['note', 'comment', 'remarks'],
};

const normalise = (cell: string) => cell.trim().toLowerCase().replace(/\s+/g, ' ');

/** Splits one CSV line on `delimiter`, honouring double quotes. */
export function splitLine(line: string, delimiter = ','): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"' && quoted && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (ch === delimiter && !quoted) {
      cells.push(cell);
      cell = '';
    } else {
      cell += ch;
    }
  }
  cells.push(cell);
  return cells;
}

/** Guesses the delimiter from the header line: the one of , ; and tab that appears most. */
export function guessDelimiter(header: string): string {
  const counts = [',', ';', '\t'].map((d) => ({ d, n: header.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0]!.d;
}

/** Where each known column is in a header line; required columns must all be present. */
export function mapColumns(header: string): ColumnMap {
  const cells = splitLine(header, guessDelimiter(header)).map(normalise);
  const find = (key: keyof ColumnMap) => cells.findIndex((c) => ALIASES[key].includes(c));
  const map: ColumnMap = { sku: find('sku'), quantity: find('quantity'), price: find('price') };
  const note = find('note');
  if (note >= 0) map.note = note;
  return map;
}

/** The version stamp suppliers put in the first cell, e.g. "pricelist v3 (2024-05)". */
export function listVersion(header: string): number {
  const match = /v(\d+)/i.exec(header);
  return Number(match![1]);
}
