import { exec } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const run = promisify(exec);

export interface ReportRequest {
  /** Title chosen by the user in the export dialog; also used as the file name. */
  title: string;
  rows: ReadonlyArray<Record<string, string | number>>;
}

function toCsv(rows: ReportRequest['rows']): string {
  if (rows.length === 0) return '';
  const headers = Object.keys(rows[0]!);
  const quote = (v: string | number) => `"${String(v).replaceAll('"', '""')}"`;
  return [headers.map(quote).join(','), ...rows.map((r) => headers.map((h) => quote(r[h] ?? '')).join(','))].join('\n');
}

/**
 * Renders a report to PDF with LibreOffice in headless mode and returns the PDF's bytes. The CSV is
 * written to a private temporary folder first.
 */
export async function exportPdf(request: ReportRequest): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'report-'));
  try {
    const csv = path.join(dir, 'report.csv');
    await writeFile(csv, toCsv(request.rows), 'utf8');
    const pdfName = `${request.title}.pdf`;
    await run(`soffice --headless --convert-to pdf --outdir "${dir}" "${csv}" && mv "${dir}/report.pdf" "${dir}/${pdfName}"`, {
      timeout: 60_000,
    });
    return await readFile(path.join(dir, pdfName));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
