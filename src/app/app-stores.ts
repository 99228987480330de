import type pg from "pg";
import type { Env, Settings } from "../config/index.js";
import { type NewsStores, sqliteNewsStores } from "../pipeline/news-pipeline.js";
import { type AlertEventSource, createSqliteAlertEventSource } from "../store/alert-events-repo.js";
import { type BriefingEditStore, createSqliteBriefingEditStore } from "../store/briefing-edits-repo.js";
import { type ChatFilterStore, createSqliteChatFilterStore } from "../store/chat-filters-repo.js";
import type { Db } from "../store/database.js";
import { createSqliteDigestSource, type DigestSource } from "../store/digest-repo.js";
import { createSqliteHealthRepo, type HealthRepo } from "../store/health-repo.js";
import { createSqliteOutboxStore, type OutboxStore } from "../store/outbox-repo.js";
import type { EitherStore } from "../store/port.js";
import { createPostgresAlertEventSource } from "../store/postgres/alert-events.js";
import { createPostgresBriefingEditStore } from "../store/postgres/briefing-edits.js";
import { createPostgresChatFilterStore } from "../store/postgres/chat-filters-store.js";
import { createPostgresDigestSource } from "../store/postgres/digest-source.js";
import { createPostgresEventStore } from "../store/postgres/event-store.js";
import { createPostgresHealthRepo } from "../store/postgres/health.js";
import { createPostgresIngestStore } from "../store/postgres/ingest-store.js";
import { createPostgresOutboxStore } from "../store/postgres/outbox-store.js";
import { createPostgresSchedulerCursor } from "../store/postgres/scheduler-cursor.js";
import { createPostgresSearchRepo } from "../store/postgres/search-repo.js";
import { createPostgresSourceHealthRepo } from "../store/postgres/source-health.js";
import { createPostgresStoryRepo } from "../store/postgres/story-repo.js";
import { createPostgresSubscriptionStore } from "../store/postgres/subscriptions-store.js";
import { createPostgresTelegramUpdateLog } from "../store/postgres/telegram-updates.js";
import { createSqliteSchedulerCursor, type SchedulerCursor } from "../store/scheduler-cursor-repo.js";
import { createSqliteSearchRepo, type SearchRepo } from "../store/search-repo.js";
import { createSqliteSourceHealthRepo, type SourceHealthRepo } from "../store/source-health-repo.js";
import { createSqliteStoryRepo, type StoryRepo } from "../store/story-repo.js";
import {
  createSqliteSubscriptionStore,
  type SubscriptionDefaults,
  type SubscriptionStore,
} from "../store/subscriptions-repo.js";
import { createSqliteTelegramUpdateLog, type TelegramUpdateLog } from "../store/telegram-updates-repo.js";

/**
 * Every store the running bot uses, on one database: each as its port, answered at once on
 * SQLite and with a Promise on PostgreSQL, so the chat, the scheduler and the adapters run the
 * same code on either.
 */
export interface AppStores {
  readonly news: NewsStores;
  readonly subscriptions: EitherStore<SubscriptionStore>;
  readonly filters: EitherStore<ChatFilterStore>;
  readonly search: EitherStore<SearchRepo>;
  readonly stories: EitherStore<StoryRepo>;
  readonly sourceHealth: EitherStore<SourceHealthRepo>;
  readonly digest: EitherStore<DigestSource>;
  readonly outbox: EitherStore<OutboxStore>;
  readonly cursor: EitherStore<SchedulerCursor>;
  readonly alertEvents: EitherStore<AlertEventSource>;
  readonly edits: EitherStore<BriefingEditStore>;
  readonly telegramUpdates: EitherStore<TelegramUpdateLog>;
  /** What /healthz and /metrics read. */
  readonly health: EitherStore<HealthRepo>;
}

/** New chats' settings: the configured zone, language and briefing times. */
export const subscriptionDefaults = (env: Env, settings: Settings): SubscriptionDefaults => ({
  timezone: env.BANTIN_TZ,
  lang: env.BANTIN_LANG,
  times: settings.schedule.defaultTimes,
});

/** The bot's stores on one SQLite file. */
export function sqliteAppStores(db: Db, defaults: SubscriptionDefaults): AppStores {
  return {
    news: sqliteNewsStores(db),
    subscriptions: createSqliteSubscriptionStore(db, defaults),
    filters: createSqliteChatFilterStore(db),
    search: createSqliteSearchRepo(db),
    stories: createSqliteStoryRepo(db),
    sourceHealth: createSqliteSourceHealthRepo(db),
    digest: createSqliteDigestSource(db),
    outbox: createSqliteOutboxStore(db),
    cursor: createSqliteSchedulerCursor(db),
    alertEvents: createSqliteAlertEventSource(db),
    edits: createSqliteBriefingEditStore(db),
    telegramUpdates: createSqliteTelegramUpdateLog(db),
    health: createSqliteHealthRepo(db),
  };
}

/**
 * The bot's stores on PostgreSQL. `workerId` names this process on the outbox rows it claims,
 * so a replica that dies leaves rows another can take once their lease runs out.
 */
export function postgresAppStores(pool: pg.Pool, defaults: SubscriptionDefaults, workerId: string): AppStores {
  return {
    news: { ingest: createPostgresIngestStore(pool), events: createPostgresEventStore(pool) },
    subscriptions: createPostgresSubscriptionStore(pool, defaults),
    filters: createPostgresChatFilterStore(pool),
    search: createPostgresSearchRepo(pool),
    stories: createPostgresStoryRepo(pool),
    sourceHealth: createPostgresSourceHealthRepo(pool),
    digest: createPostgresDigestSource(pool),
    outbox: createPostgresOutboxStore(pool, { workerId, presence: true }),
    cursor: createPostgresSchedulerCursor(pool),
    alertEvents: createPostgresAlertEventSource(pool),
    edits: createPostgresBriefingEditStore(pool),
    telegramUpdates: createPostgresTelegramUpdateLog(pool),
    health: createPostgresHealthRepo(pool),
  };
}
