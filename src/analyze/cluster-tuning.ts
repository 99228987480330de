/** What the event clusterer can be set to: the options of config/bantin.yaml and the tunables the eval sweeps. */

export interface ClusterOptions {
  /** An item joins an event only within this many hours of the event's first or last item; settings.analysis.eventWindowHours. */
  readonly windowHours: number;
  /** Average cosine similarity an item needs with an event's reports to join it. */
  readonly threshold: number;
}

/** Tunables of the clusterer beyond the options (exported so the eval can sweep them). */
export interface ClusterTuning {
  /** Terms of an item kept for comparison: the strongest carry the event. */
  readonly itemTerms: number;
  /** Terms of an event's pooled profile: bounded so a long story costs no more than a short one. */
  readonly profileTerms: number;
  /** Rarest strong terms of an item looked up in the index (and indexed for its event). */
  readonly keyTerms: number;
  /** Share of the threshold an event must reach on the key terms alone to be a candidate. */
  readonly keyShare: number;
  /** Events whose full similarity is computed, best partial scores first. */
  readonly candidates: number;
  /** Recent events kept per index term. */
  readonly postingsCap: number;
  /** IDF prior: a term counts as seen in this many extra documents, so a small batch does not call everything rare. */
  readonly priorDocs: number;
  /** IDF of terms seen once is lowered to that of terms seen this many times: one-off noise must not dominate. */
  readonly minDf: number;
  /** IDF raised to this power: above 1, what a handful of reports share outweighs the topic's common vocabulary. */
  readonly idfPower: number;
  /**
   * Weight of a term no other item has (yet) relative to its IDF: it cannot match anything, so at
   * full weight it only dilutes a text's similarity with everything.
   */
  readonly unsharedWeight: number;
  /**
   * An item with more distinct terms than this is a long article: its own unshared terms are
   * mostly background (quotes, asides), so they are left out rather than damped.
   */
  readonly longTerms: number;
  /**
   * Threshold scale for a long article: many background terms lower its cosine with any event, so
   * the bar sits lower (a short lead's few terms are all on the event, or not).
   */
  readonly longThreshold: number;
  /**
   * Terms of a long article kept for comparison: past its strongest hundred or so, an article's
   * terms are its background (context, quotes, asides), shared with neighbouring stories as much
   * as with its own.
   */
  readonly longItemTerms: number;
  /**
   * A term is specific evidence (an anchor) only while at most this share of the documents seen
   * has it: a name every report of the topic carries ("Mỹ", "Seoul") says nothing about which event.
   */
  readonly anchorShare: number;
  /** However few documents were seen, a term in this many of them can still be an anchor. */
  readonly anchorMinDf: number;
  /**
   * Without a shared anchor an item still joins when its similarity reaches this multiple of the
   * threshold: text that names nobody (no capitals, dates or figures) must not be unable to join.
   */
  readonly unanchoredShare: number;
  /**
   * A name carried by this many other live events is no anchor: a leader or capital that recurs
   * across stories (one president in four events) tells none of them apart, however rare it is overall.
   */
  readonly anchorEvents: number;
  /** With a shared anchor, the similarity an item needs is this share of the threshold. */
  readonly anchoredShare: number;
  /** Past this many hours after an event's first report, a report joins it only on a shared name or specific thing. */
  readonly lateHours: number;
  /** Average similarity of two events' reports, as a share of the threshold, at which settle merges them. */
  readonly settleShare: number;
  /**
   * Without a shared anchor, settle merges two dated events that began within `lateHours` of each
   * other at this multiple of the threshold: lower than an item's bar (unanchoredShare), as a
   * story's first hours of reports share its words before they share a name. Undated events keep
   * the item's bar: nothing says they are near.
   */
  readonly settleUnanchoredShare: number;
  /**
   * Two stories of one deed of the same hours (North Korea's launch, demolition or test, or one
   * government's measure: see deed-story) merge at this multiple of the threshold when no
   * other deed of its kind is near:
   * the launch and the reports of it told from elsewhere (Japan's evacuation warning, the
   * missile's flight time), or the roads blown up and the warning shots Seoul fired, share only
   * the topic's words, yet on a day of one such deed they are one story: the share is a floor
   * (they share something), as what keeps two deeds apart is the check that no two deed stories
   * of the hours state what one deed cannot. With two launches near, nothing says which report
   * is whose.
   */
  readonly launchShare: number;
  /**
   * The hours within which deed stories began for deedParts to take them as one deed's: longer
   * than `lateHours`, as Pyongyang confirms a launch in the next morning's state media, a day and
   * some hours after Seoul's first report of it.
   */
  readonly deedHours: number;
  /**
   * Parts of one meeting story of the same hours (see meeting-story) merge at this multiple of
   * the threshold, when at most `meetingParts` such events are near: the arrival, the talks and
   * the wreath-laying of one visit share its parties and hours, not its words.
   */
  readonly meetingShare: number;
  readonly meetingParts: number;
  /**
   * A report still alone `orphanWaitHours` after it came, while the news went on, joins the story
   * of its hours (of at least `orphanStory` reports) it is closest to at this multiple of the
   * threshold, when that story is `orphanMargin` times closer than the next: a lone report is
   * most often an angle on a story (a reaction, a detail) whose words it does not share.
   */
  readonly orphanShare: number;
  readonly orphanWaitHours: number;
  readonly orphanStory: number;
  readonly orphanMargin: number;
  /**
   * The multiple of the threshold (instead of orphanShare) at which a lone report that says only
   * that its parties met joins the one story of theirs in its hours (see meeting-story): the
   * wreath at the memorial shares the visit's parties and hours, hardly its words.
   */
  readonly orphanPartShare: number;
  /** The same, when more than `meetingParts` events of its hours are meetings of its parties. */
  readonly orphanCrowdShare: number;
  /**
   * An item this many times the threshold close to two events shows they are one story that
   * began as two (its first reports told it from different sides): the events merge. Incremental
   * placement cannot take back an early split any other way.
   */
  readonly mergeShare: number;
  /**
   * Two reports whose titles and first sentences date what they tell more than this many days
   * apart are about two events, however alike they read (two launches, two summits a year apart).
   */
  readonly dateSlackDays: number;
  /**
   * A report read against another language's reports is compared on what both languages share
   * (concepts, names, dates, figures); its similarity there counts this much.
   */
  readonly crossLanguage: number;
}

export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = { windowHours: 72, threshold: 0.16 };
export const DEFAULT_CLUSTER_TUNING: ClusterTuning = {
  itemTerms: 160,
  profileTerms: 200,
  keyTerms: 12,
  keyShare: 0.05,
  candidates: 16,
  postingsCap: 64,
  priorDocs: 10,
  minDf: 2,
  idfPower: 1.5,
  unsharedWeight: 0.5,
  longTerms: 150,
  longThreshold: 0.9,
  longItemTerms: 100,
  anchorShare: 0.15,
  anchorMinDf: 3,
  unanchoredShare: 1.5,
  anchorEvents: 2,
  anchoredShare: 1,
  settleShare: 0.8,
  settleUnanchoredShare: 1.3,
  launchShare: 0.1,
  deedHours: 30,
  meetingShare: 0.5,
  meetingParts: 3,
  lateHours: 24,
  orphanShare: 0.5,
  orphanWaitHours: 6,
  orphanStory: 2,
  orphanMargin: 1.5,
  orphanPartShare: 0.4,
  orphanCrowdShare: 0.6,
  mergeShare: 1.6,
  dateSlackDays: 2,
  crossLanguage: 0.8,
};
