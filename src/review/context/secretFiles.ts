// Files that hold credentials by their nature, recognised by name. Never sent, whatever they contain.
import ignore from 'ignore';

const SECRET_FILE_PATTERNS = [
  '.env',
  '.env.*',
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
  'credentials.json',
  // Configuration-style secrets files only: a source file named secrets.ts is ordinary code.
  'secrets.json',
  'secrets.yaml',
  'secrets.yml',
  'secrets.toml',
  'secrets.ini',
  'secrets.env',
  'secrets.properties',
  'service-account*.json',
];

/** Templates are allowed by name; their content is still scanned like any other file. */
const ALLOWED_TEMPLATES = ['!.env.example', '!.env.sample', '!.env.template'];

const secretNames = ignore().add([...SECRET_FILE_PATTERNS, ...ALLOWED_TEMPLATES]);

/** The rule a file name matches ("file name matches '*.pem'"), or undefined. */
export function secretFileNameReason(fileName: string): string | undefined {
  if (!ignore.isPathValid(fileName)) return undefined;
  const result = secretNames.test(fileName);
  return result.ignored && result.rule ? `file name matches the secret-file rule '${result.rule.pattern}'` : undefined;
}
