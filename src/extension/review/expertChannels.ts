import * as vscode from 'vscode';

/** One output channel per expert ("Claude Multi-Agent: Security"), reused across reviews. */
export class ExpertChannels implements vscode.Disposable {
  private readonly channels = new Map<string, vscode.OutputChannel>();

  get(name: string): vscode.OutputChannel {
    let channel = this.channels.get(name);
    if (!channel) {
      channel = vscode.window.createOutputChannel(`Claude Multi-Agent: ${name}`);
      this.channels.set(name, channel);
    }
    return channel;
  }

  dispose(): void {
    for (const c of this.channels.values()) c.dispose();
    this.channels.clear();
  }
}
