import { type ClusterState, type EventState, HOUR, type PlacedReport } from "./cluster-state.js";
import { namesSomething } from "./cluster-terms.js";
import { contradicts } from "./event-contradiction.js";
import { reportSimilarity, termSimilarity, termWeights } from "./event-profile.js";

/** The event the report joins, if any, and the other events it is close enough to to merge them. */
export interface Choice {
  readonly best: EventState | undefined;
  /** In id order; `best` is not among them. */
  readonly close: readonly EventState[];
}

/**
 * A shared anchor-kind term is evidence for this event only if few documents and few other
 * events carry it: a name found all over the topic ("Mỹ", "Seoul") or in story after story
 * (a president) says nothing about which event. `namesOnly`: dates and figures do not count.
 */
function anchoredIn(state: ClusterState, e: EventState, anchors: readonly string[], namesOnly: boolean): boolean {
  const { tuning, stats } = state;
  const allowance = Math.max(tuning.anchorMinDf, tuning.anchorShare * stats.docs());
  for (const t of anchors) {
    if (namesOnly && !namesSomething(t)) continue;
    const inside = e.anchorCounts.get(t);
    if (inside === undefined || stats.df(t) - inside > allowance) continue;
    if ((state.eventsWith.get(t) ?? 1) - 1 < tuning.anchorEvents) return true;
  }
  return false;
}

/** Whether a report at `at` falls within a window of the event's time span (always, when either time is unknown). */
function inWindow(state: ClusterState, e: EventState, at: number | undefined): boolean {
  if (at === undefined || e.first === undefined || e.last === undefined) return true;
  return at >= e.first - state.windowMs && at <= e.last + state.windowMs;
}

/** Recent events sharing a key term, with the average similarity the key terms alone give them. */
function partialScores(state: ClusterState, report: PlacedReport): Map<EventState, number> {
  const { tuning, postings } = state;
  const { vector, at } = report;
  const partial = new Map<EventState, number>();
  for (const t of report.keys) {
    const list = postings.get(t);
    if (list === undefined) continue;
    const weights = termWeights(vector, t, tuning.crossLanguage);
    for (let k = list.length - 1; k >= Math.max(0, list.length - tuning.postingsCap); k--) {
      const e = list[k]!;
      if (e.pruned || !inWindow(state, e, at)) continue;
      partial.set(e, (partial.get(e) ?? 0) + termSimilarity(weights, t, e.profile) / e.members);
    }
  }
  return partial;
}

/** The report's average similarity with the event, if the event may take it; else undefined. */
function admitted(state: ClusterState, e: EventState, report: PlacedReport, threshold: number): number | undefined {
  const { tuning } = state;
  const { at } = report;
  if (contradicts(report.facts, e.facts, tuning.dateSlackDays)) return undefined;
  const score = reportSimilarity(report.vector, e.profile, tuning.crossLanguage) / e.members;
  // A day after an event began, what comes is its follow-up (a Council meeting after a launch):
  // it joins only on a name or thing the event's reports name, not on a date or the topic.
  const late = at !== undefined && e.first !== undefined && at - e.first > tuning.lateHours * HOUR;
  const anchored = anchoredIn(state, e, report.anchors, late);
  if (late && !anchored) return undefined;
  // Topic words alone make two reports one event only when they agree closely; otherwise they
  // must share a specific anchor, and with one the bar is lower.
  if (!anchored && score < threshold * tuning.unanchoredShare) return undefined;
  return score >= (anchored ? threshold * tuning.anchoredShare : threshold) ? score : undefined;
}

/**
 * The event the report joins: of the candidates its key terms find, the one with the highest
 * average similarity that may take it. Admitted events about as close (mergeShare) are `close`.
 */
export function chooseEvent(state: ClusterState, report: PlacedReport, threshold: number): Choice {
  const { tuning } = state;
  // Key terms carry much of an item's weight: an event far below the threshold on them cannot reach it.
  const floor = threshold * tuning.keyShare;
  const candidates = [...partialScores(state, report)]
    .filter(([, p]) => p >= floor)
    .sort((a, b) => b[1] - a[1] || (a[0].id < b[0].id ? -1 : 1))
    .slice(0, tuning.candidates);
  let best: EventState | undefined;
  let bestScore = 0;
  const close: EventState[] = [];
  for (const [e] of candidates) {
    const score = admitted(state, e, report, threshold);
    if (score === undefined) continue;
    if (score >= threshold * tuning.mergeShare) close.push(e);
    // Equal scores go to the smaller id, so replays agree.
    if (best === undefined || score > bestScore || (score === bestScore && e.id < best.id)) {
      best = e;
      bestScore = score;
    }
  }
  return { best, close: close.filter((e) => e !== best).sort((a, b) => (a.id < b.id ? -1 : 1)) };
}
