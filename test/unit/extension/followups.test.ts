// The suggestions under an `@experts` answer. VS Code sends a follow-up with the command of the request
// it follows unless the follow-up names one (extHostTypeConverters.ChatFollowup.from:
// `subCommand: followup.command ?? request.command`): a question about a finished review must not
// inherit `/review` and start a new paid review.
import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { expertsFollowups } from '../../../src/extension/editorChat/followups';

/** The slash command VS Code runs a clicked follow-up with, after a request with `requestCommand`. */
const commandSent = (followup: vscode.ChatFollowup, requestCommand: string | undefined): string | undefined =>
  (followup.command ?? requestCommand) || undefined;

describe('editor chat: follow-ups under an @experts review', () => {
  const after = expertsFollowups({ metadata: { reviewId: 'r1', file: 'file:///ws/src/orders.ts' } });

  it('"Which finding first?" asks about the finished review, with no slash command, after /review or /changes', () => {
    const which = after.find((f) => f.label === 'Which finding first?');
    assert.ok(which);
    assert.equal(commandSent(which, 'review'), undefined, 'not /review again');
    assert.equal(commandSent(which, 'changes'), undefined, 'not /changes again');
    assert.equal(which.participant, undefined, 'to @experts, which answers in the reviewed file’s thread');
  });

  it('"Review uncommitted changes" runs /changes, and there are no suggestions without a review', () => {
    const changes = after.find((f) => f.label === 'Review uncommitted changes');
    assert.equal(changes && commandSent(changes, 'review'), 'changes');
    assert.deepEqual(expertsFollowups({ metadata: { file: 'file:///ws/a.ts' } }), []);
  });
});
