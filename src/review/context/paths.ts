// Path helpers live with the content policy, which decides by path; re-exported for the gathering.
export { ancestorFolders, baseName, comparePaths, joinPath, normaliseRoot, toSlash, workspaceRelative } from '../../policy';
