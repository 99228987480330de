import { type EventFacts, partiesOf } from "./event-contradiction.js";
import { type Statement, tellsMeeting } from "./event-statements.js";

const within = (a: ReadonlySet<string>, b: ReadonlySet<string>) => [...a].every((x) => b.has(x));

/** What an event says happened beyond that its leaders, ministers or envoys met. */
const happenings = (says: ReadonlySet<Statement>) => [...says].filter((s) => s !== "talks" && s !== "meeting");

/** Whether an event says anything happened beyond that its leaders, ministers or envoys met. */
export const saysMore = (says: ReadonlySet<Statement>): boolean => happenings(says).length > 0;

/**
 * Whether two events may be parts of one meeting story: the parties of one (two countries or
 * more) within the other's, and what they say happened alike, or said by one only. The talks, the
 * wreath at the memorial and the departure by train are one visit; the test site blown up and the
 * summit called off that afternoon are two stories between the same two countries.
 */
export function sameMeetingStory(a: EventFacts, b: EventFacts): boolean {
  const pa = partiesOf(a);
  const pb = partiesOf(b);
  if (pa.size < 2 || pb.size < 2 || !(within(pa, pb) || within(pb, pa))) return false;
  if (!tellsMeeting(a.says) && !tellsMeeting(b.says)) return false;
  // One government's measure (Seoul ending GSOMIA) is a deed of its own, not a part of talks
  // between the same two countries (the summit that later restored it): see deed-story.
  if ([...a.says, ...b.says].some((s) => s.startsWith("by:"))) return false;
  const x = happenings(a.says);
  const y = happenings(b.says);
  return x.length === 0 || y.length === 0 || x.some((s) => b.says.has(s));
}
