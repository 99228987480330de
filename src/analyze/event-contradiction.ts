import type { CoreFacts, ExclusiveKind } from "./event-features.js";
import { launchSaid, otherStatements, type Statement, tellsMeeting } from "./event-statements.js";

/** What an event's reports state in their titles and first sentences, gathered as they join. */
export interface EventFacts {
  readonly dates: Set<string>;
  readonly weekdays: Set<string>;
  readonly exclusive: Map<ExclusiveKind, Set<string>>;
  readonly countries: Set<string>;
  /** Of its reports that name a country, how many name each. */
  readonly countryReports: Map<string, number>;
  /** Its reports that name any country. */
  countryReporters: number;
  readonly says: Set<Statement>;
}

export const emptyFacts = (): EventFacts => ({
  dates: new Set(),
  weekdays: new Set(),
  exclusive: new Map(),
  countries: new Set(),
  countryReports: new Map(),
  countryReporters: 0,
  says: new Set(),
});

/**
 * The countries an event is between, as its reports tell it: those at least half of them name.
 * One report's aside (the United States in "if Washington takes corresponding measures", China
 * beside Mount Paektu) is not a party.
 */
export function partiesOf(event: EventFacts): Set<string> {
  const out = new Set<string>();
  for (const [c, n] of event.countryReports) if (2 * n >= event.countryReporters) out.add(c);
  return out;
}

/**
 * Whether two events state what one event cannot: as `contradicts`, with each event's countries
 * its parties (see partiesOf) rather than every country any of its reports named.
 */
export function eventsContradict(a: EventFacts, b: EventFacts, slackDays: number): boolean {
  const parties = (e: EventFacts): EventFacts => ({ ...e, countries: partiesOf(e) });
  return contradicts(parties(a), parties(b), slackDays);
}

/** Whether two events state what one event cannot, leaving out the countries they name. */
export function deedsApart(a: EventFacts, b: EventFacts, slackDays: number): boolean {
  return contradicts({ ...a, countries: new Set() }, b, slackDays);
}

const within = (a: ReadonlySet<string>, b: ReadonlySet<string>) => [...a].every((x) => b.has(x));

/**
 * Two sets of two countries or more, neither within the other, are two meetings: Vietnam and
 * South Korea's ministers are not the US–Japan–ROK trilateral, Kim in Vietnam is not the
 * Trump–Kim summit. (One country alone says little: "Japan warns" belongs to a launch.)
 */
function otherCountries(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size >= 2 && b.size >= 2 && !within(a, b) && !within(b, a);
}

/**
 * Whether both tell a North Korean launch on the same stated day (the day itself: North Korea
 * often launches on consecutive days): the other countries a launch report names are not
 * parties to anything ("as a U.S. submarine visits", "Japan protests"), so they tell no launch
 * of that day apart. Without a stated day they still do: on a busy day two launches of
 * different years read alike but for who else is named.
 */
const oneDaysLaunch = (a: CoreFacts | EventFacts, b: CoreFacts | EventFacts) =>
  [...a.dates].some((d) => b.dates.has(d)) &&
  [a, b].every((f) => f.countries.has("north-korea") && launchSaid(f.says) !== undefined);

/**
 * Whether one tells a missile launch as its news and the other leaders' talks with nothing
 * launched: the ICBM fired hours before a summit and the summit are two events, however many
 * names they share. (A satellite named at talks is often help promised, not a launch.)
 */
function launchAndMeeting(a: ReadonlySet<Statement>, b: ReadonlySet<Statement>): boolean {
  const launch = launchSaid(a);
  return (launch === "missile" || (launch === "unsaid" && a.has("launch"))) && tellsMeeting(b);
}

/** "d:27-4" as a day of the year (months of 31 days are close enough to compare a few days apart). */
function dayOf(term: string): number {
  const [day, month] = term.slice(2).split("-").map(Number);
  return (month ?? 0) * 31 + (day ?? 0);
}

function nearDates(a: ReadonlySet<string>, b: ReadonlySet<string>, slackDays: number): boolean {
  for (const d of a) {
    for (const e of b) {
      const gap = Math.abs(dayOf(d) - dayOf(e));
      if (Math.min(gap, 372 - gap) <= slackDays) return true;
    }
  }
  return false;
}

/**
 * Whether a report (or another event) states something the event cannot also be: a date (or a
 * day dated by weekday) more than `slackDays` from every one the event's reports state, other
 * countries (see otherCountries), another outcome or occasion (see event-statements), a missile
 * launch against leaders' talks (see launchAndMeeting), or a weapon, place or named treaty of a
 * kind the event has, but none of the event's.
 */
export function contradicts(item: CoreFacts | undefined, event: EventFacts, slackDays: number): boolean {
  if (item === undefined) return false;
  if (item.dates.size > 0 && event.dates.size > 0 && !nearDates(item.dates, event.dates, slackDays)) return true;
  if (item.weekdays.size > 0 && event.weekdays.size > 0 && !nearDates(item.weekdays, event.weekdays, slackDays))
    return true;
  if (otherCountries(item.countries, event.countries) && !oneDaysLaunch(item, event)) return true;
  if (otherStatements(item.says, event.says)) return true;
  if (launchAndMeeting(item.says, event.says) || launchAndMeeting(event.says, item.says)) return true;
  // Talks name the sites they are about (Yongbyon to close, Dongchang-ri to dismantle); a launch happens at one.
  const meeting = item.says.has("talks") || event.says.has("talks");
  // A launch's reports name where it flew from and where it came down (Wonsan, off Hokkaido):
  // places tell no launch from another, its site and its missile do.
  const launch = launchSaid(item.says) !== undefined && launchSaid(event.says) !== undefined;
  for (const [kind, terms] of item.exclusive) {
    if ((kind === "site" && meeting) || (kind === "place" && launch)) continue;
    const theirs = event.exclusive.get(kind);
    if (theirs === undefined || theirs.size === 0) continue;
    if (![...terms].some((t) => theirs.has(t))) return true;
  }
  return false;
}

const isEventFacts = (facts: CoreFacts | EventFacts): facts is EventFacts => "countryReports" in facts;

/** Gather what a report (or an absorbed event) states into its event's facts. */
export function addFacts(into: EventFacts, facts: CoreFacts | EventFacts | undefined): void {
  if (facts === undefined) return;
  for (const d of facts.dates) into.dates.add(d);
  for (const d of facts.weekdays) into.weekdays.add(d);
  for (const c of facts.countries) into.countries.add(c);
  if (isEventFacts(facts)) {
    for (const [c, n] of facts.countryReports) into.countryReports.set(c, (into.countryReports.get(c) ?? 0) + n);
    into.countryReporters += facts.countryReporters;
  } else {
    for (const c of facts.countries) into.countryReports.set(c, (into.countryReports.get(c) ?? 0) + 1);
    if (facts.countries.size > 0) into.countryReporters++;
  }
  for (const o of facts.says) into.says.add(o);
  for (const [kind, terms] of facts.exclusive) {
    const set = into.exclusive.get(kind) ?? new Set<string>();
    for (const t of terms) set.add(t);
    into.exclusive.set(kind, set);
  }
}
