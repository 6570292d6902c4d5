// What did not go as planned, as SARIF tool execution notifications (GitHub lists them on the tool's
// status page): experts that failed or a run that stopped early, files left out of the review, and where
// the project's rules were read.
import type { Notification, ReportingDescriptor } from 'sarif';
import { NOT_REVIEWED_REASONS, type LeftOutSummary } from '../context';
import { relativeUri, repositoryPath } from './repositoryPaths';

/** Left out because the review could not take them, not because someone chose to: the review is partial. */
const PARTIAL: ReadonlySet<string> = NOT_REVIEWED_REASONS;

export const NOTIFICATION_DESCRIPTORS: ReportingDescriptor[] = [
  { id: 'run-problem', shortDescription: { text: 'An expert failed, or the run stopped early.' } },
  { id: 'left-out', shortDescription: { text: 'Files the review did not read.' } },
  { id: 'project-rules', shortDescription: { text: 'Where the project rules files were read.' } },
  { id: 'run-note', shortDescription: { text: 'Something worth knowing about the run that is not a problem.' } },
];

export interface NotificationInput {
  problems?: readonly string[];
  /** Worth knowing, not a problem (e.g. why there was nothing to review). */
  notes?: readonly string[];
  leftOut?: LeftOutSummary;
  rulesNote?: string;
  /** The reviewed folder, from the repository root ('' at the top). */
  folder?: string;
}

const of = (id: string, level: Notification.level, text: string, file?: string, folder?: string): Notification => ({
  descriptor: { id },
  level,
  message: { text },
  ...(file && {
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: relativeUri(repositoryPath(file, folder)), uriBaseId: '%SRCROOT%' },
        },
      },
    ],
  }),
});

export function sarifNotifications(input: NotificationInput): Notification[] {
  const { leftOut, folder } = input;
  const partial = (leftOut?.shown ?? []).filter((e) => PARTIAL.has(e.reason) && !e.path.endsWith('/'));
  return [
    ...(input.problems ?? []).map((text) => of('run-problem', 'warning', text)),
    ...(input.notes ?? []).map((text) => of('run-note', 'note', text)),
    ...(leftOut?.total
      ? [
          of(
            'left-out',
            leftOut.byReason.some((r) => PARTIAL.has(r.reason)) ? 'warning' : 'note',
            `${leftOut.total} file${leftOut.total === 1 ? '' : 's'} left out of the review: ${leftOut.byReason.map((r) => `${r.count} ${r.reason}`).join(', ')}.`,
          ),
        ]
      : []),
    ...partial.map((e) => of('left-out', 'warning', `Not reviewed: ${e.path} (${e.detail}).`, e.path, folder)),
    ...(input.rulesNote ? [of('project-rules', 'note', input.rulesNote)] : []),
  ];
}
