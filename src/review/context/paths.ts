// Path helpers live with the content policy, which decides by path; re-exported for the gathering.
export {
  baseName,
  comparePaths,
  joinPath,
  normaliseRoot,
  parentFolder,
  toSlash,
  workspaceRelative,
} from '../../policy';
