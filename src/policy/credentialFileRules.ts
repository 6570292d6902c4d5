// The content of credential files under any name: a kubeconfig, a Docker config, a Terraform state,
// gcloud's application-default credentials. Their names are refused already (secretFileNames.ts); a
// copy named `ci-config.yaml` or `state.json` is recognised by its shape. Each rule applies only when
// the text has the file's shape (`requires`), so the same keys in ordinary files do not match. Linear
// like every rule (see secretRules.ts).
import type { SecretRule } from './secretRules';

/** "user:password" once base64-decoded: what a Docker `auth` value holds. */
function decodesToCredentials(match: string): boolean {
  const value = /"([A-Za-z0-9+/=]{8,2048})"$/.exec(match)?.[1];
  if (!value) return false;
  const decoded = Buffer.from(value, 'base64').toString('latin1');
  return decoded.includes(':') && /^[\x20-\x7e]{3,}$/.test(decoded);
}

export const CREDENTIAL_FILE_RULES: readonly SecretRule[] = [
  {
    name: 'kubeconfig user credentials',
    requires: /^kind:\s{0,4}["']?Config["']?\s{0,4}$/m,
    pattern:
      /(?<![A-Za-z0-9_-])(?:token|password|access-token|id-token|refresh-token|client-secret):\s{0,4}["']?(?![$"'\s{<])[^\s"']{8,8192}/g,
  },
  {
    name: 'Docker registry credentials',
    requires: /"auths"\s{0,4}:/,
    pattern: /"(?:auth|identitytoken|registrytoken)"\s{0,4}:\s{0,4}"[A-Za-z0-9+/=._-]{8,2048}"/g,
    accept: (m) => !m.startsWith('"auth"') || decodesToCredentials(m),
  },
  {
    // A state file holds every resource's attributes, passwords and keys included, in plain text.
    name: 'a Terraform state file',
    requires: /"lineage"\s{0,4}:\s{0,4}"/,
    pattern: /"terraform_version"\s{0,4}:\s{0,4}"\d{1,4}\.\d{1,4}/g,
  },
  {
    name: 'Google Cloud credentials',
    requires: /"(?:refresh_token|private_key|client_secret|credential_source)"\s{0,4}:/,
    pattern:
      /"type"\s{0,4}:\s{0,4}"(?:authorized_user|service_account|external_account|impersonated_service_account|external_account_authorized_user)"/g,
  },
];
