import { DateTime } from 'luxon';

import {
  AvailabilitySchema,
  minutesOfDay,
  storedRules,
  type StoredRules,
  type Interval,
  type Weekday,
  WEEKDAYS,
} from '../../shared/schemas/availability';
import { EXPERT_CATEGORIES, type ExpertCategory } from '../../shared/schemas/expert';

/**
 * The demo catalogue, built without a database. Everything is derived from a small seeded PRNG
 * keyed by the expert's slug, so a re-run never reshuffles what people already saw: the weekly
 * hours are the same whichever day the seed runs; only the few date overrides follow the seed day.
 */

/** Availability rules as the expert document stores them; the zone is the expert's `timezone`. */
export type SeedAvailability = StoredRules;

// Type aliases rather than interfaces: Mongoose's bulkWrite only type-checks documents that are
// assignable to an index signature, which interfaces never are.
export type SeedExpert = {
  slug: string;
  name: string;
  category: ExpertCategory;
  experience: number;
  bio: string;
  timezone: string;
  availability: SeedAvailability;
};

/** How far ahead every seeded expert takes bookings. */
export const SEED_HORIZON_DAYS = 60;

/** Slots stay inside these hours (local to the expert), whatever their profile says. */
const WORKDAY_BOUNDS = { earliestStart: 8 * 60, latestEnd: 19 * 60 } as const;

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

/** FNV-1a: tiny and stable across runtimes, which is all a seed needs. */
function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export type Random = () => number;

function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomFor(key: string): Random {
  return mulberry32(hashString(key));
}

export function integerBetween(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('Cannot pick from an empty list.');
  return item;
}

export function chance(random: Random, probability: number): boolean {
  return random() < probability;
}

// ---------------------------------------------------------------------------------------------
// People

interface Person {
  given: string;
  family: string;
  timezone: string;
}

/** Nine people per category; time zones loosely follow where each name is common. */
const PEOPLE: Record<ExpertCategory, readonly Person[]> = {
  'Software Engineering': [
    { given: 'Amara', family: 'Okafor', timezone: 'Africa/Lagos' },
    { given: 'Lukas', family: 'Schneider', timezone: 'Europe/Berlin' },
    { given: 'Priya', family: 'Raghunathan', timezone: 'Asia/Kolkata' },
    { given: 'Kenji', family: 'Watanabe', timezone: 'Asia/Tokyo' },
    { given: 'Sofía', family: 'Castillo', timezone: 'America/Mexico_City' },
    { given: 'Daniel', family: 'Cohen', timezone: 'Asia/Jerusalem' },
    { given: 'Mei Lin', family: 'Tan', timezone: 'Asia/Singapore' },
    { given: 'Ethan', family: 'Brooks', timezone: 'America/Los_Angeles' },
    { given: 'Oluwaseun', family: 'Adeyemi', timezone: 'Europe/London' },
  ],
  'Data Science': [
    { given: 'Ananya', family: 'Iyer', timezone: 'Asia/Kolkata' },
    { given: 'Mateus', family: 'Oliveira', timezone: 'America/Sao_Paulo' },
    { given: 'Hana', family: 'Kobayashi', timezone: 'Asia/Tokyo' },
    { given: 'Tomasz', family: 'Nowak', timezone: 'Europe/Warsaw' },
    { given: 'Grace', family: 'Mwangi', timezone: 'Africa/Nairobi' },
    { given: 'Ravi', family: 'Menon', timezone: 'Asia/Dubai' },
    { given: 'Chloé', family: 'Dubois', timezone: 'Europe/Paris' },
    { given: 'Marcus', family: 'Lindqvist', timezone: 'Europe/Stockholm' },
    { given: 'Jessica', family: 'Huang', timezone: 'America/Toronto' },
  ],
  'Product Management': [
    { given: 'Isabella', family: 'Romano', timezone: 'Europe/Rome' },
    { given: 'Arjun', family: 'Mehta', timezone: 'Asia/Kolkata' },
    { given: 'Noah', family: 'Kahale', timezone: 'Pacific/Honolulu' },
    { given: 'Yuki', family: 'Tanaka', timezone: 'Asia/Tokyo' },
    { given: 'Fatima', family: 'Al-Sayed', timezone: 'Asia/Dubai' },
    { given: 'Liam', family: "O'Connor", timezone: 'Europe/Dublin' },
    { given: 'Camila', family: 'Rodríguez', timezone: 'America/Bogota' },
    { given: 'Seo-yeon', family: 'Park', timezone: 'Asia/Seoul' },
    { given: 'Henrik', family: 'Jensen', timezone: 'Europe/Copenhagen' },
  ],
  Design: [
    { given: 'Elena', family: 'Petrova', timezone: 'Europe/Sofia' },
    { given: 'Kwame', family: 'Mensah', timezone: 'Africa/Accra' },
    { given: 'Aiko', family: 'Fujimoto', timezone: 'Asia/Tokyo' },
    { given: 'Lucas', family: 'Martin', timezone: 'Europe/Paris' },
    { given: 'Valentina', family: 'Greco', timezone: 'Europe/Rome' },
    { given: 'Thandiwe', family: 'Nkosi', timezone: 'Africa/Johannesburg' },
    { given: 'Rohan', family: 'Kapoor', timezone: 'Asia/Kolkata' },
    { given: 'Olivia', family: 'Bennett', timezone: 'Australia/Sydney' },
    { given: 'Mateo', family: 'Fernández', timezone: 'Europe/Madrid' },
  ],
  Marketing: [
    { given: 'Zara', family: 'Ahmed', timezone: 'Europe/London' },
    { given: 'Diego', family: 'Morales', timezone: 'America/Santiago' },
    { given: 'Nadia', family: 'Haddad', timezone: 'Asia/Beirut' },
    { given: 'Emily', family: 'Carter', timezone: 'America/New_York' },
    { given: 'Björn', family: 'Eriksson', timezone: 'Europe/Stockholm' },
    { given: 'Adaeze', family: 'Nwosu', timezone: 'Africa/Lagos' },
    { given: 'Wei', family: 'Zhang', timezone: 'Asia/Shanghai' },
    { given: 'Lucía', family: 'Navarro', timezone: 'America/Argentina/Buenos_Aires' },
    { given: 'Ryan', family: 'Mitchell', timezone: 'Australia/Melbourne' },
  ],
  Finance: [
    { given: 'Vikram', family: 'Desai', timezone: 'Asia/Kolkata' },
    { given: 'Charlotte', family: 'Evans', timezone: 'Europe/London' },
    { given: 'Hiroshi', family: 'Nakamura', timezone: 'Asia/Tokyo' },
    { given: 'Abena', family: 'Owusu', timezone: 'Africa/Accra' },
    { given: 'Jonas', family: 'Weber', timezone: 'Europe/Zurich' },
    { given: 'Ana Beatriz', family: 'Costa', timezone: 'America/Sao_Paulo' },
    { given: 'Samuel', family: 'Goldberg', timezone: 'America/New_York' },
    { given: 'Leila', family: 'Rahimi', timezone: 'Asia/Dubai' },
    { given: 'Tariq', family: 'Hussain', timezone: 'Asia/Karachi' },
  ],
  Legal: [
    { given: 'Margaret', family: "O'Neill", timezone: 'Europe/Dublin' },
    { given: 'Chinedu', family: 'Eze', timezone: 'Africa/Lagos' },
    { given: 'Sophie', family: 'Laurent', timezone: 'Europe/Paris' },
    { given: 'Alejandro', family: 'Vargas', timezone: 'America/Mexico_City' },
    { given: 'Ingrid', family: 'Halvorsen', timezone: 'Europe/Oslo' },
    { given: 'Deepa', family: 'Nair', timezone: 'Asia/Singapore' },
    { given: 'Benjamin', family: 'Hart', timezone: 'America/Denver' },
    { given: 'Min-jun', family: 'Choi', timezone: 'Asia/Seoul' },
    { given: 'Katarzyna', family: 'Wiśniewska', timezone: 'Europe/Warsaw' },
  ],
  'Career Coaching': [
    { given: 'Aisha', family: 'Bello', timezone: 'Africa/Lagos' },
    { given: 'Michael', family: 'Rivera', timezone: 'America/Los_Angeles' },
    { given: 'Sunita', family: 'Reddy', timezone: 'Asia/Kolkata' },
    { given: 'Niamh', family: 'Gallagher', timezone: 'Europe/Dublin' },
    { given: 'Paulo', family: 'Santos', timezone: 'Europe/Lisbon' },
    { given: 'Hannah', family: 'Fischer', timezone: 'Europe/Berlin' },
    { given: 'Jun', family: 'Takahashi', timezone: 'Asia/Tokyo' },
    { given: 'Nomvula', family: 'Dlamini', timezone: 'Africa/Johannesburg' },
    { given: 'Aroha', family: 'Ngata', timezone: 'Pacific/Auckland' },
  ],
};

/** `Sofía Castillo` → `sofia-castillo`, `Liam O'Connor` → `liam-oconnor`. */
export function slugify(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

// ---------------------------------------------------------------------------------------------
// Bios

interface BioFragments {
  /** What the expert does, as a noun phrase without an article. */
  roles: readonly string[];
  /** Completes "… years of experience …". */
  backgrounds: readonly string[];
  /** Completes "<First name> …". */
  focuses: readonly string[];
  /** Full sentences that add one concrete detail. */
  details: readonly string[];
}

const BIO_FRAGMENTS: Record<ExpertCategory, BioFragments> = {
  'Software Engineering': {
    roles: [
      'backend engineer',
      'staff software engineer',
      'engineering manager',
      'full-stack developer',
      'platform engineer',
      'software architect',
    ],
    backgrounds: [
      'building payment systems for fintech start-ups',
      'scaling e-commerce platforms through peak season',
      'shipping developer tools used by thousands of teams',
      'running cloud infrastructure at a logistics company',
      'leading migrations from monoliths to services',
    ],
    focuses: [
      'helps teams untangle legacy code and plan incremental rewrites',
      'coaches engineers through system design interviews',
      'reviews architecture plans before they become expensive to change',
      'pairs on debugging performance problems in production',
      'helps small teams set up testing and deployment that they trust',
    ],
    details: [
      'Has mentored more than forty junior developers.',
      'Speaks regularly at local meet-ups about maintainable code.',
      'Maintains a popular open-source library in spare time.',
      'Prefers live code walkthroughs over slide decks.',
    ],
  },
  'Data Science': {
    roles: [
      'data scientist',
      'machine learning engineer',
      'analytics lead',
      'applied statistician',
      'data engineer',
    ],
    backgrounds: [
      'building forecasting models for retail chains',
      'running experimentation programmes at a streaming service',
      'designing recommendation systems',
      'turning messy hospital records into usable data',
      'leading analytics for a ride-hailing company',
    ],
    focuses: [
      'helps teams design A/B tests that answer the question they actually have',
      'guides analysts moving into machine learning roles',
      'reviews model evaluation and spots leakage before launch',
      'helps companies decide which data projects are worth funding',
      'walks through SQL and Python notebooks line by line',
    ],
    details: [
      'Holds a PhD in statistics.',
      'Has taught evening courses on practical machine learning.',
      'Believes a clear chart beats a complex model more often than not.',
      'Has published work on causal inference in industry.',
    ],
  },
  'Product Management': {
    roles: [
      'product manager',
      'head of product',
      'group product manager',
      'product strategist',
      'product operations lead',
    ],
    backgrounds: [
      'launching B2B software for mid-sized companies',
      'growing a consumer app from launch to millions of users',
      'leading product for a healthcare marketplace',
      'turning research insights into roadmaps at a travel company',
      'building internal platforms at a large bank',
    ],
    focuses: [
      'helps new product managers find their footing in the first ninety days',
      'runs roadmap and prioritisation workshops',
      'coaches founders on discovery interviews and early pricing',
      'helps teams write specs that engineers enjoy reading',
      'prepares candidates for product sense and execution interviews',
    ],
    details: [
      'Has hired and managed product teams on three continents.',
      'Keeps sessions anchored on real artefacts: bring your roadmap or spec.',
      'Writes a monthly newsletter on product discovery.',
      'Started out as a support agent, which still shapes every roadmap.',
    ],
  },
  Design: {
    roles: [
      'product designer',
      'UX researcher',
      'design lead',
      'brand designer',
      'interaction designer',
    ],
    backgrounds: [
      'designing banking apps for first-time smartphone users',
      'building design systems for fast-growing start-ups',
      'running usability research for public services',
      'leading rebrands for consumer goods companies',
      'designing accessible interfaces for education platforms',
    ],
    focuses: [
      'gives candid, constructive portfolio reviews',
      'helps teams set up a design system that people actually use',
      'runs quick usability audits with prioritised fixes',
      'coaches designers on presenting and defending their decisions',
      'helps engineers and designers agree on a shared component library',
    ],
    details: [
      'Champions accessibility from the first sketch.',
      'Has judged several regional design awards.',
      'Teaches a weekend workshop on user interviews.',
      'Likes to sketch live during sessions.',
    ],
  },
  Marketing: {
    roles: [
      'growth marketer',
      'brand strategist',
      'content marketing lead',
      'performance marketing manager',
      'marketing director',
    ],
    backgrounds: [
      'growing direct-to-consumer brands on a tight budget',
      'running paid acquisition for subscription apps',
      'building content programmes for B2B software companies',
      'launching products across several regional markets',
      'leading marketing for a non-profit network',
    ],
    focuses: [
      'helps founders find the one channel worth doubling down on',
      'reviews campaigns and landing pages with a focus on conversion',
      'builds content calendars that a small team can sustain',
      'coaches marketers on reading attribution data without fooling themselves',
      'helps teams sharpen positioning and messaging',
    ],
    details: [
      'Has managed annual ad budgets in the millions.',
      'Runs a podcast about brand building.',
      'Prefers small, measurable experiments to big-bang launches.',
      'Has worked with agencies and in-house teams alike.',
    ],
  },
  Finance: {
    roles: [
      'financial analyst',
      'chartered accountant',
      'fractional CFO',
      'investment adviser',
      'financial planning consultant',
    ],
    backgrounds: [
      'advising start-ups through seed and Series A rounds',
      'auditing manufacturing and retail companies',
      'managing treasury for an international charity',
      'building financial models for private equity deals',
      'helping families plan for retirement',
    ],
    focuses: [
      'helps founders build a financial model investors take seriously',
      'explains cash-flow forecasting in plain language',
      'reviews budgets and spots where money quietly leaks',
      'coaches first-time managers on reading a profit and loss statement',
      'helps freelancers plan taxes and savings across the year',
    ],
    details: [
      'Holds the CFA charter.',
      'Has sat on the finance committee of two non-profits.',
      'Sends a short written summary after every session.',
      'Believes a good spreadsheet should be readable by anyone.',
    ],
  },
  Legal: {
    roles: [
      'business lawyer',
      'solicitor',
      'commercial attorney',
      'legal consultant',
      'former in-house counsel',
    ],
    backgrounds: [
      'advising technology companies on commercial contracts',
      'representing employers and employees in workplace disputes',
      'protecting trademarks and patents for product companies',
      'guiding start-ups through incorporation and fundraising',
      'helping businesses comply with data protection rules',
    ],
    focuses: [
      'reviews contracts and flags the clauses worth negotiating',
      'helps founders understand term sheets before they sign',
      'explains employment obligations to first-time employers',
      'guides creators on protecting and licensing their work',
      'helps teams write privacy policies that match what they actually do',
    ],
    details: [
      'Sessions offer general guidance and do not create a client relationship.',
      'Has taught contract drafting at a law school.',
      'Known for turning legal jargon into plain English.',
      'Has worked in private practice and in-house.',
    ],
  },
  'Career Coaching': {
    roles: [
      'career coach',
      'executive coach',
      'leadership coach',
      'interview coach',
      'career transition adviser',
    ],
    backgrounds: [
      'recruiting for technology and consulting firms',
      'coaching managers through their first leadership role',
      'leading talent development at a global retailer',
      'helping mid-career professionals change industries',
      'running graduate recruitment programmes',
    ],
    focuses: [
      'helps clients tell their story clearly in interviews',
      'reviews CVs and LinkedIn profiles with recruiter eyes',
      'coaches people through salary negotiations',
      'helps new managers handle difficult conversations',
      'works with clients to plan a realistic career change',
    ],
    details: [
      'Is a certified coach with an international federation.',
      'Has reviewed thousands of CVs.',
      'Gives every client a short action plan after the session.',
      'Draws on a first career in teaching.',
    ],
  },
};

const CLOSINGS = [
  'Bring a real problem and leave with concrete next steps.',
  'Sessions are practical, friendly and focused on your situation.',
  'Expect direct, honest feedback.',
  'Happy to work with beginners and seasoned professionals alike.',
] as const;

function withArticle(phrase: string): string {
  return `${/^[aeiou]/i.test(phrase) ? 'an' : 'a'} ${phrase}`;
}

function buildBio(person: Person, category: ExpertCategory, experience: number, random: Random) {
  const fragments = BIO_FRAGMENTS[category];
  const sentences = [
    `${person.given} ${person.family} is ${withArticle(pick(random, fragments.roles))} with ${experience} years of experience ${pick(random, fragments.backgrounds)}.`,
    `${person.given} ${pick(random, fragments.focuses)}.`,
  ];
  // Two to four sentences, so the cards do not all have the same rhythm.
  if (chance(random, 0.7)) sentences.push(pick(random, fragments.details));
  if (chance(random, 0.5)) sentences.push(pick(random, CLOSINGS));
  return sentences.join(' ');
}

// ---------------------------------------------------------------------------------------------
// Availability

/** How an expert likes to work; fixed per expert so every week follows the same habits. */
interface WorkProfile {
  sessionMinutes: 30 | 60;
  /** Minutes after local midnight. */
  dayStart: number;
  dayEnd: number;
  /** Weekdays the expert never works. */
  daysOff: ReadonlySet<Weekday>;
  /** A weekday with the morning only, or none. */
  shortDay: Weekday | undefined;
  /** An hour off at noon (at half past for half-hour starters). */
  lunchBreak: boolean;
  minimumNoticeMinutes: number;
}

const NOTICE_CHOICES = [60, 120, 240, 720, 1440] as const;
const WORKING_WEEKDAYS = WEEKDAYS.slice(0, 5);

function buildWorkProfile(random: Random): WorkProfile {
  const sessionMinutes = chance(random, 0.7) ? 60 : 30;
  // Some hourly experts start on the half hour, which makes labels like 09:30-10:30.
  const offset = sessionMinutes === 60 && chance(random, 0.25) ? 30 : 0;
  const dayStart = Math.max(
    WORKDAY_BOUNDS.earliestStart,
    integerBetween(random, 8, 10) * 60 + offset,
  );
  const dayEnd = Math.min(WORKDAY_BOUNDS.latestEnd, integerBetween(random, 16, 19) * 60 + offset);
  const daysOff = new Set<Weekday>();
  const weekendHabit = random();
  if (weekendHabit < 0.65) daysOff.add('saturday').add('sunday');
  else if (weekendHabit < 0.9) daysOff.add('sunday');
  if (chance(random, 0.2)) daysOff.add(pick(random, WORKING_WEEKDAYS));
  const shortDay = chance(random, 0.4) ? pick(random, WORKING_WEEKDAYS) : undefined;
  return {
    sessionMinutes,
    dayStart,
    dayEnd,
    daysOff,
    shortDay: shortDay && !daysOff.has(shortDay) ? shortDay : undefined,
    lunchBreak: chance(random, 0.6),
    minimumNoticeMinutes: pick(random, NOTICE_CHOICES),
  };
}

function formatMinutes(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  return `${String(hours).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function interval(start: number, end: number): Interval {
  return { start: formatMinutes(start), end: formatMinutes(end) };
}

/** One weekday's hours: the working day, maybe cut by lunch, shorter on the short day. */
function hoursOf(profile: WorkProfile, day: Weekday): Interval[] {
  if (profile.daysOff.has(day)) return [];
  const isWeekend = day === 'saturday' || day === 'sunday';
  // Weekend experts keep weekends light: a late morning and early afternoon.
  const start = isWeekend ? Math.max(profile.dayStart, 10 * 60) : profile.dayStart;
  const end =
    isWeekend || day === profile.shortDay ? Math.min(profile.dayEnd, 14 * 60) : profile.dayEnd;
  const lunchStart = 12 * 60 + (profile.dayStart % 60);
  const lunchEnd = lunchStart + 60;
  if (!profile.lunchBreak || end <= lunchStart || start >= lunchEnd) return [interval(start, end)];
  return [interval(start, lunchStart), interval(lunchEnd, end)].filter(
    (part) => minutesOfDay(part.end) - minutesOfDay(part.start) >= profile.sessionMinutes,
  );
}

/** `offset` days after today as seen in `timezone`. */
export function localDate(today: Date, timezone: string, offset: number): string {
  const local = DateTime.fromJSDate(today, { zone: timezone });
  if (!local.isValid) throw new Error(`Unknown time zone: ${timezone}`);
  // Count calendar days on a UTC date so daylight-saving changes cannot skip or repeat one.
  return (
    DateTime.fromISO(local.toISODate() ?? '', { zone: 'utc' })
      .plus({ days: offset })
      .toISODate() ?? ''
  );
}

/**
 * Rules from the profile: weekly hours, and a few overrides relative to the seed day (a day off,
 * an evening added after the usual hours) that look like a real calendar.
 */
function buildAvailability(
  slug: string,
  timezone: string,
  profile: WorkProfile,
  today: Date,
): SeedAvailability {
  const weeklyHours = Object.fromEntries(
    WEEKDAYS.map((day) => [day, hoursOf(profile, day)]),
  ) as SeedAvailability['weeklyHours'];
  const random = randomFor(`${slug}|overrides`);
  const overrides: SeedAvailability['overrides'] = [];
  if (chance(random, 0.5)) {
    overrides.push({
      date: localDate(today, timezone, integerBetween(random, 3, 20)),
      intervals: [],
    });
  }
  if (chance(random, 0.35)) {
    const date = localDate(today, timezone, integerBetween(random, 21, 35));
    const weekday = WEEKDAYS[(DateTime.fromISO(date, { zone: 'utc' }).weekday + 6) % 7]!;
    overrides.push({ date, intervals: [...weeklyHours[weekday], interval(19 * 60, 21 * 60)] });
  }
  // Parsed so that a profile that makes invalid rules fails here, not in the database.
  const rules = AvailabilitySchema.parse({
    timezone,
    sessionMinutes: profile.sessionMinutes,
    minimumNoticeMinutes: profile.minimumNoticeMinutes,
    horizonDays: SEED_HORIZON_DAYS,
    weeklyHours,
    overrides,
  });
  return storedRules(rules);
}

// ---------------------------------------------------------------------------------------------

/** How many experts the demo catalogue has: its people, each once. */
export const CATALOGUE_PEOPLE = EXPERT_CATEGORIES.reduce(
  (count, category) => count + PEOPLE[category].length,
  0,
);

/** Every original person first; beyond them, given names meet other people's family names. */
function catalogueMembers(size: number): Array<{ person: Person; category: ExpertCategory }> {
  const originals = EXPERT_CATEGORIES.flatMap((category) =>
    PEOPLE[category].map((person) => ({ person, category })),
  );
  const limit = CATALOGUE_PEOPLE * CATALOGUE_PEOPLE;
  if (!Number.isInteger(size) || size < 1 || size > limit) {
    throw new Error(`size must be a whole number from 1 to ${limit}.`);
  }
  // Round r pairs person i with the family name of person i + r: every pair differs, so every
  // name does too, and each keeps the category and time zone of its given name.
  return Array.from({ length: size }, (_, index) => {
    const round = Math.floor(index / originals.length);
    const own = originals[index % originals.length]!;
    const family = originals[(index + round) % originals.length]!.person.family;
    return { person: { ...own.person, family }, category: own.category };
  });
}

export function buildCatalogue({
  today,
  size = CATALOGUE_PEOPLE,
}: {
  today: Date;
  /** How many experts; beyond the demo's people (benchmarks), names are recombined. */
  size?: number;
}): SeedExpert[] {
  return catalogueMembers(size).map(({ person, category }): SeedExpert => {
    const name = `${person.given} ${person.family}`;
    const slug = slugify(name);
    const random = randomFor(slug);
    const experience = integerBetween(random, 2, 30);
    // The stream once drew a made-up rating here (ratings now come from reviews): the draw
    // stays so that every bio after it reads as it always has.
    random();
    const bio = buildBio(person, category, experience, random);
    // A stream of its own, so rewording a bio never moves anyone's working hours.
    const profile = buildWorkProfile(randomFor(`${slug}|work`));
    return {
      slug,
      name,
      category,
      experience,
      bio,
      timezone: person.timezone,
      availability: buildAvailability(slug, person.timezone, profile, today),
    };
  });
}
