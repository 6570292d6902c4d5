// Things never worth sending, decided by name alone (before any read).

/**
 * Folder names a review skips wherever they appear, with the reason shown to the user. Version-control
 * metadata (.git/ …) is not here: the content policy refuses it for every reader.
 */
const SKIPPED_FOLDERS: ReadonlyMap<string, string> = new Map([
  ['node_modules', 'installed dependencies'],
  ['bower_components', 'installed dependencies'],
  ['vendor', 'vendored dependencies'],
  ['.venv', 'Python virtual environment'],
  ['__pycache__', 'Python bytecode cache'],
  ['dist', 'build output'],
  ['out', 'build output'],
  ['build', 'build output'],
  ['.next', 'build output'],
  ['.nuxt', 'build output'],
  ['.turbo', 'build cache'],
  ['coverage', 'test coverage output'],
  ['.claude-multi-agent', "this tool's own state (a sweep's batch id)"],
]);

export function skippedFolderReason(name: string): string | undefined {
  return SKIPPED_FOLDERS.get(name);
}

const LOCK_FILES: ReadonlySet<string> = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lockb',
  'bun.lock',
  'deno.lock',
  'Cargo.lock',
  'Gemfile.lock',
  'Pipfile.lock',
  'poetry.lock',
  'uv.lock',
  'composer.lock',
  'go.sum',
  'mix.lock',
  'flake.lock',
  'Podfile.lock',
  'pubspec.lock',
  'packages.lock.json',
  'gradle.lockfile',
]);

export function isLockFile(name: string): boolean {
  return LOCK_FILES.has(name);
}

const BINARY_EXTENSIONS: ReadonlySet<string> = new Set(
  (
    'png jpg jpeg gif bmp ico icns webp tif tiff psd ai sketch fig heic avif ' +
    'pdf doc docx xls xlsx ppt pptx odt ' +
    'zip gz tgz bz2 xz zst 7z rar tar jar war ear apk ipa aab nupkg vsix whl egg ' +
    'exe dll so dylib a lib o obj bin dat class pyc pyo pdb wasm node ' +
    'woff woff2 ttf otf eot ' +
    'mp3 mp4 m4a wav ogg flac aac mov avi mkv webm ' +
    'sqlite sqlite3 db mdb iso dmg img ' +
    'npy npz pkl pickle pt pth onnx safetensors h5 parquet'
  ).split(' '),
);

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

export function hasBinaryExtension(name: string): boolean {
  return BINARY_EXTENSIONS.has(extensionOf(name));
}

/** `*.min.js`, `*.min.css`, source maps and the like. */
export function isMinifiedName(name: string): boolean {
  return /\.min\.[a-z0-9]+$/i.test(name) || /\.map$/i.test(name);
}
