import { ExpertModel } from '../../../models';

/**
 * Experts stored before reviews carried a `rating` the seed made up. The rating is now the mean
 * of the expert's reviews, so that number goes, and an expert without reviews starts at none.
 * Through the driver: the model no longer knows the field. Idempotent.
 */
export async function migrateMadeUpRatings(): Promise<number> {
  const { modifiedCount } = await ExpertModel.collection.updateMany(
    { reviewCount: { $exists: false } },
    { $set: { reviewSum: 0, reviewCount: 0 }, $unset: { rating: '' } },
  );
  await ExpertModel.collection.updateMany(
    { rating: { $exists: true } },
    { $unset: { rating: '' } },
  );
  return modifiedCount;
}
