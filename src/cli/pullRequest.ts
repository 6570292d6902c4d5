// A pull request's title and description, for the experts as the author's intent: from --pr-title and
// --pr-description, else from the GitHub Actions event payload (GITHUB_EVENT_PATH) of a pull_request
// event. An unreadable or foreign payload only means no description; the review goes on.
import { readFile } from 'node:fs/promises';

export interface PullRequestText {
  title?: string;
  description?: string;
}

/** The payload's pull_request title and body, when the file is a pull request event's. */
export async function pullRequestFromEvent(env: NodeJS.ProcessEnv): Promise<PullRequestText> {
  const path = env['GITHUB_EVENT_PATH'];
  if (!path) return {};
  try {
    const event = JSON.parse(await readFile(path, 'utf8')) as { pull_request?: { title?: unknown; body?: unknown } };
    const pr = event.pull_request;
    return {
      ...(typeof pr?.title === 'string' && { title: pr.title }),
      ...(typeof pr?.body === 'string' && { description: pr.body }),
    };
  } catch {
    return {};
  }
}

/** The flags win, each on its own; the event fills what they leave out. */
export async function pullRequestText(flags: PullRequestText, env: NodeJS.ProcessEnv): Promise<PullRequestText> {
  const event = flags.title !== undefined && flags.description !== undefined ? {} : await pullRequestFromEvent(env);
  const title = flags.title ?? event.title;
  const description = flags.description ?? event.description;
  return { ...(title && { title }), ...(description && { description }) };
}

/** "Pull request: <title>\n\n<description>", or '' when there is neither. */
export function describePullRequest(pr: PullRequestText): string {
  const title = pr.title?.trim();
  const description = pr.description?.trim();
  return [title && `Pull request: ${title}`, description].filter(Boolean).join('\n\n');
}
