// What the review's commands share, built once by reviewController.ts: the workspace's open findings,
// the open review sessions, the stored history and today's spend. Each command file takes these parts
// and imports only their types, so the files do not import one another in a circle.
import type { DailySpend } from '../budget/dailySpend';
import type { Services } from '../services';
import type { FindingThreads } from './findingThreads';
import type { OpenFindings } from './openFindings';
import type { ReviewHistory } from './reviewHistory';
import type { ReviewSessions } from './reviewSessions';

export interface ReviewParts {
  services: Services;
  findings: OpenFindings;
  sessions: ReviewSessions;
  history: ReviewHistory;
  spend: DailySpend;
  threads: FindingThreads;
}
