import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

/**
 * The focus ring as shipped: its colour against everything it is drawn on (WCAG 1.4.11 and
 * 2.4.13 ask for 3:1), read from the stylesheet itself, so a new colour there is checked here.
 */

const css = readFileSync(new URL('./app.css', import.meta.url), 'utf8');

function customProperty(name: string): string {
  const found = new RegExp(`${name}:\\s*(#[0-9a-f]{6})\\s*;`, 'i').exec(css);
  if (!found) throw new Error(`${name} is not a six-digit hex colour in app.css`);
  return found[1]!;
}

/** Relative luminance, as WCAG 2 defines it. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((start) => {
    const channel = Number.parseInt(hex.slice(start, start + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

describe('the focus ring', () => {
  const ring = customProperty('--color-focus');

  it.each([
    ['white (cards, header, fields)', '--color-surface'],
    ['the page background', '--color-bg'],
    ['its own halo', '--color-focus-halo'],
  ])('has at least 3:1 against %s', (_, property) => {
    expect(contrast(ring, customProperty(property))).toBeGreaterThanOrEqual(3);
  });

  it('sets its halo apart from the primary buttons it surrounds', () => {
    const halo = customProperty('--color-focus-halo');
    expect(contrast(halo, customProperty('--color-primary'))).toBeGreaterThanOrEqual(3);
  });

  it('is what every focused control gets, 3 px wide with its halo', () => {
    const rule = /(?:^|\n):focus-visible \{([^}]*)\}/.exec(css)?.[1] ?? '';
    expect(rule).toContain('outline: 3px solid var(--color-focus);');
    expect(rule).toContain('box-shadow: var(--focus-halo);');
  });

  it('computes contrast as WCAG does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    // The old yellow ring that failed: 1.85:1 on white.
    expect(contrast('#f5b301', '#ffffff')).toBeCloseTo(1.85, 2);
  });
});
