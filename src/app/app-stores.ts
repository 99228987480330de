import type { Env, Settings } from "../config/index.js";
import { type NewsStores, sqliteNewsStores } from "../pipeline/news-pipeline.js";
import { type AlertEventSource, createSqliteAlertEventSource } from "../store/alert-events-repo.js";
import { type BriefingEditStore, createSqliteBriefingEditStore } from "../store/briefing-edits-repo.js";
import { type ChatFilterStore, createSqliteChatFilterStore } from "../store/chat-filters-repo.js";
import type { Db } from "../store/database.js";
import { createSqliteDigestSource, type DigestSource } from "../store/digest-repo.js";
import { createSqliteOutboxStore, type OutboxStore } from "../store/outbox-repo.js";
import type { EitherStore } from "../store/port.js";
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
  };
}
