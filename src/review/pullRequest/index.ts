// A review posted on a pull request: where comments may go (the diff's hunks), what they say (with the
// finding's fingerprint as a hidden marker) and what a run changes of the earlier runs' comments.
export { commentPlacement, patchHunks, type PatchHunk } from './patchLines';
export {
  findingMarker,
  isOurReview,
  neutralise,
  openCommentBody,
  readMarker,
  resolvedCommentBody,
  reviewBody,
  REVIEW_MARKER,
  SUPERSEDED_BODY,
  type CommentMarker,
  type ReviewBodyInput,
} from './commentText';
export {
  planPullRequestReview,
  type CommentEdit,
  type ExistingComment,
  type NewComment,
  type PlanInput,
  type PullRequestPlan,
} from './reviewPlan';
