// The entries of a zip file (a VSIX), read with yauzl.
import { open, type Entry } from 'yauzl';

export function zipEntries(file: string): Promise<Array<{ name: string; size: number }>> {
  return new Promise((resolve, reject) => {
    open(file, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const entries: Array<{ name: string; size: number }> = [];
      zip.on('entry', (e: Entry) => {
        entries.push({ name: e.fileName, size: e.uncompressedSize });
        zip.readEntry();
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** One entry's text. */
export function zipText(file: string, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    open(file, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      zip.on('entry', (e: Entry) => {
        if (e.fileName !== name) return zip.readEntry();
        zip.openReadStream(e, (error, stream) => {
          if (error) return reject(error);
          let text = '';
          stream.on('data', (d: Buffer) => (text += d.toString()));
          stream.on('end', () => {
            zip.close();
            resolve(text);
          });
        });
      });
      zip.on('end', () => reject(new Error(`${file} has no ${name}`)));
      zip.readEntry();
    });
  });
}
