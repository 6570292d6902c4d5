// The editor chat feature, loaded on first use (dist/editorChat.js): the `@experts` participant,
// the review tools and the model provider. registerEditorChat.ts registers their cheap shells.
import type { ReviewController } from '../review/reviewController';
import type { Services } from '../services';
import { ClaudeModelProvider } from './claudeModelProvider';
import { ExpertsParticipant } from './expertsParticipant';
import { ReviewTools } from './reviewTools';

export class EditorChatFeature {
  readonly participant: ExpertsParticipant;
  readonly tools: ReviewTools;
  readonly models: ClaudeModelProvider;

  constructor(services: Services, review: () => Promise<ReviewController>) {
    this.participant = new ExpertsParticipant(services, review);
    this.tools = new ReviewTools(services, review);
    this.models = new ClaudeModelProvider(services);
  }
}
