// Unified diff (git diff, diff -u) → files and hunks, each line tagged with its new-file number.

export interface DiffLine {
  kind: 'context' | 'added' | 'removed';
  text: string;
  /** 1-based line in the new (working-tree) file; absent for removed lines. */
  newLine?: number;
}

export interface DiffHunk {
  /** The `@@ -a,b +c,d @@ …` line as written. */
  header: string;
  newStart: number;
  newCount: number;
  lines: DiffLine[];
}

export interface DiffFile {
  /** Path before the change (undefined for added files). */
  oldPath?: string;
  /** Path after the change (undefined for deleted files). */
  newPath?: string;
  status: 'added' | 'deleted' | 'modified' | 'renamed';
  binary: boolean;
  hunks: DiffHunk[];
}

const HUNK_HEADER = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

/** Undoes git's C-style quoting of unusual file names ("a/t\303\244st.ts"). */
function unquote(path: string): string {
  if (!path.startsWith('"') || !path.endsWith('"')) return path;
  const bytes: number[] = [];
  const body = path.slice(1, -1);
  const escapes: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\') {
      bytes.push(...new TextEncoder().encode(ch));
      continue;
    }
    const next = body[i + 1] ?? '';
    const octal = /^[0-7]{3}/.exec(body.slice(i + 1));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 3;
    } else {
      bytes.push(escapes[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** A ---/+++ path without its a/ or b/ prefix and diff -u timestamp; undefined for /dev/null. */
function headerPath(raw: string, prefix: 'a/' | 'b/'): string | undefined {
  const path = unquote(raw.split('\t')[0]!.trim());
  if (path === '/dev/null') return undefined;
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

/** `diff --git a/x b/x` paths, used when no ---/+++ lines follow (binary files, pure renames). */
function gitHeaderPaths(line: string): { oldPath?: string; newPath?: string } {
  const rest = line.slice('diff --git '.length);
  const quoted = /^("(?:[^"\\]|\\.)*")\s+("(?:[^"\\]|\\.)*")$/.exec(rest);
  if (quoted) return { oldPath: headerPath(quoted[1]!, 'a/'), newPath: headerPath(quoted[2]!, 'b/') };
  // Unquoted names may contain spaces; same old and new name is by far the commonest case.
  const half = (rest.length - 1) / 2;
  const left = rest.slice(0, half);
  const right = rest.slice(half + 1);
  if (Number.isInteger(half) && left.slice(2) === right.slice(2)) {
    return { oldPath: headerPath(left, 'a/'), newPath: headerPath(right, 'b/') };
  }
  const split = rest.indexOf(' b/');
  return split < 0
    ? {}
    : { oldPath: headerPath(rest.slice(0, split), 'a/'), newPath: headerPath(rest.slice(split + 1), 'b/') };
}

export function parseUnifiedDiff(diffText: string): DiffFile[] {
  const lines = diffText.replace(/\r\n?/g, '\n').split('\n');
  const files: DiffFile[] = [];
  let file: DiffFile | undefined;
  let hunk: DiffHunk | undefined;
  let oldLeft = 0;
  let newLeft = 0;
  let nextNew = 0;

  const startFile = (): DiffFile => {
    const f: DiffFile = { status: 'modified', binary: false, hunks: [] };
    files.push(f);
    return f;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (hunk && (oldLeft > 0 || newLeft > 0)) {
      const marker = line[0];
      if (marker === '\\') continue; // "\ No newline at end of file"
      if (marker === '+') {
        hunk.lines.push({ kind: 'added', text: line.slice(1), newLine: nextNew++ });
        newLeft--;
        continue;
      }
      if (marker === '-') {
        hunk.lines.push({ kind: 'removed', text: line.slice(1) });
        oldLeft--;
        continue;
      }
      if (marker === ' ' || line === '') {
        hunk.lines.push({ kind: 'context', text: line.slice(1), newLine: nextNew++ });
        oldLeft--;
        newLeft--;
        continue;
      }
      hunk = undefined; // malformed counts: fall through and read the line as a header
    }

    if (line.startsWith('diff --git ')) {
      file = startFile();
      hunk = undefined;
      Object.assign(file, gitHeaderPaths(line));
      continue;
    }
    const header = HUNK_HEADER.exec(line);
    if (header && file) {
      const newStart = Number(header[1]);
      const newCount = header[2] === undefined ? 1 : Number(header[2]);
      const oldCount = /^@@ -\d+,(\d+)/.exec(line)?.[1];
      hunk = { header: line, newStart, newCount, lines: [] };
      file.hunks.push(hunk);
      oldLeft = oldCount === undefined ? 1 : Number(oldCount);
      newLeft = newCount;
      nextNew = newStart;
      continue;
    }
    if (line.startsWith('--- ') && lines[i + 1]?.startsWith('+++ ')) {
      // A plain `diff -u` file starts here; after `diff --git` it only confirms the names.
      if (!file || file.hunks.length > 0) file = startFile();
      file.oldPath = headerPath(line.slice(4), 'a/');
      file.newPath = headerPath(lines[i + 1]!.slice(4), 'b/');
      if (file.oldPath === undefined) file.status = 'added';
      else if (file.newPath === undefined) file.status = 'deleted';
      i++;
      continue;
    }
    if (!file) continue;
    if (line.startsWith('new file mode')) file.status = 'added';
    else if (line.startsWith('deleted file mode')) file.status = 'deleted';
    else if (line.startsWith('rename from ')) {
      file.oldPath = unquote(line.slice('rename from '.length));
      file.status = 'renamed';
    } else if (line.startsWith('rename to ')) {
      file.newPath = unquote(line.slice('rename to '.length));
      file.status = 'renamed';
    } else if (line.startsWith('Binary files ') || line === 'GIT binary patch') file.binary = true;
  }
  for (const f of files) {
    if (f.status === 'added') f.oldPath = undefined;
    if (f.status === 'deleted') f.newPath = undefined;
  }
  return files;
}
