// Finding: the chat and the delegation ignored .gitignore (a gitignored config/local.yml with a
// password went out through the chat), files.exclude, and nothing honoured the user's global git
// excludes. Now the same rules apply to every feature.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readGlobalGitExcludes } from '../../../src/node/globalGitExcludes';
import { chatAbout, makeWorkspace, reviewPaths, reviewSelection, type Workspace } from './hostile';

const localConfig = 'database:\n  user: admin\n  password: hunter2\n';

describe('security: ignore rules in every feature', () => {
  let ws: Workspace;
  beforeEach(() => (ws = makeWorkspace()));
  afterEach(() => ws.remove());

  it('a gitignored config/local.yml is not sent by the chat or the delegation, and the reason names the rule', async () => {
    ws.write('.gitignore', 'config/local.yml\n');
    ws.write('config/local.yml', localConfig);
    const chat = await chatAbout(ws.root, 'config/local.yml', localConfig);
    assert.equal(chat.included, false);
    if (!chat.included) assert.equal(chat.reason, "ignored by 'config/local.yml' in .gitignore");
  });

  it('.git/info/exclude and nested .gitignore files count for the chat too', async () => {
    ws.write('.git/info/exclude', 'notes/\n');
    ws.write('notes/todo.md', 'call the bank\n');
    ws.write('app/.gitignore', 'secret.txt\n');
    ws.write('app/secret.txt', 'x\n');
    assert.equal((await chatAbout(ws.root, 'notes/todo.md', 'call the bank\n')).included, false);
    assert.equal((await chatAbout(ws.root, 'app/secret.txt', 'x\n')).included, false);
  });

  it('files.exclude and claudeMultiAgent.exclude are honoured by the chat and the delegation', async () => {
    ws.write('private/plan.md', 'plan\n');
    assert.equal(
      (await chatAbout(ws.root, 'private/plan.md', 'plan\n', { filesExclude: ['**/private'] })).included,
      false,
    );
    assert.equal((await chatAbout(ws.root, 'private/plan.md', 'plan\n', { exclude: ['private/'] })).included, false);
  });

  it("the user's global git excludes are honoured by the review, its selections and the chat", async () => {
    const globalExcludes = { source: '~/.config/git/ignore', text: '# mine\n*.local.yml\nscratch/\n' };
    ws.write('config/app.local.yml', localConfig);
    ws.write('scratch/try.ts', 'let x = 1;\n');
    ws.write('src/a.ts', 'export const a = 1;\n');
    const review = await reviewPaths(ws.root, ['.'], { globalExcludes });
    assert.deepEqual(
      review.excluded.map((e) => [e.path, e.reason, e.detail]),
      [
        [
          'config/app.local.yml',
          'gitignore',
          "ignored by '*.local.yml' in your global git excludes (~/.config/git/ignore)",
        ],
        ['scratch/', 'gitignore', "ignored by 'scratch/' in your global git excludes (~/.config/git/ignore)"],
      ],
    );
    assert.match(review.text, /src\/a\.ts/);
    assert.equal((await reviewSelection(ws.root, 'config/app.local.yml', localConfig, { globalExcludes })).text, '');
    assert.equal((await chatAbout(ws.root, 'scratch/try.ts', 'let x = 1;\n', { globalExcludes })).included, false);
  });
});

describe('security: reading the global git excludes', () => {
  let ws: Workspace;
  beforeEach(() => (ws = makeWorkspace()));
  afterEach(() => ws.remove());

  const home = () => join(ws.outside, 'home');
  const put = (abs: string, text: string) => {
    mkdirSync(join(abs, '..'), { recursive: true });
    writeFileSync(abs, text);
  };
  const read = (env: Record<string, string | undefined> = {}) =>
    readGlobalGitExcludes({ env: { GIT_CONFIG_NOSYSTEM: '1', ...env }, homeDir: home() });

  it('defaults to ~/.config/git/ignore, or $XDG_CONFIG_HOME/git/ignore', async () => {
    put(join(home(), '.config/git/ignore'), '*.local\n');
    assert.deepEqual(await read(), { source: join(home(), '.config/git/ignore'), text: '*.local\n' });
    put(join(ws.outside, 'xdg/git/ignore'), 'xdg\n');
    assert.equal((await read({ XDG_CONFIG_HOME: join(ws.outside, 'xdg') }))?.text, 'xdg\n');
  });

  it('follows core.excludesFile in ~/.gitconfig (quoted, with ~), the last setting winning', async () => {
    put(join(home(), '.config/git/config'), '[core]\n\texcludesFile = ~/from-xdg-config\n');
    put(
      join(home(), '.gitconfig'),
      '[user]\n  name = Me\n[Core]\n  editor = vim\n  excludesfile = "~/my ignores" ; comment\n',
    );
    put(join(home(), 'my ignores'), 'secret-stuff/\n');
    assert.deepEqual(await read(), { source: join(home(), 'my ignores'), text: 'secret-stuff/\n' });
  });

  it('honours $GIT_CONFIG_GLOBAL, and never reads the workspace repository configuration', async () => {
    put(join(ws.outside, 'global.cfg'), `[core]\n  excludesFile = ${join(ws.outside, 'ign')}\n`);
    put(join(ws.outside, 'ign'), 'from-global\n');
    ws.write('.git/config', `[core]\n  excludesFile = ${join(ws.root, 'hostile-ignore')}\n  fsmonitor = ./run-me.sh\n`);
    assert.equal((await read({ GIT_CONFIG_GLOBAL: join(ws.outside, 'global.cfg') }))?.text, 'from-global\n');
  });

  it('returns nothing when there is no excludes file, and ignores a relative excludesFile', async () => {
    assert.equal(await read(), undefined);
    put(join(home(), '.gitconfig'), '[core]\n  excludesFile = relative/ignore\n');
    assert.equal(await read(), undefined);
  });
});
