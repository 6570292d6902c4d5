// Files that hold credentials by their nature, recognised by name (gitignore syntax, matched against
// the workspace-relative path). Never sent, whatever they contain.
import ignore from 'ignore';

export const SECRET_FILE_PATTERNS: readonly string[] = [
  // The last matching pattern is the one reported, so the general '*.env' comes before '.env'.
  '*.env',
  '.env',
  '.env.*',
  '.envrc',
  '*.pem',
  '*.key',
  '*.p12',
  '*.pfx',
  '*.crt',
  '*.cer',
  '*.der',
  '*.jks',
  '*.keystore',
  '*.kdbx',
  '*.ppk',
  'id_rsa*',
  'id_dsa*',
  'id_ecdsa*',
  'id_ed25519*',
  '.npmrc',
  '.pypirc',
  '.netrc',
  '_netrc',
  '.pgpass',
  '.htpasswd',
  '.git-credentials',
  'credentials',
  '*credentials*.json',
  // Configuration-style secrets files only: a source file named secrets.ts is ordinary code.
  'secrets.json',
  'secrets.yaml',
  'secrets.yml',
  'secrets.toml',
  'secrets.ini',
  'secrets.env',
  'secrets.properties',
  'service-account*.json',
  '.bash_history',
  '.zsh_history',
  '*.tfstate',
  '*.tfstate.backup',
  '*.tfvars',
  'kubeconfig',
  'kubeconfig.*',
  '*.kubeconfig',
  '**/.kube/config',
  '**/.docker/config.json',
  '**/.ssh/*',
  '**/.aws/config',
  '**/.aws/credentials',
  '**/.config/gcloud/**',
];

/** Templates are allowed by name; their content is still scanned like any other file. */
const ALLOWED_TEMPLATES = [
  '!.env.example',
  '!.env.sample',
  '!.env.template',
  '!example.env',
  '!sample.env',
  '!template.env',
];

const secretNames = ignore().add([...SECRET_FILE_PATTERNS, ...ALLOWED_TEMPLATES]);

/**
 * The rule a path matches ("file name matches '*.pem'"), or undefined. `path` is workspace-relative,
 * or for a file outside any workspace its absolute path (the leading slash or drive is ignored).
 */
export function secretFileNameReason(path: string): string | undefined {
  const rel = path.replace(/^[A-Za-z]:/, '').replace(/^\/+/, '');
  if (!rel || !ignore.isPathValid(rel)) return undefined;
  const result = secretNames.test(rel);
  return result.ignored && result.rule ? `file name matches the secret-file rule '${result.rule.pattern}'` : undefined;
}

// Patterns naming a folder (`**/.docker/config.json`, `**/.ssh/*` …) say where credentials live. They
// are also tested against a file's absolute path, so a file reviewed with its own folder as root (one
// opened from outside every workspace folder) is judged by where it really is, as the chat judges it.
const secretLocations = ignore().add(SECRET_FILE_PATTERNS.filter((p) => p.includes('/')));

/** The rule an absolute path matches by the folders it lies in ("~/.docker/config.json"), or undefined. */
export function secretLocationReason(absPath: string): string | undefined {
  const rel = absPath.replace(/^[A-Za-z]:/, '').replace(/^\/+/, '');
  if (!rel || !ignore.isPathValid(rel)) return undefined;
  const result = secretLocations.test(rel);
  return result.ignored && result.rule ? `it lies where credentials are kept ('${result.rule.pattern}')` : undefined;
}
