// Today's review spend, kept in globalState so that the daily cap holds across reloads and windows
// of the same profile. A new local day starts from zero.
import type * as vscode from 'vscode';
import type { SpendLedger } from '../../review';

const KEY = 'claudeMultiAgent.spend';

interface Stored {
  day: string;
  usd: number;
}

const localDay = (d: Date): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

export class DailySpend implements SpendLedger {
  constructor(
    private readonly state: vscode.Memento,
    private readonly now: () => Date = () => new Date(),
  ) {}

  spentToday(): number {
    const stored = this.state.get<Stored>(KEY);
    return stored && stored.day === localDay(this.now()) && Number.isFinite(stored.usd) ? stored.usd : 0;
  }

  async add(usd: number): Promise<void> {
    if (!(usd > 0)) return;
    await this.state.update(KEY, { day: localDay(this.now()), usd: this.spentToday() + usd } satisfies Stored);
  }
}
