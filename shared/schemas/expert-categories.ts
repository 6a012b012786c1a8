/**
 * The categories an expert can be listed under. Apart from the schemas in ./expert, so a page that
 * only lists them (the category filter) does not take zod along.
 */
export const EXPERT_CATEGORIES = [
  'Software Engineering',
  'Data Science',
  'Product Management',
  'Design',
  'Marketing',
  'Finance',
  'Legal',
  'Career Coaching',
] as const;
