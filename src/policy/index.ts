// The content policy: the one module that decides, per file, what may leave the machine. Run-anywhere:
// it reads only through the WorkspaceFs port; Node-only inputs (the global git excludes) are passed in.
export { ContentPolicy, MAX_READ_BYTES } from './contentPolicy';
export type {
  ContentPolicyOptions,
  GlobalExcludes,
  IgnoreFileMatcher,
  PolicyExclusion,
  PolicyReason,
} from './contentPolicy';
export { findSecret, findSecretByRules, type SecretMatch } from './secretScan';
export { redactSecrets, REDACTED, SECRET_RULES, type SecretRule } from './secretRules';
export { secretFileNameReason, secretLocationReason, SECRET_FILE_PATTERNS } from './secretFileNames';
export { ExcludePatterns } from './excludePatterns';
export { GlobMatcher, MAX_GLOB_LENGTH } from './globMatcher';
export { executableConfigReason } from './executableConfig';
export { vcsFolderName, vcsMetadataReason } from './vcsMetadata';
export { baseName, comparePaths, joinPath, normaliseRoot, parentFolder, toSlash, workspaceRelative } from './paths';
export { noWorkspaceFs, type FsEntryType, type FsStat, type WorkspaceFs } from './workspaceFs';
