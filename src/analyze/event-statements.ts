/**
 * What a report's title (or, when the title is silent, its first sentence) says of its event on
 * an axis where one event has one answer: how it ended, what the occasion was, what was launched,
 * who took the measure. Two reports answering one axis differently are about two events, however
 * alike they read: the failed satellite launch and the successful one; the military parade and the
 * leaders' talks beside it; the missile test and the satellite launch of one morning; Seoul
 * suspending part of a pact and Pyongyang scrapping it the next day; a summit called off and the
 * same summit back on; a nuclear test and the demolition of the site it was held at.
 */
export type Statement =
  | "failed"
  | "succeeded"
  | "parade"
  | "talks"
  | "missile"
  | "satellite"
  | "cancelled"
  | "on"
  | "offered"
  | "rejected"
  | "tested"
  | "dismantled"
  | "launch"
  | "meeting"
  | `by:${string}`;

/** An axis: which of its answers a statement is, if any. */
type Axis = (s: Statement) => boolean;
const among =
  (...answers: Statement[]): Axis =>
  (s) =>
    answers.includes(s);
const AXES: readonly Axis[] = [
  among("failed", "succeeded"),
  among("parade", "talks"),
  among("missile", "satellite"),
  among("cancelled", "on"),
  // A proposal and its rejection the next day: Tokyo seeking a summit, Pyongyang refusing any talks.
  among("offered", "rejected"),
  among("tested", "dismantled"),
  // A launch whose kind the text does not say (Japan's alert "after North Korea's launch"): one answer, never at odds.
  among("launch"),
  // A meeting of ministers or of the Council, not of leaders ("talks"): one answer, never at odds.
  among("meeting"),
  // Who takes a measure: Seoul suspending part of a pact and Pyongyang scrapping it are two events.
  (s) => s.startsWith("by:"),
];

/** How the text says the thing ended, in either language (folded). */
const FAILED =
  /\b(fail|fails|failed|failure|crash|crashes|crashed|collapse|collapses|collapsed|no deal|without a deal|no agreement|without an agreement|that bai|khong co thoa thuan|khong dat duoc thoa thuan)\b/;
const SUCCEEDED = /\b(success|successful|successfully|into orbit|thanh cong|vao quy dao)\b/;
/** Words before a success that make it an aim: a plan, an attempt, what will be. */
const INTENDED =
  /\b(plan|plans|planned|planning|aim|aims|aiming|attempt|attempts|bid|seek|seeks|seeking|try|tries|trying|will|would|ke hoach|du kien|du dinh|nham|se|no luc)\b/;
/** A military parade is an occasion of its own; leaders' talks on its day are another event. */
const PARADE = /\b(parade|parades|paraded|duyet binh|dieu binh)\b/;
const TALKS = /\b(talks|summit|summits|hoi dam|hoi kien|thuong dinh)\b/;
/**
 * What was launched ("tên lửa đẩy" is the carrier rocket, not a missile; a missile site or base
 * agreed on at talks is no launch).
 */
const MISSILE =
  /\b(missile|missiles|projectile|projectiles|rocket launchers?|guided weapons?|vat the bay|icbm|icbms|slbm|irbm|(?<!(?:bai thu|bai phong|co so|can cu) )ten lua(?! day)|hoa tien|phao phan luc|vu khi dan duong)\b(?! (?:engine |test |launch )*(?:site|sites|facility|facilities|base|bases|complex|programs?|programmes?))/;
/** A weapons programme ("chương trình hạt nhân và tên lửa", "its nuclear and missile programmes") is no launch. */
const PROGRAMME =
  /\b(chuong trinh (?:vu khi )?(?:hat nhan va )?ten lua|(?:nuclear and )?missile programs?|(?:nuclear and )?missile programmes?)\b/g;
/**
 * Missiles in a threat, a plan or a capability ("considering a missile strike on Guam", "a
 * warhead that fits inside its missiles", "dọa tấn công"): no launch, unless the text says one
 * was fired.
 */
const THREATENED =
  /\b(strike(?! drills?\b)|strikes|attack|attacks|considering|examining|warhead|warheads|threatens? to|threatened to|doa|de doa|tan cong|dau dan)\b/;
const FIRED = /\b(fires|fired|firing|launch|launches|launched|test fires?|test fired|phong|ban)\b/;
/** The Council's resolutions named as what is to be enforced: no meeting of it. */
const RESOLUTIONS =
  /\b(nghi quyet (?:\S+ ){0,3}(?:cua )?hoi dong bao an|security council resolutions?|resolutions? of the (?:un |u n )?security council)\b/g;
/** Ministers, envoys or the Security Council meeting: news of its own, even about a launch. */
const MEETING =
  /\b(meeting|meetings|communique|security council|hoi nghi|cuoc hop|hop khan|nhom hop|hoi dong bao an)\b/;
/** A launch told without what was launched; folded "phong" alone is also "phòng" (defence, office). */
const LAUNCH = /\b(launch|launches|launched|vu phong)\b(?! (?:pad|pads|site|sites|station|facility|facilities))/;
/**
 * Folded "ve tinh" is also "về tình(hình)", "về tinh thần", "về tình báo": about the situation,
 * the spirit, intelligence. Those are left out by the syllable after.
 */
const SATELLITE =
  /\b(satellite|satellites|space launch vehicle|ve tinh(?! (?:hinh|than|trang|cam|yeu|nguoi|huong|bao|thuong|nghia|ban|thai|the)\b))\b/;
/** A government's measure on an agreement, drills or a programme. */
const MEASURE =
  /\b(suspends?|suspended|suspension|scraps?|scrapped|restores?|restored|resumes?|resumed|withdraws?|withdrew|halts?|halted|silences?|silenced|switch(?:es|ed)? off|nullif(?:y|ies|ied)|dinh chi|huy bo|khoi phuc|noi lai|rut khoi|ngung|khong con bi rang buoc)\b/;

/**
 * A planned meeting called off, or said to go ahead: the cancelled summit and the same summit
 * back on a week later are two events of one story. (Folded Vietnamese "huy" alone is also
 * "chỉ huy", "phát huy", "huy động": only "hủy" of a meeting or "bị hủy" counts.)
 */
const CANCELLED =
  /\b(cancels?|cancell?ed|cancell?ation|calls? off|called off|huy (?:bo )?(?:hoi nghi|cuoc gap|chuyen tham|thuong dinh)|bi huy)\b/;
const ON =
  /\b(back on|goes ahead|will go ahead|will take place|still on|as planned|nhu ke hoach|xac nhan (?:thuong dinh|cuoc gap|hoi nghi))\b/;
/**
 * A nuclear test carried out, or a test site (roads, an office) blown up: the sixth nuclear test
 * and the demolition of its test site are two events, however alike their words. "bãi thử hạt
 * nhân" and "nuclear test site" name the site, not a test.
 */
const TESTED = /\b(nuclear test|(?<!bai )thu hat nhan|thu bom)\b(?! site| ground)/;
const DISMANTLED =
  /\b(dismantles?|dismantled|dismantlement|dismantling|demolish(?:es|ed)?|blows? up|blew up|pha huy|pha do|no tung|no sap)\b/;
/** Words just before a demolition that make it a pledge ("agrees to dismantle", "sẽ phá hủy"), not a deed. */
const PLEDGED =
  /\b((?<!(?:begins?|began|starts?|started) )to|will|nhat tri|cam ket|dong y|hua|se)(?: permanently| fully| completely| vinh vien| hoan toan)?\s*$/;

/** A meeting, drill or other occasion the text only times its news by: "fires ICBM ahead of S. Korea-Japan summit". */
const AHEAD_OF =
  /\b(?:ahead of|before|on the eve of|in the run up to|days before|hours before|truoc them|truoc khi|truoc)\s+(?:\S+\s+){0,16}?(?:summits?|talks|meetings?|hoi nghi thuong dinh|thuong dinh|hoi nghi|hoi dam|cuoc gap|cuoc hop)\b/g;
/**
 * A meeting the news happened while someone was at: "fired … while Yoon was attending the NATO
 * summit in Lithuania", "trong lúc Tổng thống … đang dự hội nghị thượng đỉnh NATO". ("trong khi
 * đó", meanwhile, tells news of its own.)
 */
const WHILE_AT =
  /\b(?:while|trong luc|trong khi(?! do\b))\s+(?:\S+\s+){0,12}?(?:summits?|talks|meetings?|hoi nghi thuong dinh|thuong dinh|hoi nghi|hoi dam|cuoc gap|cuoc hop)\b/g;
const OFFERED =
  /\b(offers?|offered|proposes?|proposed|proposal|seeks?|sought|wants? to meet|wish to meet|de nghi|de xuat|muon gap)\b/;
const REJECTED =
  /\b(rejects?|rejected|rebuffs?|rebuffed|refuses?|refused|turns? down|turned down|bac bo|tu choi|khuoc tu|gat bo)\b/;

/**
 * The statements of one folded text (a title or a first sentence); `actor`, the country the
 * report names first, takes any measure it states.
 */
export function statementsIn(folded: string, actor?: string): Statement[] {
  const out: Statement[] = [];
  if (actor !== undefined && MEASURE.test(folded)) out.push(`by:${actor}`);
  if (FAILED.test(folded)) out.push("failed");
  const success = SUCCEEDED.exec(folded);
  // "after notifying Japan of a plan to put a satellite into orbit" says what was meant, not how it ended.
  if (success !== null && !INTENDED.test(folded.slice(0, success.index))) out.push("succeeded");
  // An occasion the news is only timed by is not its occasion: the launch hours before a summit is a launch.
  const occasions = folded.replace(AHEAD_OF, " ").replace(WHILE_AT, " ");
  if (PARADE.test(occasions)) out.push("parade");
  if (TALKS.test(occasions)) out.push("talks");
  if (MEETING.test(occasions.replace(RESOLUTIONS, " "))) out.push("meeting");
  const launched = folded.replace(PROGRAMME, " ");
  if (MISSILE.test(launched) && (FIRED.test(folded) || !THREATENED.test(folded))) out.push("missile");
  if (SATELLITE.test(folded)) out.push("satellite");
  if (!out.includes("missile") && !out.includes("satellite") && LAUNCH.test(folded)) out.push("launch");
  if (CANCELLED.test(folded)) out.push("cancelled");
  else if (ON.test(folded)) out.push("on");
  const rejected = REJECTED.test(folded);
  if (rejected !== OFFERED.test(folded)) out.push(rejected ? "rejected" : "offered");
  const demolition = DISMANTLED.exec(folded);
  if (demolition !== null && !PLEDGED.test(folded.slice(0, demolition.index))) out.push("dismantled");
  else if (TESTED.test(folded)) out.push("tested");
  return out;
}

/** What a title may tell as its deed, and the gatherings a lead then only mentions as background. */
const DEEDS: readonly Statement[] = ["missile", "satellite", "launch", "dismantled", "tested"];
const GATHERINGS: readonly Statement[] = ["talks", "parade"];

/**
 * A report's statements: on each axis the title's answer when it gives one (a lead's "after two
 * failures" or "the talks followed the parade" is background), else the first sentence's.
 */
export function reportStatements(title: readonly Statement[], firstSentence: readonly Statement[]): Set<Statement> {
  const out = new Set<Statement>();
  // A title telling a deed makes the talks its lead mentions background ("fired a missile on
  // Wednesday, amid stalled talks with the United States"). A meeting it mentions stays news:
  // Seoul's security council convened over the launch is an occasion of its own.
  const deed = title.some((s) => DEEDS.includes(s));
  for (const axis of AXES) {
    const fromTitle = title.filter(axis);
    if (fromTitle.length === 0 && deed && GATHERINGS.some(axis)) continue;
    for (const s of fromTitle.length > 0 ? fromTitle : firstSentence.filter(axis)) out.add(s);
  }
  // At a meeting a measure is the parties' joint decision ("agreed to resume regular meetings"),
  // not one government's: the first country named is no actor.
  if (out.has("talks")) for (const s of out) if (s.startsWith("by:")) out.delete(s);
  return out;
}

/** Whether, on some axis, each says one answer and the answers differ. */
export function otherStatements(a: ReadonlySet<Statement>, b: ReadonlySet<Statement>): boolean {
  return AXES.some((axis) => {
    const x = [...a].filter(axis);
    const y = [...b].filter(axis);
    return x.length === 1 && y.length === 1 && x[0] !== y[0];
  });
}

/** What North Korea launched, as an event's reports say it ("unsaid": a launch, no word of what). */
export type LaunchKind = "missile" | "satellite" | "unsaid";

/** What makes an event news of its own even when it is about a launch. */
const OCCASIONS: readonly Statement[] = ["talks", "meeting", "parade"];

/** Statements that make an event a launch, a parade or a demolition, whatever talks it mentions. */
const NOT_MEETINGS: readonly Statement[] = ["missile", "satellite", "parade", "dismantled", "tested"];

/** Whether statements tell leaders or envoys meeting: talks, and nothing launched, paraded or blown up. */
export const tellsMeeting = (says: ReadonlySet<Statement>): boolean =>
  says.has("talks") && !NOT_MEETINGS.some((s) => says.has(s));

/** Whether statements tell talks, a meeting or a parade: news of its own, whatever it is about. */
export const tellsGathering = (says: ReadonlySet<Statement>): boolean => OCCASIONS.some((s) => says.has(s));

/** Whether statements tell a gathering or a government's measure: news of its own, whatever deed it answers. */
export const tellsOccasion = (says: ReadonlySet<Statement>): boolean =>
  tellsGathering(says) || [...says].some((s) => s.startsWith("by:"));

/**
 * The launch that statements tell as the news, if they tell one: a missile or a satellite, or a
 * launch without saying what (or saying both: Tokyo calls a satellite rocket a missile, and its
 * alert "after North Korea's failed launch" is the satellite's), and no talks, meeting, parade or government measure,
 * which are events of their own even when they answer a launch (Seoul suspending part of a pact
 * after the satellite went up; a Council meeting on the missile).
 */
export function launchSaid(says: ReadonlySet<Statement>): LaunchKind | undefined {
  if (tellsOccasion(says)) return undefined;
  const missile = says.has("missile");
  const satellite = says.has("satellite");
  if (missile !== satellite) return missile ? "missile" : "satellite";
  if (missile) return "unsaid";
  return says.has("launch") ? "unsaid" : undefined;
}

/** A government answering another's deed: regret, protest, condemnation (folded, either language). */
const REACTION =
  /\b(regret|regrets|regretted|condemn|condemns|condemned|protest|protests|protested|denounce|denounces|denounced|deplore|deplores|slam|slams|slammed|rebuke|rebukes|voices? concern|expresses concern|phan doi|lay lam tiec|len an|chi trich|bay to quan ngai)\b/;

/** Words a reaction's subject may take before its verb: "South Korea's foreign ministry strongly condemns". */
const SUBJECT_WORDS = 6;

/**
 * Whether a title opens with a reaction, its subject answering another's deed ("Seoul voices
 * regret", "Nhật Bản phản đối"), not telling the deed and then the answers to it ("North Korea
 * says it put a satellite into orbit; Seoul, Tokyo condemn").
 */
export function tellsReaction(folded: string): boolean {
  const verb = REACTION.exec(folded);
  return verb !== null && folded.slice(0, verb.index).split(" ").filter(Boolean).length <= SUBJECT_WORDS;
}
