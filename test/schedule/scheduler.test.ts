import { describe, expect, it } from "vitest";
import { createOutboxRelay, type DeliverySender } from "../../src/delivery/outbox-relay.js";
import { chatId, type Logger, type Subscription } from "../../src/domain/index.js";
import { alertDocument } from "../../src/pipeline/alert-document.js";
import { everyMinutesCron, ingestCadence, startScheduler } from "../../src/schedule/scheduler.js";
import { createSqliteAlertEventSource } from "../../src/store/alert-events-repo.js";
import { createSqliteOutboxStore } from "../../src/store/outbox-repo.js";
import { createSqliteSchedulerCursor } from "../../src/store/scheduler-cursor-repo.js";
import { createSqliteSubscriptionStore } from "../../src/store/subscriptions-repo.js";
import { anEvent, aStore, aSubscription } from "../support/store-fixtures.js";
import { deliveryRows } from "../support/store-rows.js";
import { useTempDir } from "../support/temp-dir.js";

const tempDir = useTempDir();

function recordingLogger(messages: string[]): Logger {
  const log = (a: object | string, b?: string) => void messages.push(typeof a === "string" ? a : (b ?? ""));
  const logger: Logger = { error: log, warn: log, info: log, debug: log, child: () => logger };
  return logger;
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i += 1) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
}

describe("the scheduler", () => {
  it("on start: returns interrupted sends to pending, catches up a missed briefing, alerts after ingest, skips an overlapping ingest, stops cleanly", async () => {
    const db = aStore(tempDir());
    const clock = { now: Date.parse("2026-11-23T03:00:00Z") }; // 10:00 in Hanoi
    const sub = aSubscription(db, { chat: "100", times: ["07:00"], alerts: true });
    const outbox = createSqliteOutboxStore(db);
    outbox.enqueue({
      subscriptionId: sub,
      platform: "telegram",
      chatId: chatId("100"),
      slot: "2026-11-22T07:00@Asia/Ho_Chi_Minh",
      kind: "briefing",
      document: "{}",
      parts: ["yesterday's, interrupted by a crash"],
      events: [],
      now: 0,
    });
    outbox.claimDue(clock.now, 1);
    const cursor = createSqliteSchedulerCursor(db);
    cursor.write("briefing", Date.parse("2026-11-22T20:00:00Z")); // last ran at 03:00 local
    const sent: string[] = [];
    const sender: DeliverySender = {
      async send(row) {
        sent.push(row.payload);
        return { kind: "sent", messageId: String(row.id) };
      },
    };
    const relay = createOutboxRelay({ outbox, senders: { telegram: sender }, logger: recordingLogger([]), pollMs: 20 });
    let releaseIngest: () => void = () => {};
    let ingests = 0;
    const messages: string[] = [];
    const scheduler = startScheduler({
      outbox,
      cursor,
      subscriptions: createSqliteSubscriptionStore(db, { timezone: "UTC", lang: "vi", times: [] }) as {
        listActive(): Subscription[];
      },
      alertEvents: createSqliteAlertEventSource(db),
      ingest: () => {
        ingests += 1;
        return new Promise<void>((r) => {
          releaseIngest = r;
        });
      },
      analyze: () =>
        anEvent(db, {
          id: "ev1",
          headline: "Triều Tiên phóng tên lửa đạn đạo",
          reports: [{ source: "vne", at: clock.now }],
        }),
      buildBriefing: (_sub, slot) => ({ document: "{}", parts: [`briefing ${slot.key}`], events: [] }),
      buildAlert: (sub, event) => ({
        document: JSON.stringify(alertDocument(event, sub.lang)),
        parts: [`alert ${event.headline}`],
        events: [],
      }),
      relay,
      settings: {
        ingest: { intervalMinutes: 15 },
        schedule: { graceHours: 6 },
        alerts: { minOutlets: 3, withinHours: 2 },
      },
      logger: recordingLogger(messages),
      now: () => clock.now,
    });
    await until(() => sent.length === 2);
    expect(sent.sort()).toEqual(["briefing 2026-11-23T07:00@Asia/Ho_Chi_Minh", "yesterday's, interrupted by a crash"]);

    void scheduler.runIngest();
    expect(ingests).toBe(1);
    expect(messages).toContain("tick skipped: the previous run is still going");

    releaseIngest();
    await until(() => sent.length === 3);
    expect(sent[2]).toBe("alert Triều Tiên phóng tên lửa đạn đạo");
    await scheduler.stop();
    expect(deliveryRows(db).map((r) => r.state)).toEqual(["sent", "sent", "sent"]);
    db.close();
  });

  it("turns the ingest interval into a cron expression", () => {
    expect(everyMinutesCron(15)).toBe("*/15 * * * *");
    expect(everyMinutesCron(1)).toBe("* * * * *");
    expect(everyMinutesCron(120)).toBe("0 */2 * * *");
  });

  it("runs an interval cron cannot say (45 minutes) exactly every 45 minutes, not at :00 and :45", () => {
    const cadence = ingestCadence(45);
    expect(cadence.cron).toBe("* * * * *");
    const start = Date.UTC(2026, 11, 1, 0, 0);
    const due = Array.from({ length: 24 * 60 }, (_, i) => start + i * 60_000).filter((t) => cadence.isDue(t));
    const gaps = new Set(due.slice(1).map((t, i) => (t - (due[i] as number)) / 60_000));
    expect([...gaps]).toEqual([45]);
    expect(due.length).toBe(32);
    expect(ingestCadence(15)).toMatchObject({ cron: "*/15 * * * *" });
    expect(ingestCadence(15).isDue(start + 7 * 60_000)).toBe(true);
    expect(ingestCadence(90).cron).toBe("* * * * *");
  });
});
