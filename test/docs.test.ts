/**
 * The README is the front door and docs/ the rooms behind it: the README stays
 * short enough to read (≤ 200 lines), and every link in it and between the
 * docs, and every file path they name, leads somewhere. A moved file or a
 * renamed heading fails here instead of leaving a newcomer at a dead end.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../common/config.ts';

const README_MAX_LINES = 200;

/**
 * Documents the README links to that other branches are writing; a link to
 * one of them may not resolve yet. Once a document exists it must come off
 * this list (the last test says so), and from then on its link is checked.
 */
const AWAITED = new Set<string>();

/** The Markdown files this test reads: the README and everything under docs/. */
function markdownFiles(): string[] {
  const files = ['README.md'];
  const walk = (directory: string) => {
    for (const entry of fs.readdirSync(path.join(projectRoot, directory), { withFileTypes: true })) {
      const relative = path.posix.join(directory, entry.name);
      if (entry.isDirectory()) walk(relative);
      else if (entry.name.endsWith('.md')) files.push(relative);
    }
  };
  walk('docs');
  return files;
}

const read = (file: string) => fs.readFileSync(path.join(projectRoot, file), 'utf8');

/** The text outside fenced code blocks, where links and paths are prose. */
function prose(markdown: string): string {
  return markdown.replace(/^```[^\n]*\n[\s\S]*?^```/gm, '');
}

/** GitHub's anchors for a document's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const [, heading] of prose(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const text = heading!.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[`*]/g, '');
    const slug = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

interface Link {
  file: string;
  target: string;
}

/** Relative links (`[text](target)`) in a document's prose; web addresses are not ours to check. */
function linksIn(file: string): Link[] {
  return [...prose(read(file)).matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1]!)
    .filter((target) => !/^[a-z]+:/i.test(target))
    .map((target) => ({ file, target }));
}

/** Where a link leads, relative to the project root, and the heading it names if any. */
function resolve(link: Link): { relative: string; anchor?: string } {
  const [target, anchor] = link.target.split('#') as [string, string | undefined];
  const relative = target === '' ? link.file : path.posix.normalize(path.posix.join(path.posix.dirname(link.file), target));
  return { relative: target.endsWith('/') && !relative.endsWith('/') ? `${relative}/` : relative, anchor };
}

/** Why a link leads nowhere, or undefined when it arrives. */
function brokenBecause(link: Link): string | undefined {
  const { relative, anchor } = resolve(link);
  if (!fs.existsSync(path.join(projectRoot, relative))) return AWAITED.has(relative) ? undefined : `${relative} does not exist`;
  if (anchor && relative.endsWith('.md') && !anchorsOf(read(relative)).has(anchor)) return `${relative} has no heading #${anchor}`;
  return undefined;
}

const TOP_LEVEL = ['bench', 'common', 'deploy', 'docs', 'examples', 'gateway', 'schema', 'scripts', 'subgraphs', 'test'];

/** File paths named in code spans (`subgraphs/aeds/availability/availability.ts`), except patterns and placeholders. */
function pathsIn(file: string): string[] {
  return [...prose(read(file)).matchAll(/`([^`\s]+)`/g)]
    .map((match) => match[1]!.replace(/[.,;:]$/, ''))
    .filter((candidate) => TOP_LEVEL.includes(candidate.split('/')[0]!) && candidate.includes('/'))
    .filter((candidate) => !/[<>*…{}]/.test(candidate));
}

describe('README and docs/', () => {
  it(`keep the README a front door of at most ${README_MAX_LINES} lines`, () => {
    const lines = read('README.md').split('\n');
    if (lines.at(-1) === '') lines.pop();
    expect(lines.length).toBeLessThanOrEqual(README_MAX_LINES);
  });

  it('link every document under docs/ from the README', () => {
    const linked = new Set(linksIn('README.md').map((link) => resolve(link).relative));
    const unlinked = markdownFiles().filter((file) => file.startsWith('docs/') && !linked.has(file) && !linked.has(`${path.posix.dirname(file)}/`));
    expect(unlinked).toEqual([]);
  });

  it('answer the three newcomer questions from the README’s map in one step', () => {
    const readme = read('README.md');
    const map = readme.slice(readme.indexOf('## Map of docs'));
    for (const [question, target] of [
      ['Where is the dispatch rule', 'docs/incidents.md#where-the-rules-live'],
      ['How does a subscription cross the gateway', 'docs/architecture.md#subscriptions-through-the-gateway'],
      ['Where are AED schedules evaluated', 'docs/aeds.md#where-the-rules-live'],
    ]) {
      const row = map.split('\n').find((line) => line.includes(question));
      expect(row, question).toContain(`(${target})`);
    }
  });

  it('have no link that leads nowhere, headings included', () => {
    const broken = markdownFiles()
      .flatMap(linksIn)
      .map((link) => ({ ...link, why: brokenBecause(link) }))
      .filter((link) => link.why)
      .map((link) => `${link.file}: (${link.target}) ${link.why}`);
    expect(broken).toEqual([]);
  });

  it('name only files and folders that exist', () => {
    const missing = markdownFiles().flatMap((file) =>
      pathsIn(file)
        .filter((named) => !fs.existsSync(path.join(projectRoot, named)))
        .map((named) => `${file}: ${named}`),
    );
    expect(missing).toEqual([]);
  });

  it('await only documents that do not exist yet', () => {
    expect([...AWAITED].filter((awaited) => fs.existsSync(path.join(projectRoot, awaited)))).toEqual([]);
  });
});
