import { WEEKDAY_NAMES } from "../../domain/index.js";
import type { SourceHealth } from "../../store/source-health-repo.js";
import type { CommandKit, CommandTable } from "../command-kit.js";
import { formatLocalDateTime, nextBriefingAt } from "../local-time.js";
import type { SourceLine } from "../reply.js";

function healthOf(source: SourceHealth, now: number): SourceLine["health"] {
  if (source.pausedUntil !== null && source.pausedUntil > now) return "paused";
  if (source.consecutiveFailures > 0) return "failing";
  return source.lastSuccessAt === null ? "never-fetched" : "ok";
}

/** /sources (each feed's health) and /status (this chat's settings and the next briefing). */
export function statusCommands(kit: CommandKit): Pick<CommandTable, "sources" | "status"> {
  return {
    sources: async (_args, ctx) => {
      const now = kit.deps.now();
      const sources = (await kit.deps.sourceHealth.all()).map(
        (s): SourceLine => ({
          name: s.name,
          health: healthOf(s, now),
          lastSuccessAt: s.lastSuccessAt,
          lastError: s.lastError,
        }),
      );
      return [{ kind: "sources", lang: await kit.langOf(ctx), sources }];
    },
    status: async (_args, ctx) => {
      const sub = await kit.subs.get(ctx);
      const lang = await kit.langOf(ctx, sub);
      const now = kit.deps.now();
      const stored = sub ?? (await kit.ensure(ctx));
      const next = stored.active ? nextBriefingAt(stored.times, stored.timezone, now, stored.weekly) : null;
      const topics = stored.active && stored.topics.length > 0 ? stored.topics.map((id) => kit.labels(lang, [id])) : [];
      return [
        {
          kind: "status",
          lang,
          active: stored.active,
          topics,
          times: stored.times,
          weekly: stored.weekly === null ? null : `${WEEKDAY_NAMES[lang][stored.weekly.weekday]} ${stored.weekly.time}`,
          timezone: stored.timezone,
          alerts: stored.alerts,
          nextBriefing: next === null ? null : formatLocalDateTime(next, stored.timezone, lang),
          lastIngestAt: await kit.deps.sourceHealth.lastIngestAt(),
          now,
        },
      ];
    },
  };
}
