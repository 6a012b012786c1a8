import { setTimeout as sleep } from 'node:timers/promises';

import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';

import { ExpertModel, ReviewCountClaimModel } from '../../../models';
import { useEmptiedTestDatabase } from '../../../test/support/database';
import { createExpert } from '../../../test/support/builders';
import { insertReview, recountReviews } from './review-store';

await useEmptiedTestDatabase();

const AT = new Date('2030-03-04T10:00:00Z');

async function storeReview(expertId: Types.ObjectId, rating: number) {
  return insertReview(
    {
      bookingId: new Types.ObjectId(),
      expertId,
      author: 'Ada L.',
      rating,
      comment: '',
      sessionMonth: '2030-03',
    },
    AT,
  );
}

async function totalsOf(expertId: Types.ObjectId) {
  const expert = await ExpertModel.findById(expertId, { reviewSum: 1, reviewCount: 1 }).lean();
  return { reviewSum: expert?.reviewSum, reviewCount: expert?.reviewCount };
}

describe('recounting an expert’s reviews', () => {
  it('waits for a recount under way, then counts what was written meanwhile', async () => {
    const expert = await createExpert();
    const expertId = new Types.ObjectId(expert.id);
    await storeReview(expertId, 5);
    // Another recount of this expert, in this process or another, holds the claim.
    await ReviewCountClaimModel.create({ _id: expert.id });

    let done = false;
    const recount = recountReviews(expertId).then(() => (done = true));
    await sleep(100);
    expect(done).toBe(false);
    await storeReview(expertId, 2);
    await ReviewCountClaimModel.deleteOne({ _id: expert.id });
    await recount;

    expect(await totalsOf(expertId)).toEqual({ reviewSum: 7, reviewCount: 2 });
    expect(await ReviewCountClaimModel.countDocuments({ _id: expert.id })).toBe(0);
  });

  it('takes over a claim left by a process that died mid-recount', async () => {
    const expert = await createExpert();
    const expertId = new Types.ObjectId(expert.id);
    await storeReview(expertId, 4);
    await ReviewCountClaimModel.collection.insertOne({
      _id: expert.id as unknown as Types.ObjectId,
      createdAt: new Date(Date.now() - 60_000),
    });

    await recountReviews(expertId);

    expect(await totalsOf(expertId)).toEqual({ reviewSum: 4, reviewCount: 1 });
  });

  it('counts every review when many are written and recounted at once', async () => {
    const expert = await createExpert();
    const expertId = new Types.ObjectId(expert.id);

    await Promise.all(
      Array.from({ length: 12 }, async (_, index) => {
        await storeReview(expertId, 1 + (index % 5));
        await recountReviews(expertId);
      }),
    );

    expect(await totalsOf(expertId)).toEqual({ reviewSum: 33, reviewCount: 12 });
  });
});
