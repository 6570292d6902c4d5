import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Request, Response } from 'express';

const UPLOAD_ROOT = path.resolve(process.env.UPLOAD_ROOT ?? './var/uploads');
const MAX_BYTES = 10 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.pdf': 'application/pdf',
};

/** GET /files/:customer/:name — serves an invoice or product photo a customer uploaded. */
export async function download(req: Request, res: Response): Promise<void> {
  const customer = String(req.params.customer);
  const name = String(req.params.name);
  const file = path.join(UPLOAD_ROOT, customer, name);

  let stat;
  try {
    stat = await fs.stat(file);
  } catch {
    res.status(404).end();
    return;
  }
  const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Length', String(stat.size));
  createReadStream(file).pipe(res);
}

/** POST /files/:customer — stores the raw body under a generated name. */
export async function upload(req: Request, res: Response): Promise<void> {
  const customer = String(req.params.customer);
  if (!/^[0-9]+$/.test(customer)) {
    res.status(400).json({ error: 'bad customer id' });
    return;
  }
  const body = req.body as Buffer;
  if (body.length > MAX_BYTES) {
    res.status(413).json({ error: 'file too large' });
    return;
  }
  const ext = CONTENT_TYPES[`.${String(req.query.ext)}`] ? `.${String(req.query.ext)}` : '.bin';
  const name = `${Date.now().toString(36)}${ext}`;
  await fs.mkdir(path.join(UPLOAD_ROOT, customer), { recursive: true });
  await fs.writeFile(path.join(UPLOAD_ROOT, customer, name), body);
  res.status(201).json({ name });
}
