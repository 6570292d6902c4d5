// The question "Ask a follow-up" puts into the chat's message box about one finding. The box is a plain
// text area: the finding is written as plain words (its Markdown rendered to text), never as Markdown
// syntax the user would see raw and send as typed.
import { markdownToPlainText } from '../review';

export interface DraftedFinding {
  title: string;
  explanation: string;
  startLine: number;
  endLine: number;
}

export const FINDING_QUESTION = 'Why is this a problem here, and how should I fix it?';

const lines = (a: number, b: number): string => (a === b ? `line ${a}` : `lines ${a}–${b}`);

/** `About "<title>" (line n): <explanation>`, a blank line, then the question, for the user to edit and send. */
export function findingDraft(finding: DraftedFinding): string {
  const title = markdownToPlainText(finding.title).replace(/\s+/g, ' ');
  const explanation = markdownToPlainText(finding.explanation);
  return `About "${title}" (${lines(finding.startLine, finding.endLine)}): ${explanation}\n\n${FINDING_QUESTION}`;
}
