import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HIGHLIGHT } from '../../components/overlay/styles';

const css = fs.readFileSync(path.resolve(__dirname, '../../components/overlay/highlights.css'), 'utf8');
const rules = new Map([...css.matchAll(/::highlight\(([\w-]+)\)\s*\{([^}]*)\}/g)].map((m) => [m[1], m[2]]));

describe('highlights.css (the manifest CSS that styles marked citations in the page)', () => {
  it('styles every highlight the overlay registers, and nothing else', () => {
    expect([...rules.keys()].sort()).toEqual(Object.values(HIGHLIGHT).sort());
  });

  it('gives each highlight a visible background', () => {
    for (const [name, body] of rules) expect(body, name).toMatch(/background-color:\s*rgba\(/);
  });

  it('has only highlight rules: nothing that could restyle a page where SourceLens is off', () => {
    const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, '');
    const selectors = [...withoutComments.matchAll(/([^{}]+)\{/g)].map((m) => m[1].trim());
    expect(selectors.length).toBe(rules.size);
    for (const s of selectors) expect(s).toMatch(/^::highlight\([\w-]+\)$/);
  });
});
