// The file-system port belongs to the content policy (its reader resolves real paths through it).
export type { FsEntryType, FsStat, WorkspaceFs } from '../../policy';
