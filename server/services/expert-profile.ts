import type { ExpertCategory, ExpertSummary } from '../../shared/schemas/expert';
import { ratingOf } from '../../shared/schemas/review';
import type { ExpertDocument } from '../../models';

export type ExpertProfile = Omit<ExpertSummary, 'nextAvailableSlot'>;

/** What the list and the expert's page both show of an expert. */
export function profileOf(
  expert: Pick<
    ExpertDocument,
    '_id' | 'name' | 'category' | 'experience' | 'reviewSum' | 'reviewCount' | 'timezone'
  >,
): ExpertProfile {
  return {
    id: expert._id.toString(),
    name: expert.name,
    // Only the seed and admins write experts, always from EXPERT_CATEGORIES.
    category: expert.category as ExpertCategory,
    experience: expert.experience,
    rating: ratingOf(expert.reviewSum, expert.reviewCount),
    reviewCount: expert.reviewCount,
    timezone: expert.timezone,
  };
}
