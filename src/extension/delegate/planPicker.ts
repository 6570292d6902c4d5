import * as vscode from 'vscode';
import { renumber, type Subtask } from '../../delegate';

interface SubtaskItem extends vscode.QuickPickItem {
  subtask: Subtask;
}

const EDIT_BUTTON: vscode.QuickInputButton = {
  iconPath: new vscode.ThemeIcon('edit'),
  tooltip: "Edit this subtask's instructions",
};
const ADD_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('add'), tooltip: 'Add a subtask' };

/**
 * Shows the plan for approval: a multi-select list, everything selected; each item has a button to
 * edit its instructions. Resolves with the selected subtasks (renumbered), or undefined if dismissed.
 */
export function pickSubtasks(
  subtasks: readonly Subtask[],
  notes: readonly string[],
  task: string,
): Promise<Subtask[] | undefined> {
  return new Promise((resolve) => {
    const qp = vscode.window.createQuickPick<SubtaskItem>();
    const toItem = (s: Subtask): SubtaskItem => ({
      label: s.title,
      detail: s.instructions,
      subtask: s,
      buttons: [EDIT_BUTTON],
      alwaysShow: true,
    });
    let items = subtasks.map(toItem);
    const hint =
      'Enter or OK runs the selected subtasks in parallel; untick to remove, the pencil rewords, + adds one.';
    qp.title = `Plan for "${short(task, 60)}": ${subtasks.length} subtask${subtasks.length === 1 ? '' : 's'}`;
    qp.placeholder = notes.length ? `${notes.join(' ')} ${hint}` : hint;
    qp.canSelectMany = true;
    qp.ignoreFocusOut = true;
    qp.matchOnDetail = true;
    qp.buttons = [ADD_BUTTON];
    const setItems = (selectedIds: ReadonlySet<string>) => {
      qp.items = items;
      qp.selectedItems = items.filter((i) => selectedIds.has(i.subtask.id));
    };
    setItems(new Set(items.map((i) => i.subtask.id)));

    let settled = false;
    let editing = false;
    const finish = (value: Subtask[] | undefined) => {
      if (settled) return;
      settled = true;
      resolve(value);
      qp.dispose();
    };

    qp.onDidTriggerItemButton(async ({ item }) => {
      const selected = new Set(qp.selectedItems.map((i) => i.subtask.id));
      editing = true;
      const instructions = await vscode.window.showInputBox({
        title: `Instructions for "${item.subtask.title}"`,
        prompt:
          "What this subtask's agent should do and deliver. It sees the task and the code context, not the other subtasks.",
        value: item.subtask.instructions,
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() ? undefined : 'The instructions cannot be empty.'),
      });
      editing = false;
      if (settled) return;
      if (instructions?.trim()) {
        const updated: Subtask = { ...item.subtask, instructions: instructions.trim() };
        items = items.map((i) => (i.subtask.id === updated.id ? toItem(updated) : i));
        selected.add(updated.id);
      }
      setItems(selected);
      qp.show();
    });
    qp.onDidTriggerButton(async () => {
      const selected = new Set(qp.selectedItems.map((i) => i.subtask.id));
      editing = true;
      const instructions = await vscode.window.showInputBox({
        title: 'Add a subtask',
        prompt:
          "What this subtask's agent should do and deliver. It sees the task and the code context, not the other subtasks.",
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() ? undefined : 'The instructions cannot be empty.'),
      });
      editing = false;
      if (settled) return;
      if (instructions?.trim()) {
        const added: Subtask = {
          id: `added-${items.length + 1}`,
          title: short(instructions, 40),
          instructions: instructions.trim(),
        };
        items = [...items, toItem(added)];
        selected.add(added.id);
        qp.title = `Plan for "${short(task, 60)}": ${items.length} subtasks`;
      }
      setItems(selected);
      qp.show();
    });
    qp.onDidAccept(() => {
      const chosen = items
        .filter((i) => qp.selectedItems.some((s) => s.subtask.id === i.subtask.id))
        .map((i) => i.subtask);
      if (chosen.length === 0) {
        qp.placeholder = 'Select at least one subtask to run (or press Escape to cancel).';
        return;
      }
      finish(renumber(chosen));
    });
    qp.onDidHide(() => {
      // Editing instructions hides the list for the input box; it is shown again afterwards.
      if (!editing) finish(undefined);
    });
    qp.show();
  });
}

export function short(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}
