export { createReviewsService, authorOf, type ReviewsService } from './service';
export { recountReviews, settleUncountedReviews } from './review-store';
export { migrateMadeUpRatings } from './rating-migration';
