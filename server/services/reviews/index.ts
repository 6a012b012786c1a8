export { createReviewsService, authorOf, type ReviewsService } from './service';
export { settleUncountedReviews } from './review-store';
export { migrateMadeUpRatings } from './rating-migration';
