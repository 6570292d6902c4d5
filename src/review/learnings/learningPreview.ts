// What "Remember for this project" shows before it saves a rule: which of the current findings the
// rule, as the user has edited it, would keep out of later reviews. A rule that also hides findings
// nobody dismissed is worth narrowing before it is saved.
import type { Finding } from '../findings';
import { learningCovers, parseLearning } from './draftLearning';

export interface LearningPreview {
  /** False when the rule is no longer in the drafted form: which findings it hides is the model's call. */
  understood: boolean;
  /** The current findings it would hide, the dismissed one first. */
  hides: Finding[];
}

/** `codeOf` gives a finding's lines as they are now, joined. */
export function previewLearning(
  rule: string,
  findings: readonly Finding[],
  codeOf: (finding: Finding) => string,
): LearningPreview {
  const parsed = parseLearning(rule);
  if (!parsed) return { understood: false, hides: [] };
  return { understood: true, hides: findings.filter((f) => learningCovers(parsed, f, codeOf(f))) };
}

const where = (f: Finding): string => `${f.file}:${f.startLine}`;

/**
 * The preview in one line for the rule's input box: what it hides, and a warning when that is more than
 * the dismissed finding. `warn` says the user should look again before saving.
 */
export function describePreview(preview: LearningPreview, dismissed: Finding): { text: string; warn: boolean } {
  if (!preview.understood)
    return {
      text: 'Which findings this hides is up to the reviewers: keep the form Do not report "…" in `path` to see them here.',
      warn: true,
    };
  const others = preview.hides.filter((f) => f.id !== dismissed.id);
  const self = preview.hides.some((f) => f.id === dismissed.id);
  if (others.length === 0)
    return self
      ? { text: `Hides only this finding (${where(dismissed)}) in later reviews.`, warn: false }
      : { text: `Hides no current finding, not even this one (${where(dismissed)}).`, warn: true };
  const listed = others.slice(0, 3).map((f) => `${where(f)} "${f.title}"`);
  const more = others.length > 3 ? ` and ${others.length - 3} more` : '';
  return {
    text: `Also hides ${others.length} finding${others.length === 1 ? '' : 's'} you did not dismiss: ${listed.join(', ')}${more}.`,
    warn: true,
  };
}
