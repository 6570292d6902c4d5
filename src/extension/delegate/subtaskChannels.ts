import * as vscode from 'vscode';

/** Channels kept at most; the least recently used is closed beyond this. */
const MAX_CHANNELS = 30;

/** One output channel per subtask title ("Claude Multi-Agent: <title>"), reused by name across runs. */
export class SubtaskChannels implements vscode.Disposable {
  private readonly channels = new Map<string, vscode.OutputChannel>();

  get(title: string): vscode.OutputChannel {
    const name = `Claude Multi-Agent: ${title.replace(/\s+/g, ' ').trim()}`;
    let channel = this.channels.get(name);
    if (channel) {
      this.channels.delete(name); // re-inserted below: Map order is least recently used first
    } else {
      channel = vscode.window.createOutputChannel(name);
    }
    this.channels.set(name, channel);
    while (this.channels.size > MAX_CHANNELS) {
      const [oldest, old] = this.channels.entries().next().value as [string, vscode.OutputChannel];
      old.dispose();
      this.channels.delete(oldest);
    }
    return channel;
  }

  dispose(): void {
    for (const c of this.channels.values()) c.dispose();
    this.channels.clear();
  }
}
