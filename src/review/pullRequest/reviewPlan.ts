// What a run changes on a pull request, decided from what is there: a finding whose comment (found by
// the fingerprint in its marker) still sits on the finding's line is edited in place (only when its text
// changed); a finding without one gets a new comment; a comment whose finding this run no longer reports
// is marked resolved; a finding on no changed line goes to the review body. Pure: the HTTP is elsewhere.
import type { Finding } from '../findings';
import { openCommentBody, readMarker, resolvedCommentBody } from './commentText';
import { commentPlacement, type PatchHunk } from './patchLines';

/** A review comment already on the pull request, as the API lists it. */
export interface ExistingComment {
  id: number;
  path: string;
  /** Null when the comment is outdated (its line is no longer in the diff). */
  line: number | null;
  startLine?: number | null;
  body: string;
}

export interface NewComment {
  findingId: string;
  path: string;
  line: number;
  startLine?: number;
  body: string;
}

export interface CommentEdit {
  findingId: string;
  commentId: number;
  body: string;
}

export interface PullRequestPlan {
  create: NewComment[];
  edit: CommentEdit[];
  resolve: CommentEdit[];
  /** Findings on no changed line: listed in the review body. */
  elsewhere: Finding[];
  /** Comments that already say what this run would say. */
  unchanged: number;
}

export interface PlanInput {
  findings: readonly Finding[];
  /** A finding's path from the repository root. */
  pathOf: (f: Finding) => string;
  /** Each changed file's hunks (files without a patch are absent: too large or binary). */
  hunks: ReadonlyMap<string, readonly PatchHunk[]>;
  headSha: string;
  /** Our own earlier comments (marker present, written by us). */
  ours: readonly ExistingComment[];
}

export function planPullRequestReview(input: PlanInput): PullRequestPlan {
  const plan: PullRequestPlan = { create: [], edit: [], resolve: [], elsewhere: [], unchanged: 0 };
  const byFinding = new Map<string, ExistingComment[]>();
  for (const c of input.ours) {
    const id = readMarker(c.body)?.findingId;
    if (id) byFinding.set(id, [...(byFinding.get(id) ?? []), c]);
  }
  const handled = new Set<number>();
  for (const f of input.findings) {
    const path = input.pathOf(f);
    const placement = commentPlacement(input.hunks.get(path) ?? [], f.startLine, f.endLine);
    if (!placement) {
      plan.elsewhere.push(f);
      // Still reported, only no longer on a changed line: its earlier comment stays as it is.
      for (const c of byFinding.get(f.id) ?? []) handled.add(c.id);
      continue;
    }
    const body = openCommentBody(f, { headSha: input.headSha, placement });
    const earlier = byFinding.get(f.id) ?? [];
    const inPlace = earlier.find((c) => c.path === path && c.line === placement.line);
    if (inPlace) {
      handled.add(inPlace.id);
      if (inPlace.body === body) plan.unchanged++;
      else plan.edit.push({ findingId: f.id, commentId: inPlace.id, body });
    } else {
      plan.create.push({ findingId: f.id, path, ...placement, body });
    }
  }
  for (const c of input.ours) {
    const marker = readMarker(c.body);
    if (handled.has(c.id) || !marker || marker.state === 'resolved') continue;
    plan.resolve.push({
      findingId: marker.findingId,
      commentId: c.id,
      body: resolvedCommentBody(c.body, input.headSha),
    });
  }
  return plan;
}
