// The file-system port belongs to the content policy (its reader resolves real paths through it).
export { noWorkspaceFs, type FsEntryType, type FsStat, type WorkspaceFs } from '../../policy';
