import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { ratingOf } from '../../../shared/schemas/review';
import { authorOf } from './service';

describe('ratingOf', () => {
  it('is null without reviews', () => {
    expect(ratingOf(0, 0)).toBeNull();
  });

  it('is 4.3 for 5, 4 and 4, and 4.5 for 4 and 5 (halves round up)', () => {
    expect(ratingOf(13, 3)).toBe(4.3);
    expect(ratingOf(9, 2)).toBe(4.5);
  });

  it('always lies between the lowest and highest rating, within 0.05 of the mean, one decimal', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 500 }),
        (ratings) => {
          const sum = ratings.reduce((total, rating) => total + rating, 0);
          const shown = ratingOf(sum, ratings.length)!;
          expect(shown).toBeGreaterThanOrEqual(Math.min(...ratings));
          expect(shown).toBeLessThanOrEqual(Math.max(...ratings));
          expect(Math.abs(shown - sum / ratings.length)).toBeLessThanOrEqual(0.05 + 1e-9);
          expect(Math.round(shown * 10) / 10).toBe(shown);
        },
      ),
    );
  });
});

describe('authorOf', () => {
  it('keeps the first name and the initial of the last', () => {
    expect(authorOf('Ada Lovelace')).toBe('Ada L.');
    expect(authorOf('  Ada   Byron King  ')).toBe('Ada K.');
    expect(authorOf('Plato')).toBe('Plato');
    expect(authorOf('élodie durand')).toBe('élodie D.');
  });

  it('never shows more of a last name than its first letter', () => {
    const word = fc.stringMatching(/^[A-Za-z]{2,12}$/);
    fc.assert(
      fc.property(word, word, (first, last) => {
        const shown = authorOf(`${first} ${last}`);
        expect(shown).toBe(`${first} ${last[0]!.toUpperCase()}.`);
      }),
    );
  });
});
