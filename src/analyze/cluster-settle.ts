import { type ClusterState, type EventState, HOUR, merge } from "./cluster-state.js";
import { type DeedKind, deedOf, sameDeed, sameFamily } from "./deed-story.js";
import { deedsApart, eventsContradict, partiesOf } from "./event-contradiction.js";
import { profileSimilarity, strongestTerms } from "./event-profile.js";
import { sameMeetingStory, saysMore } from "./meeting-story.js";

/** One event merged into another. */
export interface EventMerge {
  readonly from: string;
  readonly into: string;
}

interface Neighbour {
  readonly other: EventState;
  readonly score: number;
}

type Pair = { readonly a: EventState; readonly b: EventState; readonly score: number };

/** Whether two events share an anchor few other documents and events carry. */
function shareAnchor(state: ClusterState, a: EventState, b: EventState): boolean {
  const { tuning, stats } = state;
  const allowance = Math.max(tuning.anchorMinDf, tuning.anchorShare * stats.docs());
  const [small, large] = a.anchorCounts.size <= b.anchorCounts.size ? [a, b] : [b, a];
  for (const [t, n] of small.anchorCounts) {
    const m = large.anchorCounts.get(t);
    if (m === undefined || stats.df(t) - n - m > allowance) continue;
    if ((state.eventsWith.get(t) ?? 2) - 2 < tuning.anchorEvents) return true;
  }
  return false;
}

/** Whether the two events' time spans come within a window of each other (always, when a time is unknown). */
function spansMeet(state: ClusterState, a: EventState, b: EventState): boolean {
  const { windowMs } = state;
  return a.first === undefined || b.first === undefined || a.last === undefined || b.last === undefined
    ? true
    : a.first <= b.last + windowMs && b.first <= a.last + windowMs;
}

/** Whether both events are dated and began within `hours` (`lateHours`) of each other: one story's first hours. */
function sameHours(state: ClusterState, a: EventState, b: EventState, hours = state.tuning.lateHours): boolean {
  if (a.first === undefined || b.first === undefined) return false;
  return Math.abs(a.first - b.first) <= hours * HOUR;
}

/** Whether `a` began before `b` (the smaller id first on a tie): the older one survives a merge. */
const older = (a: EventState, b: EventState): boolean =>
  (a.first ?? 0) < (b.first ?? 0) || ((a.first ?? 0) === (b.first ?? 0) && a.id < b.id);

const similarity = (state: ClusterState, a: EventState, b: EventState) =>
  profileSimilarity(a.profile, b.profile, state.tuning.crossLanguage) / (a.members * b.members);

/**
 * When `a` is a deed story (a launch, a demolition, a test, a measure: see deed-story) and the stories
 * of its hours that say which deed of its family are all of one kind that may be its own, the
 * deed stories of its hours it may merge with, with their scores (see launchShare): those of
 * that kind, and launches that do not say what flew. Several of one kind are one deed not yet
 * merged (settle merges the closest pairs first); two kinds are two deeds, and nothing says
 * which a report told from elsewhere is about.
 */
function deedParts(state: ClusterState, a: EventState): Neighbour[] {
  const { tuning, options } = state;
  const kind = deedOf(a.facts);
  if (kind === undefined) return [];
  // Every live event of its hours, not just those sharing its strongest terms: a report told
  // from elsewhere (Okinawa's alert) may share none of the launch's.
  const deeds = new Map<EventState, DeedKind>();
  for (const b of state.events.values()) {
    const k = b === a || !sameHours(state, a, b, tuning.deedHours) ? undefined : deedOf(b.facts);
    if (k !== undefined && sameFamily(kind, k)) deeds.set(b, k);
  }
  const told = new Set([...deeds.values()].filter((k) => k !== "unsaid"));
  const [only] = told;
  if (told.size > 1 || (only !== undefined && !sameDeed(kind, only))) return [];
  // Two deeds of its hours that cannot be one (another day, another missile or site) are two
  // launches: nothing says which a report told from elsewhere is about.
  const all = [a, ...deeds.keys()];
  const slack = tuning.dateSlackDays;
  if (all.some((x, i) => all.slice(i + 1).some((y) => deedsApart(x.facts, y.facts, slack)))) return [];
  const out: Neighbour[] = [];
  for (const b of deeds.keys()) {
    // With one deed near, the countries its reports name are where it was told from (Japan's
    // flight time, U.S. spy planes it threatened), not parties that tell it apart.
    const score = similarity(state, a, b);
    if (score >= options.threshold * tuning.launchShare) out.push({ other: b, score });
  }
  return out;
}

/**
 * The events of `a`'s hours that may be parts of its meeting story (see meeting-story): a visit
 * told in its parts (the arrival, the talks, the departure) shares its parties and hours and
 * little else. Undefined when there are many: many such events in one window are many meetings,
 * and nothing says which part is whose.
 */
function meetingPartsNear(state: ClusterState, a: EventState): EventState[] | undefined {
  const parts: EventState[] = [];
  if (partiesOf(a.facts).size < 2) return parts;
  for (const b of state.events.values()) {
    if (b === a || !sameHours(state, a, b) || !sameMeetingStory(a.facts, b.facts)) continue;
    if (parts.push(b) > state.tuning.meetingParts) return undefined;
  }
  return parts;
}

/** The parts of `a`'s meeting story (see meetingPartsNear) close enough to merge with it, with their scores. */
function theMeetingParts(state: ClusterState, a: EventState): Neighbour[] {
  const { tuning, options } = state;
  const out: Neighbour[] = [];
  for (const b of meetingPartsNear(state, a) ?? []) {
    if (eventsContradict(a.facts, b.facts, tuning.dateSlackDays)) continue;
    const score = similarity(state, a, b);
    if (score >= options.threshold * tuning.meetingShare) out.push({ other: b, score });
  }
  return out;
}

/** The events close enough to merge with `a`, found through its strongest terms' postings. */
function settleCandidates(state: ClusterState, a: EventState): Neighbour[] {
  const { tuning, options } = state;
  const found = new Set<EventState>();
  for (const t of strongestTerms(a.profile, tuning.keyTerms)) {
    for (const e of state.postings.get(t) ?? []) if (e !== a && !e.pruned) found.add(e);
  }
  const out: Neighbour[] = [];
  for (const b of found) {
    if (!spansMeet(state, a, b) || eventsContradict(a.facts, b.facts, tuning.dateSlackDays)) continue;
    const score = similarity(state, a, b);
    if (score < options.threshold * tuning.settleShare) continue;
    const bar = sameHours(state, a, b) ? tuning.settleUnanchoredShare : tuning.unanchoredShare;
    if (score < options.threshold * bar && !shareAnchor(state, a, b)) continue;
    out.push({ other: b, score });
  }
  for (const part of [...deedParts(state, a), ...theMeetingParts(state, a)]) {
    if (!out.some((n) => n.other === part.other)) out.push(part);
  }
  return out;
}

/**
 * The multiple of the threshold at which the lone report `a` joins `story`. A report that tells
 * nothing but that its parties met (the wreath at the memorial) is a part of the one story of
 * theirs in its hours: its words are the visit's least. Among many meetings of the same parties
 * that afternoon it may be a part of any of them, and needs more.
 */
function orphanShare(state: ClusterState, a: EventState, story: EventState): number {
  const { tuning } = state;
  if (saysMore(a.facts.says)) return tuning.orphanShare;
  const parts = meetingPartsNear(state, a);
  if (parts === undefined) return tuning.orphanCrowdShare;
  const stories = parts.filter((e) => e.members >= tuning.orphanStory);
  return stories.length === 1 && stories[0] === story ? tuning.orphanPartShare : tuning.orphanShare;
}

/**
 * Whether the lone report `a` states what `story` cannot be. A lone angle on a story is often
 * told from another capital (Japan's letter to the new president, Pence in the stands beside
 * Kim's sister, the Taiwan line of a summit's statement), so it names a country the story's
 * parties do not. When it names one of those parties and shares a rare anchor with the story
 * (a name, a day, a thing), the country it adds is where it was told from, not another meeting,
 * and only its deeds can tell it apart.
 */
function orphanApart(state: ClusterState, a: EventState, story: EventState): boolean {
  const slack = state.tuning.dateSlackDays;
  const parties = partiesOf(story.facts);
  const sharesParty = [...a.facts.countries].some((c) => parties.has(c));
  return sharesParty && shareAnchor(state, a, story)
    ? deedsApart(a.facts, story.facts, slack)
    : eventsContradict(a.facts, story.facts, slack);
}

/**
 * The event a lone report of its hours joins after all, if any (see orphanShare): it has stayed
 * alone while the news went on, so it is no first report of a story of its own, but a part of
 * one told from an angle the story's other reports do not share (Seoul's security meeting after
 * a launch, the soldier's past after his crossing). It joins the story closest to it, when that
 * one is clearly the closest and states nothing it cannot be.
 */
function storyOfOrphan(state: ClusterState, a: EventState): EventState | undefined {
  const { tuning, options, latest } = state;
  if (a.members !== 1 || a.first === undefined || latest === undefined) return undefined;
  if (latest - a.first < tuning.orphanWaitHours * HOUR) return undefined;
  const found = new Set<EventState>();
  for (const t of strongestTerms(a.profile, tuning.keyTerms)) {
    for (const e of state.postings.get(t) ?? []) {
      if (e !== a && !e.pruned && e.members >= tuning.orphanStory && sameHours(state, a, e)) found.add(e);
    }
  }
  let best: Neighbour | undefined;
  let second = 0;
  for (const b of found) {
    if (orphanApart(state, a, b)) continue;
    const score = similarity(state, a, b);
    if (best === undefined || score > best.score) {
      second = best?.score ?? 0;
      best = { other: b, score };
    } else second = Math.max(second, score);
  }
  if (best === undefined) return undefined;
  if (best.score < options.threshold * orphanShare(state, a, best.other)) return undefined;
  return best.score >= tuning.orphanMargin * second ? best.other : undefined;
}

const byScore = (x: Pair, y: Pair) => y.score - x.score || (x.a.id + x.b.id < y.a.id + y.b.id ? -1 : 1);

/**
 * Merge the events placed into since the last settle with the events as close to them as one
 * event's reports are to each other, closest pair first; the older event survives. Returns the
 * merges in order.
 */
export function settle(state: ClusterState): EventMerge[] {
  const merges: EventMerge[] = [];
  let pairs: Pair[] = [];
  for (const a of state.touched) {
    if (!a.pruned) for (const { other, score } of settleCandidates(state, a)) pairs.push({ a, b: other, score });
  }
  state.touched.clear();
  while (pairs.length > 0) {
    pairs.sort(byScore);
    const next = pairs.find((p) => !p.a.pruned && !p.b.pruned);
    if (next === undefined) break;
    const [into, from] = older(next.a, next.b) ? [next.a, next.b] : [next.b, next.a];
    merge(state, into, from);
    merges.push({ from: from.id, into: into.id });
    // The merged event's neighbours are scored again; pairs with the absorbed one are stale.
    pairs = pairs.filter((p) => !p.a.pruned && !p.b.pruned && p.a !== into && p.b !== into);
    for (const { other, score } of settleCandidates(state, into)) pairs.push({ a: into, b: other, score });
  }
  for (const a of [...state.events.values()]) {
    const story = a.pruned ? undefined : storyOfOrphan(state, a);
    if (story === undefined) continue;
    merge(state, story, a);
    merges.push({ from: a.id, into: story.id });
  }
  return merges;
}
